import { EnterpriseRegistry } from "../../constructs";
import { TerraformVariable } from "../../constructs/engine";
import { VpcEndpointAccess } from "../../constructs/network/vpc-endpoint-access";
import { problemsOf, synthJson, testStack, type TerraformJson } from "../support/synth";
import { bodiesOf, importedOtherRegistry, importedProdRegistry, schemaErrors } from "../support/fixtures";

const TYPE = "alicloud_cr_vpc_endpoint_linked_vpc";

/**
 * Link resources by construct path, without cdktf's `//` metadata and the DNS-flag lifecycle every link carries
 * (tested in vpc-link-dns-flag.test.ts), so whole bodies can be compared.
 */
const links = (json: TerraformJson): Record<string, Record<string, unknown>> =>
  Object.fromEntries(
    Object.entries(bodiesOf(json, TYPE)).map(([path, body]) => {
      const { lifecycle, ...rest } = body as { lifecycle?: Record<string, unknown> };
      const { ignore_changes: ignored, replace_triggered_by: triggers, ...others } = lifecycle ?? {};
      expect(ignored).toEqual(["enable_create_dns_record_in_pvzt"]);
      expect(triggers).toEqual([expect.stringMatching(/^terraform_data\.[A-Za-z0-9_-]+_PrivateZoneDns_[0-9A-F]+$/)]);
      return [path, Object.keys(others).length > 0 ? { ...rest, lifecycle: others } : rest];
    }),
  );

const A = { vpcId: "vpc-a1", vswitchId: "vsw-a1" };
const B = { vpcId: "vpc-b2", vswitchId: "vsw-b2" };

