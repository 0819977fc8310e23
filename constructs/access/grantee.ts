import { Construct, IConstruct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { RamGroupPolicyAttachment } from "../../.gen/providers/alicloud/ram-group-policy-attachment";
import { RamRolePolicyAttachment } from "../../.gen/providers/alicloud/ram-role-policy-attachment";
import { RamUserPolicyAttachment } from "../../.gen/providers/alicloud/ram-user-policy-attachment";
import { FieldChecks, isUnresolved, NameRule } from "../validation/field-checks";
import { checkProvider, providerOrDefault } from "../validation/references";
import { parseArn, validateArn } from "./arn";
import { RAM_PRINCIPAL_NAME, RAM_ROLE_NAME } from "../../validation/rules";
import { recordAttachment } from "./identity";

/** The kinds of RAM identity a policy can be attached to. */
export type GranteeKind = "role" | "user" | "group";

/** A RAM role, user or group that grants attach policies to. */
export interface IGrantee extends IConstruct {
  /** What kind of identity it is. */
  readonly granteeKind: GranteeKind;
  /** Its name in RAM. */
  readonly granteeName: string;
  /**
   * The provider of the account the identity lives in; its policies are created there.
   * @default - the stack's default provider
   */
  readonly provider?: AlicloudProvider;
  /**
   * Attaches the custom policy `policyName` (created in the identity's account) to the identity. Every attachment
   * counts towards RAM's limit of custom policies per identity, which grants check.
   */
  attachCustomPolicy(scope: Construct, id: string, policyName: string): PolicyAttachment;
}

/** The attachment of a custom policy to a role, a user or a group. */
export type PolicyAttachment = RamRolePolicyAttachment | RamUserPolicyAttachment | RamGroupPolicyAttachment;

// Grantees made by this library (imported identities, RamRole, RamUser): grants refuse anything else, since a
// look-alike object would attach policies to whatever name it carries.
const grantees = new WeakSet<object>();

/** Records `grantee` as one of this library's identities. */
export function registerGrantee(grantee: IGrantee): void {
  grantees.add(grantee);
}

/** True when `value` is a grantee of this library (`Grantee.from...`, `RamRole`, `RamUser`). */
export function isGrantee(value: unknown): value is IGrantee {
  return typeof value === "object" && value !== null && grantees.has(value);
}

/** `value` must be a grantee of this library; reported under `field` otherwise. */
export function checkGrantee(check: FieldChecks, field: string, value: unknown): void {
  if (!isGrantee(value)) check.fail(field, value, "must be a Grantee.from...(), RamRole or RamUser");
}

/**
 * Attaches a custom policy to `grantee`, naming the identity by `name` (the grantee's name, or the attribute of the
 * resource that creates it, so that Terraform creates the identity first), and records the attachment.
 */
export function attachCustomPolicy(
  scope: Construct,
  id: string,
  grantee: IGrantee,
  name: string,
  policyName: string,
): PolicyAttachment {
  recordAttachment(grantee, `${scope.node.path}/${id}`);
  const common = { policyName, policyType: "Custom", provider: grantee.provider };
  if (grantee.granteeKind === "role") return new RamRolePolicyAttachment(scope, id, { ...common, roleName: name });
  if (grantee.granteeKind === "user") return new RamUserPolicyAttachment(scope, id, { ...common, userName: name });
  return new RamGroupPolicyAttachment(scope, id, { ...common, groupName: name });
}

/** Refers to RAM identities that exist already (created by hand, by ACK, or in another stack). */
export class Grantee {
  /** An existing RAM role by name, e.g. an ACK worker role `KubernetesWorkerRole-...`. */
  public static fromRoleName(scope: Construct, id: string, roleName: string, provider?: AlicloudProvider): IGrantee {
    return new ImportedGrantee(scope, id, "role", roleName, provider, RAM_ROLE_NAME);
  }

  /**
   * An existing RAM role by ARN (`acs:ram::<uid>:role/<name>`); the name is taken from the ARN, so the ARN must be a
   * literal: for a role known only at apply (another resource's `arn`), use {@link fromRoleName} with its name.
   */
  public static fromRoleArn(scope: Construct, id: string, roleArn: string, provider?: AlicloudProvider): IGrantee {
    // The name is part of the ARN, which is checked as a whole below.
    const grantee = new ImportedGrantee(scope, id, "role", roleNameFromArn(roleArn), provider, undefined);
    grantee.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        if (typeof roleArn === "string" && isUnresolved(roleArn)) {
          check.fail(
            "roleArn",
            roleArn,
            "is a token, so the role name cannot be read from it: use Grantee.fromRoleName with the role's name",
          );
        } else if (check.string("roleArn", roleArn, { required: true })) {
          for (const rule of validateArn(roleArn, "ram-role")) check.fail("roleArn", roleArn, rule);
        }
        return check.messages();
      },
    });
    return grantee;
  }

  /** An existing RAM user by name. */
  public static fromUserName(scope: Construct, id: string, userName: string, provider?: AlicloudProvider): IGrantee {
    return new ImportedGrantee(scope, id, "user", userName, provider, RAM_PRINCIPAL_NAME);
  }

  /** An existing RAM group by name. */
  public static fromGroupName(scope: Construct, id: string, groupName: string, provider?: AlicloudProvider): IGrantee {
    return new ImportedGrantee(scope, id, "group", groupName, provider, RAM_PRINCIPAL_NAME);
  }
}

function roleNameFromArn(roleArn: string): string {
  if (typeof roleArn !== "string") return roleArn; // reported by fromRoleArn's validation
  const parsed = parseArn(roleArn);
  return parsed.ok && parsed.arn.resource.startsWith("role/") ? parsed.arn.resource.slice("role/".length) : roleArn;
}

class ImportedGrantee extends Construct implements IGrantee {
  public constructor(
    scope: Construct,
    id: string,
    public readonly granteeKind: GranteeKind,
    public readonly granteeName: string,
    given: AlicloudProvider | undefined,
    rule: NameRule | undefined,
  ) {
    super(scope, id);
    this.provider = providerOrDefault(given);
    registerGrantee(this);
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        if (rule !== undefined) check.name(`${granteeKind}Name`, granteeName, rule, { required: true });
        checkProvider(check, "provider", given);
        return check.messages();
      },
    });
  }

  public readonly provider: AlicloudProvider | undefined;

  public attachCustomPolicy(scope: Construct, id: string, policyName: string): PolicyAttachment {
    return attachCustomPolicy(scope, id, this, this.granteeName, policyName);
  }
}
