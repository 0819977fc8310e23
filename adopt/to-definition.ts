import type { AllowListEntry, RepositoryOptions, VpcEndpointModule, VpcLink } from "../constructs";
import type { ChartRepositoryOptions } from "../constructs";
import { FieldChecks } from "../constructs/validation/field-checks";
import type {
  ChartNamespaceDefinition,
  NamespaceDefinition,
  NamespaceReplicationDefinition,
  PlatformDefinition,
  RegistryDefinition,
} from "../stacks/platform/definition";
import { stackName } from "../stacks/platform/build-platform";
import { EE_NAMESPACE_NAME, EE_REPOSITORY_NAME, POLICY_RULE_NAME } from "../validation/rules";
import type { NameRule } from "../validation/problems";
import { ApiItem, count, Estate, flag, text } from "./estate";
import { unmodelledSettings } from "./unmodelled";

/** Names the definition gives what the cloud does not name. */
export interface AdoptNames {
  /** Environment name (`environment` tag, stack name prefix). */
  readonly environment: string;
  /** Alias of the account in the definition. */
  readonly accountAlias: string;
  /** Platform name. */
  readonly platform: string;
  /** Owning team (`owner` tag). */
  readonly owner: string;
  /** Registry id (construct id). */
  readonly registryId: string;
}

/** The definition of an adopted instance and what could not go into it. */
export interface Adoption {
  readonly definition: PlatformDefinition;
  /** The stack the registry lands in. */
  readonly stack: string;
  /** Settings the project does not model, one line each (written as a comment into the output). */
  readonly unmodelled: readonly string[];
  /** Objects left out because this project's validation rejects them: the problem, then what to do. */
  readonly leftOut: readonly string[];
  /** Objects the definition imports, by Terraform type. */
  readonly imports: Readonly<Record<string, number>>;
}

const SYSTEM_ACL_ENTRY = "127.0.0.1/32";

