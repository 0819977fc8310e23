import { Construct } from "constructs";
import { CsKubernetesAddon } from "../../.gen/providers/alicloud/cs-kubernetes-addon";
import { DataAlicloudCsKubernetesAddonMetadata } from "../../.gen/providers/alicloud/data-alicloud-cs-kubernetes-addon-metadata";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { CredentialHelperConfig, validateCredentialHelperConfig } from "../../charts/credential-helper/config";
import {
  ManagedCredentialHelperAddonConfig,
  renderManagedAddonConfig,
} from "../../charts/credential-helper/managed-config";
import { Annotations } from "../engine";
import { FieldChecks } from "../validation/field-checks";
import { checkProvider } from "../validation/references";
import { addonConfigKeys, addonConfigSchemaPostcondition } from "./addon-config-schema-check";

/** Name of the managed edition add-on in the ACK add-on API. */
export const MANAGED_CREDENTIAL_HELPER_ADDON = "managed-aliyun-acr-credential-helper";

/** Properties of {@link ManagedCredentialHelper}: the shared credential-helper configuration plus the cluster. */
export interface ManagedCredentialHelperProps extends CredentialHelperConfig {
  /** ACK cluster id (a literal, or the `id` of an `alicloud_cs_managed_kubernetes` in the same stack). */
  readonly clusterId: string;
  /**
   * Add-on version; a different version upgrades the add-on. When set, the config's keys are checked at plan time
   * against that version's config schema (see {@link ManagedCredentialHelper.configSchema}).
   * @default - the version ACK installs (computed); no config schema check
   */
  readonly version?: string;
  /**
   * The alicloud provider (account and region of the cluster).
   * @default - the stack's default provider
   */
  readonly provider?: AlicloudProvider;
}

/**
 * The managed edition of aliyun-acr-credential-helper on an ACK cluster: `alicloud_cs_kubernetes_addon` named
 * `managed-aliyun-acr-credential-helper`, with the same typed configuration as the self-managed ConfigMap
 * (`AcrConfiguration` in charts/) rendered as the add-on's JSON `config`.
 *
 * Key names (`AcrInstanceInfo`, `enableRRSA`, `watchNamespace`, `serviceAccount`, `expiringThreshold`,
 * `notifyEmail`) are observed in public Terraform/CLI code and the console, not in an official key table
 * (UNCONFIRMED). With a `version`, an `alicloud_cs_kubernetes_addon_metadata` lookup reads that version's
 * `config_schema` and its postcondition fails `terraform plan` when a written key is not declared there; the add-on
 * depends on the lookup, so a lookup deferred to apply (a cluster id known only then) still fails before install.
 *
 * The add-on MERGES `config` into its server-side configuration, so a key removed from code would keep its old
 * value. This construct therefore always writes every known key: unset settings get their documented default, or
 * an explicit empty value (`""`, `[]`, `false`) when there is none; removing a setting from code resets it.
 *
 * Managed-edition limits are enforced: cross-account pulls need RRSA (an `assumeRoleArn` entry must also carry the
 * RRSA ARNs), `webhook` and `acrApiVersion` are self-managed only (install the add-on
 * `acr-credential-helper-webhook` for immediate ServiceAccount injection). Only one edition can be installed per
 * cluster. String tokens (e.g. a new instance's id in the same stack) are allowed: Terraform resolves them inside
 * the JSON string.
 */
export class ManagedCredentialHelper extends Construct {
  /** The underlying Terraform resource, for overrides. */
  public readonly resource: CsKubernetesAddon;
  /** The rendered add-on configuration (before `JSON.stringify`); empty when the props have problems. */
  public readonly addonConfig?: ManagedCredentialHelperAddonConfig;
  /** The lookup of the add-on version's config schema, with the key check; only when `version` is set. */
  public readonly configSchema?: DataAlicloudCsKubernetesAddonMetadata;

  public constructor(scope: Construct, id: string, props: ManagedCredentialHelperProps) {
    super(scope, id);
    const { clusterId, version, provider, ...config } = props;
    const { problems, warnings } = validateCredentialHelperConfig(config, "managed");
    for (const warning of warnings) Annotations.of(this).addWarning(warning);
    this.node.addValidation({
      validate: () => [...checkClusterProps(clusterId, version, provider), ...problems],
    });
    this.addonConfig = problems.length === 0 ? renderManagedAddonConfig(config) : undefined;
    // The data source needs a version: without one the schema to check against is not known at plan time.
    if (version !== undefined && this.addonConfig !== undefined) {
      const { condition, errorMessage } = addonConfigSchemaPostcondition(
        MANAGED_CREDENTIAL_HELPER_ADDON,
        version,
        addonConfigKeys(this.addonConfig),
      );
      this.configSchema = new DataAlicloudCsKubernetesAddonMetadata(this, "ConfigSchema", {
        clusterId,
        name: MANAGED_CREDENTIAL_HELPER_ADDON,
        version,
        provider,
        lifecycle: { postcondition: [{ condition, errorMessage }] },
      });
    }
    this.resource = new CsKubernetesAddon(this, "Resource", {
      clusterId,
      name: MANAGED_CREDENTIAL_HELPER_ADDON,
      version,
      // Keys are sorted by the renderer, so the string (and the plan) does not change between runs.
      config: this.addonConfig !== undefined ? JSON.stringify(this.addonConfig) : undefined,
      provider,
      dependsOn: this.configSchema ? [this.configSchema] : undefined,
    });
  }
}

/** ACK cluster ids: `c` and lowercase letters and digits (the id also ends the cluster's RRSA provider name). */
const CLUSTER_ID = /^c[a-z0-9]+$/;

// The props the construct adds to the shared configuration, whose own problems validateCredentialHelperConfig finds.
function checkClusterProps(clusterId: unknown, version: unknown, provider: unknown): string[] {
  const check = new FieldChecks();
  if (check.string("clusterId", clusterId, { required: true }) && !CLUSTER_ID.test(clusterId)) {
    check.fail("clusterId", clusterId, "must be an ACK cluster id: c followed by lowercase letters and digits");
  }
  if (check.string("version", version) && !/^[^\s]+$/.test(version)) {
    check.fail("version", version, "must be an add-on version such as v24.03.19.1-3f4ce3c-aliyun, without spaces");
  }
  checkProvider(check, "provider", provider);
  return check.messages();
}
