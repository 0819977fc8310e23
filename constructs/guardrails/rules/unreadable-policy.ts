import { parsePolicyDocument } from "./policy-document";
import { PlatformRule } from "./rule";

/**
 * A policy document that is one expression (not JSON with references inside) cannot be checked by the other
 * policy rules. Advisory: there is nothing to waive, only something nobody checked.
 */
export const UNREADABLE_POLICY: PlatformRule = {
  id: "unreadable-policy",
  severity: "warning",
  description: "a policy document that is not literal JSON, so the policy rules could not check it",
  resourceTypes: ["alicloud_ram_policy"],
  inPlan: false,
  check: ({ body }) => {
    const parsed = parsePolicyDocument(body.policy_document);
    return parsed.ok ? [] : [`policy document ${parsed.reason}; not checked`];
  },
  examples: {
    passing: { type: "alicloud_ram_policy", body: { policy_document: '{"Version":"1","Statement":[]}' } },
    failing: {
      type: "alicloud_ram_policy",
      body: { policy_document: "${data.alicloud_ram_policy_document.x.document}" },
    },
  },
};
