import { parseEnterpriseDomain, RegistryFacts } from "../registry-facts";
import {
  Checks,
  checkNoTokens,
  durationSeconds,
  isTokenString,
  OIDC_PROVIDER_ARN_RULE,
  oidcProviderArnAccount,
  REDACTED,
  ROLE_ARN_RULE,
  roleArnAccount,
} from "../validation";
import { DNS_LABEL, DNS_SUBDOMAIN, INSTANCE_ID, REGION_ID } from "../../validation/rules";

/**
 * The typed configuration of aliyun-acr-credential-helper, shared by both editions: the self-managed ConfigMap
 * `kube-system/acr-configuration` ({@link AcrConfiguration}) and the managed add-on's JSON `config`
 * (`ManagedCredentialHelper` in constructs/cluster). One model, one validation, two renderers.
 *
 * Sources: Alibaba Cloud "Pull images without a password" and "Use the secret-free component to pull images across
 * accounts" (ACR/ACK docs): help/en/acr/user-guide/non-secret-pulling-container-image and
 * help/en/acr/user-guide/use-secret-free-components-to-pull-images-across-accounts on www.alibabacloud.com.
 */

/** One instance entry of `acr-registry-info` (self-managed) / `AcrInstanceInfo` (managed). */
export interface AcrRegistryInfoEntry {
  /**
   * Enterprise Edition instance id (`cri-...`), or `""` for a Personal Edition instance (the service's default
   * instance of the region).
   */
  readonly instanceId: string;
  /**
   * Region of the instance. Required when it differs from the cluster's region.
   * @default - the cluster's region
   */
  readonly regionId?: string;
  /**
   * Registry hostnames to produce credentials for; the image references of Pods must use one of them.
   * Enterprise Edition: `<name>-registry[-vpc].<region>.cr.aliyuncs.com`; Personal Edition:
   * `registry[-vpc].<region>.aliyuncs.com` or `registry-intl.<region>.aliyuncs.com`.
   * @default - every domain of the instance (public and VPC)
   */
  readonly domains?: readonly string[];
  /**
   * Cross-account: role in the registry owner's account to assume, `acs:ram::<uid>:role/<name>`.
   * @default - no role assumption (same account)
   */
  readonly assumeRoleArn?: string;
  /**
   * Lifetime of the cross-account temporary credentials in seconds; must not exceed the assumed role's maximum
   * session duration. The lower bound 900 is STS AssumeRole's minimum; the component docs state none
   * (UNCONFIRMED).
   * @default 3600 (component default)
   */
  readonly expireDurationSeconds?: number;
  /**
   * Maximum session duration of {@link assumeRoleArn} (3600-43200 s), only used to check
   * {@link expireDurationSeconds}; not rendered.
   * @default - unknown
   */
  readonly maxSessionDurationSeconds?: number;
  /**
   * RRSA: role in the cluster owner's account that the component assumes through OIDC.
   * @default - no RRSA
   */
  readonly rrsaRoleArn?: string;
  /**
   * RRSA: the cluster's OIDC provider ARN, `acs:ram::<uid>:oidc-provider/ack-rrsa-<clusterId>`.
   * @default - no RRSA
   */
  readonly rrsaOidcProviderRoleArn?: string;
  /**
   * Always refused: access-key mode (`customAccessKey`) would store a RAM user's AccessKey in plain text in the
   * ConfigMap and in Git. Use RRSA or role assumption instead.
   * @deprecated refused by validation; present only so a configuration copied from the docs fails clearly
   */
  readonly customAccessKey?: string;
  /**
   * Always refused, see {@link customAccessKey}. The value is never echoed in error messages.
   * @deprecated refused by validation
   */
  readonly customAccessKeySecret?: string;
  /**
   * The entry helper that built this entry and the options it was given, checked with the rest of the
   * configuration (the helpers never throw: their mistakes are reported as `registries[i].<option>`); not rendered.
   * @default - written by hand
   */
  readonly builtBy?: EntryHelperCall;
}

/** A call of {@link enterpriseRegistryEntry} or {@link personalEditionEntry}, kept for validation. */
export type EntryHelperCall =
  | { readonly helper: "enterpriseRegistryEntry"; readonly facts: unknown; readonly options: unknown }
  | { readonly helper: "personalEditionEntry"; readonly options: unknown };

