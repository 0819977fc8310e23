import { Construct } from "constructs";
import type { Grant } from "../access/grant";
import { addGrant } from "../access/grant";
import { IGrantee, isGrantee } from "../access/grantee";
import { legacyGrantPaths } from "../access/grantee-policy";
import { grantRepositoryAccess, RepositoryAccess, splitActions } from "../access/repository-grant";

/** Something images live in that RAM grants can target: an instance, a namespace or a repository. */
export interface IRepositoryScope {
  /** The repository ARNs that stand for this scope in RAM policies. */
  readonly repositoryArns: string[];
  /** Whether pushes may create repositories here (push grants then include `cr:CreateRepository`). */
  readonly createsRepositoriesOnPush: boolean;
  /** Grants pulling every image in this scope. */
  grantPull(grantee: IGrantee): Grant;
  /** Grants pushing to every repository in this scope. */
  grantPush(grantee: IGrantee): Grant;
  /** Grants pulling and pushing. */
  grantPullPush(grantee: IGrantee): Grant;
  /**
   * Grants `actions` on this scope's repository ARNs; `cr:GetAuthorizationToken` and `cr:ListInstanceEndpoint`,
   * which RAM authorizes on all resources only, go on `*`.
   */
  grant(grantee: IGrantee, ...actions: string[]): Grant;
}

/**
 * Shared grant methods, in the style of aws-ecr's `grantPull`/`grantPush`: each adds least-privilege statements on
 * this scope's repository ARNs (wildcards only as wide as the scope) to the grantee's default policy and returns
 * what it added.
 */
export abstract class RepositoryScope extends Construct implements IRepositoryScope {
  /** The repository ARNs that stand for this scope in RAM policies. */
  public abstract get repositoryArns(): string[];

  /** Whether pushes may create repositories here (adds `cr:CreateRepository` to push grants). */
  public get createsRepositoriesOnPush(): boolean {
    return false;
  }

  public grantPull(grantee: IGrantee): Grant {
    return this.grantAccess(grantee, "pull");
  }

  public grantPush(grantee: IGrantee): Grant {
    return this.grantAccess(grantee, "push");
  }

  public grantPullPush(grantee: IGrantee): Grant {
    return this.grantAccess(grantee, "pull-push");
  }

  public grant(grantee: IGrantee, ...actions: string[]): Grant {
    const { scoped, onAll } = splitActions(actions);
    return addGrant(this, { grantee, actions: scoped, allResourceActions: onAll, resourceArns: this.repositoryArns });
  }

  private grantAccess(grantee: IGrantee, access: RepositoryAccess): Grant {
    return grantRepositoryAccess(this, grantee, {
      access,
      resourceArns: this.repositoryArns,
      createRepositories: access !== "pull" && this.createsRepositoriesOnPush,
      // Where the earlier layout (one policy per grant call) kept this grant's policy.
      legacy: isGrantee(grantee) ? legacyGrantPaths(this, `Grant-${access}-${grantee.node.id}`) : undefined,
    });
  }
}
