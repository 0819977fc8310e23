/**
 * Reading RAM policy documents as rendered into Terraform JSON (`alicloud_ram_policy.policy_document`,
 * `alicloud_ram_role.assume_role_policy_document`). Tolerant: RAM accepts a single string where a list is usual,
 * and documents written by hand need not follow the canonical form `PolicyDocument.toJson()` renders.
 */
import { isObject } from "./rule";

/** One statement, with every list element normalized to a sorted array of strings. */
export interface PolicyStatement {
  readonly effect: string;
  /** `Action`; empty when the statement uses `NotAction`. */
  readonly actions: readonly string[];
  /** `NotAction`: the statement applies to every action except these. */
  readonly notActions: readonly string[];
  /** `Resource` (empty in trust policies). */
  readonly resources: readonly string[];
  /** `Principal` kind (`RAM`, `Service`, `Federated`, or `*`) to principals. */
  readonly principals: { readonly [kind: string]: readonly string[] };
  /** `Condition`, compact JSON with sorted keys, or undefined. */
  readonly condition?: string;
}

/** Result of {@link parsePolicyDocument}. */
export type ParsedPolicy =
  | { readonly ok: true; readonly statements: readonly PolicyStatement[] }
  | { readonly ok: false; readonly reason: string };

/** Code-unit order, never locale order, so every machine sorts alike. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return [...new Set(list.map((v) => (typeof v === "string" ? v : JSON.stringify(v))))].sort(byCodeUnit);
}

/** Compact JSON with object keys sorted, so equal conditions render equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort(byCodeUnit);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * Parses a policy document given as a JSON string (or an already-parsed object). References inside strings
 * (`${...}` in JSON, engine tokens at synth) keep the document readable; a document that is one expression is not.
 */
export function parsePolicyDocument(document: unknown): ParsedPolicy {
  let parsed: unknown = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch {
      return { ok: false, reason: "not JSON (an interpolation or a template)" };
    }
  }
  if (!isObject(parsed)) return { ok: false, reason: "not a JSON object" };
  const raw = parsed.Statement;
  const list = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : undefined;
  if (list === undefined) return { ok: false, reason: "no Statement list" };
  const statements = list.filter(isObject).map((s): PolicyStatement => {
    const principals: Record<string, string[]> = {};
    if (typeof s.Principal === "string") principals["*"] = [s.Principal];
    else if (isObject(s.Principal)) {
      for (const kind of Object.keys(s.Principal).sort(byCodeUnit)) principals[kind] = strings(s.Principal[kind]);
    }
    return {
      effect: typeof s.Effect === "string" ? s.Effect : "Allow",
      actions: strings(s.Action),
      notActions: strings(s.NotAction),
      resources: strings(s.Resource),
      principals,
      condition: s.Condition === undefined ? undefined : canonicalJson(s.Condition),
    };
  });
  return { ok: true, statements };
}

/** Whether `action` grants every action of ACR or of every service: `*`, `cr:*`, in any case. */
export function isAllActions(action: string): boolean {
  const lower = action.toLowerCase();
  return lower === "*" || lower === "cr:*";
}

/** The Allow statements of a readable `alicloud_ram_policy` body, with their index in the document. */
export function allowStatements(body: { readonly [key: string]: unknown }): [number, PolicyStatement][] {
  const parsed = parsePolicyDocument(body.policy_document);
  if (!parsed.ok) return [];
  return [...parsed.statements.entries()].filter(([, s]) => s.effect.toLowerCase() === "allow");
}