/** The admission webhook that injects the pull secret into new ServiceAccounts (self-managed edition). */
export interface WebhookConfiguration {
  /**
   * Turn the webhook on. Needs component version v23.02.06.1-74e2172-aliyun or later.
   * @default true
   */
  readonly enable?: boolean;
  /**
   * What happens to ServiceAccount creation when the webhook fails. `Fail` can block ServiceAccount creation and
   * is not recommended by Alibaba (a warning is printed).
   * @default "Ignore"
   */
  readonly failurePolicy?: "Ignore" | "Fail";
  /**
   * Webhook timeout in seconds (Kubernetes allows 1-30).
   * @default 10
   */
  readonly timeoutSeconds?: number;
}

/** Configuration of aliyun-acr-credential-helper, for either edition. */
export interface CredentialHelperConfig {
  /** Region id of the cluster: entries in another region must name theirs (`regionId`). */
  readonly clusterRegionId: string;
  /** The instances to produce pull credentials for (`acr-registry-info` / `AcrInstanceInfo`). At least one. */
  readonly registries: readonly AcrRegistryInfoEntry[];
  /**
   * ServiceAccounts that get the pull secret in every watched namespace, or `"*"` for all of them.
   * @default ["default"]
   */
  readonly serviceAccounts?: readonly string[] | "*";
  /**
   * Namespaces the component works in. Alibaba advises listing business namespaces only.
   * @default ["default"]
   */
  readonly watchNamespaces?: readonly string[];
  /**
   * Watch every namespace (`all`). Only by explicit choice: Alibaba advises against it, so a warning is printed.
   * Exclusive with {@link watchNamespaces}.
   * @default false
   */
  readonly watchAllNamespaces?: boolean;
  /**
   * How long before expiry cached credentials are renewed, a duration such as `15m`.
   * @default "15m"
   */
  readonly expiringThreshold?: string;
  /**
   * Turn on RRSA for the component (`rrsa: enable: true` / `enableRRSA`). Enable RRSA on the cluster first.
   * @default - off (self-managed: key omitted; managed: `false`)
   */
  readonly rrsa?: boolean;
  /**
   * Self-managed only: the ServiceAccount admission webhook. The managed edition uses the separate add-on
   * `acr-credential-helper-webhook` instead.
   * @default - key omitted: webhook disabled
   */
  readonly webhook?: WebhookConfiguration;
  /**
   * Self-managed only: `acr-api-version`. Alibaba says to keep the add-on's default (`2018-12-01`).
   * @default - key omitted: the add-on's value stays
   */
  readonly acrApiVersion?: string;
  /**
   * `notify-email` / `notifyEmail`. Appears in every official example; its effect is not documented (UNCONFIRMED).
   * @default - not set
   */
  readonly notifyEmail?: string;
}

/** Which renderer the configuration is validated for. */
export type CredentialHelperEdition = "self-managed" | "managed";

/** Component defaults, written out explicitly so reviews and the managed add-on's merge see them. */
export const CREDENTIAL_HELPER_DEFAULTS = {
  serviceAccount: "default",
  watchNamespace: "default",
  expiringThreshold: "15m",
  expireDurationSeconds: 3600,
} as const;

/** Which endpoints of an Enterprise Edition instance an entry covers. */
export type RegistryEndpoints = "vpc" | "public" | "both";

const REGISTRY_ENDPOINTS: readonly RegistryEndpoints[] = ["vpc", "public", "both"];

/** Options of {@link enterpriseRegistryEntry}. */
export interface EnterpriseRegistryEntryOptions {
  /**
   * Domains to cover: the VPC one, the Internet one, or both.
   * @default "both"
   */
  readonly endpoints?: RegistryEndpoints;
  /**
   * Lifetime of cross-account credentials in seconds (with `assumeRoleArn` only).
   * @default 3600 when the facts carry assumeRoleArn, else not set
   */
  readonly expireDurationSeconds?: number;
}

/**
 * The entry of an Enterprise Edition instance, built from its facts: id, region, domains, and the facts'
 * cross-account (`assumeRoleArn`, with `expireDuration`) and RRSA settings.
 */
