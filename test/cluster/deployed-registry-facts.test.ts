import * as fs from "node:fs";
import * as path from "node:path";
import { EnterpriseRegistry } from "../../constructs";
import { deployedRegistryFacts } from "../../constructs/cluster";
import { DeployOutputs } from "../../output/deploy-outputs";
import { tempProject } from "../output/support";
import { testStack } from "../support/synth";

const PROD_OUTPUTS = {
  ProdRegistry_instance_id: "cri-0984003fd0f5",
  ProdRegistry_region: "cn-hangzhou",
  ProdRegistry_public_domain: "acme-prod-registry.cn-hangzhou.cr.aliyuncs.com",
  ProdRegistry_vpc_domain: "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com",
};

function outputsWith(stacks: Record<string, unknown>): { outputs: DeployOutputs; file: string } {
  const file = path.join(tempProject().root, "outputs.json");
  fs.writeFileSync(file, JSON.stringify(stacks));
  return { outputs: DeployOutputs.load({ cliFile: file, mergedFile: `${file}.merged` }), file };
}

function newRegistry(instanceName = "acme-prod", region: string | null = "cn-hangzhou") {
  const { stack } = testStack(region);
  return new EnterpriseRegistry(stack, "ProdRegistry", { instanceName, edition: "Basic" });
}

describe("deployedRegistryFacts", () => {
  test("a new instance takes its id from the deploy outputs of its stack", () => {
    const { outputs } = outputsWith({ test: PROD_OUTPUTS });
    expect(deployedRegistryFacts(newRegistry(), outputs)).toEqual({
      kind: "known",
      facts: {
        instanceId: "cri-0984003fd0f5",
        regionId: "cn-hangzhou",
        publicDomain: "acme-prod-registry.cn-hangzhou.cr.aliyuncs.com",
        vpcDomain: "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com",
      },
    });
  });

  test("an imported instance with literal attributes needs no outputs", () => {
    const { stack } = testStack("cn-shanghai");
    const registry = EnterpriseRegistry.fromInstanceAttributes(stack, "Dev", {
      instanceId: "cri-acmedev0example",
      instanceName: "acme-dev",
      region: "cn-shanghai",
    });
    const lookup = deployedRegistryFacts(registry, outputsWith({}).outputs);
    expect(lookup).toMatchObject({ kind: "known", facts: { instanceId: "cri-acmedev0example" } });
  });

  test("a stack that was never deployed is missing, with the command that fixes it", () => {
    expect(deployedRegistryFacts(newRegistry(), outputsWith({ other: PROD_OUTPUTS }).outputs)).toEqual({
      kind: "missing",
      reason: 'stack "test" has no deploy outputs yet: deploy it with `cdktf deploy test --outputs-file outputs.json`',
    });
  });

  test("a deployed stack without this registry's outputs is missing, naming the outputs file", () => {
    const { outputs, file } = outputsWith({ test: { Other_instance_id: "cri-1" } });
    const lookup = deployedRegistryFacts(newRegistry(), outputs);
    expect(lookup.kind).toBe("missing");
    expect(lookup.kind !== "known" && lookup.reason).toMatch(
      new RegExp(`^${file.replace(/[.]/g, "\\.")}: .*lacks output\\(s\\) ProdRegistry_instance_id`),
    );
  });

  test("outputs of an instance renamed since the deploy are stale: both names are given", () => {
    const { outputs, file } = outputsWith({ test: PROD_OUTPUTS });
    expect(deployedRegistryFacts(newRegistry("acme-prod-2"), outputs)).toEqual({
      kind: "stale",
      reason:
        `the deploy outputs of test/ProdRegistry in ${file} name instance name "acme-prod" where the code has ` +
        '"acme-prod-2" (changed since the last deploy); deploy it with `cdktf deploy test --outputs-file ' +
        "outputs.json` to refresh them",
    });
  });

  test("outputs from another region than the code's are stale", () => {
    const { outputs } = outputsWith({ test: PROD_OUTPUTS });
    const lookup = deployedRegistryFacts(newRegistry("acme-prod", "cn-beijing"), outputs);
    expect(lookup.kind).toBe("stale");
    expect(lookup.kind !== "known" && lookup.reason).toContain('region "cn-hangzhou" where the code has "cn-beijing"');
  });

  test("a region only known at plan time is not compared", () => {
    const { outputs } = outputsWith({ test: PROD_OUTPUTS });
    expect(deployedRegistryFacts(newRegistry("acme-prod", null), outputs).kind).toBe("known");
  });
});
