import {
  CREDENTIAL_HELPER_DEFAULTS,
  CredentialHelperConfig,
  CredentialHelperConfigError,
  renderServiceAccounts,
  renderWatchNamespaces,
  validateCredentialHelperConfig,
} from "./config";
import { sortKeysDeep } from "../validation";

/** One `AcrInstanceInfo` entry of the managed add-on, with every key present. */
export interface ManagedAcrInstanceInfo {
  readonly instanceId: string;
  readonly regionId: string;
  readonly domains: string;
  readonly assumeRoleARN: string;
  readonly expireDuration: number;
  readonly rrsaRoleARN: string;
  readonly rrsaOIDCProviderRoleARN: string;
}

/**
 * The JSON `config` of the managed add-on `managed-aliyun-acr-credential-helper`.
 *
 * The key names are observed in public Terraform/CLI code and the console labels, not in an official key table
 * (UNCONFIRMED; check them with the `alicloud_cs_kubernetes_addon_metadata` data source's `config_schema`).
 */
export interface ManagedCredentialHelperAddonConfig {
  readonly AcrInstanceInfo: readonly ManagedAcrInstanceInfo[];
  readonly enableRRSA: boolean;
  readonly expiringThreshold: string;
  readonly notifyEmail: string;
  readonly serviceAccount: string;
  readonly watchNamespace: string;
}

/** Keys {@link renderManagedAddonConfig} always writes, so a setting removed from code is reset server-side. */
export const MANAGED_CONFIG_KEYS: readonly (keyof ManagedCredentialHelperAddonConfig)[] = [
  "AcrInstanceInfo",
  "enableRRSA",
  "expiringThreshold",
  "notifyEmail",
  "serviceAccount",
  "watchNamespace",
];

/**
 * Renders `config` as the managed add-on's config object (keys sorted, so `JSON.stringify` is deterministic).
 *
 * The add-on MERGES `config` into its server-side configuration: a key left out of the JSON keeps its old value.
 * So every known key is always written: settings you did not set get their documented default (`default`,
 * `15m`, region of the cluster, expireDuration 3600) or, when there is none, an explicit empty value (`""`,
 * `[]`, `false`). Removing a setting from code therefore resets it instead of leaving it behind.
 *
 * @throws CredentialHelperConfigError listing every problem
 */
export function renderManagedAddonConfig(config: CredentialHelperConfig): ManagedCredentialHelperAddonConfig {
  const { problems } = validateCredentialHelperConfig(config, "managed");
  if (problems.length > 0) throw new CredentialHelperConfigError(problems, "managed credential helper");
  return sortKeysDeep({
    AcrInstanceInfo: config.registries.map((entry) => ({
      instanceId: entry.instanceId,
      regionId: entry.regionId ?? config.clusterRegionId,
      domains: entry.domains?.join(",") ?? "",
      assumeRoleARN: entry.assumeRoleArn ?? "",
      // 3600 is the documented default; 0 might not mean "default" to the add-on, so the default is explicit.
      expireDuration: entry.expireDurationSeconds ?? CREDENTIAL_HELPER_DEFAULTS.expireDurationSeconds,
      rrsaRoleARN: entry.rrsaRoleArn ?? "",
      rrsaOIDCProviderRoleARN: entry.rrsaOidcProviderRoleArn ?? "",
    })),
    enableRRSA: config.rrsa ?? false,
    expiringThreshold: config.expiringThreshold ?? CREDENTIAL_HELPER_DEFAULTS.expiringThreshold,
    notifyEmail: config.notifyEmail ?? "",
    serviceAccount: renderServiceAccounts(config),
    watchNamespace: renderWatchNamespaces(config),
  });
}
