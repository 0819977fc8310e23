import { Construct } from "constructs";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { IEnterpriseRegistry } from "../constructs";
import { LocalBackend, OssBackend, TerraformOutput, TerraformStack } from "../constructs/engine";
import type { StateDefinition } from "./platform/definition";

/** Properties of a {@link RegistryStack}. */
export interface RegistryStackProps {
  /** Region of the stack's default alicloud provider, e.g. `cn-hangzhou`. */
  readonly region: string;
  /**
   * Role the provider assumes to manage the stack's account.
   * @default - the account of the credentials in the environment
   */
  readonly deployRoleArn?: string;
  /**
   * Where the stack keeps its state.
   * @default { kind: "local" }
   */
  readonly state?: StateDefinition;
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
    const state = props.state ?? { kind: "local" };
    if (state.kind === "oss") {
      new OssBackend(this, {
        bucket: state.bucket,
        region: state.region,
        prefix: `${state.prefix}/${id}`,
        key: "terraform.tfstate",
        tablestoreEndpoint: state.lockTableEndpoint,
        tablestoreTable: state.lockTable,
        encrypt: true,
        ...(state.assumeRoleArn
          ? { assumeRole: { roleArn: state.assumeRoleArn, sessionName: "acr-platform-state" } }
          : {}),
      });
    } else {
      // A relative state path keeps cdk.tf.json identical in every checkout (the default is absolute).
      new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    }
    this.provider = new AlicloudProvider(this, "alicloud", {
      region: props.region,
      ...(props.deployRoleArn ? { assumeRole: { roleArn: props.deployRoleArn, sessionName: "acr-platform" } } : {}),
    });
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
