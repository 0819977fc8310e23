// The one problem collector of the project, shared by the cdktf constructs, the cdk8s charts and the platform
// definition. It imports nothing: which values are unresolved tokens is the caller's to say (a TokenTest), so the
// charts use it without loading the CDK for Terraform engine.

/** One rule broken by one value: rendered as `field = value: rule` (under a construct or definition path). */
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

/**
 * Which values are unresolved tokens, by kind. Checks skip a token of the kind they expect (it resolves at plan or
 * apply time) and refuse a token of another kind, e.g. a list token where one string is required.
 */
export interface TokenTest {
  /** True when the string holds a token (wholly or in part). */
  readonly string: (value: string) => boolean;
  /** True when the number is an encoded number token. */
  readonly number: (value: number) => boolean;
  /** True when the list is (or holds) a list token. */
  readonly list: (value: readonly unknown[]) => boolean;
  /** True when the string holds an element of a list token, which cannot stand for one string. @default never */
  readonly listInString?: (value: string) => boolean;
  /** True when an object stands for a value of any type (an engine's boolean or "any" token). @default never */
  readonly object?: (value: object) => boolean;
}

/** For values that can never hold tokens (Kubernetes manifests must be concrete). */
export const NO_TOKENS: TokenTest = { string: () => false, number: () => false, list: () => false };

/** Shown instead of a value that must never be echoed (passwords, access key secrets). */
export const REDACTED = "<redacted>";

/** `field = value: rule`; strings quoted, NaN and infinities as themselves, unset as `(not set)`. */
export function renderProblem(problem: FieldProblem): string {
  return `${problem.field} = ${renderValue(problem.value)}: ${problem.rule}`;
}

/** A value shown as a description rather than as itself, e.g. `(a plain object)` for a look-alike value object. */
export class Described {
  public constructor(public readonly text: string) {}
}

function renderValue(value: unknown): string {
  if (value instanceof Described) return value.text;
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "(not set)";
  // JSON.stringify writes NaN and Infinity as null, which would hide the actual mistake.
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "function") return "(a function)";
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
  } catch {
    return String(value); // circular objects: not worth more than their tag
  }
}

/** Options of the typed checks: whether an unset value is itself a problem. */
export interface Presence {
  /** Report an unset (`undefined` or `null`) value as `is required`. @default false */
  readonly required?: boolean;
}

/** Options of {@link Problems.integer}. */
export interface IntegerOptions extends Presence {
  /** The value must be a multiple of this. @default 1 */
  readonly step?: number;
}

/** A class (its prototype is what instances inherit from), for {@link Problems.instanceOf}; private constructors too. */
export interface Class<T> {
  readonly prototype: T;
}

/**
 * Collects every problem of a set of values, so a user sees all of them in one run. Each typed check verifies the
 * JavaScript type first (callers without TypeScript, or with casts, reach every check), skips values that are unset
 * unless required, skips unresolved tokens of its own kind, and returns whether the value is a literal worth
 * checking further.
 */
export class Problems {
  private readonly found: FieldProblem[] = [];

  /** @param tokens which values are unresolved tokens @default NO_TOKENS */
  public constructor(protected readonly tokens: TokenTest = NO_TOKENS) {}

  /** Problems found so far, in the order the checks ran. */
  public get problems(): readonly FieldProblem[] {
    return this.found;
  }

  /** The problems rendered as `field = value: rule` messages. */
  public messages(): string[] {
    return this.found.map(renderProblem);
  }

  public fail(field: string, value: unknown, rule: string): void {
    this.found.push({ field, value, rule });
  }

  /** True when `value` is an unresolved token of any kind. */
  public isToken(value: unknown): boolean {
    if (typeof value === "string") return this.tokens.string(value);
    if (typeof value === "number") return this.tokens.number(value);
    if (Array.isArray(value)) return this.tokens.list(value);
    return typeof value === "object" && value !== null && this.tokens.object?.(value) === true;
  }

  /** `value` must be set (not `undefined` or `null`). */
  public required(field: string, value: unknown): boolean {
    if (value !== undefined && value !== null) return true;
    this.fail(field, value, "is required");
    return false;
  }

  /** True when `value` is a literal string; reports another type, a list token, or an unset required value. */
  public string(field: string, value: unknown, presence: Presence = {}): value is string {
    if (!this.present(field, value, presence)) return false;
    if (typeof value === "string") {
      if (this.tokens.listInString?.(value)) this.fail(field, value, LIST_TOKEN_RULE);
      else return !this.tokens.string(value);
      return false;
    }
    this.fail(field, value, Array.isArray(value) && this.tokens.list(value) ? LIST_TOKEN_RULE : "must be a string");
    return false;
  }

  /** `value` must be a string satisfying `rule` (length and pattern). */
  public name(field: string, value: unknown, rule: NameRule, presence: Presence = {}): void {
    if (!this.string(field, value, presence)) return;
    if (value.length < rule.minLength || value.length > rule.maxLength || !rule.pattern.test(value)) {
      this.fail(field, value, rule.description);
    }
  }