describe("VpcEndpointAccess", () => {
  test("defaults: one Registry link per VPC, PrivateZone records on, named after VPC and vSwitch", () => {
    const { app, stack, registry } = importedProdRegistry();
    const access = new VpcEndpointAccess(stack, "Vpc", { registry, links: [A, B] });
    const json = synthJson(stack);
    expect(links(json)).toEqual({
      "Vpc/vpc-a1_vsw-a1_Registry": {
        instance_id: "cri-prod1",
        vpc_id: "vpc-a1",
        vswitch_id: "vsw-a1",
        module_name: "Registry",
        enable_create_dns_record_in_pvzt: true,
      },
      "Vpc/vpc-b2_vsw-b2_Registry": {
        instance_id: "cri-prod1",
        vpc_id: "vpc-b2",
        vswitch_id: "vsw-b2",
        module_name: "Registry",
        enable_create_dns_record_in_pvzt: true,
      },
    });
    expect(access.links).toHaveLength(2);
    expect(access.registry).toBe(registry);
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("no lifecycle protection (prevent_destroy): links hold no data", () => {
    const { stack, registry } = importedProdRegistry();
    new VpcEndpointAccess(stack, "Vpc", { registry, links: [A] });
    expect(Object.values(links(synthJson(stack)))[0]).not.toHaveProperty("lifecycle");
  });

  test("both modules and privateZoneDns off: one resource per link and module", () => {
    const { app, stack, registry } = importedProdRegistry();
    new VpcEndpointAccess(stack, "Vpc", {
      registry,
      links: [A, B],
      modules: ["Registry", "Chart"],
      privateZoneDns: false,
    });
    const json = synthJson(stack);
    const all = links(json);
    expect(Object.keys(all)).toEqual([
      "Vpc/vpc-a1_vsw-a1_Registry",
      "Vpc/vpc-a1_vsw-a1_Chart",
      "Vpc/vpc-b2_vsw-b2_Registry",
      "Vpc/vpc-b2_vsw-b2_Chart",
    ]);
    expect(all["Vpc/vpc-b2_vsw-b2_Chart"]).toEqual({
      instance_id: "cri-prod1",
      vpc_id: "vpc-b2",
      vswitch_id: "vsw-b2",
      module_name: "Chart",
      enable_create_dns_record_in_pvzt: false,
    });
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("reordering or removing links keeps the Terraform addresses of the others", () => {
    const addresses = (linkList: (typeof A)[]) => {
      const { stack, registry } = importedProdRegistry();
      new VpcEndpointAccess(stack, "Vpc", { registry, links: linkList });
      const byAddress = synthJson(stack).resource?.[TYPE] ?? {};
      return Object.fromEntries(Object.entries(byAddress).map(([address, body]) => [body.vpc_id, address]));
    };
    const both = addresses([A, B]);
    expect(addresses([B, A])).toEqual(both);
    expect(addresses([B])).toEqual({ "vpc-b2": both["vpc-b2"] });
  });

  test("token ids fall back to the link index, or to an explicit key", () => {
    const { app, stack, registry } = importedProdRegistry();
    const vpc = new TerraformVariable(stack, "vpc_id", { type: "string" });
    const vsw = new TerraformVariable(stack, "vswitch_id", { type: "string" });
    new VpcEndpointAccess(stack, "Vpc", {
      registry,
      links: [A, { vpcId: vpc.stringValue, vswitchId: vsw.stringValue }, { ...B, key: "shared" }],
    });
    const json = synthJson(stack);
    const all = links(json);
    expect(Object.keys(all)).toEqual(["Vpc/vpc-a1_vsw-a1_Registry", "Vpc/Link1_Registry", "Vpc/shared_Registry"]);
    expect(all["Vpc/Link1_Registry"]).toMatchObject({ vpc_id: "${var.vpc_id}", vswitch_id: "${var.vswitch_id}" });
    // Token ids are not checked as literals, and never count as duplicates.
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("an owned instance is referenced by its id; the schema validator finds nothing", () => {
    const { app, stack } = testStack("cn-hangzhou");
    const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme-prod", edition: "Advanced" });
    new VpcEndpointAccess(stack, "Vpc", { registry, links: [A], modules: ["Registry", "Chart"] });
    const json = synthJson(stack);
    const all = links(json);
    expect(all["Vpc/vpc-a1_vsw-a1_Chart"].instance_id).toMatch(/^\$\{alicloud_cr_ee_instance\.Registry_\w+\.id\}$/);
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("bad ids, modules and keys are reported with path, field, value and rule", () => {
    const { app, stack, registry } = importedProdRegistry();
    new VpcEndpointAccess(stack, "Vpc", {
      registry,
      links: [
        { vpcId: "vsw-a1", vswitchId: "vpc-a1" },
        { vpcId: "VPC-B2", vswitchId: "vsw-", key: "a/b" },
        { ...A, key: "x" },
        { ...B, key: "x" },
      ],
      modules: ["Registry", "Helm" as never, "Registry"],
    });
    expect(problemsOf(app)).toEqual([
      '[test/Vpc] links[0].vpcId = "vsw-a1": must be a VPC id: vpc- followed by lowercase letters and digits',
      '[test/Vpc] links[0].vswitchId = "vpc-a1": must be a vSwitch id: vsw- followed by lowercase letters and digits',
      '[test/Vpc] links[1].vpcId = "VPC-B2": must be a VPC id: vpc- followed by lowercase letters and digits',
      '[test/Vpc] links[1].vswitchId = "vsw-": must be a vSwitch id: vsw- followed by lowercase letters and digits',
      '[test/Vpc] links[1].key = "a/b": must be 1-64 letters, digits, _ and - (it becomes part of the Terraform resource address)',
      '[test/Vpc] links[3].key = "x": duplicate key (also used by links[2])',
      '[test/Vpc] modules[1] = "Helm": must be one of Registry, Chart (alicloud_cr_vpc_endpoint_linked_vpc.module_name)',
      '[test/Vpc] modules = ["Registry","Helm","Registry"]: must not repeat a module',
    ]);
  });

  test("empty links and empty modules are refused", () => {
    const { app, stack, registry } = importedProdRegistry();
    new VpcEndpointAccess(stack, "Vpc", { registry, links: [], modules: [] });
    expect(problemsOf(app)).toEqual([
      "[test/Vpc] links = []: must list at least one VPC and vSwitch",
      "[test/Vpc] modules = []: must list at least one module (Registry or Chart)",
    ]);
  });

  test("the same link twice in one construct is refused (and does not throw on the construct id)", () => {
    const { app, stack, registry } = importedProdRegistry();
    const access = new VpcEndpointAccess(stack, "Vpc", { registry, links: [A, B, { ...A }] });
    expect(access.links.map((l) => l.node.id)).toEqual([
      "vpc-a1_vsw-a1_Registry",
      "vpc-b2_vsw-b2_Registry",
      "vpc-a1_vsw-a1_Registry-2",
    ]);
    expect(problemsOf(app)).toEqual([
      '[test/Vpc] links[0] = "vpc-a1/vsw-a1": duplicate VPC link for module Registry on the same registry (also declared by test/Vpc links[2])',
      '[test/Vpc] links[2] = "vpc-a1/vsw-a1": duplicate VPC link for module Registry on the same registry (also declared by test/Vpc links[0])',
    ]);
  });

  test("the same link in two constructs on one registry is refused, per overlapping module", () => {
    const { app, stack, registry } = importedProdRegistry();
    new VpcEndpointAccess(stack, "Images", { registry, links: [A, B] });
    new VpcEndpointAccess(stack, "Everything", { registry, links: [A], modules: ["Registry", "Chart"] });
    expect(problemsOf(app)).toEqual([
      '[test/Images] links[0] = "vpc-a1/vsw-a1": duplicate VPC link for module Registry on the same registry (also declared by test/Everything links[0])',
      '[test/Everything] links[0] = "vpc-a1/vsw-a1": duplicate VPC link for module Registry on the same registry (also declared by test/Images links[0])',
    ]);
  });

  test("the same VPC with another module, or on another registry, is fine", () => {
    const { app, stack, registry } = importedProdRegistry();
    const other = importedOtherRegistry(stack);
    new VpcEndpointAccess(stack, "Images", { registry, links: [A] });
    new VpcEndpointAccess(stack, "Charts", { registry, links: [A], modules: ["Chart"] });
    new VpcEndpointAccess(stack, "OtherImages", { registry: other, links: [A] });
    expect(problemsOf(app)).toEqual([]);
  });
});