/** Maps what was read to a one-environment, one-account {@link PlatformDefinition} that imports it. */
export function toDefinition(estate: Estate, names: AdoptNames): Adoption {
  const leftOut: string[] = [];
  const imports: Record<string, number> = {};
  const counted = (type: string, n = 1) => (imports[type] = (imports[type] ?? 0) + n);
  const stack = stackName(names.environment, names.accountAlias, estate.region);
  const at = (...path: string[]) => [stack, names.registryId, ...path].join("/");
  const allowPublic: string[] = [];

  const namespaces = sortedBy(estate.namespaces, "NamespaceName").flatMap((ns): NamespaceDefinition[] => {
    const name = text(ns, "NamespaceName") ?? "";
    const repositories = estate.repositories.filter((r) => text(r, "RepoNamespaceName") === name);
    const rejected = nameProblem(`namespace ${name}`, name, EE_NAMESPACE_NAME);
    if (rejected) {
      leftOut.push(
        `${rejected}; left unmanaged with its ${repositories.length} repositories: ACR cannot rename a namespace, so ` +
          "it stays as it is; to manage its images here, push them to a namespace with a valid name",
      );
      return [];
    }
    counted("alicloud_cr_ee_namespace");
    const defaultVisibility = visibility(text(ns, "DefaultRepoType"));
    if (defaultVisibility === "PUBLIC") allowPublic.push(at(name));
    return [
      {
        name,
        autoCreateRepositories: flag(ns, "AutoCreateRepo") ?? false,
        defaultVisibility,
        repositories: sortedBy(repositories, "RepoName").flatMap((r): RepositoryOptions[] => {
          const repository = adoptRepository(r, `repository ${name}/${text(r, "RepoName")}`, leftOut);
          if (repository === undefined) return [];
          counted("alicloud_cr_ee_repo");
          // An exception for a path covers what is under it: a public namespace's covers its repositories.
          if (repository.visibility === "PUBLIC" && defaultVisibility !== "PUBLIC") {
            allowPublic.push(at(name, repository.name));
          }
          return [repository];
        }),
      },
    ];
  });

  const retentionRuleIds: Record<string, string> = {};
  for (const rule of estate.lifecycleRules) {
    const namespace = namespaces.find((ns) => ns.name === text(rule, "NamespaceName"));
    if (namespace === undefined || !isNamespaceKeepLast(rule) || retentionRuleIds[namespace.name] !== undefined) {
      continue;
    }
    retentionRuleIds[namespace.name] = String(rule.RuleId);
    Object.assign(namespace, { keepLastTags: count(rule, "RetentionTagCount") });
    counted("alicloud_cr_artifact_lifecycle_rule");
  }

  const replicationRuleIds: Record<string, Record<string, string>> = {};
  for (const rule of estate.syncRules) {
    const namespace = namespaces.find((ns) => ns.name === text(rule, "LocalNamespaceName"));
    const target = `${text(rule, "TargetRegionId")}/${text(rule, "TargetInstanceId")}`;
    if (namespace === undefined || !isNamespaceReplication(rule) || replicationRuleIds[namespace.name]?.[target]) {
      continue;
    }
    (replicationRuleIds[namespace.name] ??= {})[target] = String(rule.SyncRuleId);
    const replication: NamespaceReplicationDefinition = {
      instanceId: String(rule.TargetInstanceId),
      region: String(rule.TargetRegionId),
      namespace: String(rule.TargetNamespaceName),
      ruleName: String(rule.SyncRuleName),
      tagFilter: text(rule, "TagFilter") ?? ".*",
      automatic: text(rule, "SyncTrigger") !== "INITIATIVE",
    };
    Object.assign(namespace, { replicateTo: [...(namespace.replicateTo ?? []), replication] });
    counted("alicloud_cr_ee_sync_rule");
  }

  const chartNamespaces = sortedBy(estate.chartNamespaces, "NamespaceName").flatMap((ns) => {
    const name = text(ns, "NamespaceName") ?? "";
    const rejected = nameProblem(`chart namespace ${name}`, name, EE_NAMESPACE_NAME);
    if (rejected) {
      leftOut.push(
        `${rejected}; left unmanaged with its chart repositories: ACR cannot rename it, so it stays as it is; to ` +
          "manage its charts here, push them to a chart namespace with a valid name",
      );
      return [];
    }
    counted("alicloud_cr_chart_namespace");
    const defaultVisibility = visibility(text(ns, "DefaultRepoType"));
    if (defaultVisibility === "PUBLIC") allowPublic.push(at(name));
    const repositories = sortedBy(
      estate.chartRepositories.filter((r) => text(r, "RepoNamespaceName") === name),
      "RepoName",
    ).flatMap((r): ChartRepositoryOptions[] => {
      const repository = adoptChartRepository(r, `chart repository ${name}/${text(r, "RepoName")}`, leftOut);
      if (repository === undefined) return [];
      counted("alicloud_cr_chart_repository");
      if (repository.visibility === "PUBLIC" && defaultVisibility !== "PUBLIC") {
        allowPublic.push(at(name, repository.name));
      }
      return [repository];
    });
    const chart: ChartNamespaceDefinition = {
      name,
      autoCreateRepositories: flag(ns, "AutoCreateRepo") ?? false,
      defaultVisibility,
      repositories,
    };
    return [chart];
  });

  const vpc = vpcAccess(estate);
  counted("alicloud_cr_vpc_endpoint_linked_vpc", vpc.links.length * vpc.modules.length);
  const internet = internetAccess(estate.internetEndpoints.Registry, leftOut);
  if (internet !== undefined) counted("alicloud_cr_internet_endpoint");

  const registry: RegistryDefinition = {
    id: names.registryId,
    account: names.accountAlias,
    region: estate.region,
    instance: {
      kind: "existing",
      instanceId: estate.instanceId,
      instanceName: text(estate.instance, "InstanceName") ?? "",
    },
    namespaces,
    ...(chartNamespaces.length > 0 ? { chartNamespaces } : {}),
    ...(vpc.links.length > 0 ? { vpcLinks: vpc.links } : {}),
    ...(vpc.links.length > 0 && vpc.modules.join() !== "Registry" ? { vpcModules: vpc.modules } : {}),
    ...(internet !== undefined ? { internetAllowList: internet } : {}),
    importExisting: {
      ...(Object.keys(retentionRuleIds).length > 0 ? { retentionRuleIds } : {}),
      ...(Object.keys(replicationRuleIds).length > 0 ? { replicationRuleIds } : {}),
    },
  };
  const guardrails = {
    ...(allowPublic.length > 0 ? { allowPublic } : {}),
    ...(internet !== undefined ? { allowInternetEndpoint: [at("InternetAccess")] } : {}),
  };
  const definition: PlatformDefinition = {
    name: names.platform,
    owner: names.owner,
    accounts: { [names.accountAlias]: { accountId: estate.accountId } },
    ...(Object.keys(guardrails).length > 0 ? { guardrails } : {}),
    environments: [{ name: names.environment, registries: [registry] }],
  };
  const unmodelled = unmodelledSettings(estate, {
    ruleIds: new Set([
      ...Object.values(retentionRuleIds),
      ...Object.values(replicationRuleIds).flatMap((byTarget) => Object.values(byTarget)),
    ]),
    vpc,
  });
  return { definition, stack, unmodelled, leftOut, imports };
}

function adoptRepository(r: ApiItem, what: string, leftOut: string[]): RepositoryOptions | undefined {
  const common = adoptChartRepository(r, what, leftOut);
  if (common === undefined) return undefined;
  const detail = text(r, "Detail");
  return { ...common, ...(detail ? { detail } : {}), tagImmutability: flag(r, "TagImmutability") ?? false };
}

