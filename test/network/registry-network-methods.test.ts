import { EnterpriseRegistry } from "../../constructs";
import { onlyResource, problemsOf, resourcesOf, synthJson, testStack } from "../support/synth";

test("registry.connectVpc and registry.enablePublicEndpoint wire the instance in", () => {
  const { app, stack } = testStack("cn-hangzhou");
  const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme", edition: "Standard" });
  const vpc = registry.connectVpc("ProdVpc", { links: [{ vpcId: "vpc-prod", vswitchId: "vsw-proda" }] });
  const internet = registry.enablePublicEndpoint("Office", {
    allowList: [{ cidr: "203.0.113.0/24", description: "office egress" }],
  });
  expect(vpc.registry).toBe(registry);
  expect(internet.registry).toBe(registry);
  const json = synthJson(stack);
  const [instanceKey] = Object.keys(json.resource?.alicloud_cr_ee_instance ?? {});
  const instanceId = `\${alicloud_cr_ee_instance.${instanceKey}.id}`;
  expect(Object.values(resourcesOf(json, "alicloud_cr_vpc_endpoint_linked_vpc"))).toEqual([
    expect.objectContaining({
      instance_id: instanceId,
      vpc_id: "vpc-prod",
      vswitch_id: "vsw-proda",
      module_name: "Registry",
      enable_create_dns_record_in_pvzt: true,
    }),
  ]);
  expect(onlyResource(json, "alicloud_cr_internet_endpoint")).toMatchObject({
    instance_id: instanceId,
    entries: [{ entry: "203.0.113.0/24", comment: "office egress" }],
  });
  expect(problemsOf(app)).toEqual([]);
});
