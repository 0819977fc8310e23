import { Token } from "../engine";
import { containsListToken, isWholeToken, replaceTokens } from "../tokens";
import { Described, Presence, Problems, TokenTest } from "../../validation/problems";
import { resourceConstraint } from "./provider-constraints";

export { renderProblem } from "../../validation/problems";
export type { FieldProblem, NameRule } from "../../validation/problems";

/** True when a value is (or contains) a Terraform token that only resolves at plan/apply time. */
export function isUnresolved(value: unknown): boolean {
  return value !== undefined && Token.isUnresolved(value);
}

/** The engine's tokens, by kind: cdktf encodes number tokens as special doubles and list tokens as marked lists. */
const ENGINE_TOKENS: TokenTest = {
  string: (value) => Token.isUnresolved(value),
  number: (value) => Token.isUnresolved(value),
  list: (value) => Token.isUnresolved(value),
  listInString: (value) => containsListToken(value),
  object: (value) => Token.isUnresolved(value),
};

/**
 * The problem collector of the constructs: the shared {@link Problems} with the engine's token test, plus checks
 * against the vendored provider constraints. Construct validations (`node.addValidation`) use it, so every
 * problem of every construct is reported by `synthesizeApp` at once.
 */
export class FieldChecks extends Problems {
  public constructor() {
    super(ENGINE_TOKENS);
  }

  /**
   * As {@link Problems.fail}; tokens are shown as such, not as the engine's placeholder text: a value that is one
   * token as `(an unresolved token)`, a string with literal parts as those parts with `${...}` for each token.
   */
  public fail(field: string, value: unknown, rule: string): void {
    const shown =
      typeof value === "string" && this.isToken(value)
        ? isWholeToken(value)
          ? new Described("(an unresolved token)")
          : replaceTokens(value, "${...}")
        : this.isToken(value)
          ? new Described("(an unresolved token)")
          : value;
    super.fail(field, shown, rule);
  }

  /**
   * `value` must pass the vendored provider's rules for `resourceType.attribute` (allowed values, integer
   * ranges, lengths, patterns), so the constructs fail at synth where the provider would fail at plan.
   */
  public provider(field: string, value: unknown, resourceType: string, attribute: string, presence?: Presence): void {
    const c = resourceConstraint(resourceType, attribute);
    const where = `${resourceType}.${attribute}`;
    if (c.int_range) {
      const [min, max] = c.int_range;
      if (!this.number(field, value, presence)) return;
      if (!Number.isInteger(value) || (min !== null && value < min) || (max !== null && value > max)) {
        this.fail(field, value, `must be an integer from ${min ?? "-∞"} to ${max ?? "∞"} (${where})`);
      }
      return;
    }
    if (!this.string(field, value, presence)) return;
    if (
      c.allowed &&
      !c.allowed.some((a) => (c.allowed_ignore_case ? a.toLowerCase() === value.toLowerCase() : a === value))
    ) {
      this.fail(field, value, `must be one of ${c.allowed.join(", ")} (${where})`);
    }
    if (c.len_range) {
      const [min, max] = c.len_range;
      if ((min !== null && value.length < min) || (max !== null && value.length > max)) {
        this.fail(field, value, `must be ${min ?? 0} to ${max ?? "any number of"} characters long (${where})`);
      }
    }
    if (c.regex && !new RegExp(c.regex).test(value)) {
      this.fail(field, value, c.regex_message ?? `must match ${c.regex} (${where})`);
    }
  }
}
