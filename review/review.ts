/**
 * Reads one synthesized stack (`cdk.tf.json`) into a {@link StackReview}: the inventory of registries,
 * namespaces, repositories, access, trust, network exposure and registry policies, and the findings of the
 * platform rule set. Pure logic: reading files is `synth-stacks.ts`, Markdown is `render-stack.ts`.
 */
import { DEFAULT_REQUIRED_TAGS, evaluateRules, isProtected } from "../constructs/guardrails/rules";
import { grantRows, trustRows } from "./access-rows";
import { compareText, hasInterpolation, isObject, JsonObject } from "./markdown";
import { NamedResource, StackNames } from "./references";
import {
  InternetEntry,
  NamespaceEntry,
  RegistryEntry,
  RegistryPolicyEntry,
  RepositoryEntry,
  ReviewFinding,
  ReviewSeverity,
  StackReview,
  VpcLinkEntry,
} from "./stack-model";

export * from "./stack-model";
export { DEFAULT_REQUIRED_TAGS };

/** Knobs of the review. */
export interface ReviewOptions {
  /** Tag keys required on taggable resources. @default DEFAULT_REQUIRED_TAGS */
  readonly requiredTags?: readonly string[];
}

/** A resource of the stack, with its construct path (without the stack name and a trailing `/Resource`). */
export interface Resource extends NamedResource {
  readonly address: string;
}

const POLICY_TYPES: { readonly [type: string]: RegistryPolicyEntry["kind"] } = {
  alicloud_cr_artifact_lifecycle_rule: "retention",
  alicloud_cr_ee_sync_rule: "replication",
  alicloud_cr_scan_rule: "scan",
  alicloud_cr_chain: "chain",
  alicloud_cr_artifact_subscription_rule: "mirror",
};

/** Arguments that say where a policy applies or how Terraform orders it, not what it does to images. */
const NOT_SETTINGS = new Set(["//", "instance_id", "depends_on", "lifecycle", "provider", "count", "for_each"]);

function resourcesOf(config: unknown): Resource[] {
  const out: Resource[] = [];
  const section = isObject(config) ? config.resource : undefined;
  if (!isObject(section)) return out;
  for (const type of Object.keys(section).sort(compareText)) {
    const byName = section[type];
    if (type === "//" || !isObject(byName)) continue;
    for (const name of Object.keys(byName).sort(compareText)) {
      const body = byName[name];
      if (name === "//" || !isObject(body)) continue;
      out.push({ type, name, address: `${type}.${name}`, path: constructPath(body) ?? `${type}.${name}`, body });
    }
  }
  return out;
}

function constructPath(body: JsonObject): string | undefined {
  const meta = isObject(body["//"]) ? body["//"].metadata : undefined;
  const full = isObject(meta) && typeof meta.path === "string" ? meta.path : undefined;
  return full
    ?.split("/")
    .slice(1)
    .join("/")
    .replace(/\/Resource$/, "");
}

/** A value as display text, with references resolved. */
export function text(names: StackNames, value: unknown, fallback = "—"): string {
  if (value === undefined || value === null) return fallback;
  return names.resolve(typeof value === "string" ? value : JSON.stringify(value));
}

function yesNo(names: StackNames, value: unknown, fallback: string): string {
  if (value === true) return "yes";
  if (value === false) return "no";
  return text(names, value, fallback);
}

function renderTags(names: StackNames, tags: unknown): string {
  if (tags === undefined || tags === null) return "—";
  if (!isObject(tags)) return text(names, tags);
  const keys = Object.keys(tags).sort(compareText);
  return keys.length === 0 ? "—" : keys.map((k) => `${k}=${text(names, tags[k], "")}`).join(", ");
}

function settingsOf(names: StackNames, body: JsonObject): string {
  return Object.keys(body)
    .filter((k) => !NOT_SETTINGS.has(k))
    .sort(compareText)
    .map((k) => `${k}=${text(names, body[k])}`)
    .join(", ");
}

const SEVERITY_ORDER: Record<ReviewSeverity, number> = { error: 0, warning: 1 };

