import { Construct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { RamRole as RamRoleResource } from "../../.gen/providers/alicloud/ram-role";
import { FieldChecks } from "../validation/field-checks";
import { attachCustomPolicy, IGrantee, PolicyAttachment, registerGrantee } from "./grantee";
import { checkProvider, providerOrDefault } from "../validation/references";
import { PolicyDocument } from "./policy-document";
import { RAM_ROLE_NAME } from "../../validation/rules";

/** Properties of a {@link RamRole}. */
export interface RamRoleProps {
  /** Role name: 1-64 letters, digits, `.` and `-`. */
  readonly roleName: string;
  /** Who may assume the role: a trust document (`PolicyDocument.trust(...)`). */
  readonly trustPolicy: PolicyDocument;
  /**
   * Longest session a caller can request, 3600-43200 seconds.
   * @default 3600
   */
  readonly maxSessionDurationSeconds?: number;
  /**
   * @default - none
   */
  readonly description?: string;
  /**
   * The account to create the role in.
   * @default - the stack's default provider
   */
  readonly provider?: AlicloudProvider;
}

/** A RAM role created here (`alicloud_ram_role`), with a validated trust policy. */
export class RamRole extends Construct implements IGrantee {
  public readonly granteeKind = "role";
  public readonly granteeName: string;
  public readonly provider?: AlicloudProvider;
  /** The underlying Terraform resource. */
  public readonly resource: RamRoleResource;
  /** Session limit of the role in seconds. */
  public readonly maxSessionDurationSeconds: number;

  public constructor(scope: Construct, id: string, props: RamRoleProps) {
    super(scope, id);
    this.granteeName = props.roleName;
    this.provider = providerOrDefault(props.provider);
    registerGrantee(this);
    this.maxSessionDurationSeconds = props.maxSessionDurationSeconds ?? 3600;
    this.resource = new RamRoleResource(this, "Resource", {
      roleName: props.roleName,
      assumeRolePolicyDocument: props.trustPolicy instanceof PolicyDocument ? props.trustPolicy.toJson() : undefined,
      maxSessionDuration: this.maxSessionDurationSeconds,
      description: props.description,
      provider: this.provider,
    });
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("roleName", props.roleName, RAM_ROLE_NAME, { required: true });
        check.integer("maxSessionDurationSeconds", props.maxSessionDurationSeconds, 3600, 43200);
        check.length("description", props.description, 1, 1024);
        checkProvider(check, "provider", props.provider);
        const trust = props.trustPolicy;
        if (!check.instanceOf("trustPolicy", trust, PolicyDocument, "a PolicyDocument", { required: true })) {
          return check.messages();
        }
        if (trust.kind !== "trust")
          check.fail("trustPolicy", trust.kind, "must be a trust document (PolicyDocument.trust)");
        return [...check.messages(), ...trust.validate().map((problem) => `trustPolicy.${problem}`)];
      },
    });
  }

  /** The role's ARN as RAM reports it (`acs:ram::<uid>:role/<name>`), known after apply. */
  public get roleArn(): string {
    return this.resource.arn;
  }

  /** Attaches by the role resource's `role_name` attribute, so Terraform creates the role first. */
  public attachCustomPolicy(scope: Construct, id: string, policyName: string): PolicyAttachment {
    return attachCustomPolicy(scope, id, this, this.resource.roleName, policyName);
  }
}
