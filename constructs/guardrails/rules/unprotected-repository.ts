import { PlatformRule } from "./rule";
import { isProtected, unprotectedMessage } from "./unprotected-data";

/** A single repository without `prevent_destroy`: a warning in review (one repository), a failure at synth. */
export const UNPROTECTED_REPOSITORY: PlatformRule = {
  id: "unprotected-repository",
  severity: "warning",
  description: "a repository or chart repository without lifecycle.prevent_destroy: true",
  resourceTypes: ["alicloud_cr_ee_repo", "alicloud_cr_chart_repository", "alicloud_cr_repo"],
  exception: "allowDestroy",
  inPlan: false,
  check: ({ type, body }) => (isProtected(body) ? [] : [unprotectedMessage(type)]),
  examples: {
    passing: { type: "alicloud_cr_ee_repo", body: { name: "api", lifecycle: { prevent_destroy: true } } },
    failing: { type: "alicloud_cr_ee_repo", body: { name: "api", lifecycle: { prevent_destroy: false } } },
  },
};