export function enterpriseRegistryEntry(
  facts: RegistryFacts,
  options: EnterpriseRegistryEntryOptions = {},
): AcrRegistryInfoEntry {
  // A JavaScript caller may pass anything: read what is readable and leave the rest to the entry's validation.
  const f: Partial<RegistryFacts> = typeof facts === "object" && facts !== null ? facts : {};
  const o: EnterpriseRegistryEntryOptions = typeof options === "object" && options !== null ? options : {};
  // An unknown value is reported (builtBy) and covers both domains meanwhile, so no domain problem follows from it.
  const endpoints = o.endpoints ?? "both";
  const domains = [
    ...(endpoints !== "public" ? [f.vpcDomain] : []),
    ...(endpoints !== "vpc" ? [f.publicDomain] : []),
  ].filter((d): d is string => d !== undefined);
  const crossAccount = f.assumeRoleArn !== undefined;
  return {
    instanceId: f.instanceId as string,
    regionId: f.regionId,
    domains,
    assumeRoleArn: f.assumeRoleArn,
    expireDurationSeconds:
      o.expireDurationSeconds ?? (crossAccount ? CREDENTIAL_HELPER_DEFAULTS.expireDurationSeconds : undefined),
    maxSessionDurationSeconds: f.sessionDurationSeconds,
    rrsaRoleArn: f.rrsaRoleArn,
    rrsaOidcProviderRoleArn: f.rrsaOidcProviderRoleArn,
    builtBy: { helper: "enterpriseRegistryEntry", facts, options },
  };
}

/** Options of {@link personalEditionEntry}. */
export interface PersonalEditionEntryOptions {
  /** Region of the Personal Edition instance. */
  readonly regionId: string;
  /**
   * Use the international domain `registry-intl.<region>.aliyuncs.com` (and `registry-intl-vpc`, whose existence
   * is UNCONFIRMED) instead of `registry[-vpc].<region>.aliyuncs.com`.
   * @default false
   */
  readonly international?: boolean;
  /**
   * Domains to cover.
   * @default - the public and VPC domains of the region
   */
  readonly domains?: readonly string[];
}

/**
 * The entry of the Personal Edition instance of a region (`instanceId: ""`). Only Personal Edition instances
 * created on or before 2024-09-08 work with the credential helper; newer ones (`crpi-...` domains) need an
 * image pull Secret (charts/pull-secret).
 */
export function personalEditionEntry(options: PersonalEditionEntryOptions): AcrRegistryInfoEntry {
  const o: Partial<PersonalEditionEntryOptions> = typeof options === "object" && options !== null ? options : {};
  const host = o.international === true ? "registry-intl" : "registry";
  // Domains are derived only from a usable region: a bad one is the regionId's problem, not also the domains'.
  const usable = isTokenString(o.regionId) || (typeof o.regionId === "string" && REGION_ID.pattern.test(o.regionId));
  const region = usable ? o.regionId : undefined;
  const derived = region !== undefined ? [`${host}.${region}.aliyuncs.com`, `${host}-vpc.${region}.aliyuncs.com`] : [];
  return {
    instanceId: "",
    regionId: o.regionId,
    domains: o.domains ?? (derived.length > 0 ? derived : undefined),
    builtBy: { helper: "personalEditionEntry", options },
  };
}

const PERSONAL_DOMAIN = /^registry(?:-intl)?(?:-vpc)?\.([a-z0-9-]+)\.aliyuncs\.com$/;
const PERSONAL_NEW_DOMAIN = /^crpi-[a-z0-9]+(?:-vpc)?\.([a-z0-9-]+)\.personal\.cr\.aliyuncs\.com$/;
const SYSTEM_NAMESPACES = ["kube-system", "kube-public", "kube-node-lease"];
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

/** Result of {@link validateCredentialHelperConfig}. */
export interface ConfigValidation {
  /** `field = value: rule` messages; the configuration must not be rendered when there is any. */
  readonly problems: string[];
  /** Advice that does not block rendering. */
  readonly warnings: string[];
}

