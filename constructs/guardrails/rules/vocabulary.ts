// What the platform rules know about resource types and RAM actions (kept apart from how they are checked).

/** The names that identify a data-holding resource in the cloud, whatever its Terraform address. */
export interface DataNames<T = string> {
  /** Instance name (a new instance) or id (an existing one); absent for Personal Edition. */
  readonly instance?: T;
  readonly namespace?: T;
  readonly repository?: T;
}

/** Data-holding type → the attribute holding each of its names (provider 1.289.0 schema). */
export const DATA_NAME_ATTRIBUTES: Readonly<Record<string, DataNames>> = {
  alicloud_cr_ee_instance: { instance: "instance_name" },
  alicloud_cr_ee_namespace: { instance: "instance_id", namespace: "name" },
  alicloud_cr_ee_repo: { instance: "instance_id", namespace: "namespace", repository: "name" },
  alicloud_cr_chart_namespace: { instance: "instance_id", namespace: "namespace_name" },
  alicloud_cr_chart_repository: { instance: "instance_id", namespace: "repo_namespace_name", repository: "repo_name" },
  alicloud_cr_namespace: { namespace: "name" },
  alicloud_cr_repo: { namespace: "namespace", repository: "name" },
};

/** Resource types that hold images or charts: deleting one deletes what is in it. */
export const DATA_HOLDING_TYPES: readonly string[] = Object.keys(DATA_NAME_ATTRIBUTES);

/** Data-holding types that contain many repositories: losing one is worse than losing a single repository. */
export const CONTAINER_TYPES: readonly string[] = [
  "alicloud_cr_ee_instance",
  "alicloud_cr_ee_namespace",
  "alicloud_cr_chart_namespace",
  "alicloud_cr_namespace",
];

/** Resource type → attribute whose value `PUBLIC` lets anyone pull without credentials. */
export const VISIBILITY_ATTRIBUTES: Readonly<Record<string, string>> = {
  alicloud_cr_ee_repo: "repo_type",
  alicloud_cr_ee_namespace: "default_visibility",
  alicloud_cr_chart_repository: "repo_type",
  alicloud_cr_chart_namespace: "default_repo_type",
  alicloud_cr_repo: "repo_type",
  alicloud_cr_namespace: "default_visibility",
};

/** System policies that grant `cr:*` (the guardrail treats attaching one like writing `cr:*`). */
export const FULL_ACCESS_SYSTEM_POLICIES: readonly string[] = [
  "AliyunContainerRegistryFullAccess",
  "AdministratorAccess",
];

/** Action-name prefixes that only read. Everything else (push, create, delete, sts:AssumeRole...) is a write. */
export const READ_ONLY_ACTION_PREFIXES: readonly string[] = ["Get", "List", "Describe", "Query", "Pull"];

/** True for `<service>:<Action>` whose action name starts with a {@link READ_ONLY_ACTION_PREFIXES} entry. */
export function isReadOnlyAction(action: string): boolean {
  const name = action.split(":")[1] ?? "";
  return READ_ONLY_ACTION_PREFIXES.some((prefix) => name.startsWith(prefix));
}
