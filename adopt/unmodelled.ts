import { ApiItem, Estate, flag, text } from "./estate";
import type { AdoptedVpcAccess } from "./to-definition";

/** What the mapping carried over, so that the rest is listed. */
export interface CarriedOver {
  /** Lifecycle and sync rules that became a namespace's keepLastTags or replicateTo. */
  readonly ruleIds: ReadonlySet<string>;
  readonly vpc: AdoptedVpcAccess;
}

const EDITIONS: Record<string, string> = {
  Enterprise_Basic: "Basic",
  Enterprise_Standard: "Standard",
  Enterprise_Advanced: "Advanced",
};

/**
 * Every setting read that the definition does not carry, one line each, with what to do about it where there is
 * something to do: written as a comment into the output so that nothing is dropped silently.
 */
export function unmodelledSettings(estate: Estate, carried: CarriedOver): string[] {
  const id = estate.instanceId;
  const lines: string[] = [];
  const spec = text(estate.instance, "InstanceSpecification");
  const tags = ((estate.instance.Tags as ApiItem[] | undefined) ?? []).map((t) => `${t.TagKey}=${t.TagValue}`);
  lines.push(
    `instance ${id}: referenced (kind "existing"), not managed: edition ${EDITIONS[spec ?? ""] ?? spec} ` +
      `(${spec}), status ${text(estate.instance, "InstanceStatus")}, resource group ` +
      `${text(estate.instance, "ResourceGroupId") ?? "(none)"}, tags ${tags.length > 0 ? tags.join(", ") : "(none)"}`,
  );
  for (const ns of estate.namespaces.filter((n) => (text(n, "NamespaceStatus") ?? "NORMAL") !== "NORMAL")) {
    lines.push(`namespace ${text(ns, "NamespaceName")}: status ${text(ns, "NamespaceStatus")} in the cloud`);
  }
  if (carried.vpc.links.length > 0) {
    lines.push(
      "VPC links: whether ACR creates PrivateZone records for them (enable_create_dns_record_in_pvzt) is not " +
        "reported by the API; it is left as it is (privateZoneDns has no effect on adopted links)",
    );
  }
  const chartLinks = (estate.vpcEndpoints.Chart?.LinkedVpcs as ApiItem[] | undefined) ?? [];
  if (!carried.vpc.modules.includes("Chart") && chartLinks.length > 0) {
    lines.push(
      `VPC links of the Chart module differ from the Registry module's and are not carried over: ` +
        chartLinks.map((l) => `${l.VpcId}/${l.VswitchId}`).join(", "),
    );
  }
  if (flag(estate.internetEndpoints.Registry, "Enable") !== true) {
    lines.push("Internet endpoint (Registry): off; not managed by the definition");
  }
  const chartInternet = estate.internetEndpoints.Chart;
  if (flag(chartInternet, "Enable") === true) {
    lines.push(`Internet endpoint (Chart): on, allow-list ${aclOf(chartInternet)}; not modelled, not managed`);
  }
  for (const rule of estate.lifecycleRules.filter((r) => !carried.ruleIds.has(String(r.RuleId)))) {
    lines.push(
      `retention rule ${rule.RuleId} (${describe(rule, ["Scope", "NamespaceName", "RepoName", "RetentionTagCount", "TagRegexp", "ScheduleTime", "Auto"])}): ` +
        `not carried over (keepLastTags is one weekly, automatic rule per namespace): add it in customize with ` +
        `addRetentionRule and import it as alicloud_cr_artifact_lifecycle_rule ${id}:${rule.RuleId}`,
    );
  }
  for (const rule of estate.syncRules.filter((r) => !carried.ruleIds.has(String(r.SyncRuleId)))) {
    lines.push(
      `replication rule ${rule.SyncRuleName} (${rule.SyncRuleId}; ${describe(rule, ["SyncScope", "LocalNamespaceName", "LocalRepoName", "TargetRegionId", "TargetInstanceId", "TargetNamespaceName", "TargetRepoName", "TagFilter", "SyncTrigger", "SyncDirection", "CrossUser"])}): ` +
        "not carried over (a namespace's replicateTo is a namespace rule from this instance within the account, " +
        "with a valid name): add it in customize with replicateTo and import it as alicloud_cr_ee_sync_rule " +
        `${id}:${rule.LocalNamespaceName}:${rule.SyncRuleId}`,
    );
  }
  const listed: [string, readonly ApiItem[], string, string][] = [
    ["scan rule", estate.scanRules, "alicloud_cr_scan_rule", "ScanRuleId"],
    ["upstream subscription rule", estate.subscriptionRules, "alicloud_cr_artifact_subscription_rule", "RuleId"],
    ["delivery chain", estate.chains, "alicloud_cr_chain", "ChainId"],
  ];
  for (const [what, items, type, idField] of listed) {
    for (const item of items) {
      lines.push(
        `${what} ${JSON.stringify(withoutTimes(item))}: not modelled by the definition: add it in customize and ` +
          `import it as ${type} ${id}:${String(item[idField] ?? `<${idField}>`)}`,
      );
    }
  }
  return lines;
}

function describe(item: ApiItem, fields: readonly string[]): string {
  return fields
    .filter((f) => item[f] !== undefined && item[f] !== "")
    .map((f) => `${f} ${JSON.stringify(item[f])}`)
    .join(", ");
}

function aclOf(endpoint: ApiItem | undefined): string {
  const entries = (endpoint?.AclEntries as ApiItem[] | undefined) ?? [];
  return entries.map((e) => String(e.Entry)).join(", ") || "(empty)";
}

function withoutTimes(item: ApiItem): ApiItem {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !/Time$/.test(k)));
}
