import { Construct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { INamespace, NamespaceBase } from "../registry/namespace";
import { FieldChecks, isUnresolved } from "../validation/field-checks";
import { checkProvider, providerOrDefault } from "../validation/references";
import { checkNamespace } from "../registry/references";
import { validateArn } from "../access/arn";
import { IGrantee } from "../access/grantee";
import { PolicyDocument, PolicyStatement } from "../access/policy-document";
import { RamRole } from "../access/ram-role";
import { RamUser } from "../access/ram-user";
import type { Grant } from "../access/grant";
import { legacyGrantPaths } from "../access/grantee-policy";
import { grantRepositoryAccess } from "../access/repository-grant";

/** A CI identity that is a new RAM role, assumed by the CI runner's own RAM identities. */
export interface CiPushRoleOptions {
  /** Name of the new role (1-64 letters, digits, `.` and `-`). */
  readonly roleName: string;
  /**
   * Who may assume the role: ARNs of RAM users (`acs:ram::<uid>:user/<name>`) or roles
   * (`acs:ram::<uid>:role/<name>`), e.g. the CI runner's instance role. Whole accounts (`:root`) are refused.
   */
  readonly trustedPrincipalArns: readonly string[];
  /**
   * Longest session a CI job can request, 3600-43200 seconds.
   * @default 3600
   */
  readonly maxSessionDurationSeconds?: number;
}

/** A CI identity that is a new RAM user (for runners that cannot assume a role). */
export interface CiPushUserOptions {
  /** Name of the new user (1-64 letters, digits, `.`, `_` and `-`). */
  readonly userName: string;
}

interface CiPushPrincipalCommonProps {
  /** Namespaces CI pushes to (and pulls base images from); at least one. */
  readonly namespaces: readonly INamespace[];
  /**
   * The account to create the identity and its policies in (the registry's account).
   * @default - the stack's default provider
   */
  readonly provider?: AlicloudProvider;
}

/** Properties of a {@link CiPushPrincipal}: exactly one of `role` and `user`. */
export type CiPushPrincipalProps = CiPushPrincipalCommonProps &
  (
    | {
        /** Create a role trusted by the CI runner's RAM identities (preferred: short-lived credentials). */
        readonly role: CiPushRoleOptions;
        /** @default - not allowed together with `role` */
        readonly user?: undefined;
      }
    | {
        /** @default - not allowed together with `user` */
        readonly role?: undefined;
        /**
         * Create a RAM user, WITHOUT an AccessKey: create the key outside Terraform (RAM console or
         * `aliyun ram CreateAccessKey`) so no secret lands in the Terraform state.
         */
        readonly user: CiPushUserOptions;
      }
  );

/**
 * An identity for CI that builds and pushes images: pull and push on the chosen namespaces (one policy listing
 * each namespace), because builds pull base images and `docker push` checks which layers
 * exist. It gets nothing on the rest of the instance and never `cr:*`.
 *
 * With `role`, CI jobs assume a new role trusted only by the listed RAM users/roles. With `user`, a RAM user is
 * created without an AccessKey: no `alicloud_ram_access_key` is declared, so no secret is written to the
 * Terraform state; create the key outside Terraform and keep it in the CI system's secret store.
 */
export class CiPushPrincipal extends Construct {
  /** The identity CI logs in as: {@link role} or {@link user}; unset only when neither is given (a problem). */
  public readonly principal?: IGrantee;
  /** The pull-push grant covering every namespace (in the principal's default policy); unset only when {@link principal} is. */
  public readonly grant?: Grant;
  /** The role, when created with `role`. */
  public readonly role?: RamRole;
  /** The user, when created with `user`. */
  public readonly user?: RamUser;

  public constructor(scope: Construct, id: string, props: CiPushPrincipalProps) {
    super(scope, id);
    const role: CiPushRoleOptions | undefined = props.role;
    const user: CiPushUserOptions | undefined = props.user;
    const provider = providerOrDefault(props.provider);
    const namespaces = usableNamespaces(props.namespaces);
    // With neither role nor user there is no identity to grant to, so nothing is built; with both, the role (the
    // preferred identity) is built. A role whose trusted principals are not a written-out list is not built: its
    // trust document would only add follow-ons. The validation reports each of these.
    if (isObject(role) && isLiteralList(role.trustedPrincipalArns)) {
      this.role = new RamRole(this, "Role", {
        roleName: role.roleName,
        trustPolicy: PolicyDocument.trust(
          PolicyStatement.allow({
            actions: ["sts:AssumeRole"],
            principal: { RAM: [...role.trustedPrincipalArns] },
          }),
        ),
        maxSessionDurationSeconds: role.maxSessionDurationSeconds,
        description: "Assumed by CI to pull base images and push images (acr-platform)",
        provider,
      });
      this.principal = this.role;
    } else if (isObject(user)) {
      this.user = new RamUser(this, "User", {
        userName: user.userName,
        comments: "CI image pushes (acr-platform); AccessKey managed outside Terraform",
        provider,
      });
      this.principal = this.user;
    }

    if (this.principal !== undefined && namespaces.length > 0) {
      this.grant = grantRepositoryAccess(this, this.principal, {
        access: "pull-push",
        resourceArns: namespaces.flatMap((ns) => ns.repositoryArns),
        createRepositories: namespaces.some((ns) => ns.createsRepositoriesOnPush),
        legacy: legacyGrantPaths(this, `Grant-pull-push-${this.principal.node.id}`),
      });
    }
    this.node.addValidation({ validate: () => checkCiPushPrincipal(props) });
  }
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A list written out in code (its items may be tokens), as opposed to a list token or another type. */
function isLiteralList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && !isUnresolved(value);
}

/** The given namespaces that are namespaces, each once, for building; {@link checkNamespaces} reports the rest. */
function usableNamespaces(given: unknown): INamespace[] {
  const namespaces = Array.isArray(given) ? given.filter((ns): ns is INamespace => ns instanceof NamespaceBase) : [];
  return [...new Set(namespaces)];
}

function checkCiPushPrincipal(props: CiPushPrincipalProps): string[] {
  const role: CiPushRoleOptions | undefined = props.role;
  const user: CiPushUserOptions | undefined = props.user;
  const check = new FieldChecks();
  checkProvider(check, "provider", props.provider);
  checkNamespaces(check, props.namespaces);
  // The prop types allow exactly one; this guards JavaScript callers and casts.
  if ((role === undefined) === (user === undefined)) {
    check.fail(
      "role, user",
      role === undefined ? undefined : "both",
      `exactly one must be set (${role === undefined ? "neither is set" : "both are set"})`,
    );
  }
  const roleOk = role !== undefined && check.object("role", role);
  const trusted = roleOk
    ? check.list("role.trustedPrincipalArns", role.trustedPrincipalArns, { required: true })
    : undefined;
  if (roleOk && trusted === undefined && check.isToken(role.trustedPrincipalArns)) {
    check.fail(
      "role.trustedPrincipalArns",
      role.trustedPrincipalArns,
      "must be a list written out (its items may be tokens): it is spliced into the role's trust policy JSON",
    );
  }
  if (roleOk && trusted !== undefined) checkTrustedPrincipals(check, trusted);
  else if (user !== undefined) check.object("user", user);
  return check.messages();
}

/**
 * Trusted principals must be single RAM users or roles, never a whole account. The trust document itself accepts
 * account roots and already reports malformed ARNs and an empty list (at the role), so only what it lets through
 * is reported here.
 */
function checkTrustedPrincipals(check: FieldChecks, arns: readonly unknown[] | undefined): void {
  arns?.forEach((arn, i) => {
    if (!check.string(`role.trustedPrincipalArns[${i}]`, arn, { required: true })) return;
    if (validateArn(arn, ["account-root", "ram-user", "ram-role"]).length > 0) return;
    const problems = validateArn(arn, ["ram-role", "ram-user"]);
    if (problems.length > 0) {
      check.fail(
        `role.trustedPrincipalArns[${i}]`,
        arn,
        `${problems.join("; ")}: trust the CI runner's own RAM user or role, not a whole account`,
      );
    }
  });
}

/** The namespaces to grant on: every item must be a namespace of this library, listed once and at least one. */
function checkNamespaces(check: FieldChecks, given: readonly INamespace[]): void {
  const items = check.list("namespaces", given, { required: true }) ?? [];
  if (Array.isArray(given) && items.length === 0) check.fail("namespaces", [], "must list at least one namespace");
  const namespaces: INamespace[] = [];
  items.forEach((ns, i) => {
    if (!checkNamespace(check, `namespaces[${i}]`, ns, { required: true })) return;
    const namespace = ns as INamespace;
    if (namespaces.includes(namespace)) check.fail(`namespaces[${i}]`, namespace.namespaceName, "is listed twice");
    else namespaces.push(namespace);
  });
}
