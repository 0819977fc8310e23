// Validation helpers of the charts (no cdktf). The collector and the naming rules are the project's one validation
// kernel (../validation), shared with the constructs; what is here is chart-specific: warnings, token markers that
// must never reach a manifest, ARN account parsing and durations.
import { Problems, TokenTest } from "../validation/problems";

export { REDACTED, renderProblem } from "../validation/problems";
export type { FieldProblem, NameRule } from "../validation/problems";

/** Collects every problem and warning, so a user sees all of them in one run. */
export class Checks extends Problems {
  private readonly warned: string[] = [];

  /**
   * @param skipTokens skip rule checks on strings holding a Terraform token (`${...}`), for renderers whose output
   *   Terraform resolves (the managed add-on's config); the charts never set it
   */
  public constructor(public readonly skipTokens = false) {
    super(skipTokens ? STRING_TOKENS : undefined);
  }

  /** True when `value` is a token string this collector skips. */
  public skipped(value: unknown): boolean {
    return this.skipTokens && isTokenString(value);
  }

  public get warnings(): readonly string[] {
    return this.warned;
  }

  public warn(message: string): void {
    this.warned.push(message);
  }

  /** Adds another collector's problems and warnings under a field prefix. */
  public include(prefix: string, other: Problems): void {
    super.include(prefix, other);
    if (other instanceof Checks) this.warned.push(...other.warnings);
  }
}

// Terraform resolves string tokens inside the add-on's JSON config; number and list tokens cannot be embedded.
const STRING_TOKENS: TokenTest = { string: (value) => isTokenString(value), number: () => false, list: () => false };

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
