import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { CiPushPrincipal, ConfigurationError, EnterpriseRegistry, Grantee, synthesizeApp } from "../../constructs";
import { App, TerraformStack } from "../../constructs/engine";
import { buildPlatform } from "../../stacks/platform/build-platform";
import { PlatformDefinition } from "../../stacks/platform/definition";

// Several problems in one app: every one is in the one report synthesizeApp throws, definition problems first, each
// with its path, field, value and rule, and nothing is written.

function synthError(define: (app: App) => void): { error: ConfigurationError; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-many-problems-"));
  const app = new App({ outdir });
  define(app);
  try {
    synthesizeApp(app, () => undefined);
  } catch (error) {
    if (error instanceof ConfigurationError) return { error, outdir };
    throw error;
  }
  throw new Error("synthesizeApp wrote output despite the problems");
}

function writtenFiles(outdir: string): string[] {
  return fs
    .readdirSync(outdir, { recursive: true, encoding: "utf8" })
    .filter((f) => fs.statSync(path.join(outdir, f)).isFile());
}

const ACCOUNT = "1111222233334444";

export const BROKEN_PLATFORM: PlatformDefinition = {
  name: "acme",
  owner: "",
  accounts: { platform: { accountId: ACCOUNT } },
  environments: [
    {
      name: "prod",
      registries: [
        {
          id: "ProdRegistry",
          account: "platform",
          region: "cn-hangzhou",
          instance: { kind: "new", instanceName: "Acme_Prod", edition: "Gold" as never, periodMonths: 13 },
          namespaces: [
            { name: "payments", repositories: ["api", "api"] },
            { name: "payments", repositories: [] },
          ],
          vpcLinks: [{ vpcId: "vpc-prod1", vswitchId: "vpc-prod1" }],
          customize: (registry) => {
            registry.addScanRule("Scan", { ruleName: "Scan All" });
          },
        },
      ],
      clusters: [
        { name: "prod", account: "analytics", region: "cn-hangzhou", workerRoleName: "w", pullsFrom: ["ProdRegistry"] },
      ],
      ciPrincipals: [
        {
          roleName: "ci-push",
          trustedPrincipalArns: [`acs:ram::${ACCOUNT}:user/runner`],
          pushTo: { registry: "ProdRegistry", namespaces: ["storefront"] },
        },
      ],
    },
  ],
};

describe("many problems in one app", () => {
  test("a platform definition and its constructs: one report, definition problems first, nothing written", () => {
    const { error, outdir } = synthError((app) => buildPlatform(app, BROKEN_PLATFORM));
    const stack = "prod-platform-cn-hangzhou";
    expect(error.problems).toEqual([
      'definition.owner = "": must be 1 to 128 characters long (got 0)',
      'definition.environments[0].registries[0].namespaces[0].repositories[1] = "api": duplicate repository name in this namespace',
      'definition.environments[0].registries[0].namespaces[1].name = "payments": duplicate namespace name in this registry',
      'definition.environments[0].clusters[0].account = "analytics": unknown account; declared: platform',
      'definition.environments[0].ciPrincipals[0].pushTo.namespaces[0] = "storefront": not a namespace of ProdRegistry',
      `[${stack}/ProdRegistry] instanceName = "Acme_Prod": must be 3-30 characters of lowercase letters, digits and hyphens, not starting or ending with a hyphen`,
      `[${stack}/ProdRegistry] edition = "Gold": must be one of Basic, Standard, Advanced, Economy (alicloud_cr_ee_instance.instance_type)`,
      `[${stack}/ProdRegistry] periodMonths = 13: must be a whole number of months: 1-12, or a multiple of 12 for yearly terms`,
      `[${stack}/ProdRegistry/VpcAccess] links[0].vswitchId = "vpc-prod1": must be a vSwitch id: vsw- followed by lowercase letters and digits`,
      `[${stack}/ProdRegistry/Scan] ruleName = "Scan All": must be 1-64 characters of lowercase letters and digits, with separators _ - . allowed but not first or last`,
    ]);
    expect(error.message).toMatch(/^10 configuration problem\(s\); nothing was written:\n {2}definition\.owner/);
    expect(writtenFiles(outdir)).toEqual([]);
  });

  test("constructs built by hand: JavaScript-style mistakes, a grant on a bad name, self-replication, all at once", () => {
    const { error, outdir } = synthError((app) => {
      const stack = new TerraformStack(app, "prod");
      new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
      const registry = new EnterpriseRegistry(stack, "Registry", {
        instanceName: 42 as never,
        edition: "Advanced",
        password: "hunter2" as never,
      });
      // A grant on a namespace whose name holds a "/" used to throw while building its ARN.
      const team = registry.addNamespace("Team", { name: "team/payments", removalPolicy: "DESTROY" as never });
      team.grantPull(Grantee.fromRoleName(stack, "Reader", "reader"));
      team.replicateTo("Self", { instanceId: registry.instanceId, region: "cn-hangzhou", namespace: "team" });
      new CiPushPrincipal(stack, "Ci", {
        namespaces: [team],
        role: { roleName: "ci", trustedPrincipalArns: [`acs:ram::${ACCOUNT}:user/runner`] },
        user: { userName: "ci" },
      } as never);
    });
    expect(error.problems).toEqual([
      "[prod/Registry] instanceName = 42: must be a string",
      "[prod/Registry] password = <redacted>: must come from RegistryPassword.fromKmsCiphertext() or RegistryPassword.fromSensitiveVariable(); a literal password would be written into cdk.tf.json",
      '[prod/Registry/Team] name = "team/payments": must be 2-120 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      '[prod/Registry/Team] removalPolicy = "DESTROY": must be RemovalPolicy.PROTECT or RemovalPolicy.DESTROY (the enum, not a string); the resource stays protected',
      "[prod/Registry/Team/Self] target.instanceId = (an unresolved token): must differ from the source instance",
      '[prod/Ci] role, user = "both": exactly one must be set (both are set)',
    ]);
    expect(writtenFiles(outdir)).toEqual([]);
  });
});
