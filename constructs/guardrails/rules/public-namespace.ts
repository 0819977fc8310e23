import { PlatformRule } from "./rule";
import { publicVisibility } from "./public-repository";

/** A namespace whose new repositories are PUBLIC by default. */
export const PUBLIC_NAMESPACE: PlatformRule = {
  id: "public-namespace",
  severity: "warning",
  description: "a namespace whose default_visibility (default_repo_type for charts) is PUBLIC",
  resourceTypes: ["alicloud_cr_ee_namespace", "alicloud_cr_chart_namespace", "alicloud_cr_namespace"],
  exception: "allowPublic",
  inPlan: true,
  check: publicVisibility,
  examples: {
    passing: { type: "alicloud_cr_chart_namespace", body: { namespace_name: "charts", default_repo_type: "PRIVATE" } },
    failing: { type: "alicloud_cr_chart_namespace", body: { namespace_name: "charts", default_repo_type: "PUBLIC" } },
  },
};
