import { IConstruct } from "constructs";
import { Annotations, TerraformStack } from "../engine";
import { isUnresolved, renderProblem } from "../validation/field-checks";
import {
  DEFAULT_REQUIRED_TAGS,
  evaluateRules,
  EXCEPTION_KEYS,
  ExceptionKey,
  GuardrailExceptions,
  RuleContext,
} from "./rules";

export type { GuardrailExceptions };

/** Options of {@link applyGuardrails}. */
export interface GuardrailOptions extends GuardrailExceptions {
  /**
   * Tag keys every taggable resource must carry.
   * @default ["environment", "owner", "managed-by"]
   */
  readonly requiredTags?: readonly string[];
}

type Config = Record<string, unknown>;
interface Resource {
  readonly construct: IConstruct;
  readonly type: string;
  readonly config: Config;
}

/**
 * Makes synthesis of `stack` fail when it breaks a platform rule: data-holding resources without
 * `prevent_destroy`; RAM statements with `cr:*` or a write action on `*` (and full-access system policies);
 * public repositories or namespaces; an Internet endpoint, or a `/0` entry in it; missing required tags. Each
 * problem names the construct path, the rule and the exception that would waive it.
 */
export function applyGuardrails(stack: TerraformStack, options: GuardrailOptions = {}): void {
  stack.node.addValidation({ validate: () => new GuardrailCheck(stack, options).run() });
}

class GuardrailCheck {
  private readonly problems: string[] = [];
  private readonly used = new Set<string>();

  public constructor(
    private readonly stack: TerraformStack,
    private readonly options: GuardrailOptions,
  ) {}

  public run(): string[] {
    const context: RuleContext = {
      requiredTags: this.options.requiredTags ?? DEFAULT_REQUIRED_TAGS,
      isUnresolved,
    };
    for (const { construct, type, config } of resourcesOf(this.stack)) {
      for (const finding of evaluateRules({ type, body: config }, context)) {
        const exception = finding.rule.exception;
        if (exception === undefined)
          Annotations.of(construct).addWarning(`guardrail ${finding.rule.id}: ${finding.message}`);
        else this.violate(construct, exception, finding.message);
      }
    }
    this.reportExceptions();
    return this.problems;
  }

  private violate(construct: IConstruct, exception: ExceptionKey, rule: string): void {
    // Name the construct a user wrote (the parent of a construct's "Resource"), which also covers the resource.
    const scope = construct.node.scope;
    const path = construct.node.id === "Resource" && scope ? scope.node.path : construct.node.path;
    const waiver = (this.options[exception] ?? []).find((entry) => path === entry || path.startsWith(`${entry}/`));
    if (waiver !== undefined) {
      this.used.add(`${exception}\u0000${waiver}`);
      Annotations.of(construct).addWarning(`guardrail waived by ${exception} "${waiver}": ${rule}`);
      return;
    }
    this.problems.push(`guardrail: [${path}] ${rule}; to allow it, add "${path}" to guardrails.${exception}`);
  }

  private reportExceptions(): void {
    for (const kind of EXCEPTION_KEYS) {
      for (const entry of this.options[kind] ?? []) {
        // Exceptions may be shared by several stacks; each stack answers for the ones that name it.
        if (entry.split("/")[0] !== this.stack.node.id) continue;
        if (!this.used.has(`${kind}\u0000${entry}`)) {
          this.problems.push(
            renderProblem({
              field: `guardrails.${kind}`,
              value: entry,
              rule: "matches no resource that needs it; remove the stale exception",
            }),
          );
        }
      }
    }
  }
}

function resourcesOf(stack: TerraformStack): Resource[] {
  const found: Resource[] = [];
  for (const construct of stack.node.findAll()) {
    const candidate = construct as IConstruct & { terraformResourceType?: string; toTerraform?: () => Config };
    if (typeof candidate.terraformResourceType !== "string" || typeof candidate.toTerraform !== "function") continue;
    const body = candidate.toTerraform().resource as Record<string, Record<string, Config>> | undefined;
    if (!body) continue; // data sources and providers synthesize under other keys
    const [config] = Object.values(body[candidate.terraformResourceType] ?? {});
    if (config) found.push({ construct, type: candidate.terraformResourceType, config });
  }
  return found;
}
