import { Construct } from "constructs";
import { DataAlicloudRamRoles } from "../../.gen/providers/alicloud/data-alicloud-ram-roles";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import type { IEnterpriseRegistry } from "../registry/enterprise-registry";
import { FieldChecks, isUnresolved } from "../validation/field-checks";
import { checkProvider, providerOrDefault } from "../validation/references";
import { EnterpriseRegistryBase } from "../registry/enterprise-registry";
import { checkRegistry } from "../registry/references";
import { Arn } from "../access/arn";
import { Grantee } from "../access/grantee";
import type { Grant } from "../access/grant";
import { legacyGrantPaths } from "../access/grantee-policy";
import { grantRepositoryAccess } from "../access/repository-grant";

/**
 * Which RAM identity aliyun-acr-credential-helper uses to fetch registry tokens (its `tokenMode` install
 * parameter; `auto` picks `managedRole` for clusters created on or after 2023-04-03, `workerRole` before).
 */
export type CredentialHelperTokenMode = "workerRole" | "managedRole";

/** ACK's service role for the credential helper in `managedRole` mode. */
export const MANAGED_ACR_ROLE_NAME = "AliyunCSManagedAcrRole";

/**
 * Actions the credential helper needs besides `cr:GetAuthorizationToken`. `cr:ListInstanceEndpoint` is granted on
 * `*`: whether it accepts an instance ARN is unconfirmed, and it only lists endpoint addresses.
 */
export const CREDENTIAL_HELPER_ALL_RESOURCE_ACTIONS: readonly string[] = ["cr:ListInstanceEndpoint"];

/** Properties of a {@link ClusterPullAccess}. */
export interface ClusterPullAccessProps {
  /** The registries the cluster pulls from; all in the cluster's account (at least one). */
  readonly registries: readonly IEnterpriseRegistry[];
  /**
   * The cluster's worker RAM role (`KubernetesWorkerRole-<uuid>`, shown under Cluster Information > Cluster
   * Resources), a literal or the `worker_ram_role_name` of your own `alicloud_cs_managed_kubernetes`. The
   * provider's cluster data sources do not return it, so it cannot be looked up from a cluster id.
   * Required with `tokenMode: "workerRole"`, not allowed with `"managedRole"`.
   * @default - none
   */
  readonly workerRoleName?: string;
  /**
   * How the credential helper on the cluster gets its permissions. `workerRole`: a pull policy is attached to the
   * worker role. `managedRole`: the helper uses ACK's service role `AliyunCSManagedAcrRole`, whose system policy
   * already allows same-account pulls; nothing is granted, `terraform plan` only checks that the role exists.
   * @default "workerRole"
   */
  readonly tokenMode?: CredentialHelperTokenMode;
  /**
   * The provider of the cluster's (and the registries') account: the policy, attachment or lookup is made there.
   * @default - the stack's default provider
   */
  readonly provider?: AlicloudProvider;
}

/**
 * Lets an ACK cluster pull, through aliyun-acr-credential-helper, from Enterprise Edition registries in the same
 * account. For a registry in another account use {@link CrossAccountPull}.
 *
 * - `tokenMode: "workerRole"` attaches one least-privilege policy to the worker role: `cr:GetAuthorizationToken`
 *   and `cr:ListInstanceEndpoint` on `*` (the first is documented as all-resources-only), `cr:PullRepository` on
 *   `acs:cr:<region>:<uid>:repository/<instanceId>/*` of each registry. Alibaba's recipe grants all three on `*`;
 *   its ACS guide narrows the pull to the instance, as done here.
 * - `tokenMode: "managedRole"` creates no policy: it reads `alicloud_ram_roles` for `AliyunCSManagedAcrRole`
 *   with a postcondition, so `terraform plan` fails with instructions when the role has not been authorised for
 *   ACK (the quick-authorisation link in the ACK console). Set the helper's `tokenMode` to match.
 */
export class ClusterPullAccess extends Construct {
  /** The token mode this access was built for. */
  public readonly tokenMode: CredentialHelperTokenMode;
  /** The worker role's pull grant, in its default policy (`workerRole` mode only). */
  public readonly grant?: Grant;
  /** The check that `AliyunCSManagedAcrRole` exists (`managedRole` mode only). */
  public readonly managedRoleLookup?: DataAlicloudRamRoles;

