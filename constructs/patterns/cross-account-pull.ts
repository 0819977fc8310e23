import { Construct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { EnterpriseRegistryBase, IEnterpriseRegistry } from "../registry/enterprise-registry";
import { checkNamespace, checkRegistry } from "../registry/references";
import { checkProvider, providerOrDefault } from "../validation/references";
import { INamespace, NamespaceBase } from "../registry/namespace";
import { FieldChecks, isUnresolved } from "../validation/field-checks";
import { Arn } from "../access/arn";
import { CREDENTIAL_HELPER_ALL_RESOURCE_ACTIONS } from "./cluster-pull-access";
import { Grantee, IGrantee } from "../access/grantee";
import { PolicyDocument, PolicyStatement } from "../access/policy-document";
import { RamRole } from "../access/ram-role";
import { addGrant, Grant } from "../access/grant";
import { legacyGrantPaths, pathBelowStack } from "../access/grantee-policy";
import { grantRepositoryAccess } from "../access/repository-grant";
import { ACCOUNT_ID, RAM_ROLE_NAME } from "../../validation/rules";

/** Properties of a {@link CrossAccountPull}. */
export interface CrossAccountPullProps {
  /** The registry (in account B) the cluster pulls from. */
  readonly registry: IEnterpriseRegistry;
  /** Provider of the registry's account B: the new role and its pull policy are created there. */
  readonly registryAccountProvider: AlicloudProvider;
  /** Provider of the cluster's account A: the AssumeRole policy and its attachment are created there. */
  readonly consumerAccountProvider: AlicloudProvider;
  /** UID (16 digits) of the cluster's account A. */
  readonly consumerAccountId: string;
  /**
   * The role in account A that assumes the new role: the cluster's worker role (self-managed credential helper,
   * `tokenMode: workerRole`) or the credential helper's RRSA role. Only this role is trusted, never A's root.
   */
  readonly consumerRoleName: string;
  /** Name of the new role in account B that the consumer assumes (1-64 letters, digits, `.` and `-`). */
  readonly roleName: string;
  /**
   * Longest session of the new role, 3600-43200 seconds. The credential-helper entry's `expireDuration` must not
   * exceed it (see {@link CrossAccountPull.sessionDurationSeconds}).
   * @default 3600
   */
  readonly maxSessionDurationSeconds?: number;
  /**
   * Narrow the pull to these namespaces of `registry`.
   * @default - every repository of the instance
   */
  readonly namespaces?: readonly INamespace[];
  /**
   * UID of account B, for ARNs.
   * @default registry.accountId
   */
  readonly registryAccountId?: string;
}

/**
 * Lets a cluster in account A pull from an Enterprise Edition registry in account B by assuming a role in B:
 * aliyun-acr-credential-helper's `assumeRoleARN` entry, from the worker role (self-managed, `tokenMode:
 * workerRole`) or an RRSA role.
 *
 * - In B: a {@link RamRole} trusted only by `acs:ram::<A>:role/<consumerRoleName>`, with a pull policy
 *   (`cr:GetAuthorizationToken`, `cr:ListInstanceEndpoint` on `*`; `cr:PullRepository` on the instance or the
 *   chosen namespaces).
 * - In A: a custom policy allowing `sts:AssumeRole` on exactly that role's ARN (as RAM reports it), attached to
 *   the consumer role. This replaces the documented `AliyunSTSAssumeRoleAccess`, which allows assuming any role.
 *
 * Put {@link assumeRoleArn} into the credential-helper entry's `assumeRoleARN`, and keep its `expireDuration` at
 * or below {@link sessionDurationSeconds}. Same-account pulls need no role: use {@link ClusterPullAccess}.
 */
export class CrossAccountPull extends Construct {
  /** The role in account B. */
  public readonly role: RamRole;
  /** The pull grant of the role in B, in the role's default policy. */
  public readonly pullGrant: Grant;
  /** The consumer role in account A. */
  public readonly consumerRole: IGrantee;
  /** The `sts:AssumeRole` grant in account A, in the consumer role's default policy there. */
  public readonly assumeRoleGrant: Grant;
  /**
   * The role's ARN for the credential helper's `assumeRoleARN`: `acs:ram::<B>:role/<roleName>` when account B's
   * UID is a literal, else the role's `arn` attribute (known after apply).
   */
  public readonly assumeRoleArn: string;
  /** Session limit of the role; the credential-helper entry's `expireDuration` must not exceed it. */
  public readonly sessionDurationSeconds: number;

  public constructor(scope: Construct, id: string, props: CrossAccountPullProps) {
    super(scope, id);
    // Unusable registries, providers and namespaces are reported by validateProps; what is built only reads them.
    const registry = props.registry instanceof EnterpriseRegistryBase ? props.registry : undefined;
    const registryAccountId = props.registryAccountId ?? registry?.accountId;
    const registryProvider = providerOrDefault(props.registryAccountProvider);
    const consumerProvider = providerOrDefault(props.consumerAccountProvider);
    this.sessionDurationSeconds = props.maxSessionDurationSeconds ?? 3600;
    const namespaces = usableNamespaces(props.namespaces, registry);
    // A malformed consumer role name is ConsumerRole's problem; the trust then names the consumer account instead,
    // so that the role's trust policy adds no follow-on (nothing is written while a problem stands).
    const nameCheck = new FieldChecks();
    nameCheck.name("consumerRoleName", props.consumerRoleName, RAM_ROLE_NAME);
    const trusted =
      nameCheck.problems.length === 0
        ? Arn.ramRole(props.consumerAccountId, props.consumerRoleName)
        : Arn.accountRoot(props.consumerAccountId);

    this.role = new RamRole(this, "Role", {
      roleName: props.roleName,
      trustPolicy: PolicyDocument.trust(
        PolicyStatement.allow({
          actions: ["sts:AssumeRole"],
          principal: { RAM: [trusted] },
        }),
      ),
      maxSessionDurationSeconds: this.sessionDurationSeconds,
      description: `Assumed by ${props.consumerAccountId}:role/${props.consumerRoleName} to pull images (acr-platform)`,
      provider: registryProvider,
    });
    this.assumeRoleArn =
      registryAccountId === undefined || isUnresolved(registryAccountId)
        ? this.role.roleArn
        : Arn.ramRole(registryAccountId, props.roleName);

    const { region = "", instanceId = "" } = registry ?? {};
    // With no usable namespace (a problem already reported) the grant is built instance-wide, so that its policy
    // does not add an "empty resource list" follow-on; nothing is written while a problem stands.
    const repositoryArns =
      namespaces.length === 0
        ? [Arn.crAllRepositoriesInInstance(region, registryAccountId ?? "", instanceId)]
        : namespaces.map((ns) =>
            Arn.crAllRepositoriesInNamespace(region, registryAccountId ?? "", instanceId, ns.namespaceName),
          );
    this.pullGrant = grantRepositoryAccess(this, this.role, {
      access: "pull",
      resourceArns: repositoryArns,
      allResourceActions: CREDENTIAL_HELPER_ALL_RESOURCE_ACTIONS,
      legacy: legacyGrantPaths(this, "PullGrant"),
    });

    this.consumerRole = Grantee.fromRoleName(this, "ConsumerRole", props.consumerRoleName, consumerProvider);
    // The ARN RAM reports for the role (`acs:ram::<B>:role/<name>`), so the policy names exactly that role.
    this.assumeRoleGrant = addGrant(this, {
      grantee: this.consumerRole,
      actions: ["sts:AssumeRole"],
      resourceArns: [this.role.roleArn],
      legacy: {
        policy: pathBelowStack(this, "AssumeRolePolicy"),
        attachment: pathBelowStack(this, "AssumeRoleAttachment"),
      },
    });

    this.node.addValidation({ validate: () => validateProps(props, registryAccountId) });
  }
}

/** The namespaces to grant on: the given namespaces (of the registry, when it is one), each once. */
function usableNamespaces(given: unknown, registry: IEnterpriseRegistry | undefined): INamespace[] {
  const namespaces = Array.isArray(given)
    ? given.filter(
        (ns): ns is INamespace => ns instanceof NamespaceBase && (registry === undefined || ns.registry === registry),
      )
    : [];
  return [...new Set(namespaces)];
}

/** Every prop problem, as `field = value: rule` messages. */
function validateProps(props: CrossAccountPullProps, registryAccountId: string | undefined): string[] {
  const check = new FieldChecks();
  const registryOk = checkRegistry(check, props.registry);
  checkProvider(check, "registryAccountProvider", props.registryAccountProvider, true);
  checkProvider(check, "consumerAccountProvider", props.consumerAccountProvider, true);
  check.name("consumerAccountId", props.consumerAccountId, ACCOUNT_ID, { required: true });
  check.name("registryAccountId", props.registryAccountId, ACCOUNT_ID);
  if (props.consumerAccountProvider !== undefined && props.registryAccountProvider === props.consumerAccountProvider) {
    check.fail(
      "consumerAccountProvider",
      providerAddress(props.consumerAccountProvider),
      "is the same provider as registryAccountProvider, so both sides are one account; " +
        "use ClusterPullAccess for a same-account pull",
    );
  } else if (
    typeof props.consumerAccountId === "string" &&
    !isUnresolved(registryAccountId) &&
    !isUnresolved(props.consumerAccountId) &&
    registryAccountId === props.consumerAccountId
  ) {
    check.fail(
      "consumerAccountId",
      props.consumerAccountId,
      "is the registry's account too; use ClusterPullAccess for a same-account pull",
    );
  }
  const given = check.list("namespaces", props.namespaces);
  if (given?.length === 0) {
    check.fail("namespaces", [], "must list at least one namespace when set (omit it for the whole instance)");
  }
  given?.forEach((ns, i) => {
    if (!checkNamespace(check, `namespaces[${i}]`, ns, { required: true })) return;
    const namespace = ns as INamespace;
    if (registryOk && namespace.registry !== props.registry) {
      check.fail(`namespaces[${i}]`, namespace.node.path, `must be a namespace of ${props.registry.node.path}`);
    }
  });
  return check.messages();
}

/** How Terraform addresses the provider in a resource's `provider` meta-argument. */
function providerAddress(provider: AlicloudProvider): string {
  return provider.alias ? `alicloud.${provider.alias}` : "alicloud";
}