/** Every problem and warning of `config` for `edition`, all at once. */
export function validateCredentialHelperConfig(
  config: CredentialHelperConfig,
  edition: CredentialHelperEdition,
): ConfigValidation {
  // The managed add-on's config goes through Terraform, which resolves string tokens; the ConfigMap does not.
  const check = new Checks(edition === "managed");
  // Refuse secrets before anything else looks at (and could echo) them.
  const redacted = {
    ...config,
    // builtBy repeats the entry's values (checked there) and the helper's options (checked with the entry).
    registries: (config.registries ?? []).map(({ builtBy: _builtBy, ...e }) => ({
      ...e,
      customAccessKey: e.customAccessKey === undefined ? undefined : REDACTED,
      customAccessKeySecret: e.customAccessKeySecret === undefined ? undefined : REDACTED,
    })),
  };
  checkNoTokens(check, "", redacted);
  if (check.problems.length > 0) return { problems: check.messages(), warnings: [] };

  check.name("clusterRegionId", config.clusterRegionId, REGION_ID, { required: true });
  checkServiceAccounts(check, config.serviceAccounts);
  checkNamespaces(check, config);
  checkEntries(check, config, edition);
  checkThreshold(check, config);
  check.boolean("rrsa", config.rrsa);
  check.boolean("watchAllNamespaces", config.watchAllNamespaces);
  if (config.notifyEmail !== undefined && !check.skipped(config.notifyEmail) && !EMAIL.test(config.notifyEmail)) {
    check.fail("notifyEmail", config.notifyEmail, "must be one e-mail address");
  }
  if (edition === "managed") {
    if (config.webhook !== undefined) {
      check.fail(
        "webhook",
        config.webhook,
        "is self-managed only; for the managed edition install the add-on acr-credential-helper-webhook",
      );
    }
    if (config.acrApiVersion !== undefined) {
      check.fail("acrApiVersion", config.acrApiVersion, "is self-managed only (acr-api-version)");
    }
  } else {
    checkWebhook(check, config.webhook);
    if (config.acrApiVersion !== undefined && !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(config.acrApiVersion)) {
      check.fail("acrApiVersion", config.acrApiVersion, "must be an API version date such as 2018-12-01");
    }
  }
  return { problems: check.messages(), warnings: [...check.warnings] };
}

function checkServiceAccounts(check: Checks, accounts: CredentialHelperConfig["serviceAccounts"]): void {
  if (accounts === undefined || accounts === "*") return;
  if (!Array.isArray(accounts) || accounts.length === 0) {
    check.fail("serviceAccounts", accounts, 'must be a non-empty list of ServiceAccount names, or "*"');
    return;
  }
  accounts.forEach((name, i) => {
    if (name === "*") check.fail(`serviceAccounts[${i}]`, name, 'use serviceAccounts: "*" alone for every account');
    else check.name(`serviceAccounts[${i}]`, name, DNS_SUBDOMAIN);
  });
  check.unique("serviceAccounts", accounts, "ServiceAccount");
}

function checkNamespaces(check: Checks, config: CredentialHelperConfig): void {
  const namespaces = config.watchNamespaces;
  if (config.watchAllNamespaces === true) {
    if (namespaces !== undefined) {
      check.fail("watchNamespaces", namespaces, "conflicts with watchAllNamespaces: true; set one of them");
    }
    check.warn(
      "watchAllNamespaces: the credential helper works in every namespace (watch-namespace: all); " +
        "Alibaba advises listing business namespaces only",
    );
    return;
  }
  if (namespaces === undefined) return;
  if (!Array.isArray(namespaces) || namespaces.length === 0) {
    check.fail("watchNamespaces", namespaces, "must be a non-empty list of namespaces (or set watchAllNamespaces)");
    return;
  }
  namespaces.forEach((ns, i) => {
    if (ns === "all") check.fail(`watchNamespaces[${i}]`, ns, "use watchAllNamespaces: true to watch every namespace");
    else check.name(`watchNamespaces[${i}]`, ns, DNS_LABEL);
    if (SYSTEM_NAMESPACES.includes(ns)) {
      check.warn(`watchNamespaces: ${ns} is a system namespace; Alibaba advises watching business namespaces only`);
    }
  });
  check.unique("watchNamespaces", namespaces, "namespace");
}

