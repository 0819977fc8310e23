import { PlatformRule, RuleResource } from "./rule";
import { VISIBILITY_ATTRIBUTES } from "./vocabulary";

/** The visibility finding of one resource, if its visibility attribute is PUBLIC (any case). */
export function publicVisibility({ type, body }: RuleResource): string[] {
  const attribute = VISIBILITY_ATTRIBUTES[type];
  const value = body[attribute];
  return typeof value === "string" && value.toUpperCase() === "PUBLIC"
    ? [`${attribute} is PUBLIC: anyone who reaches the endpoint can pull`]
    : [];
}

/** A PUBLIC repository: anyone who reaches the endpoint pulls without credentials. */
export const PUBLIC_REPOSITORY: PlatformRule = {
  id: "public-repository",
  severity: "warning",
  description: "a repository whose repo_type is PUBLIC",
  resourceTypes: ["alicloud_cr_ee_repo", "alicloud_cr_chart_repository", "alicloud_cr_repo"],
  exception: "allowPublic",
  inPlan: true,
  check: publicVisibility,
  examples: {
    passing: { type: "alicloud_cr_ee_repo", body: { name: "api", repo_type: "PRIVATE" } },
    failing: { type: "alicloud_cr_ee_repo", body: { name: "api", repo_type: "public" } },
  },
};
