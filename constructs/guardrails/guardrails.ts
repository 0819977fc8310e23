import { IConstruct } from "constructs";
import { Annotations, TerraformStack } from "../engine";
import { isUnresolved } from "../validation/field-checks";
import { TAGGABLE_RESOURCE_TYPES } from "../validation/provider-schema";
import {
  DATA_HOLDING_TYPES,
  FULL_ACCESS_SYSTEM_POLICIES,
  INTERNET_ENDPOINT_TYPES,
  isReadOnlyAction,
  VISIBILITY_ATTRIBUTES,
} from "./rules";

/**
 * Named exceptions to the guardrails. Each entry is a construct path (`prod/ProdRegistry/sandbox`); it covers that
 * construct and everything under it. Every exception that is used prints a warning at synth, so a waiver is never
 * silent; an exception that matches nothing is an error (it is stale or misspelt).
 */
export interface GuardrailExceptions {
  /** Data-holding resources allowed without `prevent_destroy`. @default none */
  readonly allowDestroy?: readonly string[];
  /** Repositories and namespaces allowed to be PUBLIC. @default none */
  readonly allowPublic?: readonly string[];
  /** Registries allowed an Internet endpoint. @default none */
  readonly allowInternetEndpoint?: readonly string[];
  /** Internet endpoints allowed a `/0` entry. @default none */
  readonly allowAnyIp?: readonly string[];
  /** RAM policies allowed `cr:*` or write actions on `*`. @default none */
  readonly allowBroadPolicies?: readonly string[];
  /** Resources allowed to miss required tags. @default none */
  readonly allowMissingTags?: readonly string[];
}

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
    for (const resource of resourcesOf(this.stack)) {
      this.checkProtection(resource);
      this.checkPolicy(resource);
      this.checkVisibility(resource);
      this.checkInternetEndpoint(resource);
      this.checkTags(resource);
    }
    this.reportExceptions();
    return this.problems;
  }

  private checkProtection({ construct, type, config }: Resource): void {
    if (!DATA_HOLDING_TYPES.includes(type)) return;
    const lifecycle = (config.lifecycle ?? {}) as Config;
    if (lifecycle.prevent_destroy === true) return;
    this.violate(
      construct,
      "allowDestroy",
      `lifecycle.prevent_destroy is not set: ${type} holds images and could be deleted`,
    );
  }

  private checkPolicy({ construct, type, config }: Resource): void {
    if (type.endsWith("_policy_attachment") && FULL_ACCESS_SYSTEM_POLICIES.includes(String(config.policy_name))) {
      this.violate(
        construct,
        "allowBroadPolicies",
        `attaches system policy ${String(config.policy_name)}, which grants cr:*`,
      );
      return;
    }
    if (type !== "alicloud_ram_policy" || typeof config.policy_document !== "string") return;
    let document: { Statement?: { Effect?: string; Action?: string | string[]; Resource?: string | string[] }[] };
    try {
      document = JSON.parse(config.policy_document);
    } catch {
      return; // a document built entirely from a token; the policy model validates its own documents
    }
    for (const [index, statement] of (document.Statement ?? []).entries()) {
      if (statement.Effect !== "Allow") continue;
      const actions = ([] as string[]).concat(statement.Action ?? []);
      const resources = ([] as string[]).concat(statement.Resource ?? []);
      const everything: string[] = actions.filter((a) => a === "*" || a === "cr:*");
      if (everything.length > 0) {
        this.violate(construct, "allowBroadPolicies", `Statement[${index}] allows ${everything.join(", ")}`);
      }
      const writes = actions.filter(
        (a) => !everything.includes(a) && !isReadOnlyAction(a) && a !== "cr:GetAuthorizationToken",
      );
      if (resources.includes("*") && writes.length > 0) {
        this.violate(
          construct,
          "allowBroadPolicies",
          `Statement[${index}] allows write actions ${writes.join(", ")} on "*"`,
        );
      }
    }
  }

  private checkVisibility({ construct, type, config }: Resource): void {
    const attribute = VISIBILITY_ATTRIBUTES[type];
    if (attribute && config[attribute] === "PUBLIC") {
      this.violate(construct, "allowPublic", `${attribute} is PUBLIC: anyone who reaches the endpoint can pull`);
    }
  }

  private checkInternetEndpoint({ construct, type, config }: Resource): void {
    const cidrs = INTERNET_ENDPOINT_TYPES[type]?.(config);
    if (!cidrs) return;
    this.violate(construct, "allowInternetEndpoint", `${type} opens the registry's Internet endpoint`);
    const anywhere = cidrs.filter((cidr) => cidr.endsWith("/0"));
    if (anywhere.length > 0) {
      this.violate(construct, "allowAnyIp", `allow-list entry ${anywhere.join(", ")} admits the whole Internet`);
    }
  }

  private checkTags({ construct, type, config }: Resource): void {
    if (!TAGGABLE_RESOURCE_TYPES.includes(type) || isUnresolved(config.tags)) return;
    const tags = (config.tags ?? {}) as Record<string, unknown>;
    const required = this.options.requiredTags ?? ["environment", "owner", "managed-by"];
    const missing = required.filter((key) => tags[key] === undefined || tags[key] === "");
    if (missing.length > 0)
      this.violate(construct, "allowMissingTags", `missing required tag(s) ${missing.join(", ")}`);
  }

  private violate(construct: IConstruct, exception: keyof GuardrailExceptions, rule: string): void {
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
    const kinds: (keyof GuardrailExceptions)[] = [
      "allowDestroy",
      "allowPublic",
      "allowInternetEndpoint",
      "allowAnyIp",
      "allowBroadPolicies",
      "allowMissingTags",
    ];
    for (const kind of kinds) {
      for (const entry of this.options[kind] ?? []) {
        // Exceptions may be shared by several stacks; each stack answers for the ones that name it.
        if (entry.split("/")[0] !== this.stack.node.id) continue;
        if (!this.used.has(`${kind}\u0000${entry}`)) {
          this.problems.push(
            `guardrails.${kind} = "${entry}": matches no resource that needs it; remove the stale exception`,
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
