import { Construct } from "constructs";
import { RamPolicy } from "../../.gen/providers/alicloud/ram-policy";
import { claimName } from "../validation/unique-names";
import { checkGrantee, IGrantee, isGrantee } from "./grantee";
import { FieldChecks } from "../validation/field-checks";
import { PolicyDocument, PolicyStatement } from "./policy-document";
import { customPolicyName } from "./policy-name";
import { RAM_POLICY_NAME } from "../../validation/rules";

/** What a grant lets the grantee do with images. */
export type RepositoryAccess = "pull" | "push" | "pull-push";

/** The only ACR action documented as supporting "all resources" only; every registry login needs it. */
export const GET_AUTHORIZATION_TOKEN = "cr:GetAuthorizationToken";

const REPOSITORY_ACTIONS: Record<RepositoryAccess, readonly string[]> = {
  pull: ["cr:PullRepository"],
  push: ["cr:PushRepository"],
  "pull-push": ["cr:PullRepository", "cr:PushRepository"],
};

/** Properties of a {@link RepositoryGrant}. */
export interface RepositoryGrantProps {
  /** Who gets access. */
  readonly grantee: IGrantee;
  /** Pull, push or both. */
  readonly access: RepositoryAccess;
  /** Repository ARNs the image actions apply to (an instance, a namespace or one repository). */
  readonly repositoryArns: readonly string[];
  /**
   * Also allow `cr:CreateRepository`, for pushes into a namespace that creates repositories on first push.
   * @default false
   */
  readonly createRepositories?: boolean;
  /**
   * Actions the service only authorizes on all resources, added with `Resource: "*"`.
   * @default - only cr:GetAuthorizationToken
   */
  readonly allResourceActions?: readonly string[];
  /** One line for the policy's description, naming the scope. */
  readonly description: string;
  /**
   * Name of the custom policy (unique per account). Give one derived from cloud names (e.g. the role it serves) when
   * the construct may be renamed: the name is ForceNew, so a name that follows the construct path replaces the policy
   * whenever a construct id on that path changes.
   * @default - `acr-<access>-<path>-<hash of the construct path>`
   */
  readonly policyName?: string;
}

/**
 * A least-privilege RAM policy for image access, created in the grantee's account and attached to it. The image
 * actions apply to the given repository ARNs only; `cr:GetAuthorizationToken` (and any other all-resources-only
 * action asked for) is the only statement on `*`. It never grants `cr:*`.
 */
export class RepositoryGrant extends Construct {
  /** Who got access. */
  public readonly grantee: IGrantee;
  /** Every action granted, sorted. */
  public readonly actions: readonly string[];
  /** The resources of the image actions. */
  public readonly repositoryArns: readonly string[];
  /** The policy document as attached. */
  public readonly document: PolicyDocument;
  /** Name of the custom policy. */
  public readonly policyName: string;
  /** The underlying `alicloud_ram_policy`. */
  public readonly policy: RamPolicy;

  public constructor(scope: Construct, id: string, props: RepositoryGrantProps) {
    super(scope, id);
    this.grantee = props.grantee;
    // Built from what is usable; the validation below reports a wrong type or an unknown access instead.
    this.repositoryArns = Array.isArray(props.repositoryArns) ? [...props.repositoryArns] : [];
    const imageActions = [
      ...(Object.hasOwn(REPOSITORY_ACTIONS, props.access) ? REPOSITORY_ACTIONS[props.access] : []),
      ...(props.createRepositories ? ["cr:CreateRepository"] : []),
    ];
    const extraActions = Array.isArray(props.allResourceActions) ? props.allResourceActions : [];
    const allResourceActions = [GET_AUTHORIZATION_TOKEN, ...extraActions];
    this.actions = [...new Set([...allResourceActions, ...imageActions])].sort();
    this.document = PolicyDocument.permission(
      PolicyStatement.allow({ actions: allResourceActions, resources: ["*"] }),
      PolicyStatement.allow({ actions: imageActions, resources: this.repositoryArns }),
    );
    // A grantee that is not one of this library's is reported below and gets no attachment.
    const grantee = isGrantee(props.grantee) ? props.grantee : undefined;
    this.policyName =
      props.policyName ??
      customPolicyName(
        props.access,
        [...this.node.path.split("/").slice(1, -1), grantee?.node.id ?? "grantee"],
        this.node.path,
      );
    this.policy = new RamPolicy(this, "Policy", {
      policyName: this.policyName,
      policyDocument: this.document.toJson(),
      description: props.description,
      // Each edit adds a policy version and RAM keeps at most 5.
      rotateStrategy: "DeleteOldestNonDefaultVersionWhenLimitExceeded",
      provider: grantee?.provider,
    });
    grantee?.attachCustomPolicy(this, "Attachment", this.policy.policyName);
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.oneOf("access", props.access, Object.keys(REPOSITORY_ACTIONS), { required: true });
        check.list("repositoryArns", props.repositoryArns, { required: true });
        check.boolean("createRepositories", props.createRepositories);
        check.list("allResourceActions", props.allResourceActions);
        // The document is built from these, so it is judged only when they are usable (no follow-on).
        const document = check.problems.length === 0 ? this.document.validate() : [];
        checkGrantee(check, "grantee", props.grantee);
        check.string("description", props.description);
        check.name("policyName", props.policyName, RAM_POLICY_NAME);
        return [...check.messages(), ...document.map((problem) => `policy.${problem}`)];
      },
    });
  }
}

/**
 * Adds a {@link RepositoryGrant} under `scope`, refusing (at validation) a second identical grant of `access` to
 * the same grantee on the same scope.
 */
export function grantRepositoryAccess(scope: Construct, props: RepositoryGrantProps): RepositoryGrant {
  const base = `Grant-${props.access}-${isGrantee(props.grantee) ? props.grantee.node.id : "grantee"}`;
  let id = base;
  for (let n = 2; scope.node.tryFindChild(id); n++) id = `${base}-${n}`;
  const grant = new RepositoryGrant(scope, id, props);
  const duplicates = isGrantee(props.grantee)
    ? claimName(scope, "grant", `${props.access} to ${props.grantee.node.path}`, grant, "grant")
    : () => [];
  grant.node.addValidation({ validate: duplicates });
  return grant;
}
