import { JsonObject, PlatformRule, RuleResource } from "./rule";

/**
 * The CIDRs a resource admits on a registry's Internet endpoint, or undefined when it does not open it: the
 * allow-list resource always does; an ACL policy does unless its `endpoint_type` names another endpoint.
 */
export function internetCidrs({ type, body }: RuleResource): string[] | undefined {
  if (type === "alicloud_cr_internet_endpoint") {
    const entries = Array.isArray(body.entries) ? body.entries : [];
    return entries.map((e: JsonObject | null) => String(e?.entry));
  }
  const endpoint = typeof body.endpoint_type === "string" ? body.endpoint_type.toLowerCase() : "internet";
  return endpoint === "internet" ? [String(body.entry)] : undefined;
}

/** A managed Internet allow-list means the registry is reachable from the Internet. */
export const INTERNET_ENDPOINT: PlatformRule = {
  id: "internet-endpoint",
  severity: "warning",
  description: "an Internet endpoint allow-list is managed (the endpoint is on)",
  resourceTypes: ["alicloud_cr_internet_endpoint", "alicloud_cr_endpoint_acl_policy"],
  exception: "allowInternetEndpoint",
  inPlan: true,
  check: (resource) =>
    internetCidrs(resource) === undefined ? [] : [`${resource.type} opens the registry's Internet endpoint`],
  examples: {
    passing: { type: "alicloud_cr_endpoint_acl_policy", body: { endpoint_type: "VPC", entry: "10.0.0.0/8" } },
    failing: { type: "alicloud_cr_endpoint_acl_policy", body: { endpoint_type: "internet", entry: "203.0.113.0/28" } },
  },
};
