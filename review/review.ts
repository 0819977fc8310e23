/**
 * Pull-request review of synthesized stacks (`cdk.tf.json`): what registries, namespaces and repositories a
 * stack manages, who may pull and push, who may assume which role, what is reachable from where, and read-side
 * guardrail findings. Renders one Markdown document per stack for a PR comment. Pure logic: reading and writing
 * files is in `review-cli.ts`.
 */
import { DATA_HOLDING_TYPES } from "../constructs/guardrails/rules";
import { cell, code, compareText, hasInterpolation, isObject, JsonObject, plural, table } from "./markdown";
import { isAllCrActions, isReadOnlyAction, parsePolicyDocument, ReviewStatement } from "./policy";

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------------------------

export { DATA_HOLDING_TYPES };

/** Containers of many repositories; losing one is an error, losing a single repository a warning. */
const CONTAINER_TYPES = new Set([
  "alicloud_cr_ee_instance",
  "alicloud_cr_ee_namespace",
  "alicloud_cr_chart_namespace",
  "alicloud_cr_namespace",
]);

/** Tag keys every taggable resource must carry unless `ReviewOptions.requiredTags` says otherwise. */
export const DEFAULT_REQUIRED_TAGS: readonly string[] = ["environment", "owner", "managed-by"];

/** Resource types checked for required tags unless `ReviewOptions.taggableTypes` says otherwise. */
export const DEFAULT_TAGGABLE_TYPES: readonly string[] = ["alicloud_cr_ee_instance"];

/** CIDR that admits every IPv4 address. */
export const ANY_IPV4 = "0.0.0.0/0";

/** How serious a finding is. `--fail-on error` fails on errors only; `--fail-on warning` on both. */
export type ReviewSeverity = "error" | "warning" | "info";

/**
 * The guardrail a finding comes from:
 * - `unprotected-data`: a data-holding resource without `lifecycle.prevent_destroy: true` (error for instances
 *   and namespaces, warning for single repositories);
 * - `all-actions`: an Allow statement with `*`, `cr:*` or `NotAction` (error);
 * - `write-on-all-resources`: an Allow statement on `*` with a write action, i.e. one not read-only in the sense
 *   of `READ_ONLY_ACTION_PREFIXES` (error);
 * - `unreadable-policy`: a policy document that is not literal JSON, so it was not checked (warning);
 * - `public-repository` / `public-namespace`: `repo_type`, `default_visibility` or `default_repo_type` PUBLIC
 *   (warning);
 * - `internet-endpoint`: an Internet endpoint allow-list is managed, i.e. the endpoint is on (warning);
 * - `internet-open-to-all`: an allow-list entry `0.0.0.0/0` (error);
 * - `missing-tags`: a taggable resource lacks required tag keys (warning).
 */
export type GuardrailRule =
  | "unprotected-data"
  | "all-actions"
  | "write-on-all-resources"
  | "unreadable-policy"
  | "public-repository"
  | "public-namespace"
  | "internet-endpoint"
  | "internet-open-to-all"
  | "missing-tags";

/** One guardrail finding. */
export interface ReviewFinding {
  /** Terraform address, e.g. `alicloud_cr_ee_repo.Reg_ns_api_60CEFE82`. */
  readonly address: string;
  readonly rule: GuardrailRule;
  readonly severity: ReviewSeverity;
  readonly message: string;
}

