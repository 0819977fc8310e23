// Pure validation helpers for the charts. No cdktf here: constructs/validation/field-checks.ts imports the engine,
// so the charts keep their own small collector. The problem shape, naming rules and the `field = value: rule`
// message format come from constructs/validation/problems.ts, which imports nothing.
import { FieldProblem, NameRule, renderProblem } from "../constructs/validation/problems";

export { renderProblem };
export type { FieldProblem, NameRule };

/** Shown instead of a value that must never be echoed (access key secrets and the like). */
export const REDACTED = "<redacted>";

/** Collects every problem and warning, so a user sees all of them in one run. */
export class Checks {
  private readonly found: FieldProblem[] = [];
  private readonly warned: string[] = [];

  /**
   * @param skipTokens skip rule checks on strings holding a Terraform token (`${...}`), for renderers whose output
   *   Terraform resolves (the managed add-on's config); the charts never set it
   */
  public constructor(public readonly skipTokens = false) {}

  /** True when `value` is a token string this collector skips. */
  public skipped(value: unknown): boolean {
    return this.skipTokens && isTokenString(value);
  }

  public get problems(): readonly FieldProblem[] {
    return this.found;
  }

  /** The problems rendered as `field = value: rule` messages. */
  public messages(): string[] {
    return this.found.map(renderProblem);
  }

  public get warnings(): readonly string[] {
    return this.warned;
  }

  public fail(field: string, value: unknown, rule: string): void {
    this.found.push({ field, value, rule });
  }

  public warn(message: string): void {
    this.warned.push(message);
  }

  /** `value` must satisfy `rule`; unset values are skipped. */
  public name(field: string, value: string | undefined, rule: NameRule): void {
    if (value === undefined || this.skipped(value)) return;
    if (typeof value !== "string") {
      this.fail(field, value, "must be a string");
    } else if (value.length < rule.minLength || value.length > rule.maxLength || !rule.pattern.test(value)) {
      this.fail(field, value, rule.description);
    }
  }

  /** `value` must be an integer in `[min, max]`; unset values are skipped. */
  public integer(field: string, value: number | undefined, min: number, max: number): void {
    if (value === undefined) return;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      this.fail(field, value, `must be an integer from ${min} to ${max}`);
    }
  }

  /** Every item of `values` must be unique. */
  public unique(field: string, values: readonly string[], what: string): void {
    const seen = new Set<string>();
    for (const value of values) {
      if (seen.has(value)) this.fail(field, value, `duplicate ${what}`);
      seen.add(value);
    }
  }

  /** Adds another collector's problems and warnings under a field prefix. */
  public include(prefix: string, other: Checks): void {
    for (const p of other.problems) this.found.push({ ...p, field: `${prefix}${p.field}` });
    this.warned.push(...other.warnings);
  }
}

/** Kubernetes namespace and label-style names (RFC 1123 label). */
export const DNS_LABEL: NameRule = {
  pattern: /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/,
  minLength: 1,
  maxLength: 63,
  description: "must be a DNS-1123 label: 1-63 lowercase letters, digits and '-', starting and ending alphanumeric",
};

/** Kubernetes object names such as ServiceAccounts and Secrets (RFC 1123 subdomain). */
export const DNS_SUBDOMAIN: NameRule = {
  pattern: /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/,
  minLength: 1,
  maxLength: 253,
  description:
    "must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', alphanumeric at both ends",
};

/** Alibaba Cloud region id, e.g. `cn-hangzhou`, `ap-southeast-1`. */
export const REGION_ID: NameRule = {
  pattern: /^[a-z]{2,3}-[a-z0-9]+(?:-[a-z0-9]+)*$/,
  minLength: 4,
  maxLength: 40,
  description: "must be an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1",
};

/** Enterprise Edition instance id, as the console and API show it. */
export const INSTANCE_ID: NameRule = {
  pattern: /^cri-[a-z0-9]+$/,
  minLength: 5,
  maxLength: 64,
  description: "must be an Enterprise Edition instance id: cri- followed by lowercase letters and digits",
};

