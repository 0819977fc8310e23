import { Construct } from "constructs";
import { CrEeSyncRule } from "../../.gen/providers/alicloud/cr-ee-sync-rule";
import { FieldChecks, isUnresolved } from "../validation/field-checks";
import { forceNewAttributes } from "../validation/provider-constraints";
import type { IEnterpriseRegistry } from "./enterprise-registry";
import type { INamespace } from "./namespace";
import type { IRepository } from "./repository";
import {
  boundedName,
  checkRegex,
  checkScope,
  namespaceNameOf,
  nonEmpty,
  repositoryNameOf,
  scopeDependencies,
} from "./policy-support";
import { Annotations } from "../engine";
import { checkReplicationTarget } from "./replication-target";
import { claimName } from "../validation/unique-names";
import {
  ACCOUNT_ID,
  EE_NAMESPACE_NAME,
  EE_REPOSITORY_NAME,
  INSTANCE_ID,
  POLICY_RULE_NAME,
  REGION_ID,
} from "../../validation/rules";

const SYNC_RULE_TYPE = "alicloud_cr_ee_sync_rule";

/**
 * Where a {@link ReplicationRule} copies images to: an Enterprise Edition instance in another region, or in
 * another account.
 */
export interface ReplicationTarget {
  /** Id of the target instance, `cri-...` (a token when the target is created in the same app). */
  readonly instanceId: string;
  /** Region id of the target instance, e.g. `cn-shanghai`. */
  readonly region: string;
  /**
   * Namespace in the target instance. For automatic namespace-wide replication it must exist and auto-create
   * repositories (ACR guide); checked when it is declared in the app, else a warning (see {@link ReplicationRule}).
   */
  readonly namespace: string;
  /**
   * Repository in the target instance; required exactly when the rule names a source repository. For automatic
   * replication it must exist (checked when its namespace is declared in the app).
   * @default - namespace-wide replication
   */
  readonly repository?: string;
  /**
   * UID of the account that owns the target instance, for cross-account replication (`target_user_id`).
   * That account must consent first; see {@link ReplicationRule}.
   * @default - the target is in the source instance's account
   */
  readonly accountId?: string;
}

/** Options of a replication rule added with `registry.replicateTo()`; the source side of the rule. */
export interface ReplicationRuleOptions {
  /** Source namespace whose images are replicated (a namespace of the source registry, or its name). */
  readonly namespace: INamespace;
  /**
   * Source repository; replicates only this repository (then `target.repository` is required too).
   * @default - every repository of the namespace
   */
  readonly repository?: IRepository;
  /**
   * Regular expression that selects the tags to replicate.
   * @default ".*" - every tag
   */
  readonly tagFilter?: string;
  /**
   * Rule name, 1-64 lowercase letters, digits and `_ - .`. ForceNew: changing it replaces the rule.
   * @default - `<namespace>[-<repository>]-to-<target region>-<target namespace>[-<target repository>]`, shortened
   *   with a hash past 64 characters; built only from values that are ForceNew themselves, so it never changes
   *   unless the rule is replaced anyway
   */
  readonly ruleName?: string;
  /**
   * Replicate each matching image as soon as it is pushed (`sync_trigger = PASSIVE`); `false` creates a rule
   * that only runs when triggered by hand (`INITIATIVE`).
   * @default true
   */
  readonly automatic?: boolean;
}

/** Properties of a {@link ReplicationRule}. */
export interface ReplicationRuleProps extends ReplicationRuleOptions {
  /** The source instance (Advanced edition: the service replicates only from Advanced instances). */
  readonly registry: IEnterpriseRegistry;
  /** Where images are replicated to. */
  readonly target: ReplicationTarget;
}

/**
 * An image replication (sync) rule of an Enterprise Edition instance (`alicloud_cr_ee_sync_rule`): images pushed
 * to the source namespace (or repository) whose tags match `tagFilter` are copied to a target instance in another
 * region or account. Only images pushed after the rule exists are replicated; older ones need a manual sync task.
 *
 * **Almost everything is ForceNew** ({@link ReplicationRule.FORCE_NEW_ATTRIBUTES}, read from the vendored
 * constraints): editing the source, target, tag filter, trigger or name destroys the rule and creates a new one.
 * That is harmless for data (replicated images stay), but pushes during the swap are not replicated. The default
 * rule name is built only from ForceNew values, so it changes only when the rule is replaced anyway.
 *
 * `target_user_id` is the one argument that is not ForceNew, and provider 1.289.0 has no update for this resource:
 * an edit would be recorded in state without reaching the cloud. It is therefore applied at creation and ignored
 * afterwards ({@link ReplicationRule.IGNORED_AFTER_CREATE}); pointing a rule at another account means another
 * target instance, which replaces the rule anyway.
 *
 * **Cross-account replication** (Alibaba Cloud "Cross-account instance synchronization" guide):
 * - source account (this stack): this rule, with `target.accountId` set to the target account UID; the source
 *   instance must be an Advanced edition instance;
 * - target account: grants consent before the rule is created, by creating a RAM role and an access policy that
 *   allow the source account to replicate into its instance. The role's required name, trust principal and
 *   policy actions are not given in the material we have: UNCONFIRMED, follow the current guide and declare the
 *   role in the target account's stack (e.g. with `RamRole`), so this stack depends on it only by convention.
 * Replication within one account needs no authorization. The provider docs also ask for the registry (login)
 * password to be set on the source instance before sync rules are used (whether that still applies to Enterprise
 * Edition is not documented).
 *
 * **Target precondition** (ACR guide, automatic synchronization): by namespace, the target namespace must exist and
 * auto-create repositories; by repository, the target repository must exist. Otherwise the rule is created and
 * images are silently not replicated. For automatic rules, when the target namespace is declared anywhere in the
 * app (same instance id and name) a broken precondition is a validation error; when it is not, synthesis warns
 * with the fix.
 */
