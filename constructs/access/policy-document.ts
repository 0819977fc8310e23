import { Token } from "../engine";
import { containsListToken, replaceTokens } from "../tokens";
import { FieldChecks } from "../validation/field-checks";
import { ArnKind, validateArn } from "./arn";

/**
 * A typed RAM policy document (`{"Version":"1","Statement":[...]}`) that renders deterministic, compact JSON
 * and reports every rule it breaks. Pure data: constructs pass `toJson()` to `alicloud_ram_policy` /
 * `alicloud_ram_role` and `validate()` to `node.addValidation`.
 *
 * Rendering rules (see {@link PolicyDocument.toJson}):
 * - `Action`, `NotAction`, `Resource` and every `Principal` entry are always JSON lists, even with one element.
 * - Key order: `Effect`, `Principal`, `Action`/`NotAction`, `Resource`, `Condition`.
 * - No whitespace: the 6,144-character limit counts the document as sent.
 */

/** `Effect` of a statement. Case-sensitive. */
export type Effect = "Allow" | "Deny";

/** The condition operators RAM accepts (case-sensitive). */
export const CONDITION_OPERATORS = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "IpAddress",
  "NotIpAddress",
] as const;

/** One RAM condition operator. */
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** A condition value; any one of several values in a list matches. */
export type ConditionValue = string | number | boolean;

/** Condition keys (e.g. `oidc:sub`, `acs:SourceIp`) of one operator, each with one value or a list. */
export type ConditionBlock = { readonly [key: string]: ConditionValue | readonly ConditionValue[] };

/** `Condition` element: operator to keys. All operators and all keys must match. */
export type Conditions = { readonly [operator in ConditionOperator]?: ConditionBlock };

/** `Principal` element of a trust policy (role `AssumeRolePolicyDocument`). */
export interface Principal {
  /** Account roots, RAM users or RAM roles: `acs:ram::<uid>:root|user/<n>|role/<n>`. @default none */
  readonly RAM?: readonly string[];
  /** Cloud services, e.g. `ecs.aliyuncs.com`, `cs.aliyuncs.com`. @default none */
  readonly Service?: readonly string[];
  /** OIDC or SAML identity providers: `acs:ram::<uid>:oidc-provider/<n>` or `saml-provider/<n>`. @default none */
  readonly Federated?: readonly string[];
}

/** Props of one {@link PolicyStatement}. */
export interface PolicyStatementProps {
  /** Whether the statement grants or denies. @default "Allow" */
  readonly effect?: Effect;
  /** `<service>:<ActionName>` entries (`*`/`?` wildcards allowed). Exactly one of actions/notActions. @default none */
  readonly actions?: readonly string[];
  /** Actions excluded from the statement. Exactly one of actions/notActions. @default none */
  readonly notActions?: readonly string[];
  /** ARNs or `*`. Required in permission policies; usually absent in trust policies. @default none */
  readonly resources?: readonly string[];
  /** Conditions that must all match. @default none */
  readonly conditions?: Conditions;
  /** Trusted principals; only allowed in trust policies. @default none */
  readonly principal?: Principal;
}

/** One statement of a policy document. Immutable; the document merges and sorts statements when rendering. */
export class PolicyStatement {
  /** An `Allow` statement. */
  public static allow(props: Omit<PolicyStatementProps, "effect">): PolicyStatement {
    return new PolicyStatement({ ...props, effect: "Allow" });
  }

  /** A `Deny` statement. */
  public static deny(props: Omit<PolicyStatementProps, "effect">): PolicyStatement {
    return new PolicyStatement({ ...props, effect: "Deny" });
  }

  /** `Effect`. @default "Allow" */
  public readonly effect: Effect;
  /** `Action`, as given. @default none */
  public readonly actions?: readonly string[];
  /** `NotAction`, as given. @default none */
  public readonly notActions?: readonly string[];
  /** `Resource`, as given. @default none */
  public readonly resources?: readonly string[];
  /** `Condition`, as given. @default none */
  public readonly conditions?: Conditions;
  /** `Principal`, as given. @default none */
  public readonly principal?: Principal;

  public constructor(props: PolicyStatementProps) {
    this.effect = props.effect ?? "Allow";
    // Copies, so later changes to the caller's arrays cannot change a document already built.
    this.actions = props.actions && [...props.actions];
    this.notActions = props.notActions && [...props.notActions];
    this.resources = props.resources && [...props.resources];
    this.conditions = props.conditions;
    this.principal = props.principal && { ...props.principal };
  }
}

