import { Construct } from "constructs";
import { ApiObject } from "cdk8s";
import { stringify } from "yaml";
import { addChartWarning, MANAGED_BY_LABELS } from "../chart-support";
import { RegistryFacts } from "../registry-facts";
import { Checks, checkNoTokens, durationSeconds } from "../validation";
import { checkCredentialSource, CredentialSource, renderCredentialSource } from "./image-settings";
import { DNS_LABEL } from "../../validation/rules";
import { configMap } from "../core-objects";

/** Name of the ConfigMap Image Updater reads `registries.conf` from (exact: Image Updater looks it up). */
export const IMAGE_UPDATER_CONFIG_MAP = "argocd-image-updater-config";

/**
 * Default `credsexpire`: ACR temporary tokens last one hour, so cached credentials are re-read before that.
 * Derived from the token lifetime, not an Alibaba- or Argo-documented recipe (UNCONFIRMED).
 */
export const DEFAULT_CREDS_EXPIRE = "50m";

/** One registry entry of `registries.conf`. */
export interface ImageUpdaterRegistry {
  /** Informational name, unique. */
  readonly name: string;
  /** Registry host: `api_url` is `https://<domain>` and the image prefix is the domain. */
  readonly domain: string;
  /**
   * Credentials for the registry.
   * @default - anonymous (ACR Enterprise Edition private repositories need credentials)
   */
  readonly credentials?: CredentialSource;
  /**
   * How long fetched credentials are cached (`credsexpire`), a duration such as `50m`.
   * @default "50m" when credentials are set
   */
  readonly credsExpire?: string;
  /**
   * Use this registry for images without a registry prefix.
   * @default false (not written)
   */
  readonly default?: boolean;
  /**
   * Skip TLS verification (a warning is printed).
   * @default false (not written)
   */
  readonly insecure?: boolean;
  /**
   * Default namespace for images without one (`defaultns`).
   * @default - none
   */
  readonly defaultNamespace?: string;
  /**
   * Rate limit in requests per second.
   * @default 20 (Image Updater's default; not written)
   */
  readonly limit?: number;
  /**
   * The endpoint {@link imageUpdaterRegistry} was asked for, kept so that validation reports an unknown one (the
   * helper itself never throws). Not written to registries.conf.
   * @default - not checked
   */
  readonly endpoint?: "vpc" | "public";
}

/** Options of {@link imageUpdaterRegistry}. */
export interface ImageUpdaterRegistryOptions {
  /**
   * Which endpoint Image Updater talks to: the VPC domain (Image Updater runs in a cluster of a linked VPC) or the
   * Internet domain.
   * @default "vpc"
   */
  readonly endpoint?: "vpc" | "public";
  /** @default - `<instanceId>-<endpoint>` */
  readonly name?: string;
  /** @default - anonymous */
  readonly credentials?: CredentialSource;
  /** @default "50m" when credentials are set */
  readonly credsExpire?: string;
  /** @default false */
  readonly default?: boolean;
}

/** The registries.conf entry of an Enterprise Edition instance, from its facts. */
export function imageUpdaterRegistry(
  facts: RegistryFacts,
  options: ImageUpdaterRegistryOptions = {},
): ImageUpdaterRegistry {
  const endpoint = options.endpoint ?? "vpc";
  return {
    name: options.name ?? `${facts.instanceId}-${endpoint}`,
    domain: endpoint === "vpc" ? facts.vpcDomain : facts.publicDomain,
    credentials: options.credentials,
    credsExpire: options.credsExpire,
    default: options.default,
    endpoint,
  };
}

/** Properties of {@link ImageUpdaterRegistriesConfig}. */
export interface ImageUpdaterRegistriesConfigProps {
  /**
   * Namespace Image Updater runs in.
   * @default "argocd"
   */
  readonly namespace?: string;
  /** Registries, one entry each. */
  readonly registries: readonly ImageUpdaterRegistry[];
}

const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::[0-9]+)?$/;

