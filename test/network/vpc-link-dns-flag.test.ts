import * as fs from "node:fs";
import * as path from "node:path";
import constraints from "../../providers/alicloud/constraints.json";
import { EnterpriseRegistry } from "../../constructs";
import { VpcLink } from "../../constructs/network/vpc-endpoint-access";
import { reviewPlan } from "../../review/plan-review";
import { ALICLOUD_SOURCE, loadProviderSchema } from "../../review/validate";
import { synthJson, testStack, warningsOf } from "../support/synth";

const TYPE = "alicloud_cr_vpc_endpoint_linked_vpc";
const DNS = "enable_create_dns_record_in_pvzt";
const FIXTURES = path.join(__dirname, "..", "review", "fixtures");
const read = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8"));

// The stack `make-fixtures.js` applied with privateZoneDns true and then planned with false (real terraform).
const input = read("dns-flip-input.json") as {
  registry: { instanceId: string; instanceName: string; region: string };
  links: VpcLink[];
};
const flipPlan = read("plan-dns-flip.json") as {
  resource_changes: { address: string; type: string; change: { actions: string[] }; action_reason?: string }[];
};

function dnsStack(privateZoneDns: boolean) {
  const { app, stack } = testStack("cn-shanghai");
  const registry = EnterpriseRegistry.fromInstanceAttributes(stack, "DevRegistry", input.registry);
  registry.connectVpc("VpcAccess", { links: input.links, privateZoneDns });
  return { app, json: synthJson(stack) };
}

const addressesOf = (json: ReturnType<typeof synthJson>) =>
  Object.entries(json.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();

describe("VPC link DNS flag (provider 1.289.0 cannot update it in place)", () => {
  test("independent truth: the flag is the link's only argument that is not ForceNew", () => {
    const { schema } = loadProviderSchema();
    const attributes = schema.provider_schemas[ALICLOUD_SOURCE].resource_schemas[TYPE].block.attributes ?? {};
    const facts = constraints.resource_schemas[TYPE] as Record<string, { force_new?: boolean }>;
    const updatable = Object.entries(attributes)
      .filter(([name, attribute]) => (attribute.required || attribute.optional) && name !== "id")
      .filter(([name]) => !facts[name]?.force_new)
      .map(([name]) => name);
    expect(updatable).toEqual([DNS]);
  });

  test("links ignore the flag after creation and are replaced when a terraform_data holding it changes", () => {
    const { json } = dnsStack(false);
    const [dataKey, ...more] = Object.keys(json.resource?.terraform_data ?? {});
    expect(more).toEqual([]);
    expect(json.resource?.terraform_data[dataKey].input).toEqual({ privateZoneDns: false });
    const bodies = Object.values(json.resource?.[TYPE] ?? {});
    expect(bodies).toHaveLength(input.links.length);
    for (const body of bodies) {
      expect(body[DNS]).toBe(false);
      expect(body.lifecycle).toEqual({ ignore_changes: [DNS], replace_triggered_by: [`terraform_data.${dataKey}`] });
    }
  });

  test("the fixture is a plan of what the constructs synthesize today", () => {
    const planned = flipPlan.resource_changes.map((c) => c.address).sort();
    expect(planned).toEqual(addressesOf(dnsStack(false).json));
    expect(addressesOf(dnsStack(true).json)).toEqual(planned);
  });

  test("real terraform plan of the flip: every link is replaced by the trigger, none is updated in place", () => {
    const linkChanges = flipPlan.resource_changes.filter((c) => c.type === TYPE);
    expect(linkChanges).toHaveLength(input.links.length);
    for (const change of linkChanges) {
      expect(change.change.actions).toEqual(["delete", "create"]);
      expect(change.action_reason).toBe("replace_by_triggers");
    }
    const review = reviewPlan(flipPlan, "dns/plan.json");
    expect(review.counts).toMatchObject({ replace: input.links.length, update: 1, create: 0, delete: 0 });
    expect(review.dataLoss).toEqual([]);
  });
});

describe("linked VPC quota (U4)", () => {
  const link = (vpc: number, vsw = 1) => ({ vpcId: `vpc-q${vpc}`, vswitchId: `vsw-q${vpc}${vsw}` });
  const registryIn = () => {
    const { app, stack } = testStack();
    const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme-prod", edition: "Advanced" });
    return { app, registry };
  };

  test("3 VPCs, one of them with two vSwitches and both modules: no warning", () => {
    const { app, registry } = registryIn();
    registry.connectVpc("Vpc", { links: [link(1), link(1, 2), link(2), link(3)], modules: ["Registry", "Chart"] });
    expect(warningsOf(app).filter((w) => w.includes("VPCs"))).toEqual([]);
  });

  test("a 4th VPC, even in a second connectVpc, warns once and cites the documented quota", () => {
    const { app, registry } = registryIn();
    registry.connectVpc("Clusters", { links: [link(1), link(2), link(3)] });
    registry.connectVpc("Batch", { links: [link(4), link(5)] });
    const warnings = warningsOf(app).filter((w) => w.includes("VPCs"));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^\[test\/Registry\/Batch\] test\/Registry links 5 VPCs \(vpc-q1, vpc-q2, vpc-q3, vpc-q4, vpc-q5\); ACR documents at most 3 per instance/,
      ),
    ]);
  });

  test("existing links (an adopted registry) get no trigger: importing one would replace them", () => {
    const { stack } = testStack("cn-shanghai");
    const registry = EnterpriseRegistry.fromInstanceAttributes(stack, "DevRegistry", input.registry);
    const access = registry.connectVpc("VpcAccess", { links: input.links, existingLinks: true });
    const json = synthJson(stack);
    expect(access.dnsSetting).toBeUndefined();
    expect(json.resource?.terraform_data).toBeUndefined();
    const links = Object.values(json.resource?.[TYPE] ?? {}) as { lifecycle: Record<string, unknown> }[];
    expect(links).toHaveLength(input.links.length);
    for (const link of links) expect(link.lifecycle).toEqual({ ignore_changes: [DNS] });
  });
});
