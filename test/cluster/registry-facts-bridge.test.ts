import { enterpriseRegistryEntry, renderClusterManifests } from "../../charts";
import { EnterpriseRegistry } from "../../constructs";
import { registryFactsOf } from "../../constructs/cluster";
import { TerraformVariable } from "../../constructs/engine";
import { testStack } from "../support/synth";

describe("registryFactsOf", () => {
  test("a new instance's id is only known after apply: the error says which value and how to provide it", () => {
    const { stack } = testStack("cn-hangzhou");
    const registry = new EnterpriseRegistry(stack, "ProdRegistry", { instanceName: "acme-prod", edition: "Basic" });
    expect(() => registryFactsOf(registry)).toThrow(
      "instanceId of test/ProdRegistry is only known after apply. To provide it: deploy with " +
        "`cdktf deploy test --outputs-file outputs.json` (the stack must call exportRegistry() for it) and use " +
        'registryFactsFromOutputs("outputs.json", "test", "ProdRegistry"), or import the existing instance with ' +
        "literal attributes via EnterpriseRegistry.fromInstanceAttributes().",
    );
  });

  test("without a literal provider region, the region and both domains are unknown too", () => {
    const { stack } = testStack(null);
    const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme-prod", edition: "Basic" });
    expect(() => registryFactsOf(registry)).toThrow(
      /^instanceId of test\/Registry is only known after apply; regionId of test\/Registry is only known after apply; publicDomain of test\/Registry is only known after apply; vpcDomain of test\/Registry is only known after apply\./,
    );
  });

  test("an imported instance with literal attributes gives concrete facts, usable by the charts", () => {
    const { stack } = testStack("cn-shanghai");
    const registry = EnterpriseRegistry.fromInstanceAttributes(stack, "DevRegistry", {
      instanceId: "cri-acmedev0example",
      instanceName: "acme-dev",
      region: "cn-shanghai",
    });
    const facts = registryFactsOf(registry, { assumeRoleArn: "acs:ram::1000000000000001:role/acr-puller" });
    expect(facts).toEqual({
      instanceId: "cri-acmedev0example",
      regionId: "cn-shanghai",
      publicDomain: "acme-dev-registry.cn-shanghai.cr.aliyuncs.com",
      vpcDomain: "acme-dev-registry-vpc.cn-shanghai.cr.aliyuncs.com",
      assumeRoleArn: "acs:ram::1000000000000001:role/acr-puller",
    });
    const { files } = renderClusterManifests([
      { name: "dev", regionId: "cn-shanghai", credentialHelper: { registries: [enterpriseRegistryEntry(facts)] } },
    ]);
    expect(files["dev.k8s.yaml"]).toContain("instanceId: cri-acmedev0example");
  });

  test("token extras are refused too, and invalid literal facts are reported", () => {
    const { stack } = testStack("cn-shanghai");
    const registry = EnterpriseRegistry.fromInstanceAttributes(stack, "Dev", {
      instanceId: "cri-acmedev0example",
      instanceName: "acme-dev",
      region: "cn-shanghai",
    });
    const role = new TerraformVariable(stack, "role", { type: "string" });
    expect(() => registryFactsOf(registry, { assumeRoleArn: role.stringValue })).toThrow(
      "assumeRoleArn of test/Dev is only known after apply. To provide it: pass the access extras (role ARNs, durations) as literal values.",
    );
    expect(() => registryFactsOf(registry, { sessionDurationSeconds: 7200 })).toThrow(
      "registry facts of test/Dev:\n  sessionDurationSeconds = 7200: applies only with assumeRoleArn",
    );
  });
});
