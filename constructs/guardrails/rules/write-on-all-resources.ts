import { allowStatements, isAllActions } from "./policy-document";
import { PlatformRule } from "./rule";
import { isReadOnlyAction } from "./vocabulary";

/**
 * An Allow statement on `*` with a write action (one not named `Get*`, `List*`, ...). The prefixes are matched in
 * their documented case: a rule errs towards reporting, so `cr:pushRepository` is a write and `cr:getX` is too.
 */
export const WRITE_ON_ALL_RESOURCES: PlatformRule = {
  id: "write-on-all-resources",
  severity: "error",
  description: "an Allow statement on * with an action not named Get*, List*, Describe*, Query* or Pull*",
  resourceTypes: ["alicloud_ram_policy"],
  exception: "allowBroadPolicies",
  inPlan: true,
  check: ({ body }) =>
    allowStatements(body).flatMap(([index, s]) => {
      // `*` and `cr:*` are all-actions' finding; reporting them twice would say nothing new.
      const writes = s.actions.filter((a) => !isAllActions(a) && !isReadOnlyAction(a));
      return s.resources.includes("*") && writes.length > 0
        ? [`Statement[${index}] allows write actions ${writes.join(", ")} on "*"`]
        : [];
    }),
  examples: {
    passing: { type: "alicloud_ram_policy", body: { policy_document: document("cr:GetAuthorizationToken") } },
    failing: { type: "alicloud_ram_policy", body: { policy_document: document("cr:PushRepository") } },
  },
};

function document(action: string): string {
  return JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });
}
