import { Token } from "../engine";
import { containsListToken, replaceTokens } from "../tokens";
import { ArnKind, validateArn } from "./arn";
import type { PolicyDocumentKind } from "./policy-document";
import { CONDITION_OPERATORS, ConditionValue, Conditions, Principal, PolicyStatement } from "./policy-statement";

// The rules of RAM policy statements: Effect, Action syntax, ARN shapes, condition operators, Principal.

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;
const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.aliyuncs\.com$/;
const PRINCIPAL_ARN_KINDS: Readonly<Record<keyof Principal, readonly ArnKind[] | undefined>> = {
  RAM: ["account-root", "ram-user", "ram-role"],
  Federated: ["oidc-provider", "saml-provider"],
  Service: undefined,
};

/** Reports one problem of a document. */
export type Fail = (field: string, value: unknown, rule: string) => void;

/** Every rule statement `s` (at `at`, e.g. `Statement[0]`) of a `kind` document breaks, through `fail`. */
export function validateStatement(s: PolicyStatement, at: string, kind: PolicyDocumentKind, fail: Fail): void {
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
