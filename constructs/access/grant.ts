import type { Construct, IConstruct } from "constructs";
import { FieldChecks } from "../validation/field-checks";
import { checkGrantee, IGrantee, isGrantee } from "./grantee";
import { GranteePolicy, LegacyGrantPaths } from "./grantee-policy";
import { identityOf } from "./identity";
import { PolicyDocument } from "./policy-document";
import { PolicyStatement } from "./policy-statement";

/** What one grant asks for: actions on resources, for one grantee. */
export interface GrantRequest {
  /** Who gets access. */
  readonly grantee: IGrantee;
  /** Actions allowed on {@link resourceArns}. */
  readonly actions: readonly string[];
  /** The resources of {@link actions} (an instance, a namespace, repositories, charts, a role...). */
  readonly resourceArns: readonly string[];
  /**
   * Actions the service authorizes on all resources only, allowed on `*` (e.g. `cr:GetAuthorizationToken`).
   * @default - none
   */
  readonly allResourceActions?: readonly string[];
  /**
   * The policy and attachment an earlier layout of this library made for this grant, to move into the default
   * policy (see {@link LegacyGrantPaths}).
   * @default - none
   */
  readonly legacy?: LegacyGrantPaths;
}

// Actions no grant may emit: each is every action of a service (or of all services).
const UNBOUNDED_ACTION = /^([a-z0-9-]+:)?\*$/;

/**
 * What a grant added, as a value (in the style of aws-cdk's `Grant`): its statements went into the default policy
 * of the grantee's identity (or a spill policy of it), which renders every grant of that identity as one document.
 */
export class Grant {
  /** Who got access. */
  public readonly grantee: IGrantee;
  /** Every action granted (on the resources and on `*`), sorted. */
  public readonly actions: readonly string[];
  /** The resources of the scoped actions (not the `*` of the all-resources-only actions). */
  public readonly resourceArns: readonly string[];
  /** The statements the grant added. */
  public readonly statements: readonly PolicyStatement[];
  /** `cr:PullRepository on test/Registry/Web/App` style: the grant in messages. */
  public readonly description: string;
  /** The policy the statements went into; unset only when the grantee is not one of this library's (a problem). */
  public readonly policy?: GranteePolicy;

  /** @internal */
  public constructor(scope: IConstruct, request: GrantRequest) {
    this.grantee = request.grantee;
    // Built from what is usable; the scope's validation reports lists that are not lists.
    const scoped = listOf(request.actions);
    const onAll = listOf(request.allResourceActions);
    this.resourceArns = listOf(request.resourceArns);
    this.actions = [...new Set([...onAll, ...scoped])].sort();
    this.statements = [
      ...(onAll.length > 0 ? [PolicyStatement.allow({ actions: onAll, resources: ["*"] })] : []),
      // A grant of all-resources actions only has no scoped statement (it would have no action).
      ...(scoped.length > 0 || onAll.length === 0
        ? [PolicyStatement.allow({ actions: scoped, resources: this.resourceArns })]
        : []),
    ];
    this.description = `${this.actions.join(", ")} on ${scope.node.path}`;
    this.policy = isGrantee(request.grantee) ? GranteePolicy.place(this, this.statements, request.legacy) : undefined;
  }

  /** Name of the custom policy the grant went into. */
  public get policyName(): string | undefined {
    return this.policy?.policyName;
  }
}

// Grants made per identity, by scope, actions and resources: the same grant twice on one scope is a mistake.
const made = new WeakMap<object, Map<string, string>>();

/**
 * The one path of every grant in this library: adds `request`'s statements to the grantee's default policy and
 * reports, on `scope`, a bad grantee, bad actions or resources, an unbounded action, or the same grant made twice
 * on `scope`.
 */
export function addGrant(scope: Construct, request: GrantRequest): Grant {
  const grant = new Grant(scope, request);
  const duplicate = isGrantee(request.grantee) ? claimGrant(scope, grant) : undefined;
  scope.node.addValidation({
    validate: () => {
      const check = new FieldChecks();
      checkGrantee(check, "grantee", request.grantee);
      const actions = check.list("actions", request.actions, { required: true });
      const onAll = check.list("allResourceActions", request.allResourceActions);
      check.list("resourceArns", request.resourceArns, { required: true });
      [...(actions ?? []), ...(onAll ?? [])].forEach((action) => {
        if (typeof action === "string" && UNBOUNDED_ACTION.test(action)) {
          check.fail("actions", action, "must name actions, not every action of a service: grant what is needed");
        }
      });
      if (duplicate) {
        check.fail("grant", grant.actions.join(", "), `is made twice on this scope to ${duplicate} (same resources)`);
      }
      // The statements are built from the lists, so they are judged only when those are usable (no follow-on).
      if (check.problems.length > 0) return check.messages();
      // Only the statements' own rules: the length is the policy's, which holds other grants too.
      return new PolicyDocument({ statements: grant.statements })
        .validate({ length: false })
        .map((problem) => `grant.${problem}`);
    },
  });
  return grant;
}

/** Records `grant` for its identity on `scope`; returns the identity's label when the same grant was made before. */
function claimGrant(scope: IConstruct, grant: Grant): string | undefined {
  const identity = identityOf(grant.grantee);
  let byKey = made.get(identity);
  if (!byKey) made.set(identity, (byKey = new Map()));
  const key = JSON.stringify([scope.node.path, grant.actions, [...grant.resourceArns].sort()]);
  if (byKey.has(key)) return identity.label;
  byKey.set(key, identity.label);
  return undefined;
}

function listOf<T>(value: readonly T[] | undefined): T[] {
  return Array.isArray(value) ? [...value] : [];
}
