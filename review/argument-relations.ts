/**
 * Argument relations of `npm run validate`: ConflictsWith, ExactlyOneOf, AtLeastOneOf and RequiredWith from the
 * vendored constraints.
 */
import { SchemaBlock } from "./schema-model";
import {
  Context,
  JsonObject,
  isInterpolation,
  isObject,
  isSetValue,
  joinConstraintPath,
  joinPath,
  report,
  severityOf,
} from "./validation-context";
// ---------------------------------------------------------------------------------------------------------------
// Argument relations (ConflictsWith, ExactlyOneOf, AtLeastOneOf, RequiredWith)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Whether a relation target is set. The SDK writes targets as absolute paths with list indexes (`a.0.b`); a
 * plain name inside a nested block is read as a sibling, which is what such a reference means in practice.
 */
function isReferenceSet(ctx: Context, body: JsonObject, reference: string, dynamicBlocks: Set<string>): boolean {
  // At the top level `body` is the root, so a plain name means the same in both readings.
  if (!reference.includes(".")) return hasValue(body[reference]) || dynamicBlocks.has(reference);
  return resolveReference(ctx.root, reference.split("."));
}

function hasValue(value: unknown): boolean {
  if (!isSetValue(value)) return false;
  return !(Array.isArray(value) && value.length === 0);
}

function resolveReference(value: unknown, segments: readonly string[]): boolean {
  if (segments.length === 0) return hasValue(value);
  if (isInterpolation(value)) return true; // unknown until plan; assume it will be set
  const [head, ...rest] = segments;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(head)) return resolveReference(value[Number(head)], rest);
    return value.some((element) => resolveReference(element, segments));
  }
  if (!isObject(value)) return false;
  if (resolveReference(value[head], rest)) return true;
  const dynamic = value.dynamic;
  return rest.length === 0 && isObject(dynamic) && isSetValue(dynamic[head]);
}

export function validateRelations(
  ctx: Context,
  block: SchemaBlock,
  body: JsonObject,
  pathText: string,
  constraintPath: string,
  dynamicBlocks: Set<string>,
): void {
  const names = [...Object.keys(block.attributes ?? {}), ...Object.keys(block.block_types ?? {})].sort();
  const isSet = (reference: string): boolean => isReferenceSet(ctx, body, reference, dynamicBlocks);
  const render = (list: readonly string[]): string => list.map((n) => `"${n}"`).join(", ");

  for (const name of names) {
    const c = ctx.constraints[joinConstraintPath(constraintPath, name)];
    if (c === undefined) continue;
    const here = joinPath(pathText, name);
    const selfSet = hasValue(body[name]) || dynamicBlocks.has(name);
    const severity = severityOf(ctx, c);

    for (const [rule, list] of [
      ["exactly-one-of", c.exactly_one_of],
      ["at-least-one-of", c.at_least_one_of],
    ] as const) {
      if (list === undefined || list.length === 0) continue;
      const group = [...new Set([...list, name])].sort();
      const key = `${rule}|${pathText}|${group.join(",")}`;
      if (ctx.reported.has(key)) continue;
      ctx.reported.add(key);
      const present = group.filter(isSet);
      const where = pathText === "" ? "" : ` in ${pathText}`;
      if (present.length === 0) {
        report(
          ctx,
          pathText,
          rule,
          `${rule === "exactly-one-of" ? "exactly" : "at least"} one of ${render(group)} must be set${where}; none is`,
          severity,
        );
      } else if (rule === "exactly-one-of" && present.length > 1) {
        report(
          ctx,
          pathText,
          rule,
          `only one of ${render(group)} may be set${where}, but ${render(present)} are all set`,
          severity,
        );
      }
    }

    if (!selfSet) continue;
    for (const other of c.conflicts_with ?? []) {
      if (other === name || !isSet(other)) continue;
      const key = `conflicts|${pathText}|${[name, other].sort().join(",")}`;
      if (ctx.reported.has(key)) continue;
      ctx.reported.add(key);
      report(ctx, here, "conflicts", `"${name}" conflicts with "${other}": set only one of them`, severity);
    }
    const missing = (c.required_with ?? []).filter((other) => other !== name && !isSet(other));
    if (missing.length > 0) {
      report(ctx, here, "required-with", `"${name}" is set, so ${render(missing)} must be set too`, severity);
    }
  }
}
