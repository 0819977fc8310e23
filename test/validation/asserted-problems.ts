import * as fs from "node:fs";
import * as ts from "typescript";

/** Where a problem string starts: `[path] field = value: rule` or `field = value: rule`. */
const PROBLEM = /^(\[[^\]]*\] )?[^\s=]+ = /;

/**
 * Every problem a test file expects, as written in its string literals (`problem: "[test/R] edition = ..."`), with
 * the file's own string constants substituted (`${REG}.region = ...` with `const REG = ...`) and any other
 * substitution as `…`. Read from the source rather than by running the tables, so a coverage check can point at
 * the case that asserts each problem.
 */
export function assertedProblems(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const constants = new Map<string, string>();
  const text = (node: ts.Node): string | undefined => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (!ts.isTemplateExpression(node)) return undefined;
    return (
      node.head.text +
      node.templateSpans
        .map((span) => {
          const known = ts.isIdentifier(span.expression) ? constants.get(span.expression.text) : undefined;
          return (known ?? "…") + span.literal.text;
        })
        .join("")
    );
  };
  const problems: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const value = text(node.initializer);
      if (value !== undefined) constants.set(node.name.text, value);
    }
    const value = text(node);
    if (value !== undefined && PROBLEM.test(value)) problems.push(value);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}
