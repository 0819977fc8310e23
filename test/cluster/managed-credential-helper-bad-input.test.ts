import { enterpriseRegistryEntry } from "../../charts";
import { ManagedCredentialHelper, ManagedCredentialHelperProps } from "../../constructs/cluster";
import { TerraformStack } from "../../constructs/engine";
import { BadInput, problemsOfStack, withProp } from "../support/bad-input";
import { PROD } from "../charts/support";

// One bad value per prop ManagedCredentialHelper adds to the shared credential-helper configuration (whose props
// have their tables in test/charts): each gives exactly its own problem, under the construct's path.

const PROPS: ManagedCredentialHelperProps = {
  clusterId: "c0123456789abcdef",
  clusterRegionId: "cn-hangzhou",
  registries: [enterpriseRegistryEntry(PROD, { endpoints: "vpc" })],
};
const helper = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new ManagedCredentialHelper(stack, "AcrHelper", withProp(PROPS, prop, value));
const AT = "[test/AcrHelper]";

const cases: BadInput[] = [
  {
    prop: "clusterId",
    bad: "missing",
    build: helper("clusterId", undefined),
    problem: `${AT} clusterId = (not set): is required`,
  },
  {
    prop: "clusterId",
    bad: "a number",
    build: helper("clusterId", 42),
    problem: `${AT} clusterId = 42: must be a string`,
  },
  {
    prop: "clusterId",
    bad: "a cluster name, not its id",
    build: helper("clusterId", "prod-cluster"),
    problem: `${AT} clusterId = "prod-cluster": must be an ACK cluster id: c followed by lowercase letters and digits`,
  },
  {
    prop: "version",
    bad: "with a space",
    build: helper("version", "v24 latest"),
    problem: `${AT} version = "v24 latest": must be an add-on version such as v24.03.19.1-3f4ce3c-aliyun, without spaces`,
  },
  { prop: "version", bad: "a number", build: helper("version", 24), problem: `${AT} version = 24: must be a string` },
  {
    prop: "provider",
    bad: "a look-alike object",
    build: helper("provider", { region: "cn-hangzhou" }),
    problem: `${AT} provider = (a plain object): must be an AlicloudProvider construct`,
  },
  {
    prop: "registries",
    bad: "an unknown endpoints option of its entry",
    build: helper("registries", [enterpriseRegistryEntry(PROD, { endpoints: "intranet" as never })]),
    problem: `${AT} registries[0].endpoints = "intranet": must be one of vpc, public, both`,
  },
];

describe("bad input to ManagedCredentialHelper", () => {
  test.each(cases)("$prop: $bad", ({ build, problem }) => {
    expect(problemsOfStack(build)).toEqual([problem]);
  });
});
