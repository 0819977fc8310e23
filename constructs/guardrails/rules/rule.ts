/**
 * The shape of one platform rule, in the layout Checkov and defsec use: an id, a severity, the resource types it
 * reads, the exception that waives it, a check over one resource's Terraform JSON, and a passing and a failing
 * example. No engine here: guardrails (synth), `npm run review` (cdk.tf.json) and `npm run plan-review`
 * (`change.after`) all run the same rules.
 */

/** A parsed JSON object. */
export type JsonObject = { readonly [key: string]: unknown };

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Named exceptions to the rules. Each entry is a construct path (`prod/ProdRegistry/sandbox`); it covers that
 * construct and everything under it. Every exception that is used prints a warning at synth, so a waiver is never
 * silent; an exception that matches nothing is an error (it is stale or misspelt).
 */
export interface GuardrailExceptions {
  /** Data-holding resources allowed without `prevent_destroy`. @default none */
  readonly allowDestroy?: readonly string[];
  /** Repositories and namespaces allowed to be PUBLIC. @default none */
  readonly allowPublic?: readonly string[];
  /** Registries allowed an Internet endpoint. @default none */
  readonly allowInternetEndpoint?: readonly string[];
  /** Internet endpoints allowed a `/0` entry. @default none */
  readonly allowAnyIp?: readonly string[];
  /** RAM policies allowed `cr:*` or write actions on `*`. @default none */
  readonly allowBroadPolicies?: readonly string[];
  /** Resources allowed to miss required tags. @default none */
  readonly allowMissingTags?: readonly string[];
}

/** The name of one exception list. */
export type ExceptionKey = keyof GuardrailExceptions;

/** Every exception list, in the order problems about stale entries are reported. */
export const EXCEPTION_KEYS: readonly ExceptionKey[] = [
  "allowDestroy",
  "allowPublic",
  "allowInternetEndpoint",
  "allowAnyIp",
  "allowBroadPolicies",
  "allowMissingTags",
];

/** How serious a finding is. */
export type RuleSeverity = "error" | "warning";

/** One resource as a rule sees it: its type and its Terraform JSON body (configuration or planned state). */
export interface RuleResource {
  readonly type: string;
  readonly body: JsonObject;
}

/** What a check may ask of its caller. */
export interface RuleContext {
  /** Tag keys every taggable resource must carry. */
  readonly requiredTags: readonly string[];
  /** Whether a value is not known yet (an engine token at synth, `${...}` in JSON): checks skip such values. */
  readonly isUnresolved: (value: unknown) => boolean;
}

/** One platform rule. */
export interface PlatformRule {
  /** Stable id, e.g. `public-repository`; findings and the README name it. */
  readonly id: string;
  readonly severity: RuleSeverity;
  /** One line: what the rule refuses and why. */
  readonly description: string;
  readonly resourceTypes: readonly string[];
  /**
   * The exception list that waives it at synth. A rule without one is advisory: synth prints its findings as
   * warnings instead of failing.
   */
  readonly exception?: ExceptionKey;
  /**
   * Whether the check reads only resource attributes, which a plan's `change.after` holds. Meta-arguments such as
   * `lifecycle` are configuration only, so rules about them do not run on plans.
   */
  readonly inPlan: boolean;
  /** The problems of one resource, one message each; empty when it passes. */
  readonly check: (resource: RuleResource, context: RuleContext) => string[];
  /** A body that passes and one that fails; `test/guardrails/rules.test.ts` runs both for every rule. */
  readonly examples: { readonly passing: RuleResource; readonly failing: RuleResource };
}
