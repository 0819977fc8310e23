// The pure part of field validation: the problem shape, naming rules and the `field = value: rule` message format.
// No imports: the cdk8s charts (charts/validation.ts) use this without loading cdktf.

/** One rule broken by one value: rendered as `field = value: rule` (under the construct path, for constructs). */
export interface FieldProblem {
  readonly field: string;
  readonly value: unknown;
  readonly rule: string;
}

/** A naming rule: a pattern, its length limits, and the sentence shown when a name breaks it. */
export interface NameRule {
  readonly pattern: RegExp;
  readonly minLength: number;
  readonly maxLength: number;
  readonly description: string;
}

export function renderProblem(problem: FieldProblem): string {
  return `${problem.field} = ${renderValue(problem.value)}: ${problem.rule}`;
}

function renderValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "(not set)";
  return JSON.stringify(value) ?? String(value);
}
