import {
  CREDENTIAL_HELPER_DEFAULTS,
  CredentialHelperConfig,
  CredentialHelperConfigError,
  renderServiceAccounts,
  renderWatchNamespaces,
  validateCredentialHelperConfig,
} from "./config";
import { sortKeysDeep } from "../validation";

/**
 * One `AcrInstanceInfo` entry of the managed add-on. `instanceId` and `regionId` are confirmed in public code (an
 * install that came back active with its config echoed); the other keys are known only as console labels, and for
 * same-account use the docs say to leave them empty, so they are written only when set.
 */
export interface ManagedAcrInstanceInfo {
  readonly instanceId: string;
  readonly regionId: string;
  readonly domains?: string;
  readonly assumeRoleARN?: string;
  readonly expireDuration?: number;
  readonly rrsaRoleARN?: string;
  readonly rrsaOIDCProviderRoleARN?: string;
}

/**
 * The JSON `config` of the managed add-on `managed-aliyun-acr-credential-helper`. `enableRRSA`,
 * `expiringThreshold`, `serviceAccount` and `watchNamespace` are confirmed in public code; `notifyEmail` is a
 * console label ("no configuration is required"), written only when set. There is no official key table: check
 * with the `alicloud_cs_kubernetes_addon_metadata` data source's `config_schema`.
 */
export interface ManagedCredentialHelperAddonConfig {
  readonly AcrInstanceInfo: readonly ManagedAcrInstanceInfo[];
  readonly enableRRSA: boolean;
  readonly expiringThreshold: string;
  readonly notifyEmail?: string;
  readonly serviceAccount: string;
  readonly watchNamespace: string;
}

/**
 * Keys {@link renderManagedAddonConfig} always writes (the confirmed ones), so a setting removed from code is
 * reset server-side. `AcrInstanceInfo` is written whole, so its entries' optional keys are reset with it.
 */
export const MANAGED_CONFIG_KEYS: readonly (keyof ManagedCredentialHelperAddonConfig)[] = [
  "AcrInstanceInfo",
  "enableRRSA",
  "expiringThreshold",
  "serviceAccount",
  "watchNamespace",
];

/**
 * Renders `config` as the managed add-on's config object (keys sorted, so `JSON.stringify` is deterministic).
 *
 * The add-on MERGES `config` into its server-side configuration: a key left out of the JSON keeps its old value.
 * So the confirmed keys are always written, with their documented defaults (`default`, `15m`, the cluster's
 * region) when not set. The keys known only as console labels are left out unless set, as the docs ask for
 * same-account use; `AcrInstanceInfo` is one array replaced as a whole, so dropping e.g. `assumeRoleArn` from an
 * entry does reset it. Only a top-level `notifyEmail` removed from code stays set in the add-on.
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
      // Same account: the add-on finds the domains from the instance id; the docs ask to leave the field empty.
      ...ifSet("domains", crossesAccounts(entry) ? entry.domains?.join(",") : undefined),
      ...ifSet("assumeRoleARN", entry.assumeRoleArn),
      ...ifSet("expireDuration", entry.expireDurationSeconds),
      ...ifSet("rrsaRoleARN", entry.rrsaRoleArn),
      ...ifSet("rrsaOIDCProviderRoleARN", entry.rrsaOidcProviderRoleArn),
    })),
    enableRRSA: config.rrsa ?? false,
    expiringThreshold: config.expiringThreshold ?? CREDENTIAL_HELPER_DEFAULTS.expiringThreshold,
    ...ifSet("notifyEmail", config.notifyEmail),
    serviceAccount: renderServiceAccounts(config),
    watchNamespace: renderWatchNamespaces(config),
  });
}

/** True when the entry reaches an instance of another account (AssumeRole or RRSA). */
function crossesAccounts(entry: CredentialHelperConfig["registries"][number]): boolean {
  return entry.assumeRoleArn !== undefined || entry.rrsaRoleArn !== undefined;
}

/** `{ [key]: value }` when `value` is set (not undefined or empty), else nothing. */
function ifSet<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined || value === "" ? {} : ({ [key]: value } as Record<K, V>);
}