/** RAM role ARN `acs:ram::<16-digit uid>:role/<name>` (role names: 1-64 letters, digits, '.', '-'). */
const RAM_ROLE_ARN = /^acs:ram::([0-9]{16}):role\/([A-Za-z0-9.-]{1,64})$/;
/** RRSA OIDC provider ARN of an ACK cluster, `acs:ram::<uid>:oidc-provider/ack-rrsa-<clusterId>`. */
const OIDC_PROVIDER_ARN = /^acs:ram::([0-9]{16}):oidc-provider\/ack-rrsa-([a-z0-9]+)$/;

/** The account UID of a RAM role ARN, or `undefined` when `arn` does not have that shape. */
export function roleArnAccount(arn: string): string | undefined {
  return RAM_ROLE_ARN.exec(arn)?.[1];
}

/** The account UID of an ACK RRSA OIDC provider ARN, or `undefined` when `arn` does not have that shape. */
export function oidcProviderArnAccount(arn: string): string | undefined {
  return OIDC_PROVIDER_ARN.exec(arn)?.[1];
}

export const ROLE_ARN_RULE = "must be a RAM role ARN acs:ram::<16-digit account uid>:role/<roleName>";
export const OIDC_PROVIDER_ARN_RULE =
  "must be the cluster's RRSA OIDC provider ARN acs:ram::<16-digit account uid>:oidc-provider/ack-rrsa-<clusterId>";

/**
 * Seconds in a Go-style duration made of whole `h`, `m` and `s` parts (`15m`, `1h30m`), or `undefined` when
 * `value` has another shape. The components are written in Go, whose `time.ParseDuration` accepts these.
 */
export function durationSeconds(value: string): number | undefined {
  if (typeof value !== "string" || !/^(?:[0-9]+[hms])+$/.test(value)) return undefined;
  const factor: Record<string, number> = { h: 3600, m: 60, s: 1 };
  let total = 0;
  const units = new Set<string>();
  for (const [, amount, unit] of value.matchAll(/([0-9]+)([hms])/g)) {
    if (units.has(unit)) return undefined;
    units.add(unit);
    total += Number(amount) * factor[unit];
  }
  return total;
}

/** True when `value` is a string holding a cdktf string token (`${TfToken[...]}`) or another `${` marker. */
export function isTokenString(value: unknown): value is string {
  return typeof value === "string" && value.includes("${");
}

/** Markers of values that are only known after `terraform apply`: cdktf string and list tokens. */
const TOKEN_MARKERS = ["${", "#{TfToken["];

/**
 * Paths of every string in `value` that holds an unresolved token marker (`${...}`, cdktf list tokens) and of
 * numbers that look like cdktf number tokens (encoded as huge negative doubles). Such a value must never reach a
 * manifest: Kubernetes would receive the placeholder text instead of the real value.
 */
export function tokenMarkerPaths(value: unknown, path = "", allowStringTokens = false): string[] {
  const here = path || "(value)";
  if (typeof value === "string") {
    const markers = allowStringTokens ? TOKEN_MARKERS.slice(1) : TOKEN_MARKERS;
    return markers.some((m) => value.includes(m)) ? [here] : [];
  }
  if (typeof value === "number") return Math.abs(value) > 1e100 ? [here] : [];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => tokenMarkerPaths(item, `${path}[${i}]`, allowStringTokens));
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) =>
      tokenMarkerPaths(item, path ? `${path}.${key}` : key, allowStringTokens),
    );
  }
  return [];
}

export const TOKEN_RULE =
  "holds an unresolved Terraform token (known only after apply); pass concrete registry facts: deploy with " +
  "`cdktf deploy <stack> --outputs-file outputs.json` and use registryFactsFromOutputs(), or import the instance " +
  "with EnterpriseRegistry.fromInstanceAttributes()";

/**
 * Adds one problem per token-holding path in `value`. A collector that skips tokens (managed add-on config) still
 * refuses number and list tokens: only string tokens survive being embedded in a JSON string.
 */
export function checkNoTokens(check: Checks, field: string, value: unknown): void {
  for (const path of tokenMarkerPaths(value, "", check.skipTokens)) {
    const where = path === "(value)" ? field : field ? `${field}.${path}` : path;
    const rule = check.skipTokens
      ? "holds a number or list token; only string tokens can be embedded in the add-on's JSON config"
      : TOKEN_RULE;
    check.fail(where, "${...}", rule);
  }
}

/** Sorts an object's keys recursively, so rendered YAML and JSON do not depend on insertion order. */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => sortKeysDeep(item)) as T;
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
    return sorted as T;
  }
  return value;
}
