/**
 * Creation-order check of synthesized Terraform JSON: finds a resource that names another resource of the same
 * stack by a copied literal (a policy attachment's `role_name = "ci-image-push"`, a repository's
 * `namespace = "payments"`) while nothing orders the two — no reference and no `depends_on`, directly or through
 * other resources. Terraform then may create both in parallel, and the real cloud rejects the child whenever its
 * parent does not exist yet (e.g. RAM `EntityNotExist.Role`, which provider 1.289.0 does not retry:
 * `resource_alicloud_ram_role_policy_attachment.go` retries only what `NeedRetry` in `errors.go` accepts —
 * throttling, `ServiceUnavailable`, 5xx).
 *
 * Pure logic: reads nothing from disk.
 */
import type { Finding } from "./validate";

type Body = Readonly<Record<string, unknown>>;

/** How a parent type carries the name children copy, and which attributes scope that name. */
interface ParentKind {
  /** Attributes holding the name (current and deprecated spellings). */
  readonly names: readonly string[];
  /** Attributes that must be equal for two equal names to be the same object (instance, namespace). */
  readonly scope: readonly string[];
}

// Names are unique per account (RAM) or per instance and namespace (ACR), as the provider's resource ids say:
// `<instance>:<namespace>`, `<instance>:<namespace>:<repo>` (provider 1.289.0 `d.SetId` of each resource).
const PARENTS: Readonly<Record<string, ParentKind>> = {
  alicloud_ram_role: { names: ["role_name", "name"], scope: [] },
  alicloud_ram_policy: { names: ["policy_name", "name"], scope: [] },
  alicloud_ram_user: { names: ["name"], scope: [] },
  alicloud_ram_group: { names: ["group_name", "name"], scope: [] },
  alicloud_cr_ee_namespace: { names: ["name"], scope: ["instance_id"] },
  alicloud_cr_ee_repo: { names: ["name"], scope: ["instance_id", "namespace"] },
  alicloud_cr_chart_namespace: { names: ["namespace_name"], scope: ["instance_id"] },
  alicloud_cr_chart_repository: { names: ["repo_name"], scope: ["instance_id", "repo_namespace_name"] },
  alicloud_cr_namespace: { names: ["name"], scope: [] },
  alicloud_cr_repo: { names: ["name"], scope: ["namespace"] },
};

/** A child attribute naming a parent: the parent type, and child attribute per parent scope attribute. */
interface NamedParent {
  readonly attribute: string;
  readonly parent: keyof typeof PARENTS;
  readonly scope: Readonly<Record<string, string>>;
}

const instance = { instance_id: "instance_id" };
const namespaceIn = (namespaceAttribute: string) => ({ ...instance, namespace: namespaceAttribute });
const identity = (attribute: string, parent: string): NamedParent => ({ attribute, parent, scope: {} });
const policy = identity("policy_name", "alicloud_ram_policy");

// Only the source side of rules: `target_*` attributes name objects of another instance.
const CHILDREN: Readonly<Record<string, readonly NamedParent[]>> = {
  alicloud_ram_role_policy_attachment: [identity("role_name", "alicloud_ram_role"), policy],
  alicloud_ram_user_policy_attachment: [identity("user_name", "alicloud_ram_user"), policy],
  alicloud_ram_group_policy_attachment: [identity("group_name", "alicloud_ram_group"), policy],
  alicloud_ram_group_membership: [
    identity("group_name", "alicloud_ram_group"),
    identity("user_names", "alicloud_ram_user"),
  ],
  alicloud_cr_ee_repo: [{ attribute: "namespace", parent: "alicloud_cr_ee_namespace", scope: instance }],
  alicloud_cr_chart_repository: [
    { attribute: "repo_namespace_name", parent: "alicloud_cr_chart_namespace", scope: instance },
  ],
  alicloud_cr_repo: [identity("namespace", "alicloud_cr_namespace")],
  alicloud_cr_ee_sync_rule: sourceRepository("namespace_name", "repo_name"),
  alicloud_cr_chain: sourceRepository("repo_namespace_name", "repo_name"),
  alicloud_cr_artifact_lifecycle_rule: sourceRepository("namespace_name", "repo_name"),
  alicloud_cr_artifact_subscription_rule: sourceRepository("namespace_name", "repo_name"),
  alicloud_cr_scan_rule: [
    { attribute: "namespaces", parent: "alicloud_cr_ee_namespace", scope: instance },
    { attribute: "repo_names", parent: "alicloud_cr_ee_repo", scope: instance },
  ],
};