/** `permission`: a policy attached to users/roles. `trust`: a role's `AssumeRolePolicyDocument`. */
export type PolicyDocumentKind = "permission" | "trust";

/** Props of a {@link PolicyDocument}. */
export interface PolicyDocumentProps {
  /** Which kind of document; only trust documents may (and must) name a `Principal`. @default "permission" */
  readonly kind?: PolicyDocumentKind;
  /** Initial statements. @default none */
  readonly statements?: readonly PolicyStatement[];
  /** Longest rendered document allowed, in characters. @default MAX_POLICY_DOCUMENT_LENGTH (6,144) */
  readonly maxLength?: number;
}

/** RAM CreatePolicy limit on `PolicyDocument`, in characters. */
export const MAX_POLICY_DOCUMENT_LENGTH = 6144;

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;
const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.aliyuncs\.com$/;
const PRINCIPAL_ARN_KINDS: Readonly<Record<keyof Principal, readonly ArnKind[] | undefined>> = {
  RAM: ["account-root", "ram-user", "ram-role"],
  Federated: ["oidc-provider", "saml-provider"],
  Service: undefined,
};

/** A policy document: statements plus the rules for rendering and validating them. */
export class PolicyDocument {
  /** A trust policy (role `AssumeRolePolicyDocument`): every statement names a `Principal`. */
  public static trust(...statements: PolicyStatement[]): PolicyDocument {
    return new PolicyDocument({ kind: "trust", statements });
  }

  /** A permission policy. */
  public static permission(...statements: PolicyStatement[]): PolicyDocument {
    return new PolicyDocument({ kind: "permission", statements });
  }

  /** Kind of document. */
  public readonly kind: PolicyDocumentKind;
  /** Longest rendered document allowed, in characters. */
  public readonly maxLength: number;
  private readonly added: PolicyStatement[] = [];

  public constructor(private readonly props: PolicyDocumentProps = {}) {
    this.kind = props.kind ?? "permission";
    this.maxLength = props.maxLength ?? MAX_POLICY_DOCUMENT_LENGTH;
    // A list only; validate() reports anything else (a string would otherwise become one statement per character).
    this.added.push(...(Array.isArray(props.statements) ? props.statements : []));
  }

  /** Statements in the order they were added (validation messages index into this list, from 0). */
  public get statements(): readonly PolicyStatement[] {
    return [...this.added];
  }

  /** Adds statements; returns this document for chaining. */
  public addStatements(...statements: PolicyStatement[]): this {
    this.added.push(...statements);
    return this;
  }

  /**
   * The document as compact JSON. The result depends only on the set of statements, not their order:
   * 1. statements with equal Effect, Condition, Principal and resource set are merged by unioning `Action`
   *    (never `NotAction`: a union of exclusions would grant less);
   * 2. statements with equal Effect, Condition, Principal and action set are merged by unioning `Resource`;
   * 1 and 2 repeat until nothing merges. Actions, resources and condition value lists are deduplicated and
   * sorted by their string form (token strings included), and statements are sorted by their rendered JSON.
   * Token strings are kept verbatim so cdktf resolves them at synth; numeric tokens are written unquoted.
   */
  public toJson(): string {
    return `{"Version":"1","Statement":[${this.renderStatements().join(",")}]}`;
  }

  /**
   * Every rule the document breaks, as `field = value: rule` messages; empty when it is valid. `Statement[i]`
   * is the i-th statement as added (from 0). Values holding unresolved tokens are checked on their literal
   * parts only (see `validateArn`).
   */
  public validate(): string[] {
    const check = new FieldChecks();
    const fail = (field: string, value: unknown, rule: string): void => check.fail(field, value, rule);
    // The props decide how the statements are judged, so the statements wait until the props are usable.
    check.oneOf("PolicyDocument.kind", this.props.kind, ["permission", "trust"]);
    check.integer("PolicyDocument.maxLength", this.props.maxLength, 1, MAX_POLICY_DOCUMENT_LENGTH);
    (check.list("PolicyDocument.statements", this.props.statements) ?? []).forEach((statement, i) =>
      check.instanceOf(
        `PolicyDocument.statements[${i}]`,
        statement,
        PolicyStatement,
        "a PolicyStatement (.allow or .deny)",
      ),
    );
    if (check.problems.length > 0) return check.messages();
    if (this.added.length === 0) fail("Statement", [], "must contain at least one statement");
    this.added.forEach((s, i) => validateStatement(s, `Statement[${i}]`, this.kind, fail));
    if (this.added.length > 0) this.validateLength(fail);
    return check.messages();
  }

