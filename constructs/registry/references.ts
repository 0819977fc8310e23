import type { FieldChecks } from "../validation/field-checks";
import type { Presence } from "../../validation/problems";
import { EnterpriseRegistryBase } from "./enterprise-registry";
import { NamespaceBase } from "./namespace";
import { RepositoryBase } from "./repository";

// Props that name another construct of this library are checked by class: an object of the same shape (or a
// construct of another kind) would otherwise synthesize with undefined ids. Imported lazily by the validations
// (the classes import each other), so no class is read while its module is still loading.

/** `value` must be a registry of this library (`new EnterpriseRegistry`, `EnterpriseRegistry.from...`). */
export function checkRegistry(check: FieldChecks, value: unknown, field = "registry"): boolean {
  return check.instanceOf(
    field,
    value,
    EnterpriseRegistryBase,
    "an EnterpriseRegistry (new, or EnterpriseRegistry.from...)",
    {
      required: true,
    },
  );
}

/** `value` must be a namespace of this library (`registry.addNamespace`, `Namespace.fromNamespaceName`). */
export function checkNamespace(check: FieldChecks, field: string, value: unknown, presence: Presence = {}): boolean {
  return check.instanceOf(
    field,
    value,
    NamespaceBase,
    "a Namespace (registry.addNamespace or Namespace.fromNamespaceName)",
    presence,
  );
}

/** `value` must be a repository of this library (`namespace.addRepository`, `.repository`, `Repository.from...`). */
export function checkRepository(check: FieldChecks, field: string, value: unknown, presence: Presence = {}): boolean {
  return check.instanceOf(
    field,
    value,
    RepositoryBase,
    "a Repository (namespace.addRepository, namespace.repository or Repository.fromRepositoryName)",
    presence,
  );
}
