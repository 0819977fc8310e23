import { Construct } from "constructs";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { IEnterpriseRegistry } from "../constructs";
import { LocalBackend, TerraformOutput, TerraformStack } from "../constructs/engine";

/** Properties of a {@link RegistryStack}. */
export interface RegistryStackProps {
  /** Region of the stack's default alicloud provider, e.g. `cn-hangzhou`. */
  readonly region: string;
}

/**
 * One Terraform stack (one state) for the registries of one account and region. Credentials come from the
 * environment of whoever runs `cdktf deploy` (ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY, a profile, or an
 * ECS/OIDC role), never from code.
 */
export class RegistryStack extends TerraformStack {
  /** The stack's default alicloud provider. */
  public readonly provider: AlicloudProvider;

  public constructor(scope: Construct, id: string, props: RegistryStackProps) {
    super(scope, id);
    // A relative state path keeps cdk.tf.json identical in every checkout (the default is absolute).
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    this.provider = new AlicloudProvider(this, "alicloud", { region: props.region });
  }

  /**
   * Exports what clusters and Kubernetes charts need to know about `registry` as Terraform outputs
   * (`cdktf deploy --outputs-file` writes them after apply).
   */
  public exportRegistry(registry: IEnterpriseRegistry): void {
    const name = registry.node.id;
    const outputs = {
      instance_id: [registry.instanceId, "Enterprise Edition instance id"],
      region: [registry.region, "Region of the instance"],
      public_domain: [registry.publicDomain, "Internet registry domain"],
      vpc_domain: [registry.vpcDomain, "VPC registry domain"],
    } as const;
    for (const [key, [value, description]] of Object.entries(outputs)) {
      new TerraformOutput(this, `${name}_${key}`, { value, description });
    }
  }
}
