import { countTokens } from "../tokens";
import { FieldChecks } from "../validation/field-checks";
import { compare, describe, literalLength, mergeStatements, normalize, renderStatement } from "./policy-rendering";
import { PolicyStatement } from "./policy-statement";
import { validateStatement } from "./policy-validation";

export * from "./policy-statement";

/**
 * A typed RAM policy document (`{"Version":"1","Statement":[...]}`) that renders deterministic, compact JSON
 * and reports every rule it breaks. Pure data: constructs pass `toJson()` to `alicloud_ram_policy` /
 * `alicloud_ram_role` and `validate()` to `node.addValidation`.
 *
 * Rendering rules (see {@link PolicyDocument.toJson}):
 * - `Action`, `NotAction`, `Resource` and every `Principal` entry are always JSON lists, even with one element.
 * - Key order: `Effect`, `Principal`, `Action`/`NotAction`, `Resource`, `Condition`.
 * - No whitespace: the 6,144-character limit counts the document as sent.
 */

/** `permission`: a policy attached to users/roles. `trust`: a role's `AssumeRolePolicyDocument`. */
export type PolicyDocumentKind = "permission" | "trust";

/** Props of a {@link PolicyDocument}. */
export interface PolicyDocumentProps {
  /** Which kind of document; only trust documents may (and must) name a `Principal`. @default "permission" */
  readonly kind?: PolicyDocumentKind;
  /** Initial statements. @default none */
  readonly statements?: readonly PolicyStatement[];
  /** Longest rendered document allowed, in characters. @default MAX_POLICY_DOCUMENT_LENGTH (6,144) */
  readonly maxLength?: number;
}

/**
 * RAM's limit on a policy document, in characters (CreatePolicy and CreatePolicyVersion `PolicyDocument`: "up to
 * 6,144 characters"; RAM limits page, policy document size). The provider sends `policy_document` as written, so
 * the characters counted are those of the compact JSON below once Terraform has put in the token values.
 */
export const MAX_POLICY_DOCUMENT_LENGTH = 6144;

/**
 * Characters one unresolved token may stand for, at most, when a document is measured before plan: the values
 * grants put into documents are account UIDs (16 digits), instance ids (`cri-` and 16 characters), region ids and
 * role ARNs (`acs:ram::<uid>:role/<name>`, at most 95 with a 64-character name).
 */
export const TOKEN_VALUE_BOUND = 96;

/** The length of a rendered document: what is certain now, and the most it can be once its tokens resolve. */
export interface DocumentLength {
  /** Characters without the tokens (a lower bound; the exact length when there are none). */
  readonly literal: number;
  /** Characters with every token counted as {@link TOKEN_VALUE_BOUND} (an upper bound). */
  readonly bound: number;
}

/** A policy document: statements plus the rules for rendering and validating them. */
export class PolicyDocument {
  /** A trust policy (role `AssumeRolePolicyDocument`): every statement names a `Principal`. */
  public static trust(...statements: PolicyStatement[]): PolicyDocument {
    return new PolicyDocument({ kind: "trust", statements });
  }

  /** A permission policy. */
  public static permission(...statements: PolicyStatement[]): PolicyDocument {
    return new PolicyDocument({ kind: "permission", statements });
  }

  /** Kind of document. */
  public readonly kind: PolicyDocumentKind;
  /** Longest rendered document allowed, in characters. */
  public readonly maxLength: number;
  private readonly added: PolicyStatement[] = [];

  public constructor(private readonly props: PolicyDocumentProps = {}) {
    this.kind = props.kind ?? "permission";
    this.maxLength = props.maxLength ?? MAX_POLICY_DOCUMENT_LENGTH;
    // A list only; validate() reports anything else (a string would otherwise become one statement per character).
    this.added.push(...(Array.isArray(props.statements) ? props.statements : []));
  }

  /** Statements in the order they were added (validation messages index into this list, from 0). */
  public get statements(): readonly PolicyStatement[] {
    return [...this.added];
  }

  /** Adds statements; returns this document for chaining. */
  public addStatements(...statements: PolicyStatement[]): this {
    this.added.push(...statements);
    return this;
  }

