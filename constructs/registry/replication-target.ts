import { IConstruct } from "constructs";
import type { ReplicationTarget } from "./replication-rule";
import { Namespace } from "./namespace";
import { Repository } from "./repository";

/** What the ACR precondition check found for one replication target. */
export interface ReplicationTargetFinding {
  /** Field, value and rule of a precondition that code in this app breaks, as `FieldChecks.fail` takes them. */
  readonly error?: readonly [field: string, value: unknown, rule: string];
  /** Why the precondition cannot be checked here, and the fix. */
  readonly warning?: string;
}

/**
 * Checks the ACR precondition of automatic replication (the "synchronize images between instances" guide, automatic
 * synchronization): by namespace, the target namespace must exist **and auto-create repositories**; by repository,
 * the target repository must exist. Without it the rule applies fine, and images are silently not replicated.
 *
 * The target is looked for among the namespaces declared anywhere in the app (same instance id, literal or the same
 * token, and name). Found: its settings are checked. Not found: a warning with the fix, since the target is then
 * managed outside this code.
 */
export function checkReplicationTarget(app: IConstruct, target: ReplicationTarget): ReplicationTargetFinding {
  const namespace = app.node
    .findAll()
    .find(
      (c): c is Namespace =>
        c instanceof Namespace && c.registry.instanceId === target.instanceId && c.namespaceName === target.namespace,
    );
  const where = `namespace "${target.namespace}" of ${target.instanceId}`;
  if (target.repository === undefined) {
    if (namespace === undefined) {
      return {
        warning:
          `automatic replication into ${where}, which this app does not declare: ACR replicates a namespace only ` +
          "into an existing namespace that auto-creates repositories, and otherwise silently copies nothing; " +
          "create it so, or declare it here with autoCreateRepositories: true",
      };
    }
    if (!namespace.createsRepositoriesOnPush) {
      return {
        error: [
          "target.namespace",
          target.namespace,
          `is ${namespace.node.path}, which does not auto-create repositories, so ACR would silently replicate ` +
            "nothing into it: set autoCreateRepositories: true on it",
        ],
      };
    }
    return {};
  }
  if (namespace === undefined) {
    return {
      warning:
        `automatic replication into repository "${target.repository}" of ${where}, which this app does not ` +
        "declare: ACR replicates a repository only into an existing one, and otherwise silently copies nothing; " +
        "create it first, or declare it here",
    };
  }
  const declared = namespace.node.children.some(
    (c) => c instanceof Repository && c.repositoryName === target.repository,
  );
  return declared
    ? {}
    : {
        error: [
          "target.repository",
          target.repository,
          `is not declared in ${namespace.node.path}, and ACR replicates a repository only into an existing one: ` +
            "add it there",
        ],
      };
}