function sourceRepository(namespaceAttribute: string, repositoryAttribute: string): NamedParent[] {
  return [
    { attribute: namespaceAttribute, parent: "alicloud_cr_ee_namespace", scope: instance },
    { attribute: repositoryAttribute, parent: "alicloud_cr_ee_repo", scope: namespaceIn(namespaceAttribute) },
  ];
}

const REFERENCE = /\$\{[^}]*?\b((?:alicloud|terraform|null|random|time)_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;

const isLiteral = (value: unknown): value is string =>
  typeof value === "string" && value !== "" && !value.includes("${");

/** `"alicloud"` or `"alicloud.<alias>"`: names are per account, so a different provider is a different account. */
function providerOf(body: Body): string {
  const provider = body.provider;
  return typeof provider === "string" ? provider.replace(/^\$\{|\}$/g, "") : "alicloud";
}

function resourcesOf(config: unknown): Map<string, Body> {
  const all = new Map<string, Body>();
  const resource = (config as { resource?: Record<string, Record<string, Body>> } | null)?.resource ?? {};
  for (const [type, byName] of Object.entries(resource)) {
    if (type === "//") continue;
    for (const [name, body] of Object.entries(byName ?? {})) {
      if (name !== "//" && typeof body === "object" && body !== null) all.set(`${type}.${name}`, body);
    }
  }
  return all;
}

/** Addresses each resource refers to: interpolations anywhere in its body, and `depends_on`. */
function dependencyGraph(resources: ReadonlyMap<string, Body>): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [address, body] of resources) {
    const edges = new Set<string>();
    for (const match of JSON.stringify(body).matchAll(REFERENCE)) edges.add(`${match[1]}.${match[2]}`);
    for (const dependency of (body.depends_on as unknown[] | undefined) ?? []) {
      edges.add(String(dependency).replace(/^\$\{|\}$/g, ""));
    }
    graph.set(address, edges);
  }
  return graph;
}

function reaches(graph: ReadonlyMap<string, Set<string>>, from: string, to: string): boolean {
  const seen = new Set<string>();
  const pending = [from];
  while (pending.length > 0) {
    const next = pending.pop() as string;
    if (next === to) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(graph.get(next) ?? []));
  }
  return false;
}

/** True when `child` (through `named`) and `parent` are in the same account, instance and namespace. */
function sameScope(named: NamedParent, child: Body, parent: Body): boolean {
  if (providerOf(child) !== providerOf(parent)) return false;
  return Object.entries(named.scope).every(([parentAttribute, childAttribute]) => {
    const [a, b] = [parent[parentAttribute], child[childAttribute]];
    // Unknown scope on either side: assume the same object, so a copy is not missed.
    return a === undefined || b === undefined || a === b;
  });
}

/**
 * Findings (rule `creation-order`, severity error) for every literal in `config` that names another resource of
 * the same stack with no dependency path from the child to that resource.
 */
export function creationOrderFindings(config: unknown, stack: string): Finding[] {
  const resources = resourcesOf(config);
  const graph = dependencyGraph(resources);
  const findings: Finding[] = [];
  for (const [address, child] of resources) {
    const type = address.slice(0, address.indexOf("."));
    for (const named of CHILDREN[type] ?? []) {
      const values = ([] as unknown[]).concat(child[named.attribute] ?? []).filter(isLiteral);
      for (const [parentAddress, parent] of resources) {
        if (!parentAddress.startsWith(`${named.parent}.`) || parentAddress === address) continue;
        const copied = values.find((value) => PARENTS[named.parent].names.some((n) => parent[n] === value));
        if (copied === undefined || !sameScope(named, child, parent) || reaches(graph, address, parentAddress)) {
          continue;
        }
        findings.push({
          stack,
          address,
          path: named.attribute,
          rule: "creation-order",
          severity: "error",
          message:
            `${named.attribute} = "${copied}" copies the name of ${parentAddress} in this stack, but nothing orders ` +
            "the two (no reference, no depends_on): Terraform may create the child first and the cloud then " +
            `rejects it; use the parent's attribute (a token) instead`,
        });
      }
    }
  }
  return findings;
}
