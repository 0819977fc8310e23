import { createHash } from "node:crypto";
import type { CrEeNamespace } from "../../.gen/providers/alicloud/cr-ee-namespace";
import type { CrEeRepo } from "../../.gen/providers/alicloud/cr-ee-repo";
import { FieldChecks, isUnresolved } from "../validation/field-checks";
import type { Presence } from "../../validation/problems";
import type { IEnterpriseRegistry } from "./enterprise-registry";
import { INamespace, NamespaceBase } from "./namespace";
import { checkNamespace, checkRegistry, checkRepository } from "./references";
import { IRepository, RepositoryBase } from "./repository";

// Shared by the registry policy constructs (replication, scanning, delivery chains, retention, upstream mirrors).

/** A namespace or repository resource created in this app, which a rule must be created after. */
export type ScopeResource = CrEeNamespace | CrEeRepo;

/** The name of a namespace reference (read before validation, so an unusable one gives undefined, not a throw). */
export function namespaceNameOf(ref: INamespace | undefined): string {
  return (ref as INamespace | null | undefined)?.namespaceName as string;
}

/** The name of a repository reference, or undefined. */
export function repositoryNameOf(ref: IRepository | undefined): string | undefined {
  return (ref as IRepository | null | undefined)?.repositoryName;
}

/**
 * Resources a rule must be created after: the namespace and repository when they are created in this app
 * (a rule naming a namespace that does not exist yet fails at apply).
 */
export function scopeDependencies(namespace?: INamespace, repository?: IRepository): ScopeResource[] {
  const deps: ScopeResource[] = [];
  if (namespace instanceof NamespaceBase && namespace.resource) deps.push(namespace.resource);
  if (repository instanceof RepositoryBase && repository.resource) deps.push(repository.resource);
  return deps;
}

/**
 * Checks a namespace / repository pair: names, that constructs belong to `registry`, and that a repository
 * construct lives in the named namespace. Returns false when the registry or a reference is unusable, so that the
 * caller skips the checks that read them (they would only report follow-ons).
 */
export function checkScope(
  check: FieldChecks,
  registry: IEnterpriseRegistry,
  namespace: INamespace | undefined,
  repository: IRepository | undefined,
  fields: { namespace: string; repository: string } = { namespace: "namespace", repository: "repository" },
  required: { namespace?: boolean; repository?: boolean } = {},
): boolean {
  const registryOk = checkRegistry(check, registry);
  const namespaceOk = checkReference(check, fields.namespace, namespace, checkNamespace, required.namespace);
  const repositoryOk = checkReference(check, fields.repository, repository, checkRepository, required.repository);
  if (!namespaceOk || !repositoryOk) return false;
  const namespaceName = namespace === undefined ? undefined : namespaceNameOf(namespace);
  const repositoryName = repositoryNameOf(repository);
  if (registryOk && namespace !== undefined && namespace.registry !== registry) {
    check.fail(fields.namespace, namespaceName, `belongs to another registry (${namespace.registry.node.path})`);
  }
  // Without a usable registry, which one the repository should belong to is unknown.
  if (registryOk && repository !== undefined) {
    const owner = repository.namespace;
    if (owner.registry !== registry) {
      check.fail(fields.repository, repositoryName, `belongs to another registry (${owner.registry.node.path})`);
    } else if (namespaceName !== undefined && !isUnresolved(namespaceName) && owner.namespaceName !== namespaceName) {
      check.fail(
        fields.repository,
        repositoryName,
        `belongs to namespace "${owner.namespaceName}", not "${namespaceName}"`,
      );
    }
  }
  if (repository !== undefined && namespace === undefined) {
    check.fail(
      fields.repository,
      repositoryName,
      `needs ${fields.namespace}: a repository is named within a namespace`,
    );
  }
  return registryOk;
}

/**
 * `value` must be a non-empty regular expression that compiles. The service does not document its regex
 * dialect, so this checks JavaScript syntax: it catches typos such as an unclosed group, not every dialect gap.
 */
export function checkRegex(check: FieldChecks, field: string, value: unknown): void {
  if (!check.string(field, value)) return;
  if (value.length === 0) {
    check.fail(field, value, "must be a non-empty regular expression (use .* for every tag)");
    return;
  }
  try {
    new RegExp(value);
  } catch {
    check.fail(field, value, "must be a valid regular expression");
  }
}

/** `value` must be a whole number, at least `min` (used where the service documents no upper bound). */
export function checkAtLeast(check: FieldChecks, field: string, value: unknown, min: number, required = false): void {
  if (!check.number(field, value, { required })) return;
  if (!Number.isInteger(value) || value < min) check.fail(field, value, `must be a whole number, at least ${min}`);
}

/**
 * A construct reference: unset (when not `required`) or passing `checkClass`, which reports an unset required one.
 * False when the reference is unusable (the checks that read it are then skipped: no follow-ons).
 */
function checkReference(
  check: FieldChecks,
  field: string,
  value: unknown,
  checkClass: (check: FieldChecks, field: string, value: unknown, presence: Presence) => boolean,
  required = false,
): boolean {
  return checkClass(check, field, value, { required }) || (value == null && !required);
}

/**
 * `name` shortened to `maxLength` characters with a stable 8-character hash of the full name, so long derived
 * names stay unique and never change between runs.
 */
export function boundedName(name: string, maxLength: number): string {
  if (name.length <= maxLength) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  const head = name.slice(0, maxLength - hash.length - 1).replace(/[._-]+$/, "");
  return `${head}-${hash}`;
}

/** `items`, or undefined when empty (so optional list arguments are left out of the JSON). */
export function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}
