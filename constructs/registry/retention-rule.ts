import { Construct } from "constructs";
import { CrArtifactLifecycleRule } from "../../.gen/providers/alicloud/cr-artifact-lifecycle-rule";
import { FieldChecks } from "../validation/field-checks";
import { forceNewAttributes } from "../validation/provider-constraints";
import type { IEnterpriseRegistry } from "./enterprise-registry";
import type { INamespace } from "./namespace";
import type { IRepository } from "./repository";
import {
  checkAtLeast,
  checkRegex,
  checkScope,
  namespaceNameOf,
  nonEmpty,
  repositoryNameOf,
  scopeDependencies,
} from "./policy-support";
import { claimName } from "../validation/unique-names";

const LIFECYCLE_RULE_TYPE = "alicloud_cr_artifact_lifecycle_rule";

/**
 * How often the clean-up runs (`schedule_time`). `WEEK` and `MONTH` are the values the provider's docs and
 * acceptance tests use; neither constraints.json nor the API docs list the allowed values, so others (e.g. a
 * daily run) are UNCONFIRMED and refused.
 */
export type RetentionSchedule = "WEEK" | "MONTH";

const SCHEDULES: readonly RetentionSchedule[] = ["WEEK", "MONTH"];

/** Options of a retention rule added with `namespace.addRetentionRule()` (or `registry.addRetentionRule()`). */
export interface RetentionRuleOptions {
  /** Number of most recent tags to keep (`retention_tag_count`); at least 1. The API documents no maximum. */
  readonly keepLastTags: number;
  /**
   * Regular expression of image tags, the API's "regular expression of the versions to retain" (`tag_regexp`).
   * How it combines with `keepLastTags` is not documented (UNCONFIRMED); the provider's example uses `.*`.
   * @default - not set
   */
  readonly tagFilter?: string;
  /**
   * How often the clean-up runs.
   * @default "WEEK"
   */
  readonly schedule?: RetentionSchedule;
  /**
   * Run on the schedule (`auto = true`); `false` keeps the rule for runs started by hand.
   * @default true
   */
  readonly automatic?: boolean;
  /**
   * Limit the rule to one repository of the namespace (`scope = REPO`).
   * @default - the whole namespace (or instance)
   */
  readonly repository?: IRepository;
}

/** Properties of a {@link RetentionRule}. */
export interface RetentionRuleProps extends RetentionRuleOptions {
  /** The instance whose tags are cleaned up. */
  readonly registry: IEnterpriseRegistry;
  /**
   * Limit the rule to one namespace (`scope = NAMESPACE`; the value is inferred, UNCONFIRMED: the docs show only
   * `REPO` and `INSTANCE`).
   * @default - the whole instance (`scope = INSTANCE`)
   */
  readonly namespace?: INamespace;
}

/**
 * An image retention (tag clean-up) rule of an Enterprise Edition instance (`alicloud_cr_artifact_lifecycle_rule`).
 *
 * It deletes tags: provider 1.289.0 always sends `EnableDeleteTag = true`, so once applied, tags beyond the kept
 * ones are removed on each run and cannot be restored. Tag immutability and `RemovalPolicy.PROTECT` on the
 * repository do not stop it. The scope follows from what is given: a repository (`REPO`), a namespace
 * (`NAMESPACE`) or neither (`INSTANCE`). One rule per scope; a second one on the same scope is refused.
 *
 * Only `instance_id` is ForceNew ({@link RetentionRule.FORCE_NEW_ATTRIBUTES}); everything else updates in place.
 */
export class RetentionRule extends Construct {
  /** Arguments whose change replaces the rule (provider 1.289.0, from `constraints.json`). */
  public static readonly FORCE_NEW_ATTRIBUTES: readonly string[] = forceNewAttributes(LIFECYCLE_RULE_TYPE);

  /** The underlying Terraform resource, for overrides. */
  public readonly resource: CrArtifactLifecycleRule;
  /** The instance whose tags are cleaned up. */
  public readonly registry: IEnterpriseRegistry;
  /** `INSTANCE`, `NAMESPACE` or `REPO`. */
  public readonly scope: "INSTANCE" | "NAMESPACE" | "REPO";

  public constructor(scope: Construct, id: string, props: RetentionRuleProps) {
    super(scope, id);
    this.registry = props.registry;
    const namespaceName = props.namespace === undefined ? undefined : namespaceNameOf(props.namespace);
    const repositoryName = repositoryNameOf(props.repository);
    this.scope = repositoryName !== undefined ? "REPO" : namespaceName !== undefined ? "NAMESPACE" : "INSTANCE";

    this.resource = new CrArtifactLifecycleRule(this, "Resource", {
      instanceId: props.registry?.instanceId,
      scope: this.scope,
      namespaceName,
      repoName: repositoryName,
      retentionTagCount: props.keepLastTags,
      tagRegexp: props.tagFilter,
      scheduleTime: props.schedule ?? "WEEK",
      auto: props.automatic ?? true,
      dependsOn: nonEmpty(scopeDependencies(props.namespace, props.repository)),
    });

    const target = [namespaceName, repositoryName].filter((p) => p !== undefined).join("/") || "(instance)";
    const duplicates = claimName(props.registry, "retention rule", target, this, "scope");
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        checkScope(check, props.registry, props.namespace, props.repository);
        checkAtLeast(check, "keepLastTags", props.keepLastTags, 1, true);
        checkRegex(check, "tagFilter", props.tagFilter);
        check.oneOf("schedule", props.schedule, SCHEDULES);
        check.boolean("automatic", props.automatic);
        return [...check.messages(), ...duplicates()];
      },
    });
  }
}