  /** `value` must be a string of `min` to `max` characters. */
  public length(field: string, value: unknown, min: number, max: number, presence: Presence = {}): void {
    if (!this.string(field, value, presence)) return;
    if (value.length < min || value.length > max) {
      this.fail(field, value, `must be ${min} to ${max} characters long (got ${value.length})`);
    }
  }

  /** `value` must be one of `allowed` (string tokens are skipped). */
  public oneOf(field: string, value: unknown, allowed: readonly string[], presence: Presence = {}): void {
    if (!this.string(field, value, presence)) return;
    if (!allowed.includes(value)) this.fail(field, value, `must be one of ${allowed.join(", ")}`);
  }

  /** True when `value` is a literal, finite number; reports another type, NaN, infinities and a list token. */
  public number(field: string, value: unknown, presence: Presence = {}): value is number {
    if (!this.present(field, value, presence)) return false;
    if (typeof value === "number") {
      if (this.tokens.number(value)) return false;
      if (Number.isFinite(value)) return true;
      this.fail(field, value, "must be a finite number");
      return false;
    }
    this.fail(field, value, Array.isArray(value) && this.tokens.list(value) ? LIST_TOKEN_RULE : "must be a number");
    return false;
  }

  /** `value` must be an integer in `[min, max]`, and a multiple of `step` when given. */
  public integer(field: string, value: unknown, min: number, max: number, options: IntegerOptions = {}): void {
    if (!this.number(field, value, options)) return;
    const step = options.step ?? 1;
    if (!Number.isInteger(value) || value < min || value > max || value % step !== 0) {
      const stepRule = step > 1 ? ` and a multiple of ${step}` : "";
      this.fail(field, value, `must be an integer from ${min} to ${max}${stepRule}`);
    }
  }

  /** `value` must be `true` or `false`; a token (of any kind: engines encode booleans variously) is skipped. */
  public boolean(field: string, value: unknown, presence: Presence = {}): void {
    if (!this.present(field, value, presence) || typeof value === "boolean" || this.isToken(value)) return;
    this.fail(field, value, "must be true or false");
  }

  /**
   * The items of `value` when it is a literal list (to check one by one), else `undefined`: unset, a list token,
   * or not a list (reported).
   */
  public list(field: string, value: unknown, presence: Presence = {}): readonly unknown[] | undefined {
    if (!this.present(field, value, presence)) return undefined;
    if (!Array.isArray(value)) {
      this.fail(field, value, "must be a list");
      return undefined;
    }
    return this.tokens.list(value) ? undefined : value;
  }

  /** `value` must be a plain object whose values are strings (tags, labels, contexts). */
  public stringMap(field: string, value: unknown, presence: Presence = {}): void {
    if (!this.present(field, value, presence)) return;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.fail(field, value, "must be an object of string values");
      return;
    }
    for (const [key, item] of Object.entries(value)) this.string(`${field}.${key}`, item, { required: true });
  }

  /**
   * True when `value` is an object (to read its fields, typed as `T` when the caller knows the intended shape);
   * reports another type or an unset required value.
   */
  public object<T = Record<string, unknown>>(field: string, value: unknown, presence: Presence = {}): value is T {
    if (!this.present(field, value, presence)) return false;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return true;
    this.fail(field, value, "must be an object");
    return false;
  }

  /**
   * `value` must be an instance of `type`, not merely an object of the same shape. `what` says how to make one,
   * e.g. `a RegistryPassword (RegistryPassword.fromKmsCiphertext or .fromSensitiveVariable)`.
   */
  public instanceOf<T>(
    field: string,
    value: unknown,
    type: Class<T>,
    what: string,
    presence: Presence = {},
  ): value is T {
    if (!this.present(field, value, presence)) return false;
    // `instanceof`, spelt so that classes with private constructors (value objects made by factories) qualify.
    if (Object.prototype.isPrototypeOf.call(type.prototype, value as object)) return true;
    this.fail(field, describeShape(value), `must be ${what}`);
    return false;
  }

  /** Every item of `values` must be unique. */
  public unique(field: string, values: readonly string[], what: string): void {
    const seen = new Set<string>();
    for (const value of values) {
      if (seen.has(value)) this.fail(field, value, `duplicate ${what}`);
      seen.add(value);
    }
  }

  /** Adds another collector's problems under a field prefix. */
  public include(prefix: string, other: Problems): void {
    for (const p of other.problems) this.fail(`${prefix}${p.field}`, p.value, p.rule);
  }

  private present(field: string, value: unknown, presence: Presence): boolean {
    if (value !== undefined && value !== null) return true;
    if (presence.required) this.fail(field, value, "is required");
    return false;
  }
}

const LIST_TOKEN_RULE = "is a list token where a single value is required";

// The value's type or class, never its content: a look-alike value object or a string may be a secret.
function describeShape(value: unknown): Described {
  if (typeof value !== "object" || value === null) return new Described(`(a ${typeof value})`);
  if (Array.isArray(value)) return new Described("(a list)");
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return new Described(`(${typeof name === "string" && name !== "Object" ? `a ${name}` : "a plain object"})`);
}