  private validateLength(fail: (field: string, value: unknown, rule: string) => void): void {
    const merged = mergeStatements(this.added.map(normalize));
    const rendered = merged.map((m) => ({ m, json: renderStatement(m) })).sort((a, b) => compare(a.json, b.json));
    const json = `{"Version":"1","Statement":[${rendered.map((r) => r.json).join(",")}]}`;
    const length = literalLength(json);
    if (length <= this.maxLength) return;
    const tokens = json.length - length;
    const measured = tokens > 0 ? ` (not counting ${tokens} characters of token placeholders)` : "";
    const largest = rendered
      .map((r, index) => ({ ...r, index, length: literalLength(r.json) }))
      .sort((a, b) => b.length - a.length || a.index - b.index)
      .slice(0, 3)
      .map((r) => `${describe(r.m, r.index)}: ${r.length} characters (${Math.round((100 * r.length) / length)}%)`);
    fail(
      "PolicyDocument.length",
      length,
      `must be at most ${this.maxLength} characters${measured}; largest statements: ${largest.join("; ")}`,
    );
  }

  private renderStatements(): string[] {
    return mergeStatements(this.added.map(normalize)).map(renderStatement).sort(compare);
  }
}

/** A statement in canonical form: sorted, deduplicated lists and canonical condition/principal. */
interface Normalized {
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

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedSet<T extends ConditionValue>(values: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const v of values) seen.set(`${typeof v}:${String(v)}`, v);
  return [...seen.entries()].sort(([a], [b]) => compare(a, b)).map(([, v]) => v);
}

