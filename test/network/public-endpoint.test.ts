import { EnterpriseRegistry } from "../../constructs";
import { TerraformVariable } from "../../constructs/engine";
import { PublicEndpoint } from "../../constructs/network/public-endpoint";
import { problemsOf, synthJson, testStack, warningsOf, type TerraformJson } from "../support/synth";
import { importedOtherRegistry, importedProdRegistry, onlyBody, schemaErrors } from "../support/fixtures";

const TYPE = "alicloud_cr_internet_endpoint";

const body = (json: TerraformJson) => onlyBody(json, TYPE);

const OFFICE = { cidr: "203.0.113.0/24", description: "Hangzhou office" };
const CI = { cidr: "198.51.100.7/32", description: "CI runner egress" };

describe("PublicEndpoint", () => {
  test("one resource owns the whole allow-list, entries sorted by address", () => {
    const { app, stack, registry } = importedProdRegistry();
    const endpoint = new PublicEndpoint(stack, "Internet", { registry, allowList: [OFFICE, CI] });
    const json = synthJson(stack);
    expect(body(json)).toEqual({
      instance_id: "cri-prod1",
      entries: [
        { entry: "198.51.100.7/32", comment: "CI runner egress" },
        { entry: "203.0.113.0/24", comment: "Hangzhou office" },
      ],
    });
    expect(endpoint.registry).toBe(registry);
    expect(endpoint.resource.node.path).toBe("test/Internet/Resource");
    expect(json.resource?.alicloud_cr_endpoint_acl_policy).toBeUndefined();
    expect(problemsOf(app)).toEqual([]);
    expect(warningsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("ordering is numeric and independent of declaration order", () => {
    const entries = [
      { cidr: "100.64.0.0/10", description: "carrier NAT" },
      { cidr: "11.0.0.0/8", description: "eleven" },
      { cidr: "11.0.0.0/16", description: "eleven, narrower" },
      { cidr: "11.0.0.0/12", description: "eleven, middle" },
      { cidr: "9.9.9.9/32", description: "nine" },
    ];
    const synth = (list: typeof entries) => {
      const { stack, registry } = importedProdRegistry();
      new PublicEndpoint(stack, "Internet", { registry, allowList: list });
      return body(synthJson(stack)).entries;
    };
    const forward = synth(entries);
    expect(forward).toEqual([
      { entry: "9.9.9.9/32", comment: "nine" },
      { entry: "11.0.0.0/8", comment: "eleven" },
      { entry: "11.0.0.0/12", comment: "eleven, middle" },
      { entry: "11.0.0.0/16", comment: "eleven, narrower" },
      { entry: "100.64.0.0/10", comment: "carrier NAT" },
    ]);
    expect(synth([...entries].reverse())).toEqual(forward);
  });

  test("an owned instance is referenced by its id; the schema validator finds nothing", () => {
    const { app, stack } = testStack("cn-hangzhou");
    const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme-prod", edition: "Advanced" });
    new PublicEndpoint(stack, "Internet", { registry, allowList: [OFFICE] });
    const json = synthJson(stack);
    expect(body(json).instance_id).toMatch(/^\$\{alicloud_cr_ee_instance\.Registry_\w+\.id\}$/);
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("0.0.0.0/0 is refused unless allowAnyIp", () => {
    const { app, stack, registry } = importedProdRegistry();
    new PublicEndpoint(stack, "Internet", { registry, allowList: [OFFICE, { cidr: "0.0.0.0/0", description: "any" }] });
    expect(problemsOf(app)).toEqual([
      '[test/Internet] allowList[1].cidr = "0.0.0.0/0": opens the registry to the whole Internet; set allowAnyIp: true if that is intended',
    ]);
    expect(warningsOf(app)).toEqual([]);
  });

  test("with allowAnyIp, 0.0.0.0/0 is accepted with a warning", () => {
    const { app, stack, registry } = importedProdRegistry();
    new PublicEndpoint(stack, "Internet", {
      registry,
      allowList: [{ cidr: "0.0.0.0/0", description: "public mirror" }],
      allowAnyIp: true,
    });
    const json = synthJson(stack);
    expect(body(json).entries).toEqual([{ entry: "0.0.0.0/0", comment: "public mirror" }]);
    expect(problemsOf(app)).toEqual([]);
    expect(warningsOf(app)).toEqual([
      "[test/Internet] allowList contains 0.0.0.0/0 (allowAnyIp: true): the registry is reachable from the whole Internet",
    ]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("allowAnyIp without a /0 entry changes nothing and warns nothing", () => {
    const { app, stack, registry } = importedProdRegistry();
    new PublicEndpoint(stack, "Internet", { registry, allowList: [OFFICE], allowAnyIp: true });
    expect(problemsOf(app)).toEqual([]);
    expect(warningsOf(app)).toEqual([]);
  });

  test("an empty allow-list is refused: it would open the endpoint to everybody", () => {
    const { app, stack, registry } = importedProdRegistry();
    new PublicEndpoint(stack, "Internet", { registry, allowList: [] });
    expect(problemsOf(app)).toEqual([
      "[test/Internet] allowList = []: must list at least one CIDR block: an enabled Internet endpoint with an empty allow-list is open to the whole Internet (ACR docs); to mean that, list 0.0.0.0/0 and set allowAnyIp: true",
    ]);
  });

  test("bad CIDR blocks, the system entry, duplicates and descriptions are reported", () => {
    const { app, stack, registry } = importedProdRegistry();
    new PublicEndpoint(stack, "Internet", {
      registry,
      allowList: [
        { cidr: "10.1.2.3/8", description: "host bits" },
        { cidr: "10.0.0.256/32", description: "octet" },
        { cidr: "010.0.0.0/8", description: "leading zero" },
        { cidr: "10.0.0.0/40", description: "prefix" },
        { cidr: "198.51.100.7", description: "no prefix" },
        { cidr: "127.0.0.1/32", description: "default" },
        OFFICE,
        { cidr: "203.0.113.0/24", description: "office again" },
        { cidr: "192.0.2.0/24", description: " " },
        { cidr: "192.0.2.1/32", description: "x".repeat(129) },
      ],
    });
    expect(problemsOf(app)).toEqual([
      '[test/Internet] allowList[0].cidr = "10.1.2.3/8": host bits must be zero: did you mean 10.0.0.0/8?',
      '[test/Internet] allowList[1].cidr = "10.0.0.256/32": octets must be 0-255',
      '[test/Internet] allowList[2].cidr = "010.0.0.0/8": octets must not have leading zeros',
      '[test/Internet] allowList[3].cidr = "10.0.0.0/40": prefix length must be 0-32',
      '[test/Internet] allowList[4].cidr = "198.51.100.7": must be an IPv4 CIDR block: add a prefix length (198.51.100.7/32 for this single address)',
      '[test/Internet] allowList[5].cidr = "127.0.0.1/32": is the system entry ACR adds itself and hides from Terraform state; do not declare it',
      '[test/Internet] allowList[7].cidr = "203.0.113.0/24": duplicate CIDR block (also at allowList[6])',
      '[test/Internet] allowList[8].description = " ": must say who or what the range admits',
      `[test/Internet] allowList[9].description = "${"x".repeat(129)}": must be at most 128 characters (an acr-platform limit; got 129)`,
    ]);
  });

  test("a 128-character description is fine", () => {
    const { app, stack, registry } = importedProdRegistry();
    new PublicEndpoint(stack, "Internet", {
      registry,
      allowList: [{ cidr: "192.0.2.0/24", description: "x".repeat(128) }],
    });
    expect(problemsOf(app)).toEqual([]);
  });

  test("tokens are not checked as literals and are emitted after the sorted literals", () => {
    const { app, stack, registry } = importedProdRegistry();
    const cidr = new TerraformVariable(stack, "office_cidr", { type: "string" });
    const note = new TerraformVariable(stack, "office_note", { type: "string" });
    new PublicEndpoint(stack, "Internet", {
      registry,
      allowList: [
        { cidr: cidr.stringValue, description: note.stringValue },
        OFFICE,
        { cidr: cidr.stringValue, description: "same variable twice is not compared" },
        CI,
      ],
    });
    const json = synthJson(stack);
    expect(body(json).entries).toEqual([
      { entry: "198.51.100.7/32", comment: "CI runner egress" },
      { entry: "203.0.113.0/24", comment: "Hangzhou office" },
      { entry: "${var.office_cidr}", comment: "${var.office_note}" },
      { entry: "${var.office_cidr}", comment: "same variable twice is not compared" },
    ]);
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("a second allow-list on the same registry is refused; another registry is fine", () => {
    const { app, stack, registry } = importedProdRegistry();
    const other = importedOtherRegistry(stack);
    new PublicEndpoint(stack, "Office", { registry, allowList: [OFFICE] });
    new PublicEndpoint(stack, "Ci", { registry, allowList: [CI] });
    new PublicEndpoint(stack, "OtherOffice", { registry: other, allowList: [OFFICE] });
    expect(problemsOf(app)).toEqual([
      '[test/Office] registry = "test/Registry": already has an Internet allow-list in test/Ci: one alicloud_cr_internet_endpoint owns the whole list, so declare every entry in one PublicEndpoint',
      '[test/Ci] registry = "test/Registry": already has an Internet allow-list in test/Office: one alicloud_cr_internet_endpoint owns the whole list, so declare every entry in one PublicEndpoint',
    ]);
  });
});