  /**
   * The document as compact JSON. The result depends only on the set of statements, not their order:
   * 1. statements with equal Effect, Condition, Principal and resource set are merged by unioning `Action`
   *    (never `NotAction`: a union of exclusions would grant less);
   * 2. statements with equal Effect, Condition, Principal and action set are merged by unioning `Resource`;
   * 1 and 2 repeat until nothing merges. Actions, resources and condition value lists are deduplicated and
   * sorted by their string form (token strings included), and statements are sorted by their rendered JSON.
   * Token strings are kept verbatim so cdktf resolves them at synth; numeric tokens are written unquoted.
   */
  public toJson(): string {
    return `{"Version":"1","Statement":[${this.renderStatements().join(",")}]}`;
  }

  /**
   * Every rule the document breaks, as `field = value: rule` messages; empty when it is valid. `Statement[i]`
   * is the i-th statement as added (from 0). Values holding unresolved tokens are checked on their literal
   * parts only (see `validateArn`). `length: false` leaves out the length rule, for statements that are judged
   * apart from the document they end up in.
   */
  public validate(options: { readonly length?: boolean } = {}): string[] {
    const check = new FieldChecks();
    const fail = (field: string, value: unknown, rule: string): void => check.fail(field, value, rule);
    // The props decide how the statements are judged, so the statements wait until the props are usable.
    check.oneOf("PolicyDocument.kind", this.props.kind, ["permission", "trust"]);
    check.integer("PolicyDocument.maxLength", this.props.maxLength, 1, MAX_POLICY_DOCUMENT_LENGTH);
    (check.list("PolicyDocument.statements", this.props.statements) ?? []).forEach((statement, i) =>
      check.instanceOf(
        `PolicyDocument.statements[${i}]`,
        statement,
        PolicyStatement,
        "a PolicyStatement (.allow or .deny)",
      ),
    );
    if (check.problems.length > 0) return check.messages();
    if (this.added.length === 0) fail("Statement", [], "must contain at least one statement");
    this.added.forEach((s, i) => validateStatement(s, `Statement[${i}]`, this.kind, fail));
    if (this.added.length > 0 && options.length !== false) this.validateLength(fail);
    return check.messages();
  }

  /** The problem of a document longer than {@link maxLength} (none when it fits), as {@link validate} has it. */
  public lengthProblems(): string[] {
    const check = new FieldChecks();
    this.validateLength((field, value, rule) => check.fail(field, value, rule));
    return check.messages();
  }

  /** The rendered document's length, as RAM counts it (see {@link MAX_POLICY_DOCUMENT_LENGTH}). */
  public length(): DocumentLength {
    const json = this.toJson();
    return { literal: literalLength(json), bound: literalLength(json) + countTokens(json) * TOKEN_VALUE_BOUND };
  }

  private validateLength(fail: (field: string, value: unknown, rule: string) => void): void {
    const merged = mergeStatements(this.added.map(normalize));
    const rendered = merged.map((m) => ({ m, json: renderStatement(m) })).sort((a, b) => compare(a.json, b.json));
    const json = `{"Version":"1","Statement":[${rendered.map((r) => r.json).join(",")}]}`;
    const length = literalLength(json);
    if (length <= this.maxLength) return;
    const tokens = json.length - length;
    const measured = tokens > 0 ? ` (not counting ${tokens} characters of token placeholders)` : "";
    const largest = rendered
      .map((r, index) => ({ ...r, index, length: literalLength(r.json) }))
      .sort((a, b) => b.length - a.length || a.index - b.index)
      .slice(0, 3)
      .map((r) => `${describe(r.m, r.index)}: ${r.length} characters (${Math.round((100 * r.length) / length)}%)`);
    fail(
      "PolicyDocument.length",
      length,
      `must be at most ${this.maxLength} characters${measured}; largest statements: ${largest.join("; ")}`,
    );
  }

  private renderStatements(): string[] {
    return mergeStatements(this.added.map(normalize)).map(renderStatement).sort(compare);
  }
}