function checkEntries(check: Checks, config: CredentialHelperConfig, edition: CredentialHelperEdition): void {
  const entries = config.registries;
  if (!Array.isArray(entries) || entries.length === 0) {
    check.fail(
      "registries",
      entries,
      "must list at least one instance (enterpriseRegistryEntry(facts) or personalEditionEntry({ regionId }))",
    );
    return;
  }
  const domainOwners = new Map<string, number>();
  const instanceOwners = new Map<string, number>();
  entries.forEach((entry, i) => {
    const field = (name: string) => `registries[${i}].${name}`;
    // What a helper could not build from its arguments is reported once, as the argument, not as the entry's gaps.
    if (!checkHelperCall(check, entry.builtBy, field)) return;
    checkEntry(check, entry, field, config, edition);
    if (entry.instanceId) {
      const first = instanceOwners.get(entry.instanceId);
      if (first !== undefined) check.fail(field("instanceId"), entry.instanceId, `duplicate of registries[${first}]`);
      else instanceOwners.set(entry.instanceId, i);
    }
    for (const domain of entry.domains ?? []) {
      const first = domainOwners.get(domain);
      if (first !== undefined && first !== i) {
        check.fail(field("domains"), domain, `also listed by registries[${first}]`);
      } else domainOwners.set(domain, i);
    }
  });
  if (entries.some((e) => e.rrsaRoleArn !== undefined) && config.rrsa !== true) {
    check.fail("rrsa", config.rrsa, "must be true when an entry sets rrsaRoleArn (RRSA is off otherwise)");
  }
}

/** Checks the arguments of the helper that built an entry; false when the entry could not be built from them. */
function checkHelperCall(check: Checks, call: EntryHelperCall | undefined, field: (name: string) => string): boolean {
  if (call === undefined) return true;
  if (call.helper === "enterpriseRegistryEntry") {
    if (!check.object(field("facts"), call.facts, { required: true })) return false;
    if (check.object<EnterpriseRegistryEntryOptions>(field("options"), call.options)) {
      check.oneOf(field("endpoints"), call.options.endpoints, REGISTRY_ENDPOINTS);
    }
    return true;
  }
  if (!check.object<PersonalEditionEntryOptions>(field("options"), call.options, { required: true })) return false;
  check.required(field("regionId"), call.options.regionId);
  check.boolean(field("international"), call.options.international);
  return true;
}