/** Every problem and warning of `props`. */
export function validateRegistriesConfig(props: ImageUpdaterRegistriesConfigProps): Checks {
  const check = new Checks();
  checkNoTokens(check, "", props);
  if (check.problems.length > 0) return check;
  check.name("namespace", props.namespace, DNS_LABEL);
  if (!Array.isArray(props.registries) || props.registries.length === 0) {
    check.fail("registries", props.registries, "must list at least one registry");
    return check;
  }
  props.registries.forEach((r, i) => {
    const f = `registries[${i}]`;
    if (!check.object<ImageUpdaterRegistry>(f, r, { required: true })) return;
    if (typeof r.name !== "string" || r.name === "") check.fail(`${f}.name`, r.name, "is required");
    check.oneOf(`${f}.endpoint`, r.endpoint, ["vpc", "public"]);
    if (typeof r.domain !== "string" || !DOMAIN.test(r.domain)) {
      check.fail(`${f}.domain`, r.domain, "must be a registry host name without scheme or path");
    }
    checkCredentialSource(check, `${f}.credentials`, r.credentials);
    if (r.credsExpire !== undefined) {
      const seconds = durationSeconds(r.credsExpire);
      if (seconds === undefined || seconds === 0) {
        check.fail(`${f}.credsExpire`, r.credsExpire, "must be a positive duration such as 50m");
      } else if (r.credentials?.kind === "ext" && seconds >= 3600) {
        check.warn(`${f}.credsExpire ${r.credsExpire}: ACR temporary tokens expire after 1 hour; re-read them sooner`);
      }
      if (r.credentials === undefined) check.fail(`${f}.credsExpire`, r.credsExpire, "applies only with credentials");
    }
    check.boolean(`${f}.default`, r.default);
    check.boolean(`${f}.insecure`, r.insecure);
    if (r.insecure === true) check.warn(`${f}.insecure: TLS verification is off for ${r.domain}`);
    check.integer(`${f}.limit`, r.limit, 1, 10000);
    if (r.defaultNamespace !== undefined && !/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(r.defaultNamespace)) {
      check.fail(`${f}.defaultNamespace`, r.defaultNamespace, "must be a registry namespace name");
    }
  });
  check.unique(
    "registries.name",
    props.registries.map((r) => r?.name),
    "registry name",
  );
  check.unique(
    "registries.domain",
    props.registries.map((r) => r?.domain),
    "prefix (each registry needs its own)",
  );
  if (props.registries.filter((r) => r?.default === true).length > 1) {
    check.fail("registries.default", true, "at most one registry can be the default");
  }
  return check;
}

/** The `registries.conf` text for `registries` (one entry each, fixed key order). */
export function renderRegistriesConf(registries: readonly ImageUpdaterRegistry[]): string {
  const entries = registries.map((r) => {
    const entry: Record<string, string | number | boolean> = {
      name: r.name,
      api_url: `https://${r.domain}`,
      prefix: r.domain,
    };
    if (r.defaultNamespace !== undefined) entry.defaultns = r.defaultNamespace;
    if (r.default === true) entry.default = true;
    if (r.insecure === true) entry.insecure = true;
    if (r.credentials !== undefined) {
      entry.credentials = renderCredentialSource(r.credentials);
      entry.credsexpire = r.credsExpire ?? DEFAULT_CREDS_EXPIRE;
    }
    if (r.limit !== undefined) entry.limit = r.limit;
    return entry;
  });
  return stringify({ registries: entries }, { lineWidth: 0 });
}

/**
 * ConfigMap `argocd/argocd-image-updater-config` with the `registries.conf` key: one entry per ACR domain, with
 * `api_url` `https://<domain>`, the domain as image prefix (VPC by default), credentials and `credsexpire`.
 *
 * If Image Updater is installed with its Helm chart, that chart owns the same ConfigMap (its
 * `config.registries` value); use one or the other, not both.
 */
export class ImageUpdaterRegistriesConfig extends Construct {
  public readonly configMap: ApiObject;

  public constructor(scope: Construct, id: string, props: ImageUpdaterRegistriesConfigProps) {
    super(scope, id);
    const check = validateRegistriesConfig(props);
    const problems = check.messages();
    for (const warning of check.warnings) addChartWarning(this, warning);
    this.node.addValidation({ validate: () => problems });
    this.configMap = configMap(this, "Resource", {
      metadata: {
        name: IMAGE_UPDATER_CONFIG_MAP,
        namespace: props.namespace ?? "argocd",
        labels: { ...MANAGED_BY_LABELS },
      },
      data: problems.length === 0 ? { "registries.conf": renderRegistriesConf(props.registries) } : {},
    });
  }
}
