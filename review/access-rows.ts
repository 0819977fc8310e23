/**
 * Who may do what, from a stack's RAM resources: every policy statement joined with the roles, users and groups
 * it is attached to, and every role's trust policy. References are resolved to names (`references.ts`).
 */
import { parsePolicyDocument } from "../constructs/guardrails/rules/policy-document";
import { compareText } from "./markdown";
import { StackNames } from "./references";
import type { Resource } from "./review";
import { GrantRow, TrustRow } from "./stack-model";

const POLICY_REFERENCE = /^\$\{(alicloud_ram_policy\.[A-Za-z0-9_-]+)\.(?:policy_name|name|id)\}$/;

function name(names: StackNames, value: unknown): string {
  return value === undefined || value === null
    ? "—"
    : names.resolve(typeof value === "string" ? value : JSON.stringify(value));
}

/** A grantee as `role ci-builder`: a reference to a principal of the stack shows that principal's name. */
function granteeOf(names: StackNames, attachment: Resource): string {
  const kind = attachment.type.replace(/^alicloud_ram_/, "").replace(/_policy_attachment$/, "");
  const resolved = name(names, attachment.body[`${kind}_name`]);
  // `<role x>` already says the kind; strip it so every grantee reads `role x`.
  return `${kind} ${resolved.replace(new RegExp(`^<${kind} (.*)>$`), "$1")}`;
}

/** One row per statement of each policy and grantee; policies attached from outside the stack show the grantee. */
export function grantRows(ram: readonly Resource[], names: StackNames): GrantRow[] {
  const policies = ram.filter((r) => r.type === "alicloud_ram_policy");
  const byAddress = new Map(policies.map((p) => [p.address, p]));
  const byPolicyName = new Map(policies.map((p) => [name(names, p.body.policy_name ?? p.body.name), p]));
  const attachedTo = new Map<Resource, string[]>();
  const rows: GrantRow[] = [];

  for (const a of ram.filter((r) => r.type.endsWith("_policy_attachment"))) {
    const reference = typeof a.body.policy_name === "string" ? a.body.policy_name : "";
    const match = POLICY_REFERENCE.exec(reference);
    const policy = match !== null ? byAddress.get(match[1]) : byPolicyName.get(reference);
    if (policy === undefined) {
      // A system policy or one created elsewhere: who it goes to is still worth showing.
      rows.push({
        grantee: granteeOf(names, a),
        policy: `${name(names, reference)} (${name(names, a.body.policy_type ?? "Custom")})`,
        effect: "—",
        actions: [],
        resources: [],
        note: "policy not defined in this stack",
      });
      continue;
    }
    attachedTo.set(policy, [...(attachedTo.get(policy) ?? []), granteeOf(names, a)]);
  }

  for (const policy of policies) {
    const policyName = name(names, policy.body.policy_name ?? policy.body.name);
    const parsed = parsePolicyDocument(policy.body.policy_document);
    const grantees = attachedTo.get(policy) ?? ["(not attached)"];
    for (const grantee of grantees) {
      const base = { grantee, policy: policyName, policyAddress: policy.address };
      if (!parsed.ok) {
        const note = `document ${parsed.reason}: ${name(names, policy.body.policy_document)}`;
        rows.push({ ...base, effect: "—", actions: [], resources: [], note });
        continue;
      }
      for (const s of parsed.statements) {
        rows.push({
          ...base,
          effect: s.effect,
          actions: [...s.actions, ...s.notActions.map((x) => `NOT ${x}`)],
          resources: s.resources.map((r) => names.resolve(r)),
          condition: s.condition === undefined ? undefined : names.resolve(s.condition),
        });
      }
    }
  }
  // Stable order: grantee, then policy; statements keep document order (a stable sort keeps it).
  return rows.sort((a, b) => compareText(a.grantee, b.grantee) || compareText(a.policy, b.policy));
}

/** Trust policies are shown, not judged: who should assume a role is a team decision. */
export function trustRows(ram: readonly Resource[], names: StackNames): TrustRow[] {
  const rows: TrustRow[] = [];
  for (const role of ram.filter((r) => r.type === "alicloud_ram_role")) {
    const b = role.body;
    const roleName = name(names, b.role_name ?? b.name);
    const maxSession =
      b.max_session_duration === undefined ? "3600 s (default)" : `${name(names, b.max_session_duration)} s`;
    const document = b.assume_role_policy_document ?? b.document;
    const parsed = parsePolicyDocument(document);
    const base = { role: roleName, address: role.address, maxSession };
    if (!parsed.ok) {
      rows.push({
        ...base,
        effect: "—",
        principals: [],
        actions: [],
        note: `document ${parsed.reason}: ${name(names, document)}`,
      });
      continue;
    }
    for (const s of parsed.statements) {
      const principals = Object.entries(s.principals).flatMap(([kind, list]) =>
        list.map((p) => `${kind} ${names.resolve(p)}`),
      );
      rows.push({
        ...base,
        effect: s.effect,
        principals,
        actions: [...s.actions, ...s.notActions.map((x) => `NOT ${x}`)],
        condition: s.condition === undefined ? undefined : names.resolve(s.condition),
      });
    }
  }
  return rows.sort((a, b) => compareText(a.role, b.role) || compareText(a.address, b.address));
}