/** Orders findings by severity (errors first), address, rule and message. */
export function compareReviewFindings(a: ReviewFinding, b: ReviewFinding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareText(a.address, b.address) ||
    compareText(a.rule, b.rule) ||
    compareText(a.message, b.message)
  );
}

/** Whether any finding is at least as severe as `threshold`. */
export function hasFindingsAtLeast(reviews: readonly StackReview[], threshold: ReviewSeverity): boolean {
  return reviews.some((r) => r.findings.some((f) => SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[threshold]));
}

/** Reviews one stack's Terraform JSON (the parsed `cdk.tf.json`). Deterministic: every list comes back sorted. */
export function reviewTerraformJson(
  config: unknown,
  stack: string,
  options: ReviewOptions = {},
  file?: string,
): StackReview {
  const resources = resourcesOf(config);
  const names = new StackNames(resources);
  const context = { requiredTags: options.requiredTags ?? DEFAULT_REQUIRED_TAGS, isUnresolved: hasInterpolation };
  const findings: ReviewFinding[] = resources.flatMap((r) =>
    evaluateRules(r, context).map((f) => ({
      address: r.address,
      rule: f.rule.id,
      severity: f.severity,
      message: `${r.path}: ${names.resolve(f.message)}`,
    })),
  );
  const references = new Map<string, number>();
  // A new instance is named as the registry tables name it (`acme-prod`); anything else as its resolved id.
  const registryOf = (instanceId: unknown): string => {
    const created = /^\$\{(alicloud_cr_ee_instance\.[A-Za-z0-9_-]+)\.id\}$/.exec(String(instanceId));
    const name =
      (created !== null ? names.nameOf(created[1]) : undefined) ?? text(names, instanceId, "(no instance_id)");
    references.set(name, (references.get(name) ?? 0) + 1);
    return name;
  };

  const namespaces: NamespaceEntry[] = [];
  const repositories: RepositoryEntry[] = [];
  const vpcLinks: VpcLinkEntry[] = [];
  const internet: InternetEntry[] = [];
  const policies: RegistryPolicyEntry[] = [];
  const otherResources: Record<string, number> = {};
  const instances: Resource[] = [];
  const ram: Resource[] = [];
  const internetEntry = (r: Resource, registry: string, cidr: unknown, comment: unknown, module: string) => {
    const value = text(names, cidr);
    const openToAll = value.trim().endsWith("/0");
    internet.push({ address: r.address, registry, cidr: value, comment: text(names, comment, ""), module, openToAll });
  };

  for (const r of resources) {
    const b = r.body;
    const policyKind = POLICY_TYPES[r.type];
    if (policyKind !== undefined) {
      const registry = registryOf(b.instance_id);
      policies.push({ kind: policyKind, address: r.address, path: r.path, registry, settings: settingsOf(names, b) });
      continue;
    }
    switch (r.type) {
      case "alicloud_cr_ee_instance":
        instances.push(r);
        break;
      case "alicloud_cr_ee_namespace":
      case "alicloud_cr_chart_namespace":
      case "alicloud_cr_namespace": {
        const chart = r.type === "alicloud_cr_chart_namespace";
        namespaces.push({
          kind: chart ? "chart" : r.type === "alicloud_cr_namespace" ? "personal" : "image",
          address: r.address,
          path: r.path,
          registry: r.type === "alicloud_cr_namespace" ? "Personal Edition" : registryOf(b.instance_id),
          name: text(names, chart ? b.namespace_name : b.name),
          defaultVisibility: text(names, chart ? b.default_repo_type : b.default_visibility, "(provider default)"),
          autoCreate: yesNo(names, chart ? b.auto_create_repo : b.auto_create, "(provider default)"),
          protected: isProtected(b),
        });
        break;
      }
      case "alicloud_cr_ee_repo":
      case "alicloud_cr_chart_repository":
      case "alicloud_cr_repo": {
        const chart = r.type === "alicloud_cr_chart_repository";
        const personal = r.type === "alicloud_cr_repo";
        const namespace = text(names, chart ? b.repo_namespace_name : b.namespace);
        repositories.push({
          kind: chart ? "chart" : personal ? "personal" : "image",
          address: r.address,
          path: r.path,
          registry: personal ? "Personal Edition" : registryOf(b.instance_id),
          name: `${namespace}/${text(names, chart ? b.repo_name : b.name)}`,
          visibility: text(names, b.repo_type),
          tagImmutability: chart || personal ? "n/a" : yesNo(names, b.tag_immutability, "(provider default)"),
          protected: isProtected(b),
          summary: text(names, b.summary, ""),
        });
        break;
      }
      case "alicloud_ram_policy":
      case "alicloud_ram_role":
      case "alicloud_ram_user":
      case "alicloud_ram_role_policy_attachment":
      case "alicloud_ram_user_policy_attachment":
      case "alicloud_ram_group_policy_attachment":
        ram.push(r);
        break;
      case "alicloud_cr_vpc_endpoint_linked_vpc":
        vpcLinks.push({
          address: r.address,
          registry: registryOf(b.instance_id),
          vpcId: text(names, b.vpc_id),
          vswitchId: text(names, b.vswitch_id),
          module: text(names, b.module_name),
          privateZoneDns: yesNo(names, b.enable_create_dns_record_in_pvzt, "no"),
        });
        break;
      case "alicloud_cr_internet_endpoint": {
        const registry = registryOf(b.instance_id);
        if (hasInterpolation(b.entries)) internetEntry(r, registry, b.entries, "", "Registry");
        for (const e of Array.isArray(b.entries) ? b.entries.filter(isObject) : []) {
          internetEntry(r, registry, e.entry, e.comment, "Registry");
        }
        break;
      }
      case "alicloud_cr_endpoint_acl_policy":
        if (text(names, b.endpoint_type, "internet").toLowerCase() === "internet") {
          internetEntry(r, registryOf(b.instance_id), b.entry, b.description, text(names, b.module_name, "Registry"));
          break;
        }
        otherResources[r.type] = (otherResources[r.type] ?? 0) + 1;
        break;
      default:
        otherResources[r.type] = (otherResources[r.type] ?? 0) + 1;
    }
  }

  const registries = registryEntries(names, instances, references);
  const byAddress = <T extends { address: string }>(a: T, b: T): number => compareText(a.address, b.address);
  const byRegistryAndName = <T extends { registry: string; name: string; address: string }>(a: T, b: T): number =>
    compareText(a.registry, b.registry) || compareText(a.name, b.name) || byAddress(a, b);
  return {
    stack,
    file,
    registries,
    namespaces: namespaces.sort(byRegistryAndName),
    repositories: repositories.sort(byRegistryAndName),
    grants: grantRows(ram, names),
    trusts: trustRows(ram, names),
    vpcLinks: vpcLinks.sort(
      (a, b) =>
        compareText(a.registry, b.registry) ||
        compareText(a.vpcId, b.vpcId) ||
        compareText(a.vswitchId, b.vswitchId) ||
        compareText(a.module, b.module) ||
        byAddress(a, b),
    ),
    internet: internet.sort((a, b) => compareText(a.registry, b.registry) || compareText(a.cidr, b.cidr)),
    policies: policies.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.path, b.path)),
    otherResources,
    findings: findings.sort(compareReviewFindings),
  };
}

/** New registries with their settings, then every other instance the stack refers to (imported by id). */
function registryEntries(
  names: StackNames,
  instances: readonly Resource[],
  references: ReadonlyMap<string, number>,
): RegistryEntry[] {
  const created = new Set<string>();
  const out: RegistryEntry[] = instances.map((r) => {
    const b = r.body;
    const name = names.nameOf(r.address) ?? r.path;
    created.add(name);
    const billing = [text(names, b.payment_type, ""), b.period === undefined ? "" : `${text(names, b.period)} months`]
      .filter((s) => s !== "")
      .join(", ");
    return {
      status: "new",
      name,
      path: r.path,
      address: r.address,
      edition: text(names, b.instance_type),
      billing: billing === "" ? "—" : billing,
      protected: isProtected(b),
      tags: renderTags(names, b.tags),
      references: references.get(name) ?? 0,
    };
  });
  for (const [name, count] of references) {
    if (!created.has(name)) out.push({ status: "imported", name, references: count });
  }
  return out.sort((a, b) => compareText(a.status, b.status) || compareText(a.name, b.name));
}
