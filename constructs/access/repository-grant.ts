import type { Construct } from "constructs";
import { addGrant, Grant } from "./grant";
import type { IGrantee } from "./grantee";
import type { LegacyGrantPaths } from "./grantee-policy";

/** What a grant lets the grantee do with images. */
export type RepositoryAccess = "pull" | "push" | "pull-push";

/** The only ACR action documented as supporting "all resources" only; every registry login needs it. */
export const GET_AUTHORIZATION_TOKEN = "cr:GetAuthorizationToken";

/**
 * ACR actions granted on `*` whenever a grant asks for them: `cr:GetAuthorizationToken` (documented for all
 * resources only) and `cr:ListInstanceEndpoint` (the credential helper's; its resource scope is undocumented).
 */
export const ALL_RESOURCE_ACTIONS: readonly string[] = [GET_AUTHORIZATION_TOKEN, "cr:ListInstanceEndpoint"];

const REPOSITORY_ACTIONS: Record<RepositoryAccess, readonly string[]> = {
  pull: ["cr:PullRepository"],
  push: ["cr:PushRepository"],
  "pull-push": ["cr:PullRepository", "cr:PushRepository"],
};

/** How {@link grantRepositoryAccess} grants. */
export interface RepositoryAccessOptions {
  /** Pull, push or both. */
  readonly access: RepositoryAccess;
  /** Repository (or chart) ARNs the image actions apply to: an instance, a namespace or repositories. */
  readonly resourceArns: readonly string[];
  /**
   * Also allow `cr:CreateRepository`, for pushes into a namespace that creates repositories on first push.
   * @default false
   */
  readonly createRepositories?: boolean;
  /**
   * Actions besides `cr:GetAuthorizationToken` that the service authorizes on all resources only.
   * @default - none
   */
  readonly allResourceActions?: readonly string[];
  /**
   * The policy and attachment the earlier layout made for this grant (see {@link LegacyGrantPaths}).
   * @default - none
   */
  readonly legacy?: LegacyGrantPaths;
}

/**
 * Grants image access: `cr:GetAuthorizationToken` (and `allResourceActions`) on `*`, the pull/push actions on
 * `resourceArns` only; never `cr:*`. The statements go into the grantee's default policy ({@link addGrant}).
 */
export function grantRepositoryAccess(scope: Construct, grantee: IGrantee, options: RepositoryAccessOptions): Grant {
  return addGrant(scope, {
    grantee,
    actions: [...REPOSITORY_ACTIONS[options.access], ...(options.createRepositories ? ["cr:CreateRepository"] : [])],
    resourceArns: options.resourceArns,
    allResourceActions: [GET_AUTHORIZATION_TOKEN, ...(options.allResourceActions ?? [])],
    legacy: options.legacy,
  });
}

/**
 * Splits `actions` for {@link addGrant}: those in {@link ALL_RESOURCE_ACTIONS} go on `*`, the others on the scope.
 */
export function splitActions(actions: readonly string[]): { scoped: string[]; onAll: string[] } {
  const list = Array.isArray(actions) ? actions : [];
  return {
    scoped: list.filter((a) => !ALL_RESOURCE_ACTIONS.includes(a)),
    onAll: list.filter((a) => ALL_RESOURCE_ACTIONS.includes(a)),
  };
}
