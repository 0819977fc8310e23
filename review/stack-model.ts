/**
 * What `npm run review` knows about one stack: the registries, namespaces and repositories it manages, who may
 * pull and push, who may assume which role, what is reachable from where, registry policies, and rule findings.
 * Plain data, built by `review.ts`, compared by `stack-diff.ts`, rendered by `render-stack.ts`.
 */

/** How serious a finding is. `--fail-on error` fails on errors only; `--fail-on warning` on both. */
export type ReviewSeverity = "error" | "warning";

/** One finding of a platform rule (`constructs/guardrails/rules`). */
export interface ReviewFinding {
  /** Terraform address, e.g. `alicloud_cr_ee_repo.Reg_ns_api_60CEFE82`. */
  readonly address: string;
  /** Rule id, e.g. `public-repository`. */
  readonly rule: string;
  readonly severity: ReviewSeverity;
  /** Construct path (without the stack), then the rule's message. */
  readonly message: string;
}

/**
 * A registry policy that acts on images: retention (`alicloud_cr_artifact_lifecycle_rule`, deletes tags),
 * replication (`alicloud_cr_ee_sync_rule`), scan rules, delivery chains, upstream mirrors.
 */
export interface RegistryPolicyEntry {
  readonly kind: "retention" | "replication" | "scan" | "chain" | "mirror";
  readonly address: string;
  readonly path: string;
  readonly registry: string;
  /** What it does, as `key=value` pairs of its configuration, references resolved. */
  readonly settings: string;
}

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
  readonly policies: readonly RegistryPolicyEntry[];
  /** Resource types not shown in any section, with counts (`terraform_data` -> 2). */
  readonly otherResources: { readonly [type: string]: number };
  readonly findings: readonly ReviewFinding[];
}
