/**
 * The platform rule set: one rule per file (see `rule.ts`), run by the guardrails at synth, by `npm run review`
 * on synthesized JSON and by `npm run plan-review` on each planned `change.after`.
 */
import { ALL_ACTIONS } from "./all-actions";
import { FULL_ACCESS_SYSTEM_POLICY } from "./full-access-system-policy";
import { INTERNET_ENDPOINT } from "./internet-endpoint";
import { INTERNET_OPEN_TO_ALL } from "./internet-open-to-all";
import { MISSING_TAGS } from "./missing-tags";
import { PUBLIC_NAMESPACE } from "./public-namespace";
import { PUBLIC_REPOSITORY } from "./public-repository";
import { PlatformRule, RuleContext, RuleResource, RuleSeverity } from "./rule";
import { UNPROTECTED_DATA } from "./unprotected-data";
import { UNPROTECTED_REPOSITORY } from "./unprotected-repository";
import { UNREADABLE_POLICY } from "./unreadable-policy";
import { WRITE_ON_ALL_RESOURCES } from "./write-on-all-resources";

export * from "./rule";
export * from "./vocabulary";
export { isProtected } from "./unprotected-data";

/** Every platform rule, in the order their findings are reported for one resource. */
export const PLATFORM_RULES: readonly PlatformRule[] = [
  UNPROTECTED_DATA,
  UNPROTECTED_REPOSITORY,
  ALL_ACTIONS,
  WRITE_ON_ALL_RESOURCES,
  FULL_ACCESS_SYSTEM_POLICY,
  UNREADABLE_POLICY,
  PUBLIC_REPOSITORY,
  PUBLIC_NAMESPACE,
  INTERNET_ENDPOINT,
  INTERNET_OPEN_TO_ALL,
  MISSING_TAGS,
];

/** Tag keys required when the caller names none. */
export const DEFAULT_REQUIRED_TAGS: readonly string[] = ["environment", "owner", "managed-by"];

/** One problem one rule found on one resource. */
export interface RuleFinding {
  readonly rule: PlatformRule;
  readonly severity: RuleSeverity;
  readonly message: string;
}

/**
 * Runs every rule that reads `resource.type` over it. `planned` selects the rules whose check reads attributes
 * only (see {@link PlatformRule.inPlan}), for a plan's `change.after`.
 */
export function evaluateRules(resource: RuleResource, context: RuleContext, planned = false): RuleFinding[] {
  return PLATFORM_RULES.filter(
    (rule) => rule.resourceTypes.includes(resource.type) && (!planned || rule.inPlan),
  ).flatMap((rule) => rule.check(resource, context).map((message) => ({ rule, severity: rule.severity, message })));
}
