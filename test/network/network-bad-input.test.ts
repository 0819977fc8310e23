import { EnterpriseRegistry, PublicEndpoint, VpcEndpointAccess } from "../../constructs";
import { TerraformStack } from "../../constructs/engine";
import { BadInput, problemsOfStack, withProp } from "../support/bad-input";

// One bad value per public prop of the network constructs; each must give exactly its own problem.

const registryOf = (stack: TerraformStack) =>
  EnterpriseRegistry.fromInstanceAttributes(stack, "Reg", {
    instanceId: "cri-abc",
    instanceName: "acme",
    region: "cn-hangzhou",
  });
const LINK = { vpcId: "vpc-a1", vswitchId: "vsw-a1" };
const vpcWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new VpcEndpointAccess(stack, "X", withProp({ registry: registryOf(stack), links: [LINK] }, prop, value));
const linkWith = (prop: string, value: unknown) => vpcWith("links", [withProp(LINK, prop, value)]);
const ENTRY = { cidr: "203.0.113.0/24", description: "CI runners" };
const endpointWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new PublicEndpoint(stack, "X", withProp({ registry: registryOf(stack), allowList: [ENTRY] }, prop, value));
const entryWith = (prop: string, value: unknown) => endpointWith("allowList", [withProp(ENTRY, prop, value)]);

const cases: BadInput[] = [
  {
    prop: "VpcEndpointAccess registry",
    bad: "missing",
    build: vpcWith("registry", undefined),
    problem: "[test/X] registry = (not set): is required",
  },
  {
    prop: "VpcEndpointAccess links",
    bad: "missing",
    build: vpcWith("links", undefined),
    problem: "[test/X] links = (not set): is required",
  },
  {
    prop: "VpcEndpointAccess links",
    bad: "an object instead of a list",
    build: vpcWith("links", LINK),
    problem: '[test/X] links = {"vpcId":"vpc-a1","vswitchId":"vsw-a1"}: must be a list',
  },
  {
    prop: "VpcEndpointAccess links[]",
    bad: "a string",
    build: vpcWith("links", ["vpc-a1"]),
    problem: '[test/X] links[0] = "vpc-a1": must be an object',
  },
  {
    prop: "VpcEndpointAccess links[].vpcId",
    bad: "missing",
    build: linkWith("vpcId", undefined),
    problem: "[test/X] links[0].vpcId = (not set): is required",
  },
  {
    prop: "VpcEndpointAccess links[].vswitchId",
    bad: "a VPC id",
    build: linkWith("vswitchId", "vpc-a1"),
    problem:
      '[test/X] links[0].vswitchId = "vpc-a1": must be a vSwitch id: vsw- followed by lowercase letters and digits',
  },
  {
    prop: "VpcEndpointAccess links[].key",
    bad: "with a space",
    build: linkWith("key", "zone a"),
    problem:
      '[test/X] links[0].key = "zone a": must be 1-64 letters, digits, _ and - (it becomes part of the Terraform resource address)',
  },
  {
    prop: "VpcEndpointAccess modules",
    bad: "unknown module",
    build: vpcWith("modules", ["Helm"]),
    problem:
      '[test/X] modules[0] = "Helm": must be one of Registry, Chart (alicloud_cr_vpc_endpoint_linked_vpc.module_name)',
  },
  {
    prop: "VpcEndpointAccess modules",
    bad: "a string",
    build: vpcWith("modules", "Registry"),
    problem: '[test/X] modules = "Registry": must be a list',
  },
  {
    prop: "VpcEndpointAccess privateZoneDns",
    bad: "a string",
    build: vpcWith("privateZoneDns", "true"),
    problem: '[test/X] privateZoneDns = "true": must be true or false',
  },
  {
    prop: "VpcEndpointAccess existingLinks",
    bad: "a string",
    build: vpcWith("existingLinks", "yes"),
    problem: '[test/X] existingLinks = "yes": must be true or false',
  },
  {
    prop: "PublicEndpoint registry",
    bad: "a plain object",
    build: endpointWith("registry", { instanceId: "cri-abc" }),
    problem: "[test/X] registry = (a plain object): must be an EnterpriseRegistry (new, or EnterpriseRegistry.from...)",
  },
  {
    prop: "PublicEndpoint allowList",
    bad: "missing",
    build: endpointWith("allowList", undefined),
    problem: "[test/X] allowList = (not set): is required",
  },
  {
    prop: "PublicEndpoint allowList[]",
    bad: "a CIDR string",
    build: endpointWith("allowList", ["203.0.113.0/24"]),
    problem: '[test/X] allowList[0] = "203.0.113.0/24": must be an object',
  },
  {
    prop: "PublicEndpoint allowList[].cidr",
    bad: "host bits set",
    build: entryWith("cidr", "203.0.113.7/24"),
    problem: '[test/X] allowList[0].cidr = "203.0.113.7/24": host bits must be zero: did you mean 203.0.113.0/24?',
  },
  {
    prop: "PublicEndpoint allowList[].cidr",
    bad: "a number",
    build: entryWith("cidr", 24),
    problem: "[test/X] allowList[0].cidr = 24: must be a string",
  },
  {
    prop: "PublicEndpoint allowList[].description",
    bad: "missing",
    build: entryWith("description", undefined),
    problem: "[test/X] allowList[0].description = (not set): is required",
  },
  {
    prop: "PublicEndpoint allowAnyIp",
    bad: "a string",
    build: endpointWith("allowAnyIp", "yes"),
    problem: '[test/X] allowAnyIp = "yes": must be true or false',
  },
];

describe("bad input to the network constructs", () => {
  test.each(cases)("$prop: $bad", ({ build, problem }) => {
    expect(problemsOfStack(build)).toEqual([problem]);
  });
});
