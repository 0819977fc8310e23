import { Token } from "../engine";
import { FieldProblem, NameRule, renderProblem } from "./problems";
import { resourceConstraint } from "./provider-constraints";

export { renderProblem };
export type { FieldProblem, NameRule };

/** True when a value is (or contains) a Terraform token that only resolves at plan/apply time. */
export function isUnresolved(value: unknown): boolean {
  return value !== undefined && Token.isUnresolved(value);
}

/**
 * Collects every problem in a construct's props, so a user sees all of them in one synth. Checks skip
 * values that are unset (the provider default applies) or unresolved tokens (known only at plan time).
 */
export class FieldChecks {
  private readonly found: FieldProblem[] = [];

  /** Problems found so far, in the order the checks ran. */
  public get problems(): readonly FieldProblem[] {
    return this.found;
  }

  /** The problems rendered as messages, for `node.addValidation`. */
  public messages(): string[] {
    return this.found.map(renderProblem);
  }

  public fail(field: string, value: unknown, rule: string): void {
    this.found.push({ field, value, rule });
  }

  /** `value` must satisfy `rule` (length and pattern). */
  public name(field: string, value: string | undefined, rule: NameRule): void {
    if (value === undefined || isUnresolved(value)) return;
    if (value.length < rule.minLength || value.length > rule.maxLength || !rule.pattern.test(value)) {
      this.fail(field, value, rule.description);
    }
  }

  /** `value` must be an integer in `[min, max]`, and a multiple of `step` when given. */
  public integer(field: string, value: number | undefined, min: number, max: number, step = 1): void {
    if (value === undefined || isUnresolved(value)) return;
    const stepRule = step > 1 ? ` and a multiple of ${step}` : "";
    if (!Number.isInteger(value) || value < min || value > max || value % step !== 0) {
      this.fail(field, value, `must be an integer from ${min} to ${max}${stepRule}`);
    }
  }

  /** `value` must have a length within `[min, max]` characters. */
  public length(field: string, value: string | undefined, min: number, max: number): void {
    if (value === undefined || isUnresolved(value)) return;
    if (value.length < min || value.length > max) {
      this.fail(field, value, `must be ${min} to ${max} characters long (got ${value.length})`);
    }
  }

  /**
   * `value` must pass the vendored provider's rules for `resourceType.attribute` (allowed values, integer
   * ranges, lengths, patterns), so the constructs fail at synth where the provider would fail at plan.
   */
  public provider(field: string, value: unknown, resourceType: string, attribute: string): void {
    if (value === undefined || isUnresolved(value)) return;
    const c = resourceConstraint(resourceType, attribute);
    const where = `${resourceType}.${attribute}`;
    if (
      c.allowed &&
      !c.allowed.some((a) =>
        c.allowed_ignore_case ? a.toLowerCase() === String(value).toLowerCase() : a === String(value),
      )
    ) {
      this.fail(field, value, `must be one of ${c.allowed.join(", ")} (${where})`);
    }
    if (c.int_range && typeof value === "number") {
      const [min, max] = c.int_range;
      if (!Number.isInteger(value) || (min !== null && value < min) || (max !== null && value > max)) {
        this.fail(field, value, `must be an integer from ${min ?? "-∞"} to ${max ?? "∞"} (${where})`);
      }
    }
    if (c.len_range && typeof value === "string") {
      const [min, max] = c.len_range;
      if ((min !== null && value.length < min) || (max !== null && value.length > max)) {
        this.fail(field, value, `must be ${min ?? 0} to ${max ?? "any number of"} characters long (${where})`);
      }
    }
    if (c.regex && typeof value === "string" && !new RegExp(c.regex).test(value)) {
      this.fail(field, value, c.regex_message ?? `must match ${c.regex} (${where})`);
    }
  }
}
