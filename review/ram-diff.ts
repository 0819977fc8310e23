/**
 * RAM permission changes in a plan as a line diff: each policy statement flattened to one line per action and
 * resource (or principal), before and after, so a reviewer sees exactly what is added or removed.
 */
import { parsePolicyDocument, PolicyStatement } from "../constructs/guardrails/rules/policy-document";
import { compareText } from "./markdown";

/**
 * The statement as flat lines, one per action (or `NOT` action), resource and principal, e.g.
 * `Allow cr:PullRepository on acs:cr:...:repository/cri-x/payments/*`; the unit the plan review diffs.
 */
export function statementLines(statement: PolicyStatement): string[] {
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

/** Lines of a policy document for diffing; `undefined` stands for no document (created or deleted resource). */
export function documentLines(document: unknown, unknown: boolean): string[] {
  if (unknown) return ["(document known after apply; `npm run review` shows it with references)"];
  if (document === undefined || document === null) return [];
  const parsed = parsePolicyDocument(document);
  if (!parsed.ok) return [`(document ${parsed.reason}: ${String(document)})`];
  return parsed.statements.flatMap(statementLines);
}

export function diffLines(before: readonly string[], after: readonly string[]): string[] {
  const all = [...new Set([...before, ...after])].sort(compareText);
  return all.map((line) => {
    const inBefore = before.includes(line);
    const inAfter = after.includes(line);
    return `${inBefore && inAfter ? " " : inAfter ? "+" : "-"} ${line}`;
  });
}

export function isWidening(diff: readonly string[]): boolean {
  return diff.some((l) => l.startsWith("+ Allow ") || l.startsWith("- Deny ") || l.startsWith("+ (document"));
}