  public constructor(scope: Construct, id: string, props: ClusterPullAccessProps) {
    super(scope, id);
    this.tokenMode = props.tokenMode ?? "workerRole";
    // Only real registries are built on; the validation reports the others (and derives no follow-on from them).
    const registries = usableRegistries(props.registries);
    const provider = providerOrDefault(props.provider);
    if (this.tokenMode === "workerRole" && props.workerRoleName !== undefined && registries.length > 0) {
      const workerRole = Grantee.fromRoleName(this, "WorkerRole", props.workerRoleName, provider);
      this.grant = grantRepositoryAccess(this, workerRole, {
        access: "pull",
        resourceArns: registries.map((r) => Arn.crAllRepositoriesInInstance(r.region, r.accountId, r.instanceId)),
        allResourceActions: CREDENTIAL_HELPER_ALL_RESOURCE_ACTIONS,
        legacy: legacyGrantPaths(this, "PullGrant"),
      });
    } else if (this.tokenMode === "managedRole") {
      this.managedRoleLookup = new DataAlicloudRamRoles(this, "ManagedAcrRole", {
        nameRegex: `^${MANAGED_ACR_ROLE_NAME}$`,
        provider,
        lifecycle: {
          postcondition: [
            {
              // `self` is this data source: exactly one role must match the anchored name.
              condition: "${length(self.roles) == 1}",
              errorMessage:
                `The ACK service role ${MANAGED_ACR_ROLE_NAME} does not exist in this account, so ` +
                'aliyun-acr-credential-helper with tokenMode "managedRole" cannot get registry tokens. ' +
                "Authorise the role for ACK with its quick-authorisation link (ACK console, or Alibaba's guide " +
                'on pulling images without a password), or use tokenMode "workerRole" with the worker role name.',
            },
          ],
        },
      });
    }
    this.node.addValidation({ validate: () => checkClusterPullAccess(props, this.tokenMode) });
  }
}

/** The given registries that are registries, for building; {@link checkClusterPullAccess} reports the rest. */
function usableRegistries(given: unknown): IEnterpriseRegistry[] {
  return Array.isArray(given) ? given.filter((r): r is IEnterpriseRegistry => r instanceof EnterpriseRegistryBase) : [];
}

function checkClusterPullAccess(props: ClusterPullAccessProps, tokenMode: CredentialHelperTokenMode): string[] {
  const check = new FieldChecks();
  const given = check.list("registries", props.registries, { required: true }) ?? [];
  if (Array.isArray(props.registries) && given.length === 0) {
    check.fail("registries", [], "must list at least one registry");
  }
  given.forEach((registry, i) => checkRegistry(check, registry, `registries[${i}]`));
  const registries = usableRegistries(given);
  registries.forEach((registry, i) => {
    if (registries.indexOf(registry) !== i) {
      check.fail(`registries[${given.indexOf(registry, i)}]`, registry.node.path, "is listed more than once");
    }
  });
  checkProvider(check, "provider", props.provider);
  if (tokenMode === "workerRole") {
    if (props.workerRoleName === undefined) {
      check.fail(
        "workerRoleName",
        undefined,
        'is required with tokenMode "workerRole": the cluster\'s worker RAM role (KubernetesWorkerRole-...)',
      );
    } else if (registries.length > 0) {
      checkOneAccount(check, registries);
    }
  } else if (tokenMode === "managedRole") {
    if (props.workerRoleName !== undefined) {
      check.fail(
        "workerRoleName",
        props.workerRoleName,
        'must not be set with tokenMode "managedRole": the credential helper uses AliyunCSManagedAcrRole, ' +
          "so no policy is attached to the worker role",
      );
    }
  } else {
    check.fail("tokenMode", tokenMode, 'must be "workerRole" or "managedRole"');
  }
  return check.messages();
}

// The worker role's policy lives in one account, so every registry must be in it. Only literal account ids can
// be compared; a looked-up id is the provider's own account.
function checkOneAccount(check: FieldChecks, registries: readonly IEnterpriseRegistry[]): void {
  const literal = [...new Set(registries.map((r) => r.accountId).filter((a) => !isUnresolved(a)))];
  if (literal.length > 1) {
    check.fail(
      "registries",
      registries.map((r) => r.node.path),
      `must all be in the cluster's account (found accounts ${literal.join(", ")}); ` +
        "use CrossAccountPull for a registry in another account",
    );
  }
}
