import { IConstruct } from "constructs";
import { FieldChecks } from "../../constructs/validation/field-checks";
import { importExisting, resourcesUnder } from "../../constructs/engine";
import type { ImportExistingDefinition, NamespaceDefinition, RegistryDefinition } from "./definition";

type Arguments = Readonly<Record<string, unknown>>;

/**
 * The `terraform import` id of each type a registry definition declares, from its arguments: the formats of provider
 * 1.289.0's documentation (website/docs/r/<type>.html.markdown, "Import"). The ids of lifecycle and sync rules are
 * the cloud's, so they come from {@link ImportExistingDefinition}.
 */
const IMPORT_IDS: Readonly<Record<string, (a: Arguments, ids: ImportExistingDefinition) => string | undefined>> = {
  alicloud_cr_ee_namespace: (a) => `${a.instance_id}:${a.name}`,
  alicloud_cr_ee_repo: (a) => `${a.instance_id}:${a.namespace}:${a.name}`,
  alicloud_cr_chart_namespace: (a) => `${a.instance_id}:${a.namespace_name}`,
  alicloud_cr_chart_repository: (a) => `${a.instance_id}:${a.repo_namespace_name}:${a.repo_name}`,
  alicloud_cr_vpc_endpoint_linked_vpc: (a) => `${a.instance_id}:${a.vpc_id}:${a.vswitch_id}:${a.module_name}`,
  alicloud_cr_internet_endpoint: (a) => `${a.instance_id}`,
  alicloud_cr_artifact_lifecycle_rule: (a, ids) => {
    const rule = ids.retentionRuleIds?.[String(a.namespace_name)];
    return rule === undefined ? undefined : `${a.instance_id}:${rule}`;
  },
  alicloud_cr_ee_sync_rule: (a, ids) => {
    const rule = ids.replicationRuleIds?.[String(a.namespace_name)]?.[`${a.target_region_id}/${a.target_instance_id}`];
    return rule === undefined ? undefined : `${a.instance_id}:${a.namespace_name}:${rule}`;
  },
};

/**
 * Adds an `import` block to every resource under `registry` that the registry's definition declared (call it before
 * `customize`, whose additions are new), with the id the provider's import expects.
 */
export function importRegistryContent(registry: IConstruct, ids: ImportExistingDefinition): void {
  for (const { resource, type, arguments: args } of resourcesUnder(registry)) {
    const id = IMPORT_IDS[type]?.(args, ids);
    if (id !== undefined) importExisting(resource, id);
  }
}

/**
 * Checks `importExisting` of a registry: only for an existing instance, a retention rule id for exactly the
 * namespaces that keep the last tags, and a replication rule id for exactly the `replicateTo` entries.
 */
export function checkImportExisting(check: FieldChecks, at: string, registry: RegistryDefinition): void {
  const given = registry.importExisting;
  if (given === undefined || !check.object(`${at}.importExisting`, given)) return;
  const kind = (registry.instance as { kind?: unknown } | undefined)?.kind;
  if (kind !== "existing") {
    check.fail(`${at}.importExisting`, given, `only for an instance of kind "existing" (instance.kind is ${kind})`);
  }
  const namespaces: readonly Partial<NamespaceDefinition>[] = Array.isArray(registry.namespaces)
    ? registry.namespaces
    : [];
  const keeping = namespaces.filter((ns) => ns?.keepLastTags !== undefined).map((ns) => `${ns.name}`);
  checkRuleIds(check, `${at}.importExisting.retentionRuleIds`, given.retentionRuleIds, keeping, {
    missing: "the namespace has keepLastTags",
    stray: "no namespace of this name has keepLastTags",
  });
  const replicating = namespaces.flatMap((ns) =>
    (Array.isArray(ns?.replicateTo) ? ns.replicateTo : []).map((t) => `${ns.name}.${t?.region}/${t?.instanceId}`),
  );
  const byNamespace = given.replicationRuleIds ?? {};
  if (!check.object(`${at}.importExisting.replicationRuleIds`, byNamespace)) return;
  const flat = Object.entries(byNamespace).flatMap(([namespace, byTarget]) =>
    check.object(`${at}.importExisting.replicationRuleIds.${namespace}`, byTarget)
      ? Object.entries(byTarget).map(([target, id]): [string, unknown] => [`${namespace}.${target}`, id])
      : [],
  );
  checkRuleIds(check, `${at}.importExisting.replicationRuleIds`, Object.fromEntries(flat), replicating, {
    missing: "the namespace replicates to this target (replicateTo)",
    stray: "the namespace has no replicateTo entry for this <region>/<instanceId>",
  });
}

/**
 * The cloud's rule ids, by key: one for every rule the definition declares (`declared`), and none for anything else
 * (a missing id would create a second rule; a stray one imports nothing).
 */
function checkRuleIds(
  check: FieldChecks,
  at: string,
  given: unknown,
  declared: readonly string[],
  rules: { readonly missing: string; readonly stray: string },
): void {
  const ids = given ?? {};
  if (!check.object(at, ids)) return;
  for (const [key, id] of Object.entries(ids)) {
    if (check.string(`${at}.${key}`, id, { required: true }) && !declared.includes(key)) {
      check.fail(`${at}.${key}`, id, rules.stray);
    }
  }
  for (const key of declared.filter((k) => (ids as Record<string, unknown>)[k] === undefined)) {
    check.fail(
      `${at}.${key}`,
      undefined,
      `required: ${rules.missing} (its rule exists in the cloud; without the id a second one is created)`,
    );
  }
}
