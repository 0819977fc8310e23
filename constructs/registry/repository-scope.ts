import { Construct } from "constructs";
import { IGrantee } from "../access/grantee";
import { grantRepositoryAccess, RepositoryAccess, RepositoryGrant } from "../access/repository-grant";

/** Something images live in that RAM grants can target: an instance, a namespace or a repository. */
export interface IRepositoryScope {
  /** The repository ARNs that stand for this scope in RAM policies. */
  readonly repositoryArns: string[];
  /** Whether pushes may create repositories here (push grants then include `cr:CreateRepository`). */
  readonly createsRepositoriesOnPush: boolean;
  /** Grants pulling every image in this scope. */
  grantPull(grantee: IGrantee): RepositoryGrant;
  /** Grants pushing to every repository in this scope. */
  grantPush(grantee: IGrantee): RepositoryGrant;
  /** Grants pulling and pushing. */
  grantPullPush(grantee: IGrantee): RepositoryGrant;
}

/**
 * Shared grant methods, in the style of aws-ecr's `grantPull`/`grantPush`: each adds one least-privilege policy
 * on this scope's repository ARNs (wildcards only as wide as the scope) and returns what it added.
 */
export abstract class RepositoryScope extends Construct implements IRepositoryScope {
  /** The repository ARNs that stand for this scope in RAM policies. */
  public abstract get repositoryArns(): string[];

  /** Whether pushes may create repositories here (adds `cr:CreateRepository` to push grants). */
  public get createsRepositoriesOnPush(): boolean {
    return false;
  }

  public grantPull(grantee: IGrantee): RepositoryGrant {
    return this.grant(grantee, "pull");
  }

  public grantPush(grantee: IGrantee): RepositoryGrant {
    return this.grant(grantee, "push");
  }

  public grantPullPush(grantee: IGrantee): RepositoryGrant {
    return this.grant(grantee, "pull-push");
  }

  private grant(grantee: IGrantee, access: RepositoryAccess): RepositoryGrant {
    return grantRepositoryAccess(this, {
      grantee,
      access,
      repositoryArns: this.repositoryArns,
      createRepositories: access !== "pull" && this.createsRepositoriesOnPush,
      description: `${access} images of ${this.node.path} (acr-platform)`,
    });
  }
}