/** Knobs of the review. */
export interface ReviewOptions {
  /** Tag keys required on taggable resources. @default DEFAULT_REQUIRED_TAGS */
  readonly requiredTags?: readonly string[];
  /** Resource types the tag rule applies to. @default DEFAULT_TAGGABLE_TYPES */
  readonly taggableTypes?: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------------------------

/** A registry the stack creates (`new`) or only refers to by instance id (`imported`). */
export interface RegistryEntry {
  readonly status: "new" | "imported";
  /** Instance name for new registries; the id expression for imported ones. */
  readonly name: string;
  /** Construct path (without the stack) of a new registry. */
  readonly path?: string;
  readonly address?: string;
  readonly edition?: string;
  readonly billing?: string;
  readonly protected?: boolean;
  /** `key=value` pairs, or the raw expression when tags are an interpolation. */
  readonly tags?: string;
  /** How many resources of the stack refer to the registry. */
  readonly references: number;
}

/** An Enterprise, chart or Personal Edition namespace. */
export interface NamespaceEntry {
  readonly kind: "image" | "chart" | "personal";
  readonly address: string;
  readonly path: string;
  readonly registry: string;
  readonly name: string;
  readonly defaultVisibility: string;
  readonly autoCreate: string;
  readonly protected: boolean;
}

/** An Enterprise, chart or Personal Edition repository. */
export interface RepositoryEntry {
  readonly kind: "image" | "chart" | "personal";
  readonly address: string;
  readonly path: string;
  readonly registry: string;
  /** `namespace/name`. */
  readonly name: string;
  readonly visibility: string;
  /** `yes`/`no`, or `n/a` where the type has no such setting. */
  readonly tagImmutability: string;
  readonly protected: boolean;
  readonly summary: string;
}

/** One row of the access table: one statement of one policy as attached to one grantee. */
export interface GrantRow {
  /** `role ci-builder`, `user bob`, `group devs`, or `(not attached)`. */
  readonly grantee: string;
  /** Policy name (or the attachment's policy reference when the policy is not in the stack). */
  readonly policy: string;
  readonly policyAddress?: string;
  readonly effect: string;
  /** Actions; `NOT x` entries for `NotAction`. */
  readonly actions: readonly string[];
  /** Resources with `${alicloud_cr_ee_instance.X.id}` shown as `<instance name>`. */
  readonly resources: readonly string[];
  readonly condition?: string;
  /** Why actions are unknown (policy outside the stack, unreadable document). */
  readonly note?: string;
}

/** One statement of one role's trust policy. */
export interface TrustRow {
  readonly role: string;
  readonly address: string;
  readonly effect: string;
  /** `Service cs.aliyuncs.com`, `RAM acs:ram::123:root`, ... */
  readonly principals: readonly string[];
  readonly actions: readonly string[];
  readonly condition?: string;
  /** Seconds, with `(default)` when not set. */
  readonly maxSession: string;
  readonly note?: string;
}

/** A VPC/vSwitch pair linked to a registry module. */
export interface VpcLinkEntry {
  readonly address: string;
  readonly registry: string;
  readonly vpcId: string;
  readonly vswitchId: string;
  readonly module: string;
  readonly privateZoneDns: string;
}

/** An Internet allow-list entry (from `alicloud_cr_internet_endpoint` or `alicloud_cr_endpoint_acl_policy`). */
export interface InternetEntry {
  readonly address: string;
  readonly registry: string;
  readonly cidr: string;
  readonly comment: string;
  readonly module: string;
  readonly openToAll: boolean;
}

/** The review of one stack. */
export interface StackReview {
  readonly stack: string;
  /** The stack file, relative to the cdktf output directory, when known. */
  readonly file?: string;
  readonly registries: readonly RegistryEntry[];
  readonly namespaces: readonly NamespaceEntry[];
  readonly repositories: readonly RepositoryEntry[];
  readonly grants: readonly GrantRow[];
  readonly trusts: readonly TrustRow[];
  readonly vpcLinks: readonly VpcLinkEntry[];
  readonly internet: readonly InternetEntry[];
  /** Resource types not shown in any section, with counts (`alicloud_cr_ee_sync_rule` -> 2). */
  readonly otherResources: { readonly [type: string]: number };
  readonly findings: readonly ReviewFinding[];
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the configuration
// ---------------------------------------------------------------------------------------------------------------

interface Resource {
  readonly type: string;
  readonly name: string;
  readonly address: string;
  /** Construct path without the stack name and a trailing `/Resource`; the address when there is no metadata. */
  readonly path: string;
  readonly body: JsonObject;
}

const INSTANCE_REFERENCE = /\$\{alicloud_cr_ee_instance\.([A-Za-z0-9_-]+)\.id\}/g;
const POLICY_REFERENCE = /^\$\{alicloud_ram_policy\.([A-Za-z0-9_-]+)\.(?:policy_name|name|id)\}$/;
// A grantee created in the same stack: a role's or a user's name by reference.
const PRINCIPAL_REFERENCE = /^\$\{alicloud_ram_(role|user)\.([A-Za-z0-9_-]+)\.(?:role_name|user_name|name|id)\}$/;

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

function text(value: unknown, fallback = "—"): string {
  if (value === undefined || value === null) return fallback;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function yesNo(value: unknown, fallback: string): string {
  if (value === true) return "yes";
  if (value === false) return "no";
  return value === undefined || value === null ? fallback : text(value);
}

function isProtected(body: JsonObject): boolean {
  return isObject(body.lifecycle) && body.lifecycle.prevent_destroy === true;
}

/** Resolves instance references and tracks the registries a stack refers to. */
class Registries {
  private readonly created = new Map<string, { name: string; resource: Resource }>();
  private readonly references = new Map<string, number>();

  public constructor(resources: readonly Resource[]) {
    for (const r of resources) {
      if (r.type !== "alicloud_cr_ee_instance") continue;
      const name = typeof r.body.instance_name === "string" ? r.body.instance_name : r.path;
      this.created.set(r.name, { name, resource: r });
    }
  }

  /** `<name>` for every `${alicloud_cr_ee_instance.X.id}` of an instance in the stack; other text unchanged. */
  public resolve(value: string): string {
    return value.replace(INSTANCE_REFERENCE, (whole, name: string) => {
      const created = this.created.get(name);
      return created === undefined ? whole : `<${created.name}>`;
    });
  }

  /** The registry an `instance_id` value names, counted as a reference. */
  public registryOf(instanceId: unknown): string {
    const raw = text(instanceId, "(no instance_id)");
    const match = /^\$\{alicloud_cr_ee_instance\.([A-Za-z0-9_-]+)\.id\}$/.exec(raw);
    const key = match !== null && this.created.has(match[1]) ? `new:${match[1]}` : `imported:${raw}`;
    this.references.set(key, (this.references.get(key) ?? 0) + 1);
    return match !== null && this.created.has(match[1]) ? (this.created.get(match[1])?.name ?? raw) : raw;
  }

  public entries(): RegistryEntry[] {
    const out: RegistryEntry[] = [];
    for (const [key, { name, resource }] of this.created) {
      const b = resource.body;
      const billing = [text(b.payment_type, ""), b.period === undefined ? "" : `${text(b.period)} months`]
        .filter((s) => s !== "")
        .join(", ");
      out.push({
        status: "new",
        name,
        path: resource.path,
        address: resource.address,
        edition: text(b.instance_type),
        billing: billing === "" ? "—" : billing,
        protected: isProtected(b),
        tags: renderTags(b.tags),
        references: this.references.get(`new:${key}`) ?? 0,
      });
    }
    for (const [key, count] of this.references) {
      if (!key.startsWith("imported:")) continue;
      out.push({ status: "imported", name: key.slice("imported:".length), references: count });
    }
    return out.sort((a, b) => compareText(a.status, b.status) || compareText(a.name, b.name));
  }
}

function renderTags(tags: unknown): string {
  if (tags === undefined || tags === null) return "—";
  if (!isObject(tags)) return text(tags);
  const keys = Object.keys(tags).sort(compareText);
  return keys.length === 0 ? "—" : keys.map((k) => `${k}=${text(tags[k], "")}`).join(", ");
}

// ---------------------------------------------------------------------------------------------------------------
// Review
// ---------------------------------------------------------------------------------------------------------------

const SEVERITY_ORDER: Record<ReviewSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Orders findings by severity (errors first), address, rule and message. */
export function compareReviewFindings(a: ReviewFinding, b: ReviewFinding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareText(a.address, b.address) ||
    compareText(a.rule, b.rule) ||
    compareText(a.message, b.message)
  );
}

/** Reviews one stack's Terraform JSON (the parsed `cdk.tf.json`). Deterministic: every list comes back sorted. */
export function reviewTerraformJson(
  config: unknown,
  stack: string,
  options: ReviewOptions = {},
  file?: string,
): StackReview {
  const resources = resourcesOf(config);
  const registries = new Registries(resources);
  const findings: ReviewFinding[] = [];
  const add = (address: string, rule: GuardrailRule, severity: ReviewSeverity, message: string): void => {
    findings.push({ address, rule, severity, message });
  };

  const namespaces: NamespaceEntry[] = [];
  const repositories: RepositoryEntry[] = [];
  const vpcLinks: VpcLinkEntry[] = [];
  const internet: InternetEntry[] = [];
  const otherResources: Record<string, number> = {};
  const policies: Resource[] = [];
  const attachments: Resource[] = [];
  const roles: Resource[] = [];
  const users: Resource[] = [];

  for (const r of resources) {
    const b = r.body;
    if (DATA_HOLDING_TYPES.includes(r.type) && !isProtected(b)) {
      const severity = CONTAINER_TYPES.has(r.type) ? "error" : "warning";
      add(r.address, "unprotected-data", severity, `${r.path} is not protected by lifecycle.prevent_destroy`);
    }
    switch (r.type) {
      case "alicloud_cr_ee_instance":
        break;
      case "alicloud_cr_ee_namespace":
      case "alicloud_cr_chart_namespace":
      case "alicloud_cr_namespace": {
        const chart = r.type === "alicloud_cr_chart_namespace";
        const entry: NamespaceEntry = {
          kind: chart ? "chart" : r.type === "alicloud_cr_namespace" ? "personal" : "image",
          address: r.address,
          path: r.path,
          registry: r.type === "alicloud_cr_namespace" ? "Personal Edition" : registries.registryOf(b.instance_id),
          name: text(chart ? b.namespace_name : b.name),
          defaultVisibility: text(chart ? b.default_repo_type : b.default_visibility, "(provider default)"),
          autoCreate: yesNo(chart ? b.auto_create_repo : b.auto_create, "(provider default)"),
          protected: isProtected(b),
        };
        namespaces.push(entry);
        if (entry.defaultVisibility.toUpperCase() === "PUBLIC") {
          add(r.address, "public-namespace", "warning", `namespace ${entry.name} creates PUBLIC repositories`);
        }
        break;
      }
      case "alicloud_cr_ee_repo":
      case "alicloud_cr_chart_repository":
      case "alicloud_cr_repo": {
        const chart = r.type === "alicloud_cr_chart_repository";
        const personal = r.type === "alicloud_cr_repo";
        const entry: RepositoryEntry = {
          kind: chart ? "chart" : personal ? "personal" : "image",
          address: r.address,
          path: r.path,
          registry: personal ? "Personal Edition" : registries.registryOf(b.instance_id),
          name: `${text(chart ? b.repo_namespace_name : b.namespace)}/${text(chart ? b.repo_name : b.name)}`,
          visibility: text(b.repo_type),
          tagImmutability: chart || personal ? "n/a" : yesNo(b.tag_immutability, "(provider default)"),
          protected: isProtected(b),
          summary: text(b.summary, ""),
        };
        repositories.push(entry);
        if (entry.visibility.toUpperCase() === "PUBLIC") {
          add(r.address, "public-repository", "warning", `repository ${entry.name} is PUBLIC: anyone can pull`);
        }
        break;
      }
      case "alicloud_ram_policy":
        policies.push(r);
        break;
      case "alicloud_ram_role_policy_attachment":
      case "alicloud_ram_user_policy_attachment":
      case "alicloud_ram_group_policy_attachment":
        attachments.push(r);
        break;
      case "alicloud_ram_role":
        roles.push(r);
        break;
      case "alicloud_ram_user":
        users.push(r);
        break;
      case "alicloud_cr_vpc_endpoint_linked_vpc":
        vpcLinks.push({
          address: r.address,
          registry: registries.registryOf(b.instance_id),
          vpcId: text(b.vpc_id),
          vswitchId: text(b.vswitch_id),
          module: text(b.module_name),
          privateZoneDns: yesNo(b.enable_create_dns_record_in_pvzt, "no"),
        });
        break;
      case "alicloud_cr_internet_endpoint": {
        const registry = registries.registryOf(b.instance_id);
        const entries = Array.isArray(b.entries) ? b.entries.filter(isObject) : [];
        add(r.address, "internet-endpoint", "warning", `Internet endpoint of ${registry} is enabled`);
        if (hasInterpolation(b.entries)) {
          internet.push(internetEntry(r.address, registry, b.entries, "", "Registry"));
        }
        for (const e of entries) internet.push(internetEntry(r.address, registry, e.entry, e.comment, "Registry"));
        break;
      }
      case "alicloud_cr_endpoint_acl_policy": {
        const registry = registries.registryOf(b.instance_id);
        if (text(b.endpoint_type, "internet").toLowerCase() !== "internet") {
          otherResources[r.type] = (otherResources[r.type] ?? 0) + 1;
          break;
        }
        add(r.address, "internet-endpoint", "warning", `Internet endpoint of ${registry} is enabled (ACL policy)`);
        internet.push(internetEntry(r.address, registry, b.entry, b.description, text(b.module_name, "Registry")));
        break;
      }
      default:
        otherResources[r.type] = (otherResources[r.type] ?? 0) + 1;
    }
  }

  for (const e of internet) {
    if (e.openToAll) {
      add(e.address, "internet-open-to-all", "error", `Internet endpoint of ${e.registry} admits ${ANY_IPV4}`);
    }
  }

  const taggable = options.taggableTypes ?? DEFAULT_TAGGABLE_TYPES;
  const required = options.requiredTags ?? DEFAULT_REQUIRED_TAGS;
  for (const r of resources) {
    if (!taggable.includes(r.type) || hasInterpolation(r.body.tags)) continue;
    const tags = isObject(r.body.tags) ? r.body.tags : {};
    const missing = required.filter((k) => !(k in tags));
    if (missing.length > 0) {
      add(r.address, "missing-tags", "warning", `${r.path} lacks required tag(s) ${missing.join(", ")}`);
    }
  }

  const grants = grantRows(policies, attachments, [...roles, ...users], registries, add);
  const trusts = trustRows(roles);

  const byAddress = <T extends { address: string }>(a: T, b: T): number => compareText(a.address, b.address);
  const byRegistryAndName = <T extends { registry: string; name: string; address: string }>(a: T, b: T): number =>
    compareText(a.registry, b.registry) || compareText(a.name, b.name) || byAddress(a, b);
  return {
    stack,
    file,
    registries: registries.entries(),
    namespaces: namespaces.sort(byRegistryAndName),
    repositories: repositories.sort(byRegistryAndName),
    grants,
    trusts,
    vpcLinks: vpcLinks.sort(
      (a, b) =>
        compareText(a.registry, b.registry) ||
        compareText(a.vpcId, b.vpcId) ||
        compareText(a.vswitchId, b.vswitchId) ||
        compareText(a.module, b.module) ||
        byAddress(a, b),
    ),
    internet: internet.sort((a, b) => compareText(a.registry, b.registry) || compareText(a.cidr, b.cidr)),
    otherResources,
    findings: findings.sort(compareReviewFindings),
  };
}

function internetEntry(
  address: string,
  registry: string,
  cidr: unknown,
  comment: unknown,
  module: string,
): InternetEntry {
  const value = text(cidr);
  return { address, registry, cidr: value, comment: text(comment, ""), module, openToAll: value.trim() === ANY_IPV4 };
}

type AddFinding = (address: string, rule: GuardrailRule, severity: ReviewSeverity, message: string) => void;

function grantRows(
  policies: readonly Resource[],
  attachments: readonly Resource[],
  principals: readonly Resource[],
  registries: Registries,
  add: AddFinding,
): GrantRow[] {
  const byResourceName = new Map(policies.map((p) => [p.name, p]));
  const byPolicyName = new Map(policies.map((p) => [text(p.body.policy_name ?? p.body.name), p]));
  const principalNames = new Map(
    principals.map((p) => [p.address, text(p.body.role_name ?? p.body.user_name ?? p.body.name)]),
  );
  const attachedTo = new Map<Resource, string[]>();
  const rows: GrantRow[] = [];

  const granteeOf = (a: Resource): string => {
    const kind = a.type.replace(/^alicloud_ram_/, "").replace(/_policy_attachment$/, "");
    const raw = text(a.body[`${kind}_name`]);
    const ref = PRINCIPAL_REFERENCE.exec(raw);
    return `${kind} ${ref !== null ? (principalNames.get(`alicloud_ram_${ref[1]}.${ref[2]}`) ?? raw) : raw}`;
  };

  for (const a of attachments) {
    const reference = text(a.body.policy_name);
    const match = POLICY_REFERENCE.exec(reference);
    const policy = match !== null ? byResourceName.get(match[1]) : byPolicyName.get(reference);
    if (policy === undefined) {
      // A system policy or one created elsewhere: who it goes to is still worth showing.
      rows.push({
        grantee: granteeOf(a),
        policy: `${reference} (${text(a.body.policy_type, "Custom")})`,
        effect: "—",
        actions: [],
        resources: [],
        note: "policy not defined in this stack",
      });
      continue;
    }
    attachedTo.set(policy, [...(attachedTo.get(policy) ?? []), granteeOf(a)]);
  }

  for (const policy of policies) {
    const name = text(policy.body.policy_name ?? policy.body.name);
    const parsed = parsePolicyDocument(policy.body.policy_document);
    const grantees = attachedTo.get(policy) ?? ["(not attached)"];
    if (!parsed.ok) {
      add(policy.address, "unreadable-policy", "warning", `policy ${name}: document ${parsed.reason}; not checked`);
      for (const grantee of grantees) {
        rows.push({
          grantee,
          policy: name,
          policyAddress: policy.address,
          effect: "—",
          actions: [],
          resources: [],
          note: `document ${parsed.reason}: ${registries.resolve(text(policy.body.policy_document))}`,
        });
      }
      continue;
    }
    parsed.statements.forEach((s, index) => {
      checkStatement(policy.address, name, index, s, add);
      for (const grantee of grantees) {
        rows.push({
          grantee,
          policy: name,
          policyAddress: policy.address,
          effect: s.effect,
          actions: [...s.actions, ...s.notActions.map((a) => `NOT ${a}`)],
          resources: s.resources.map((r) => registries.resolve(r)),
          condition: s.condition,
        });
      }
    });
  }
  // Stable order: grantee, then policy; statements keep document order (a stable sort keeps it).
  return rows.sort((a, b) => compareText(a.grantee, b.grantee) || compareText(a.policy, b.policy));
}

function checkStatement(address: string, policy: string, index: number, s: ReviewStatement, add: AddFinding): void {
  if (s.effect !== "Allow") return;
  const where = `policy ${policy} statement ${index + 1}`;
  const all = s.actions.filter(isAllCrActions);
  if (all.length > 0) {
    add(address, "all-actions", "error", `${where} allows ${all.join(", ")} on ${s.resources.join(", ")}`);
    return;
  }
  if (s.notActions.length > 0) {
    add(address, "all-actions", "error", `${where} allows every action except ${s.notActions.join(", ")}`);
    return;
  }
  const writes = s.actions.filter((a) => !isReadOnlyAction(a));
  if (s.resources.includes("*") && writes.length > 0) {
    add(address, "write-on-all-resources", "error", `${where} allows write action(s) ${writes.join(", ")} on *`);
  }
}

// Trust policies are shown, not judged: who should assume a role is a team decision.
function trustRows(roles: readonly Resource[]): TrustRow[] {
  const rows: TrustRow[] = [];
  for (const role of roles) {
    const b = role.body;
    const name = text(b.role_name ?? b.name);
    const maxSession = b.max_session_duration === undefined ? "3600 s (default)" : `${text(b.max_session_duration)} s`;
    const parsed = parsePolicyDocument(b.assume_role_policy_document ?? b.document);
    if (!parsed.ok) {
      const note = `document ${parsed.reason}: ${text(b.assume_role_policy_document ?? b.document)}`;
      rows.push({ role: name, address: role.address, effect: "—", principals: [], actions: [], maxSession, note });
      continue;
    }
    for (const s of parsed.statements) {
      const principals = Object.entries(s.principals).flatMap(([kind, list]) => list.map((p) => `${kind} ${p}`));
      rows.push({
        role: name,
        address: role.address,
        effect: s.effect,
        principals,
        actions: [...s.actions, ...s.notActions.map((a) => `NOT ${a}`)],
        condition: s.condition,
        maxSession,
      });
    }
  }
  return rows.sort((a, b) => compareText(a.role, b.role) || compareText(a.address, b.address));
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------------------------

/** Counts of findings by severity. */
export function countFindings(findings: readonly ReviewFinding[]): Record<ReviewSeverity, number> {
  const counts: Record<ReviewSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? "—" : items.map(code).join("<br>");
}

function section(lines: string[], title: string, body: string[]): void {
  lines.push("", `## ${title}`, "");
  lines.push(...(body.length === 0 ? ["_None._"] : body));
}

/** The stack review as Markdown for a pull-request comment. Same input, same bytes. */
export function renderStackReview(review: StackReview): string {
  const counts = countFindings(review.findings);
  const created = review.registries.filter((r) => r.status === "new").length;
  const image = review.repositories.filter((r) => r.kind !== "chart");
  const charts = review.repositories.filter((r) => r.kind === "chart");
  const roles = new Set(review.trusts.map((t) => t.address)).size;
  const lines: string[] = [`# ACR review: stack \`${review.stack}\``, ""];
  const source = review.file === undefined ? "" : ` from \`${review.file}\``;
  lines.push(`_Generated by \`npm run review\`${source}. Informational; read from synthesized JSON only._`, "");
  lines.push(
    `**Summary:** ${plural(review.registries.length, "registry", "registries")} ` +
      `(${created} new, ${review.registries.length - created} imported), ` +
      `${plural(review.namespaces.filter((n) => n.kind !== "chart").length, "namespace")}, ` +
      `${plural(image.length, "repository", "repositories")}, ` +
      `${plural(review.namespaces.filter((n) => n.kind === "chart").length, "chart namespace")}, ` +
      `${plural(charts.length, "chart repository", "chart repositories")}, ` +
      `${plural(review.grants.length, "grant row")}, ${plural(roles, "role")}, ` +
      `${plural(review.vpcLinks.length, "VPC link")}, ` +
      `${plural(review.internet.length, "Internet allow-list entry", "Internet allow-list entries")}. ` +
      `Findings: ${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${counts.info} info.`,
  );

  section(
    lines,
    "Findings",
    review.findings.length === 0
      ? []
      : table(
          ["Severity", "Rule", "Resource", "Finding"],
          review.findings.map((f) => [`**${f.severity}**`, f.rule, code(f.address), cell(f.message)]),
        ),
  );

  section(
    lines,
    "Registries",
    review.registries.length === 0
      ? []
      : table(
          ["Registry", "Status", "Construct", "Edition", "Billing", "Protected", "Tags", "Referenced by"],
          review.registries.map((r) => [
            code(r.name),
            r.status === "new" ? "new" : "imported (id only)",
            r.path === undefined ? "—" : code(r.path),
            cell(r.edition ?? "—"),
            cell(r.billing ?? "—"),
            r.protected === undefined ? "—" : r.protected ? "yes" : "**no**",
            cell(r.tags ?? "—"),
            plural(r.references, "resource"),
          ]),
        ),
  );

  const namespaceTable = (kind: NamespaceEntry["kind"]): string[] => {
    const rows = review.namespaces.filter((n) => n.kind === kind);
    return rows.length === 0
      ? []
      : table(
          ["Namespace", "Registry", "Default visibility", "Auto-create repositories", "Protected", "Construct"],
          rows.map((n) => [
            code(n.name),
            code(n.registry),
            visibility(n.defaultVisibility),
            cell(n.autoCreate),
            n.protected ? "yes" : "**no**",
            code(n.path),
          ]),
        );
  };
  const repositoryTable = (kind: RepositoryEntry["kind"]): string[] => {
    const rows = review.repositories.filter((r) => r.kind === kind);
    return rows.length === 0
      ? []
      : table(
          ["Repository", "Registry", "Visibility", "Tag immutability", "Protected", "Summary"],
          rows.map((r) => [
            code(r.name),
            code(r.registry),
            visibility(r.visibility),
            cell(r.tagImmutability),
            r.protected ? "yes" : "**no**",
            cell(r.summary),
          ]),
        );
  };
  section(lines, "Namespaces", namespaceTable("image"));
  section(lines, "Repositories", repositoryTable("image"));
  section(lines, "Chart namespaces", namespaceTable("chart"));
  section(lines, "Chart repositories", repositoryTable("chart"));
  if (review.namespaces.some((n) => n.kind === "personal") || review.repositories.some((r) => r.kind === "personal")) {
    section(lines, "Personal Edition namespaces", namespaceTable("personal"));
    section(lines, "Personal Edition repositories", repositoryTable("personal"));
  }

  const access =
    review.grants.length === 0
      ? []
      : table(
          ["Grantee", "Effect", "Actions", "Resources", "Condition", "Policy"],
          review.grants.map((g) => [
            cell(g.grantee),
            g.effect === "Deny" ? "**Deny**" : cell(g.effect),
            g.note === undefined ? list(g.actions) : `${list(g.actions)}<br>_${cell(g.note)}_`,
            list(g.resources),
            g.condition === undefined ? "—" : code(g.condition),
            code(g.policy),
          ]),
        );
  if (access.length > 0) {
    access.push("", "`<name>` stands for the id of the registry instance of that name created in this stack.");
  }
  section(lines, "Access (RAM): who can pull and push", access);

  section(
    lines,
    "Trust relationships",
    review.trusts.length === 0
      ? []
      : table(
          ["Role", "Effect", "Trusted principals", "Actions", "Condition", "Max session"],
          review.trusts.map((t) => [
            code(t.role),
            cell(t.effect),
            t.note === undefined ? list(t.principals) : `_${cell(t.note)}_`,
            list(t.actions),
            t.condition === undefined ? "—" : code(t.condition),
            cell(t.maxSession),
          ]),
        ),
  );

  const network: string[] = [];
  network.push("### VPC links", "");
  network.push(
    ...(review.vpcLinks.length === 0
      ? ["_None._"]
      : table(
          ["Registry", "VPC", "vSwitch", "Module", "PrivateZone DNS"],
          review.vpcLinks.map((v) => [
            code(v.registry),
            code(v.vpcId),
            code(v.vswitchId),
            cell(v.module),
            v.privateZoneDns,
          ]),
        )),
  );
  network.push("", "### Internet endpoint allow-list", "");
  network.push(
    ...(review.internet.length === 0
      ? ["_Internet endpoint not managed by this stack._"]
      : table(
          ["Registry", "Entry", "Comment", "Module", "Note"],
          review.internet.map((e) => [
            code(e.registry),
            code(e.cidr),
            cell(e.comment),
            cell(e.module),
            e.openToAll ? "**open to the whole Internet**" : "",
          ]),
        )),
  );
  section(lines, "Network exposure", network);

  const others = Object.keys(review.otherResources).sort(compareText);
  if (others.length > 0) {
    section(
      lines,
      "Other resources",
      others.map((t) => `- ${code(t)} × ${review.otherResources[t]}`),
    );
  }
  return `${lines.join("\n")}\n`;
}

function visibility(value: string): string {
  return value.toUpperCase() === "PUBLIC" ? "**PUBLIC**" : cell(value);
}

/** A one-line summary of a stack review, for the CLI's console output. */
export function summarizeStackReview(review: StackReview): string {
  const c = countFindings(review.findings);
  return `review ${review.stack}: ${plural(c.error, "error")}, ${plural(c.warning, "warning")}, ${c.info} info`;
}

/** Whether any finding is at least as severe as `threshold`. */
export function hasFindingsAtLeast(reviews: readonly StackReview[], threshold: ReviewSeverity): boolean {
  return reviews.some((r) => r.findings.some((f) => SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[threshold]));
}
