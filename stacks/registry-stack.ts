import * as path from "node:path";
import { Construct } from "constructs";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { IEnterpriseRegistry } from "../constructs";
import { App, LocalBackend, OssBackend, TerraformOutput, TerraformStack } from "../constructs/engine";
import { DEFAULT_LOCAL_STATE_DIR } from "../output/synth-output";
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
      new LocalBackend(this, { path: localStatePath(this, state.directory ?? DEFAULT_LOCAL_STATE_DIR) });
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

/**
 * The local backend's `path` for `stack`: `<directory>/<stack>.tfstate`, with `directory` relative to the folder that
 * holds the synth output (the project root, for `cdktf.out`). It is written relative to the stack's working folder
 * (`<outdir>/stacks/<stack>`, where Terraform runs), so cdk.tf.json is the same in every checkout, and it must lie
 * outside the synth output, which synthesis rewrites and users delete.
 */
function localStatePath(stack: TerraformStack, directory: string): string {
  const outdir = path.resolve(App.of(stack).outdir);
  const stateDir = path.resolve(path.dirname(outdir), directory);
  const field = `state.directory = ${JSON.stringify(directory)}`;
  const problems: string[] = [];
  if (path.isAbsolute(directory)) {
    problems.push(`${field}: must be relative to the project root (an absolute path differs per checkout)`);
  }
  if (stateDir === outdir || stateDir.startsWith(`${outdir}${path.sep}`)) {
    problems.push(`${field}: must lie outside the synth output ${path.basename(outdir)}/, which synthesis rewrites`);
  }
  stack.node.addValidation({ validate: () => problems });
  const workingDir = path.join(outdir, "stacks", stack.node.id);
  return path
    .relative(workingDir, path.join(stateDir, `${stack.node.id}.tfstate`))
    .split(path.sep)
    .join("/");
}