/** What image and chart repositories share: a name and summary the project accepts, and the visibility. */
function adoptChartRepository(r: ApiItem, what: string, leftOut: string[]): ChartRepositoryOptions | undefined {
  const name = text(r, "RepoName") ?? "";
  const badName = nameProblem(what, name, EE_REPOSITORY_NAME);
  const problem = badName ?? summaryProblem(what, text(r, "Summary"));
  if (problem) {
    const todo = badName
      ? "ACR cannot rename a repository, so it stays as it is; to manage it here, push its images to one with a valid name"
      : "give it a summary of 1-100 characters in the console, then adopt again";
    leftOut.push(`${problem}; left unmanaged: ${todo}`);
    return undefined;
  }
  return { name, visibility: visibility(text(r, "RepoType")), summary: text(r, "Summary") };
}

/** The project's rule for a name, rendered as its problem (`<what> = "x": <rule>`), or `undefined` when it passes. */
function nameProblem(what: string, name: string, rule: NameRule): string | undefined {
  const check = new FieldChecks();
  check.name(what, name, rule, { required: true });
  return check.messages()[0];
}

// Repositories take a summary of 1-100 characters here (the provider requires one); a longer or missing one would
// be replaced by the project's default on the first apply.
function summaryProblem(what: string, summary: string | undefined): string | undefined {
  if (summary !== undefined && summary.length >= 1 && summary.length <= 100) return undefined;
  return `${what} summary = ${JSON.stringify(summary ?? null)}: must be 1-100 characters`;
}

const visibility = (value: string | undefined) => (value === "PUBLIC" ? "PUBLIC" : "PRIVATE");

// What the definition's keepLastTags builds: namespace scope, automatic, weekly, no tag filter.
function isNamespaceKeepLast(rule: ApiItem): boolean {
  return (
    text(rule, "Scope") === "NAMESPACE" &&
    flag(rule, "Auto") === true &&
    (text(rule, "ScheduleTime") ?? "WEEK") === "WEEK" &&
    !text(rule, "TagRegexp") &&
    (count(rule, "RetentionTagCount") ?? 0) >= 1 &&
    typeof rule.RuleId === "string"
  );
}

// What a definition's replicateTo builds: namespace scope, this instance the source, no other account (the API
// does not return the target account's UID, which the rule would need), and a rule name the project accepts.
function isNamespaceReplication(rule: ApiItem): boolean {
  return (
    text(rule, "SyncScope") === "NAMESPACE" &&
    (text(rule, "SyncDirection") ?? "FROM") === "FROM" &&
    flag(rule, "CrossUser") !== true &&
    !text(rule, "TargetRepoName") &&
    typeof rule.SyncRuleId === "string" &&
    nameProblem("ruleName", String(rule.SyncRuleName), POLICY_RULE_NAME) === undefined
  );
}

/** VPC links and the modules they serve, when the definition can say it: one set of links for all its modules. */
export interface AdoptedVpcAccess {
  readonly links: readonly VpcLink[];
  readonly modules: readonly VpcEndpointModule[];
}

function vpcAccess(estate: Estate): AdoptedVpcAccess {
  const linksOf = (module: string): VpcLink[] =>
    ((estate.vpcEndpoints[module]?.LinkedVpcs as ApiItem[] | undefined) ?? [])
      .map((l) => ({ vpcId: String(l.VpcId), vswitchId: String(l.VswitchId) }))
      .sort((a, b) => byCodeUnits(`${a.vpcId}/${a.vswitchId}`, `${b.vpcId}/${b.vswitchId}`));
  const registry = linksOf("Registry");
  const chart = linksOf("Chart");
  const same = JSON.stringify(registry) === JSON.stringify(chart);
  if (registry.length === 0) return { links: chart, modules: ["Chart"] };
  return { links: registry, modules: same ? ["Registry", "Chart"] : ["Registry"] };
}

function internetAccess(endpoint: ApiItem | undefined, leftOut: string[]): AllowListEntry[] | undefined {
  if (flag(endpoint, "Enable") !== true) return undefined;
  const entries = ((endpoint?.AclEntries as ApiItem[] | undefined) ?? [])
    .filter((e) => e.Entry !== SYSTEM_ACL_ENTRY)
    .map((e) => ({ cidr: String(e.Entry), description: text(e, "Comment") ?? "" }));
  const blank = entries.find((e) => e.description.trim() === "");
  if (entries.length === 0 || blank !== undefined || flag(endpoint, "AclEnable") === false) {
    const why =
      flag(endpoint, "AclEnable") === false || entries.length === 0
        ? "the Internet endpoint is open with no allow-list, which this project refuses (it admits everyone)"
        : `allow-list entry ${blank?.cidr} has no comment, which this project requires (description)`;
    leftOut.push(`internetAllowList: ${why}; left unmanaged: fix it in the console, then adopt again`);
    return undefined;
  }
  return entries;
}

function sortedBy(items: readonly ApiItem[], field: string): ApiItem[] {
  return [...items].sort((a, b) => byCodeUnits(String(a[field]), String(b[field])));
}

// Code-unit order: the same output on every runtime and locale (localeCompare follows LANG and the ICU build).
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
