import { allowStatements, isAllActions } from "./policy-document";
import { PlatformRule } from "./rule";

/** An Allow statement with `*`, `cr:*` (any case) or `NotAction`: it grants more than anyone reviewed. */
export const ALL_ACTIONS: PlatformRule = {
  id: "all-actions",
  severity: "error",
  description: "an Allow statement with *, cr:* or NotAction",
  resourceTypes: ["alicloud_ram_policy"],
  exception: "allowBroadPolicies",
  inPlan: true,
  check: ({ body }) =>
    allowStatements(body).flatMap(([index, s]) => {
      const everything = s.actions.filter(isAllActions);
      if (everything.length > 0) return [`Statement[${index}] allows ${everything.join(", ")}`];
      if (s.notActions.length > 0) {
        return [`Statement[${index}] allows every action except ${s.notActions.join(", ")}`];
      }
      return [];
    }),
  examples: {
    passing: { type: "alicloud_ram_policy", body: { policy_document: document(["cr:PullRepository"]) } },
    failing: { type: "alicloud_ram_policy", body: { policy_document: document(["CR:*"]) } },
  },
};

function document(actions: string[]): string {
  return JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: actions, Resource: "acs:cr:*" }] });
}
