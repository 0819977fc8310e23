/**
 * Small Markdown and JSON helpers shared by the review tools. Pure functions.
 */

export { isObject } from "../constructs/guardrails/rules/rule";
export type { JsonObject } from "../constructs/guardrails/rules/rule";

/**
 * Orders strings by UTF-16 code units, never by locale, so output is the same on every machine; digit runs
 * compare as numbers so `repo-2` sorts before `repo-10`.
 */
export function compareText(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y) && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Escapes text for a Markdown table cell: pipes and line breaks would end the cell or the row. */
export function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** `text` as an inline code span, safe inside a table cell. */
export function code(text: string): string {
  // A backtick inside would close the span; a longer fence is legal but rarely rendered well in tables.
  return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}

/** A Markdown table; cells must already be escaped (see {@link cell} and {@link code}). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ];
}

/** `count word` with an `s` unless count is 1 (`plural(2, "repository", "repositories")` for irregular ones). */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** True for a string Terraform evaluates as a template (`${...}` or `%{...}`). */
export function hasInterpolation(value: unknown): value is string {
  return typeof value === "string" && (value.includes("${") || value.includes("%{"));
}
