import { Token } from "../engine";
import { replaceTokens } from "../tokens";
import type { ConditionValue, PolicyStatement } from "./policy-statement";

// Canonical form, merging and compact rendering of policy statements: what PolicyDocument.toJson writes and what
// its length check and the grant packing measure.

/** A statement in canonical form: sorted, deduplicated lists and canonical condition/principal. */
export interface Normalized {
  readonly effect: string;
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly condition?: CanonicalObject;
  readonly principal?: CanonicalObject;
  /** Indexes of the added statements this one came from, for messages. */
  readonly sources: readonly number[];
}

/** Condition values and principals with sorted keys and sorted, deduplicated lists. */
type CanonicalValue = ConditionValue | readonly ConditionValue[] | CanonicalObject;
interface CanonicalObject {
  readonly [key: string]: CanonicalValue;
}

/** Code-unit order: the same on every runtime and locale, unlike `localeCompare`. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedSet<T extends ConditionValue>(values: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const v of values) seen.set(`${typeof v}:${String(v)}`, v);
  return [...seen.entries()].sort(([a], [b]) => compare(a, b)).map(([, v]) => v);
}

/** Statement `s` (number `index` in the document) in canonical form, remembering where it came from. */
export function normalize(s: PolicyStatement, index: number): Normalized {
  return {
    effect: s.effect,
    actions: s.actions && sortedSet(s.actions),
    notActions: s.notActions && sortedSet(s.notActions),
    resources: s.resources && sortedSet(s.resources),
    // An empty Condition renders as none, so it must also merge as none.
    condition: s.conditions && Object.keys(s.conditions).length > 0 ? canonical(s.conditions, 2) : undefined,
    principal: s.principal && canonical(s.principal, 1),
    sources: [index],
  };
}

/** `value` with object keys sorted and lists deduplicated and sorted, down to `depth` levels of objects. */
function canonical(value: object, depth: number): CanonicalObject {
  const out: Record<string, CanonicalValue> = {};
  for (const [k, v] of Object.entries(value).sort(([a], [b]) => compare(a, b))) {
    if (v === undefined) continue;
    if (Array.isArray(v)) out[k] = sortedSet(v as ConditionValue[]);
    else if (depth > 1 && typeof v === "object" && v !== null) out[k] = canonical(v as object, depth - 1);
    else out[k] = v as ConditionValue;
  }
  return out;
}

/** Everything but one list, as a grouping key. */
function keyWithout(n: Normalized, without: "actions" | "resources"): string {
  return JSON.stringify([
    n.effect,
    without === "actions" ? null : (n.actions ?? null),
    n.notActions ?? null,
    without === "resources" ? null : (n.resources ?? null),
    n.condition ?? null,
    n.principal ?? null,
  ]);
}

/** One merge pass over `list`: groups by `keyWithout(field)` and unions `field`. */
function mergePass(list: readonly Normalized[], field: "actions" | "resources"): Normalized[] {
  const groups = new Map<string, Normalized>();
  for (const n of list) {
    // Unioning actions is only exact for `Action`; statements without the list being unioned stay alone.
    const mergeable =
      field === "actions" ? n.actions !== undefined && n.notActions === undefined : n.resources !== undefined;
    const key = mergeable ? keyWithout(n, field) : `single:${groups.size}`;
    const prior = groups.get(key);
    groups.set(
      key,
      prior === undefined
        ? n
        : {
            ...prior,
            [field]: sortedSet([...(prior[field] ?? []), ...(n[field] ?? [])]),
            sources: [...prior.sources, ...n.sources].sort((a, b) => a - b),
          },
    );
  }
  return [...groups.values()];
}

/**
 * Merges until stable. Each pass groups by content only, so the result does not depend on insertion order;
 * each merge removes a statement, so the loop ends.
 */
export function mergeStatements(list: readonly Normalized[]): Normalized[] {
  let current = [...list];
  for (;;) {
    const next = mergePass(mergePass(current, "actions"), "resources");
    if (next.length === current.length) return next;
    current = next;
  }
}

// Numeric tokens are rendered through one string token per number, so repeated renders give the same text.
const numberTokens = new Map<number, string>();

function renderScalar(v: ConditionValue): string {
  if (typeof v === "number" && Token.isUnresolved(v)) {
    let s = numberTokens.get(v);
    if (s === undefined) {
      s = Token.asString(v);
      numberTokens.set(v, s);
    }
    // Unquoted: the resolved Terraform expression is inserted where a JSON number belongs.
    return s;
  }
  return JSON.stringify(v) ?? "null";
}

function renderValue(v: CanonicalValue): string {
  if (Array.isArray(v)) return `[${(v as readonly ConditionValue[]).map(renderScalar).join(",")}]`;
  if (typeof v === "object" && v !== null) return renderObject(v as CanonicalObject);
  return renderScalar(v as ConditionValue);
}

/** The compact JSON of one canonical statement, with RAM's key names in a fixed order. */
export function renderStatement(n: Normalized): string {
  const parts = [`"Effect":${JSON.stringify(n.effect)}`];
  if (n.principal) parts.push(`"Principal":${renderObject(n.principal)}`);
  if (n.actions) parts.push(`"Action":${renderValue(n.actions)}`);
  if (n.notActions) parts.push(`"NotAction":${renderValue(n.notActions)}`);
  if (n.resources) parts.push(`"Resource":${renderValue(n.resources)}`);
  if (n.condition && Object.keys(n.condition).length > 0) parts.push(`"Condition":${renderObject(n.condition)}`);
  return `{${parts.join(",")}}`;
}

function renderObject(o: CanonicalObject): string {
  return `{${Object.entries(o)
    .map(([k, x]) => `${JSON.stringify(k)}:${renderValue(x)}`)
    .join(",")}}`;
}

/** Length of `json` without token placeholders: a lower bound on the length after tokens resolve. */
export function literalLength(json: string): number {
  return replaceTokens(json, "").length;
}

/** A short name for rendered statement `index` in problem messages: effect, first action, resources, sources. */
export function describe(n: Normalized, index: number): string {
  const actions = n.actions ?? n.notActions ?? [];
  const what =
    actions.length === 0 ? "no actions" : `${actions[0]}${actions.length > 1 ? ` +${actions.length - 1}` : ""}`;
  const on = n.resources ? ` on ${n.resources.length} resource(s)` : "";
  const from = n.sources.map((s) => `Statement[${s}]`).join(", ");
  return `rendered #${index} (${n.effect} ${what}${on}, from ${from})`;
}
