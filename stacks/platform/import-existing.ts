import { IConstruct } from "constructs";
import { FieldChecks } from "../../constructs/validation/field-checks";
import { importExisting, resourcesUnder } from "../../constructs/engine";
import type { ImportExistingDefinition, NamespaceDefinition, RegistryDefinition } from "./definition";

type Arguments = Readonly<Record<string, unknown>>;

/**
 * The `terraform import` id of each type a registry definition declares, from its arguments: the formats of provider
 * 1.289.0's documentation (website/docs/r/<type>.html.markdown, "Import"). A lifecycle rule's id is the cloud's, so
 * it comes from {@link ImportExistingDefinition.retentionRuleIds}.
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
};

/** The resource types whose objects an adopted registry imports. */
export const IMPORTED_TYPES: readonly string[] = Object.keys(IMPORT_IDS);

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
 * Checks `importExisting` of a registry: only for an existing instance, and a retention rule id for exactly the
 * namespaces that keep the last tags (a missing id would create a second rule; a stray one imports nothing).
 */
export function checkImportExisting(check: FieldChecks, at: string, registry: RegistryDefinition): void {
  const given = registry.importExisting;
  if (given === undefined || !check.object(`${at}.importExisting`, given)) return;
  const kind = (registry.instance as { kind?: unknown } | undefined)?.kind;
  if (kind !== "existing") {
    check.fail(`${at}.importExisting`, given, `only for an instance of kind "existing" (instance.kind is ${kind})`);
  }
  const ids = given.retentionRuleIds ?? {};
  if (!check.object(`${at}.importExisting.retentionRuleIds`, ids)) return;
  const namespaces: readonly Partial<NamespaceDefinition>[] = Array.isArray(registry.namespaces)
    ? registry.namespaces
    : [];
  const keeping = new Set(namespaces.filter((ns) => ns?.keepLastTags !== undefined).map((ns) => String(ns.name)));
  for (const [namespace, id] of Object.entries(ids)) {
    const path = `${at}.importExisting.retentionRuleIds.${namespace}`;
    if (!check.string(path, id, { required: true })) continue;
    if (!keeping.has(namespace)) check.fail(path, id, "no namespace of this name has keepLastTags");
  }
  for (const namespace of keeping) {
    if (ids[namespace] === undefined) {
      check.fail(
        `${at}.importExisting.retentionRuleIds.${namespace}`,
        undefined,
        "required: the namespace has keepLastTags (its rule exists in the cloud; without the id a second one is created)",
      );
    }
  }
}
