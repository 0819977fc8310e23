import { Construct } from "constructs";
import { stringify } from "yaml";
import { ApiObject } from "cdk8s";
import {
  CREDENTIAL_HELPER_DEFAULTS,
  CredentialHelperConfig,
  renderEntry,
  renderServiceAccounts,
  renderWatchNamespaces,
  validateCredentialHelperConfig,
} from "./config";
import { addChartWarning, MANAGED_BY_LABELS } from "../chart-support";
import { configMap } from "../core-objects";

/** Name and namespace the self-managed aliyun-acr-credential-helper reads its configuration from. */
export const ACR_CONFIGURATION = { name: "acr-configuration", namespace: "kube-system" } as const;

/** Properties of {@link AcrConfiguration}: the shared credential-helper configuration. */
export type AcrConfigurationProps = CredentialHelperConfig;

/** YAML for the nested string values: block style, no line folding, so the component reads them as written. */
function nestedYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

/**
 * The `data` of `kube-system/acr-configuration` for `config` (keys sorted). `acr-registry-info`, `rrsa` and
 * `webhook-configuration` are YAML documents inside strings, built with the `yaml` library. `service-account`,
 * `watch-namespace` and `expiring-threshold` are always written (with the component defaults when unset), so the
 * effective values are visible in review; `rrsa`, `webhook-configuration`, `acr-api-version` and `notify-email`
 * only when set. Does not validate: {@link AcrConfiguration} does.
 */
export function renderAcrConfigurationData(config: CredentialHelperConfig): Record<string, string> {
  const data: Record<string, string> = {
    "acr-registry-info": nestedYaml(config.registries.map(renderEntry)),
    "expiring-threshold": config.expiringThreshold ?? CREDENTIAL_HELPER_DEFAULTS.expiringThreshold,
    "service-account": renderServiceAccounts(config),
    "watch-namespace": renderWatchNamespaces(config),
  };
  if (config.rrsa !== undefined) data.rrsa = nestedYaml({ enable: config.rrsa });
  if (config.webhook !== undefined) {
    data["webhook-configuration"] = nestedYaml({
      enable: config.webhook.enable ?? true,
      "failure-policy": config.webhook.failurePolicy ?? "Ignore",
      "timeout-seconds": config.webhook.timeoutSeconds ?? 10,
    });
  }
  if (config.acrApiVersion !== undefined) data["acr-api-version"] = config.acrApiVersion;
  if (config.notifyEmail !== undefined) data["notify-email"] = config.notifyEmail;
  // Code-unit order: the same on every runtime and locale, and no ICU collator to set up (~10 ms, once).
  return Object.fromEntries(
    Object.keys(data)
      .sort()
      .map((key) => [key, data[key]]),
  );
}

/**
 * ConfigMap `kube-system/acr-configuration` of the self-managed aliyun-acr-credential-helper (exact name: the
 * component looks it up). Covers every documented key: `service-account`, `watch-namespace`,
 * `expiring-threshold`, `acr-registry-info`, `rrsa`, `webhook-configuration`, `acr-api-version`, `notify-email`.
 *
 * The add-on installs a placeholder ConfigMap of that name; `kubectl apply` of this one replaces its data keys.
 * Problems are reported at synth (`node.validate`, all at once); warnings go to the chart's warning metadata.
 * Access-key mode is refused: a manifest never carries a secret.
 */
export class AcrConfiguration extends Construct {
  /** The rendered ConfigMap. */
  public readonly configMap: ApiObject;

  public constructor(scope: Construct, id: string, props: AcrConfigurationProps) {
    super(scope, id);
    const { problems, warnings } = validateCredentialHelperConfig(props, "self-managed");
    for (const warning of warnings) addChartWarning(this, warning);
    this.node.addValidation({ validate: () => problems });
    this.configMap = configMap(this, "Resource", {
      metadata: { ...ACR_CONFIGURATION, labels: { ...MANAGED_BY_LABELS } },
      // Invalid input is never written (validation fails first); rendering it must still not throw.
      data: problems.length === 0 ? renderAcrConfigurationData(props) : {},
    });
  }
}
