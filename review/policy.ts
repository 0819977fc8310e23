/**
 * Reading RAM policy documents as rendered into Terraform JSON (`alicloud_ram_policy.policy_document`,
 * `alicloud_ram_role.assume_role_policy_document`) for review. Tolerant: RAM accepts a single string where a list
 * is usual, and documents written by hand need not follow the canonical form `PolicyDocument.toJson()` renders.
 */
import { isReadOnlyAction, READ_ONLY_ACTION_PREFIXES } from "../constructs/guardrails/rules";
import { compareText, isObject } from "./markdown";

/** One statement, with every list element normalized to a sorted array of strings. */
export interface ReviewStatement {
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
  | { readonly ok: true; readonly statements: readonly ReviewStatement[] }
  | { readonly ok: false; readonly reason: string };

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return [...new Set(list.map((v) => (typeof v === "string" ? v : JSON.stringify(v))))].sort(compareText);
}

/** Compact JSON with object keys sorted, so equal conditions render equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort(compareText);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Parses a policy document given as a JSON string (or an already-parsed object). */
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
  const statements = list.filter(isObject).map((s): ReviewStatement => {
    const principals: Record<string, string[]> = {};
    if (typeof s.Principal === "string") principals["*"] = [s.Principal];
    else if (isObject(s.Principal)) {
      for (const kind of Object.keys(s.Principal).sort(compareText)) principals[kind] = strings(s.Principal[kind]);
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

export { isReadOnlyAction, READ_ONLY_ACTION_PREFIXES };

/** Whether `action` grants every ACR action: `*`, `cr:*` (any case). */
export function isAllCrActions(action: string): boolean {
  const lower = action.toLowerCase();
  return lower === "*" || lower === "cr:*";
}

/**
 * The statement as flat lines, one per action (or `NOT` action), resource and principal, e.g.
 * `Allow cr:PullRepository on acs:cr:...:repository/cri-x/payments/*`; the unit the plan review diffs.
 */
export function statementLines(statement: ReviewStatement): string[] {
  const actions = [...statement.actions, ...statement.notActions.map((a) => `NOT ${a}`)];
  const suffix = statement.condition === undefined ? "" : ` if ${statement.condition}`;
  const targets = statement.resources.map((r) => `on ${r}`);
  for (const [kind, principals] of Object.entries(statement.principals)) {
    for (const principal of principals) targets.push(`by ${kind} ${principal}`);
  }
  if (targets.length === 0) targets.push("(no resource)");
  const lines: string[] = [];
  for (const action of actions.length === 0 ? ["(no action)"] : actions) {
    for (const target of targets) lines.push(`${statement.effect} ${action} ${target}${suffix}`);
  }
  return lines;
}