function normalize(s: PolicyStatement, index: number): Normalized {
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
function mergeStatements(list: readonly Normalized[]): Normalized[] {
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

function renderStatement(n: Normalized): string {
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
function literalLength(json: string): number {
  return replaceTokens(json, "").length;
}

function describe(n: Normalized, index: number): string {
  const actions = n.actions ?? n.notActions ?? [];
  const what =
    actions.length === 0 ? "no actions" : `${actions[0]}${actions.length > 1 ? ` +${actions.length - 1}` : ""}`;
  const on = n.resources ? ` on ${n.resources.length} resource(s)` : "";
  const from = n.sources.map((s) => `Statement[${s}]`).join(", ");
  return `rendered #${index} (${n.effect} ${what}${on}, from ${from})`;
}

type Fail = (field: string, value: unknown, rule: string) => void;

function validateStatement(s: PolicyStatement, at: string, kind: PolicyDocumentKind, fail: Fail): void {
  const effect: unknown = s.effect;
  if (effect !== "Allow" && effect !== "Deny") fail(`${at}.Effect`, effect, "must be Allow or Deny (case-sensitive)");

  if (s.actions !== undefined && s.notActions !== undefined) {
    fail(`${at}.NotAction`, s.notActions, "must not be set together with Action");
  } else if ((s.actions ?? s.notActions ?? []).length === 0) {
    fail(`${at}.Action`, s.actions ?? s.notActions ?? "(not set)", "must list at least one action (or NotAction)");
  }
  for (const [element, list] of [
    ["Action", s.actions],
    ["NotAction", s.notActions],
  ] as const) {
    list?.forEach((a, j) => validateAction(a, `${at}.${element}[${j}]`, fail));
  }

  if (s.resources === undefined || s.resources.length === 0) {
    if (kind === "permission") fail(`${at}.Resource`, s.resources ?? "(not set)", "must list at least one resource");
  }
  s.resources?.forEach((r, j) => validateResource(r, `${at}.Resource[${j}]`, fail));

  if (s.conditions !== undefined) validateConditions(s.conditions, `${at}.Condition`, fail);

  if (kind === "permission" && s.principal !== undefined) {
    fail(`${at}.Principal`, s.principal, "is only allowed in a trust policy (a role's AssumeRolePolicyDocument)");
  } else if (kind === "trust") {
    validatePrincipal(s.principal, `${at}.Principal`, fail);
  }
}

// A list token (`Token.asList`) cannot be spliced into a JSON string; the engine fails on it at synth.
function listTokenProblem(value: string, field: string, fail: Fail): boolean {
  if (!containsListToken(value)) return false;
  fail(field, value, "must not be a list token (a Terraform list cannot be spliced into JSON); pass elements");
  return true;
}

/**
 * Actions with tokens: a whole-token action is skipped; otherwise the literal service part (before a literal
 * ':') and the literal characters of the name are checked, as the token may be any part of a valid action.
 */
function validateAction(action: string, field: string, fail: Fail): void {
  const rule = "must be <service>:<ActionName> (lower-case service; letters, digits, * or ? in the name) or *";
  if (listTokenProblem(action, field, fail)) return;
  if (!Token.isUnresolved(action)) {
    if (action !== "*" && !ACTION.test(action)) fail(field, action, rule);
    return;
  }
  const view = replaceTokens(action, "\u0000");
  const colon = view.indexOf(":");
  if (colon < 0) {
    if (!/^[A-Za-z0-9*?\u0000-]*$/.test(view)) fail(field, action, rule);
    return;
  }
  const service = view.slice(0, colon);
  const name = view.slice(colon + 1);
  const serviceOk = service.includes("\u0000") ? /^[a-z0-9\u0000-]*$/.test(service) : /^[a-z0-9-]+$/.test(service);
  const nameOk = name.includes("\u0000") ? /^[A-Za-z0-9*?\u0000]*$/.test(name) : /^[A-Za-z0-9*?]+$/.test(name);
  if (!serviceOk || !nameOk) fail(field, action, rule);
}

function validateResource(resource: string, field: string, fail: Fail): void {
  if (listTokenProblem(resource, field, fail)) return;
  if (resource === "*") return;
  const problems = validateArn(resource);
  if (problems.length > 0) fail(field, resource, `must be * or an ARN: ${problems.join("; ")}`);
}

function isScalar(v: unknown): v is ConditionValue {
  return typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
}

function validateConditions(conditions: Conditions, field: string, fail: Fail): void {
  const entries = Object.entries(conditions as Record<string, unknown>).filter(([, b]) => b !== undefined);
  if (entries.length === 0) fail(field, conditions, "must name at least one operator when set");
  const operators: readonly string[] = CONDITION_OPERATORS;
  for (const [op, block] of entries) {
    if (!operators.includes(op)) {
      fail(`${field}.${op}`, op, `must be one of ${CONDITION_OPERATORS.join(", ")} (case-sensitive)`);
    }
    if (typeof block !== "object" || block === null || Array.isArray(block)) {
      fail(`${field}.${op}`, block, "must be an object of condition keys to values");
      continue;
    }
    const keys = Object.entries(block as Record<string, unknown>);
    if (keys.length === 0) fail(`${field}.${op}`, block, "must have at least one condition key");
    for (const [key, value] of keys) {
      if (key.trim() === "") fail(`${field}.${op}`, key, "condition keys must not be empty");
      const ok = Array.isArray(value) ? value.length > 0 && value.every(isScalar) : isScalar(value);
      if (!ok) {
        fail(`${field}.${op}.${key}`, value, "must be a string, finite number, boolean, or a non-empty list of them");
      }
    }
  }
}

function validatePrincipal(principal: Principal | undefined, field: string, fail: Fail): void {
  if (principal === undefined) {
    fail(field, "(not set)", "must be set in a trust policy (RAM, Service or Federated)");
    return;
  }
  const entries = Object.entries(principal as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) fail(field, principal, "must name at least one of RAM, Service, Federated");
  for (const [type, values] of entries) {
    if (!(type in PRINCIPAL_ARN_KINDS)) {
      fail(`${field}.${type}`, type, "must be RAM, Service or Federated (case-sensitive)");
      continue;
    }
    if (!Array.isArray(values) || values.length === 0) {
      fail(`${field}.${type}`, values, "must be a non-empty list");
      continue;
    }
    const kinds = PRINCIPAL_ARN_KINDS[type as keyof Principal];
    values.forEach((v: unknown, j) => {
      const at = `${field}.${type}[${j}]`;
      if (typeof v !== "string") return fail(at, v, "must be a string");
      if (listTokenProblem(v, at, fail)) return;
      if (kinds === undefined) {
        if (!Token.isUnresolved(v) && !SERVICE_PRINCIPAL.test(v)) {
          fail(at, v, "must be a service name such as ecs.aliyuncs.com");
        }
        return;
      }
      const problems = validateArn(v, kinds);
      if (problems.length > 0) fail(at, v, problems.join("; "));
    });
  }
}