export class ReplicationRule extends Construct {
  /** Arguments whose change replaces the rule (provider 1.289.0, from `constraints.json`). */
  public static readonly FORCE_NEW_ATTRIBUTES: readonly string[] = forceNewAttributes(SYNC_RULE_TYPE);

  /** Arguments applied at creation and then ignored, because the provider cannot update them. */
  public static readonly IGNORED_AFTER_CREATE: readonly string[] = ["target_user_id"];

  /** The underlying Terraform resource, for overrides. */
  public readonly resource: CrEeSyncRule;
  /** The source instance. */
  public readonly registry: IEnterpriseRegistry;
  /** The rule name as synthesized. */
  public readonly ruleName: string;

  public constructor(scope: Construct, id: string, props: ReplicationRuleProps) {
    super(scope, id);
    this.registry = props.registry;
    const namespaceName = namespaceNameOf(props.namespace);
    const repositoryName = repositoryNameOf(props.repository);
    // A missing target is reported below; the resource is still built so that every other problem shows too.
    const target = props.target ?? ({} as ReplicationTarget);
    const derived = defaultRuleName(namespaceName, repositoryName, target);
    this.ruleName = props.ruleName ?? derived ?? "";

    this.resource = new CrEeSyncRule(this, "Resource", {
      instanceId: props.registry?.instanceId,
      namespaceName,
      repoName: repositoryName,
      syncRuleName: this.ruleName,
      syncScope: repositoryName !== undefined ? "REPO" : "NAMESPACE",
      syncTrigger: (props.automatic ?? true) ? "PASSIVE" : "INITIATIVE",
      tagFilter: props.tagFilter ?? ".*",
      targetInstanceId: target.instanceId,
      targetRegionId: target.region,
      targetNamespaceName: target.namespace,
      targetRepoName: target.repository,
      targetUserId: target.accountId,
      dependsOn: nonEmpty(scopeDependencies(props.namespace, props.repository)),
      lifecycle:
        target.accountId !== undefined ? { ignoreChanges: [...ReplicationRule.IGNORED_AFTER_CREATE] } : undefined,
    });

    // Validation may run more than once; the warning is added on the first run only.
    let warned = false;
    const duplicates =
      this.ruleName === ""
        ? () => []
        : claimName(props.registry, "replication rule name", this.ruleName, this, "ruleName");
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        const scopeOk = checkScope(check, props.registry, props.namespace, props.repository, undefined, {
          namespace: true,
        });
        if (props.ruleName === undefined && derived === undefined) {
          check.fail("ruleName", undefined, "must be set when a source or target name is an unresolved token");
        }
        check.name("ruleName", props.ruleName, POLICY_RULE_NAME);
        checkRegex(check, "tagFilter", props.tagFilter);
        check.boolean("automatic", props.automatic);
        check.object("target", props.target, { required: true });
        check.name("target.instanceId", target.instanceId, INSTANCE_ID, { required: props.target !== undefined });
        check.name("target.region", target.region, REGION_ID, { required: props.target !== undefined });
        check.name("target.namespace", target.namespace, EE_NAMESPACE_NAME, { required: props.target !== undefined });
        check.name("target.repository", target.repository, EE_REPOSITORY_NAME);
        check.name("target.accountId", target.accountId, ACCOUNT_ID);
        // Provider code: repo_name and target_repo_name must be set together.
        if (scopeOk && (repositoryName === undefined) !== (target.repository === undefined)) {
          const [field, value] =
            repositoryName === undefined ? ["target.repository", target.repository] : ["repository", repositoryName];
          check.fail(field, value, "repository and target.repository must be set together (repository-level rule)");
        }
        // Equal strings are the same instance, literal or token: a new instance's id is one token, read twice.
        if (target.instanceId !== undefined && props.registry?.instanceId === target.instanceId) {
          check.fail("target.instanceId", target.instanceId, "must differ from the source instance");
        }
        if ((props.automatic ?? true) && props.target !== undefined) {
          const finding = checkReplicationTarget(this.node.root, props.target);
          if (finding.error) check.fail(...finding.error);
          if (finding.warning && !warned) Annotations.of(this).addWarning(finding.warning);
          warned = true;
        }
        return [...check.messages(), ...duplicates()];
      },
    });
  }
}

// Built only from ForceNew arguments (see the class doc), so the name changes only when the rule is replaced.
function defaultRuleName(
  namespace: string,
  repository: string | undefined,
  target: ReplicationTarget,
): string | undefined {
  const parts = [namespace, repository, target.region, target.namespace, target.repository];
  if (parts.some((p) => p !== undefined && isUnresolved(p))) return undefined;
  const source = repository === undefined ? namespace : `${namespace}-${repository}`;
  const destination = target.repository === undefined ? target.namespace : `${target.namespace}-${target.repository}`;
  return boundedName(`${source}-to-${target.region}-${destination}`.toLowerCase(), POLICY_RULE_NAME.maxLength);
}
