/**
 * Value checks of `npm run validate`: Terraform types, then the vendored constraints (allowed values, ranges,
 * lengths, patterns, JSON, durations) of one attribute.
 */
import { AttributeConstraints, Limits, TerraformType } from "./schema-model";
import {
  COMMENT_KEY,
  Context,
  NUMERIC_STRING,
  isInterpolation,
  isObject,
  isSetValue,
  joinPath,
  renderKind,
  renderLimits,
  renderType,
  renderValue,
  report,
  severityOf,
} from "./validation-context";
export function checkType(ctx: Context, value: unknown, type: TerraformType, valuePath: string): boolean {
  if (isInterpolation(value) || type === "dynamic") return true;
  const mismatch = (): false => {
    report(ctx, valuePath, "type", `expected ${renderType(type)}, got ${renderKind(value)}`);
    return false;
  };
  if (typeof type === "string") {
    switch (type) {
      case "string":
        // Terraform converts numbers and bools to strings.
        return typeof value === "string" || typeof value === "number" || typeof value === "boolean" || mismatch();
      case "number":
        return (
          (typeof value === "number" && Number.isFinite(value)) ||
          (typeof value === "string" && NUMERIC_STRING.test(value.trim())) ||
          mismatch()
        );
      case "bool":
        return typeof value === "boolean" || value === "true" || value === "false" || mismatch();
      default:
        return true; // a type this checker does not know: do not guess
    }
  }
  const [kind, inner] = type;
  if (kind === "list" || kind === "set" || kind === "tuple") {
    if (!Array.isArray(value)) return mismatch();
    let ok = true;
    value.forEach((element, i) => {
      if (element === null) return;
      const elementType = kind === "tuple" ? (inner as readonly TerraformType[])[i] : (inner as TerraformType);
      if (elementType !== undefined) ok = checkType(ctx, element, elementType, `${valuePath}[${i}]`) && ok;
    });
    return ok;
  }
  if (!isObject(value)) return mismatch();
  let ok = true;
  for (const [key, element] of Object.entries(value)) {
    if (key === COMMENT_KEY || element === null) continue;
    const elementType =
      kind === "map" ? (inner as TerraformType) : (inner as { readonly [name: string]: TerraformType })[key];
    if (elementType !== undefined) ok = checkType(ctx, element, elementType, joinPath(valuePath, key)) && ok;
  }
  return ok;
}

export function checkConstraints(
  ctx: Context,
  name: string,
  c: AttributeConstraints,
  value: unknown,
  type: TerraformType,
  valuePath: string,
): void {
  if (typeof type === "string") {
    checkPrimitive(ctx, name, c, value, valuePath);
    return;
  }
  const [kind] = type;
  const elements: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [`${valuePath}[${i}]`, v])
    : isObject(value)
      ? Object.entries(value)
          .filter(([k]) => k !== COMMENT_KEY)
          .map(([k, v]) => [joinPath(valuePath, k), v])
      : [];
  if (isInterpolation(value)) return;
  const limits: Limits = [c.min_items ?? null, c.max_items ?? null];
  const unit = kind === "map" ? "entries" : "items";
  if ((limits[0] !== null && elements.length < limits[0]) || (limits[1] !== null && elements.length > limits[1])) {
    report(
      ctx,
      valuePath,
      "item-count",
      `${name} has ${elements.length} ${unit}; it must have ${renderLimits(limits)} ${unit}`,
      severityOf(ctx, c),
    );
  }
  if (c.elem !== undefined) {
    for (const [elementPath, element] of elements)
      checkPrimitive(ctx, `an element of ${name}`, c.elem, element, elementPath);
  }
}

function checkPrimitive(ctx: Context, name: string, c: AttributeConstraints, value: unknown, valuePath: string): void {
  if (!isSetValue(value) || isInterpolation(value) || typeof value === "object") return;
  const severity = severityOf(ctx, c);
  const text = String(value);
  const shown = renderValue(value);

  if (c.allowed !== undefined && c.allowed.length > 0) {
    const fold = (s: string): string => (c.allowed_ignore_case ? s.toLowerCase() : s);
    const matches = c.allowed.some((a) => {
      if (typeof a === "number" && NUMERIC_STRING.test(text)) return a === Number(text);
      return fold(String(a)) === fold(text);
    });
    if (!matches) {
      const list = c.allowed.map((a) => JSON.stringify(a)).join(", ");
      const caseNote = c.allowed_ignore_case ? " (case-insensitive)" : "";
      report(
        ctx,
        valuePath,
        "allowed-values",
        `value ${shown} is not allowed for ${name}; expected one of ${list}${caseNote}`,
        severity,
      );
    }
  }

  if (c.int_range !== undefined || c.float_range !== undefined) {
    const number = typeof value === "number" ? value : NUMERIC_STRING.test(text.trim()) ? Number(text) : NaN;
    if (Number.isNaN(number)) return; // already reported as a type error, or not numeric by schema
    if (c.int_range !== undefined && !Number.isInteger(number)) {
      report(ctx, valuePath, "type", `value ${shown} of ${name} must be a whole number`, severity);
    }
    for (const limits of [c.int_range, c.float_range]) {
      if (limits === undefined) continue;
      const [min, max] = limits;
      if ((min !== null && number < min) || (max !== null && number > max)) {
        report(
          ctx,
          valuePath,
          "range",
          `value ${shown} is out of range for ${name}: must be ${renderLimits(limits)}`,
          severity,
        );
      }
    }
  }

  if (c.len_range !== undefined) {
    // The SDK's StringLenBetween measures Go string length, i.e. UTF-8 bytes.
    const length = Buffer.byteLength(text, "utf8");
    const [min, max] = c.len_range;
    if ((min !== null && length < min) || (max !== null && length > max)) {
      report(
        ctx,
        valuePath,
        "length",
        `value ${shown} has length ${length}; ${name} must be ${renderLimits(c.len_range, " characters")} long`,
        severity,
      );
    }
  }

  const because = c.regex_message ? ` (${c.regex_message})` : "";
  if (c.regex !== undefined) {
    const re = goRegExp(c.regex);
    if (re !== undefined && !re.test(text)) {
      report(
        ctx,
        valuePath,
        "pattern",
        `value ${shown} of ${name} does not match the pattern ${c.regex}${because}`,
        severity,
      );
    }
  }
  if (c.regex_not !== undefined) {
    const re = goRegExp(c.regex_not);
    if (re !== undefined && re.test(text)) {
      report(
        ctx,
        valuePath,
        "pattern",
        `value ${shown} of ${name} must not match the pattern ${c.regex_not}${because}`,
        severity,
      );
    }
  }

  for (const validator of c.validate ?? []) {
    if (validator === "validation.StringIsJSON" && !isJson(text)) {
      report(
        ctx,
        valuePath,
        "format",
        `value ${shown} of ${name} is not valid JSON (validation.StringIsJSON)`,
        severity,
      );
    }
    if (validator === "validation.StringIsValidRegExp" && goRegExp(text) === undefined) {
      report(ctx, valuePath, "format", `value ${shown} of ${name} is not a valid regular expression`, severity);
    }
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Compiles a Go (RE2) pattern as a JavaScript RegExp, translating the syntax the two spell differently. */
function goRegExp(pattern: string): RegExp | undefined {
  let source = pattern;
  let flags = "";
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading !== null) {
    flags = [...new Set(leading[1].replace(/U/g, ""))].join("");
    source = source.slice(leading[0].length);
  }
  source = source
    .replace(/\(\?P</g, "(?<")
    .replace(/\\A/g, "^")
    .replace(/\\z/g, "$");
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}
