import { TAGGABLE_RESOURCE_TYPES } from "../../validation/provider-schema";
import { isObject, PlatformRule } from "./rule";

/** Every resource type with a `tags` map in the provider schema must carry the required keys, non-empty. */
export const MISSING_TAGS: PlatformRule = {
  id: "missing-tags",
  severity: "warning",
  description: "a taggable resource lacks a required tag key (environment, owner, managed-by by default)",
  resourceTypes: TAGGABLE_RESOURCE_TYPES,
  exception: "allowMissingTags",
  inPlan: true,
  check: ({ body }, { requiredTags, isUnresolved }) => {
    if (isUnresolved(body.tags)) return []; // a computed tag map is checked when it is known
    const tags = isObject(body.tags) ? body.tags : {};
    const missing = requiredTags.filter((key) => tags[key] === undefined || tags[key] === null || tags[key] === "");
    return missing.length === 0 ? [] : [`missing required tag(s) ${missing.join(", ")}`];
  },
  examples: {
    passing: {
      type: "alicloud_cr_ee_instance",
      body: { tags: { environment: "prod", owner: "platform", "managed-by": "acr-platform" } },
    },
    failing: { type: "alicloud_cr_ee_instance", body: { tags: { environment: "prod", owner: "" } } },
  },
};
