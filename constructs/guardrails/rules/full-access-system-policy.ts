import { PlatformRule } from "./rule";
import { FULL_ACCESS_SYSTEM_POLICIES } from "./vocabulary";

/** Attaching a system policy that grants `cr:*` is the same as writing `cr:*`. */
export const FULL_ACCESS_SYSTEM_POLICY: PlatformRule = {
  id: "full-access-system-policy",
  severity: "error",
  description: `attaching ${FULL_ACCESS_SYSTEM_POLICIES.join(" or ")}`,
  resourceTypes: [
    "alicloud_ram_role_policy_attachment",
    "alicloud_ram_user_policy_attachment",
    "alicloud_ram_group_policy_attachment",
  ],
  exception: "allowBroadPolicies",
  inPlan: true,
  check: ({ body }) =>
    typeof body.policy_name === "string" && FULL_ACCESS_SYSTEM_POLICIES.includes(body.policy_name)
      ? [`attaches system policy ${body.policy_name}, which grants cr:*`]
      : [],
  examples: {
    passing: {
      type: "alicloud_ram_role_policy_attachment",
      body: { role_name: "ci", policy_name: "AliyunContainerRegistryReadOnlyAccess", policy_type: "System" },
    },
    failing: {
      type: "alicloud_ram_role_policy_attachment",
      body: { role_name: "ci", policy_name: "AliyunContainerRegistryFullAccess", policy_type: "System" },
    },
  },
};
