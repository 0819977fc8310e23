import { internetCidrs } from "./internet-endpoint";
import { PlatformRule } from "./rule";

/** An allow-list entry with prefix length 0 (`0.0.0.0/0`, or any `x/0`) admits every address. */
export const INTERNET_OPEN_TO_ALL: PlatformRule = {
  id: "internet-open-to-all",
  severity: "error",
  description: "an Internet allow-list entry with prefix /0",
  resourceTypes: ["alicloud_cr_internet_endpoint", "alicloud_cr_endpoint_acl_policy"],
  exception: "allowAnyIp",
  inPlan: true,
  check: (resource) => {
    const anywhere = (internetCidrs(resource) ?? []).filter((cidr) => cidr.trim().endsWith("/0"));
    return anywhere.length === 0 ? [] : [`allow-list entry ${anywhere.join(", ")} admits the whole Internet`];
  },
  examples: {
    passing: { type: "alicloud_cr_internet_endpoint", body: { entries: [{ entry: "203.0.113.0/28" }] } },
    failing: { type: "alicloud_cr_internet_endpoint", body: { entries: [{ entry: "0.0.0.0/0" }] } },
  },
};
