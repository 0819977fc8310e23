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

// The props it shares with the credential-helper configuration are checked by the same code as the chart's, under
// the construct's path; webhook and acrApiVersion exist only in the self-managed chart, so the add-on refuses them.
const sharedConfig: [string, unknown, string][] = [
  ["clusterRegionId", 1, "clusterRegionId = 1: must be a string"],
  [
    "serviceAccounts",
    "default",
    'serviceAccounts = "default": must be a non-empty list of ServiceAccount names, or "*"',
  ],
  ["watchNamespaces", ["all"], 'watchNamespaces[0] = "all": use watchAllNamespaces: true to watch every namespace'],
  ["watchAllNamespaces", "yes", 'watchAllNamespaces = "yes": must be true or false'],
  [
    "expiringThreshold",
    "soon",
    'expiringThreshold = "soon": must be a positive duration of whole h/m/s parts, such as 15m or 1h',
  ],
  ["rrsa", "true", 'rrsa = "true": must be true or false'],
  [
    "webhook",
    "on",
    'webhook = "on": is self-managed only; for the managed edition install the add-on acr-credential-helper-webhook',
  ],
  ["acrApiVersion", "v2", 'acrApiVersion = "v2": is self-managed only (acr-api-version)'],
  ["notifyEmail", "a@x.io,b@x.io", 'notifyEmail = "a@x.io,b@x.io": must be one e-mail address'],
];
for (const [prop, value, problem] of sharedConfig) {
  cases.push({ prop, bad: JSON.stringify(value), build: helper(prop, value), problem: `${AT} ${problem}` });
}

describe("bad input to ManagedCredentialHelper", () => {
  test.each(cases)("$prop: $bad", ({ build, problem }) => {
    expect(problemsOfStack(build)).toEqual([problem]);
  });
});
