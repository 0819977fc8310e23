import { Construct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { RamUser as RamUserResource } from "../../.gen/providers/alicloud/ram-user";
import { FieldChecks } from "../validation/field-checks";
import { accountIdOf } from "./account";
import { Arn } from "./arn";
import { attachCustomPolicy, IGrantee, PolicyAttachment, registerGrantee } from "./grantee";
import { checkProvider, providerOrDefault } from "../validation/references";
import { RAM_PRINCIPAL_NAME } from "../../validation/rules";

/** Properties of a {@link RamUser}. */
export interface RamUserProps {
  /** User name: 1-64 letters, digits, `.`, `_` and `-`. */
  readonly userName: string;
  /**
   * Name shown in the RAM console.
   * @default - none (the console shows the user name)
   */
  readonly displayName?: string;
  /**
   * Free-text note on the user, up to 128 characters.
   * @default - none
   */
  readonly comments?: string;
  /**
   * The account to create the user in.
   * @default - the stack's default provider
   */
  readonly provider?: AlicloudProvider;
}

/**
 * A RAM user created here (`alicloud_ram_user`), for machines that cannot assume a role.
 *
 * No AccessKey is created: an `alicloud_ram_access_key` would write the secret into the Terraform state (and
 * anyone who can read the state could use it). Create the key outside Terraform, in the RAM console or with
 * `aliyun ram CreateAccessKey --UserName <name>`, and store it in the consumer's secret store. Prefer a
 * {@link RamRole} with short-lived STS credentials wherever the consumer can assume one.
 *
 * The provider's `force` flag (delete the user together with its keys and other attachments) is left off, so a
 * destroy never silently revokes keys made outside Terraform; remove them first.
 */
export class RamUser extends Construct implements IGrantee {
  public readonly granteeKind = "user";
  public readonly granteeName: string;
  public readonly provider?: AlicloudProvider;
  /** The underlying Terraform resource. */
  public readonly resource: RamUserResource;

  public constructor(scope: Construct, id: string, props: RamUserProps) {
    super(scope, id);
    this.granteeName = props.userName;
    this.provider = providerOrDefault(props.provider);
    registerGrantee(this);
    this.resource = new RamUserResource(this, "Resource", {
      name: props.userName,
      displayName: props.displayName,
      comments: props.comments,
      provider: this.provider,
    });
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("userName", props.userName, RAM_PRINCIPAL_NAME, { required: true });
        check.provider("displayName", props.displayName, "alicloud_ram_user", "display_name");
        check.provider("comments", props.comments, "alicloud_ram_user", "comments");
        checkProvider(check, "provider", props.provider);
        return check.messages();
      },
    });
  }

  /**
   * The user's ARN, `acs:ram::<uid>:user/<name>`, e.g. to trust it in a role. `alicloud_ram_user` exports no ARN,
   * so the account UID is read with `alicloud_account` (of this user's provider) at plan time.
   */
  public get userArn(): string {
    return Arn.ramUser(accountIdOf(this, this.provider), this.resource.name);
  }

  /** Attaches by the user resource's `name` attribute, so Terraform creates the user first. */
  public attachCustomPolicy(scope: Construct, id: string, policyName: string): PolicyAttachment {
    return attachCustomPolicy(scope, id, this, this.resource.name, policyName);
  }
}