function checkEntry(
  check: Checks,
  entry: AcrRegistryInfoEntry,
  field: (name: string) => string,
  config: CredentialHelperConfig,
  edition: CredentialHelperEdition,
): void {
  const accessKeyRule =
    "access-key mode is refused: it stores a RAM user's AccessKey in plain text in the configuration (and Git); " +
    "use RRSA (rrsa: true with rrsaRoleArn and rrsaOidcProviderRoleArn) or role assumption (assumeRoleArn, " +
    "self-managed with tokenMode workerRole)";
  if (entry.customAccessKey !== undefined) check.fail(field("customAccessKey"), REDACTED, accessKeyRule);
  if (entry.customAccessKeySecret !== undefined) check.fail(field("customAccessKeySecret"), REDACTED, accessKeyRule);

  const personal = entry.instanceId === "";
  if (typeof entry.instanceId !== "string") {
    check.fail(field("instanceId"), entry.instanceId, 'is required: cri-... for Enterprise Edition, "" for Personal');
  } else if (!personal) {
    check.name(field("instanceId"), entry.instanceId, INSTANCE_ID);
  }
  const before = check.problems.length;
  check.name(field("regionId"), entry.regionId, REGION_ID);
  const region = entry.regionId ?? config.clusterRegionId;
  // Domains are compared with the region only when it is one: a bad region is its own field's problem.
  const regionOk = check.problems.length === before && typeof region === "string" && REGION_ID.pattern.test(region);

  const domains = entry.domains;
  if (domains !== undefined && (!Array.isArray(domains) || domains.length === 0)) {
    check.fail(field("domains"), domains, "must list at least one domain, or be left unset for all of them");
  }
  const names = new Set<string>();
  const domainRegions = new Set<string>();
  (Array.isArray(domains) ? domains : []).forEach((domain, d) => {
    const where = `${field("domains")}[${d}]`;
    if (check.skipped(domain)) return;
    if (PERSONAL_NEW_DOMAIN.test(domain)) {
      check.fail(
        where,
        domain,
        "Personal Edition instances created from 2024-09-09 (crpi-... domains) are not supported by the credential " +
          "helper; use an image pull Secret (charts/pull-secret)",
      );
      return;
    }
    const ee = parseEnterpriseDomain(domain);
    const pe = PERSONAL_DOMAIN.exec(domain);
    if (personal && !pe) {
      check.fail(
        where,
        domain,
        `must be a Personal Edition domain registry[-vpc].${region}.aliyuncs.com or ` +
          `registry-intl.${region}.aliyuncs.com`,
      );
    } else if (!personal && !ee) {
      check.fail(where, domain, `must be an Enterprise Edition domain <name>-registry[-vpc].${region}.cr.aliyuncs.com`);
    } else {
      const domainRegion = ee ? ee.regionId : pe![1];
      domainRegions.add(domainRegion);
      if (ee) names.add(ee.instanceName);
      if (regionOk && domainRegion !== region && entry.regionId !== undefined && !check.skipped(region)) {
        check.fail(where, domain, `is in region ${domainRegion}, but regionId is ${entry.regionId}`);
      }
    }
  });
  if (names.size > 1) check.fail(field("domains"), domains, "must all belong to one instance (one instance name)");
  if (regionOk && entry.regionId === undefined && !check.skipped(config.clusterRegionId)) {
    const other = [...domainRegions].find((r) => r !== config.clusterRegionId);
    if (other !== undefined) {
      check.fail(
        field("regionId"),
        entry.regionId,
        `is required: the instance is in ${other}, the cluster in ${config.clusterRegionId}`,
      );
    }
  }

  const arnOk = (arn: string, account: (arn: string) => string | undefined) =>
    check.skipped(arn) || account(arn) !== undefined;
  if (entry.assumeRoleArn !== undefined && !arnOk(entry.assumeRoleArn, roleArnAccount)) {
    check.fail(field("assumeRoleArn"), entry.assumeRoleArn, ROLE_ARN_RULE);
  }
  check.integer(field("maxSessionDurationSeconds"), entry.maxSessionDurationSeconds, 3600, 43200);
  const expire = entry.expireDurationSeconds;
  if (expire !== undefined) {
    if (entry.assumeRoleArn === undefined) {
      check.fail(field("expireDurationSeconds"), expire, "applies only to cross-account entries (assumeRoleArn)");
    }
    check.integer(field("expireDurationSeconds"), expire, 900, 43200);
    const max = entry.maxSessionDurationSeconds;
    if (max !== undefined && Number.isInteger(expire) && expire > max) {
      check.fail(
        field("expireDurationSeconds"),
        expire,
        `must not exceed the assumed role's maximum session duration (${max} s)`,
      );
    }
  }

  const rrsaRole = entry.rrsaRoleArn;
  const oidc = entry.rrsaOidcProviderRoleArn;
  if (rrsaRole !== undefined && !arnOk(rrsaRole, roleArnAccount)) {
    check.fail(field("rrsaRoleArn"), rrsaRole, ROLE_ARN_RULE);
  }
  if (oidc !== undefined && !arnOk(oidc, oidcProviderArnAccount)) {
    check.fail(field("rrsaOidcProviderRoleArn"), oidc, OIDC_PROVIDER_ARN_RULE);
  }
  if ((rrsaRole === undefined) !== (oidc === undefined)) {
    const [name, value] = rrsaRole === undefined ? ["rrsaRoleArn", rrsaRole] : ["rrsaOidcProviderRoleArn", oidc];
    check.fail(field(name), value, "rrsaRoleArn and rrsaOidcProviderRoleArn are set together (RRSA needs both)");
  }
  const roleUid = rrsaRole !== undefined ? roleArnAccount(rrsaRole) : undefined;
  const oidcUid = oidc !== undefined ? oidcProviderArnAccount(oidc) : undefined;
  if (roleUid !== undefined && oidcUid !== undefined && roleUid !== oidcUid) {
    check.fail(
      field("rrsaRoleArn"),
      rrsaRole,
      `must be a role of the cluster's account ${oidcUid} (the OIDC provider's)`,
    );
  }
  if (edition === "managed" && entry.assumeRoleArn !== undefined && rrsaRole === undefined) {
    check.fail(
      field("assumeRoleArn"),
      entry.assumeRoleArn,
      "the managed edition pulls across accounts with RRSA only: also set rrsaRoleArn and rrsaOidcProviderRoleArn",
    );
  }
}

/** Shortest lifetime of the credentials the component renews: 1 h tokens, or expireDuration when assuming. */
function shortestCredentialSeconds(config: CredentialHelperConfig): number {
  const lifetimes = (config.registries ?? []).map((e) =>
    e.assumeRoleArn !== undefined
      ? (e.expireDurationSeconds ?? CREDENTIAL_HELPER_DEFAULTS.expireDurationSeconds)
      : CREDENTIAL_HELPER_DEFAULTS.expireDurationSeconds,
  );
  return Math.min(CREDENTIAL_HELPER_DEFAULTS.expireDurationSeconds, ...lifetimes);
}

function checkThreshold(check: Checks, config: CredentialHelperConfig): void {
  const threshold = config.expiringThreshold;
  if (threshold === undefined || check.skipped(threshold)) return;
  const seconds = durationSeconds(threshold);
  if (seconds === undefined || seconds === 0) {
    check.fail("expiringThreshold", threshold, "must be a positive duration of whole h/m/s parts, such as 15m or 1h");
    return;
  }
  const lifetime = shortestCredentialSeconds(config);
  if (seconds >= lifetime) {
    check.fail(
      "expiringThreshold",
      threshold,
      `must be shorter than the credential lifetime (${lifetime} s), or credentials are renewed continuously`,
    );
  }
}

function checkWebhook(check: Checks, webhook: WebhookConfiguration | undefined): void {
  if (!check.object<WebhookConfiguration>("webhook", webhook)) return;
  check.boolean("webhook.enable", webhook.enable);
  const policy = webhook.failurePolicy;
  if (policy !== undefined && policy !== "Ignore" && policy !== "Fail") {
    check.fail("webhook.failurePolicy", policy, "must be Ignore or Fail");
  }
  if (policy === "Fail") {
    check.warn("webhook.failurePolicy Fail can block ServiceAccount creation; Alibaba recommends Ignore");
  }
  check.integer("webhook.timeoutSeconds", webhook.timeoutSeconds, 1, 30);
}

/** One instance entry as both editions write it (documented key spelling and order). */
export interface RenderedEntry {
  readonly instanceId: string;
  readonly regionId?: string;
  readonly domains?: string;
  readonly assumeRoleARN?: string;
  readonly expireDuration?: number;
  readonly rrsaRoleARN?: string;
  readonly rrsaOIDCProviderRoleARN?: string;
}

/** The entry with the component's key names; unset optional keys are left out. */
export function renderEntry(entry: AcrRegistryInfoEntry): RenderedEntry {
  const rendered: Record<string, string | number | undefined> = {
    instanceId: entry.instanceId,
    regionId: entry.regionId,
    domains: entry.domains?.join(","),
    assumeRoleARN: entry.assumeRoleArn,
    expireDuration: entry.expireDurationSeconds,
    rrsaRoleARN: entry.rrsaRoleArn,
    rrsaOIDCProviderRoleARN: entry.rrsaOidcProviderRoleArn,
  };
  for (const key of Object.keys(rendered)) if (rendered[key] === undefined) delete rendered[key];
  return rendered as unknown as RenderedEntry;
}

/** `service-account` / `serviceAccount` value. */
export function renderServiceAccounts(config: CredentialHelperConfig): string {
  const accounts = config.serviceAccounts;
  if (accounts === undefined) return CREDENTIAL_HELPER_DEFAULTS.serviceAccount;
  return accounts === "*" ? "*" : accounts.join(",");
}

/** `watch-namespace` / `watchNamespace` value. */
export function renderWatchNamespaces(config: CredentialHelperConfig): string {
  if (config.watchAllNamespaces === true) return "all";
  return config.watchNamespaces?.join(",") ?? CREDENTIAL_HELPER_DEFAULTS.watchNamespace;
}

/** Thrown when a configuration has problems; lists all of them. */
export class CredentialHelperConfigError extends Error {
  public constructor(
    public readonly problems: readonly string[],
    where: string,
  ) {
    super(`${where}: ${problems.length} configuration problem(s):\n  ${problems.join("\n  ")}`);
    this.name = "CredentialHelperConfigError";
  }
}
