import {
  ChainStep,
  DeliveryChain,
  EnterpriseRegistry,
  ReplicationRule,
  RetentionRule,
  ScanRule,
  ScanScope,
  UpstreamMirror,
} from "../../constructs";
import { TerraformStack } from "../../constructs/engine";
import { BadInput, problemsOfStack, withProp } from "../support/bad-input";

// One bad value per public prop of the registry policy constructs; each must give exactly its own problem.

const SEPARATED = (min: number, max: number) =>
  `must be ${min}-${max} characters of lowercase letters and digits, with separators _ - . allowed but not first or last`;
const setup = (stack: TerraformStack) => {
  const registry = EnterpriseRegistry.fromInstanceAttributes(stack, "Reg", {
    instanceId: "cri-abc",
    instanceName: "acme",
    region: "cn-hangzhou",
  });
  const payments = registry.addNamespace("Payments", { name: "payments" });
  const api = payments.addRepository("Api", { name: "api" });
  return { registry, payments, api };
};
const TARGET = { instanceId: "cri-dr", region: "cn-shanghai", namespace: "payments" };
const replicationWith = (prop: string, value: unknown) => (stack: TerraformStack) => {
  const { registry, payments } = setup(stack);
  // Manual rules: the automatic rule's target precondition is a warning for an undeclared target.
  new ReplicationRule(
    stack,
    "X",
    withProp({ registry, namespace: payments, target: TARGET, automatic: false }, prop, value),
  );
};
const targetWith = (prop: string, value: unknown) => replicationWith("target", withProp(TARGET, prop, value));
const scanWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new ScanRule(stack, "X", withProp({ registry: setup(stack).registry, ruleName: "scan" }, prop, value));
const retentionWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new RetentionRule(stack, "X", withProp({ registry: setup(stack).registry, keepLastTags: 10 }, prop, value));
const chainWith = (prop: string, value: unknown) => (stack: TerraformStack) => {
  const { registry, payments, api } = setup(stack);
  const props = { registry, namespace: payments, repository: api, name: "release", steps: [ChainStep.push()] };
  new DeliveryChain(stack, "X", withProp(props, prop, value));
};
const mirrorWith = (prop: string, value: unknown) => (stack: TerraformStack) => {
  const { registry, payments, api } = setup(stack);
  const props = { registry, namespace: payments, repository: api, source: { repository: "nginx" } };
  new UpstreamMirror(stack, "X", withProp(props, prop, value));
};

const cases: BadInput[] = [
  {
    prop: "ReplicationRule registry",
    bad: "missing",
    build: replicationWith("registry", undefined),
    problem: "[test/X] registry = (not set): is required",
  },
  {
    prop: "ReplicationRule namespace",
    bad: "missing",
    build: replicationWith("namespace", undefined),
    problem: "[test/X] namespace = (not set): is required",
  },
  {
    prop: "ReplicationRule namespace",
    bad: "a number",
    build: replicationWith("namespace", 5),
    problem:
      "[test/X] namespace = (a number): must be a Namespace (registry.addNamespace or Namespace.fromNamespaceName)",
  },
  {
    prop: "ReplicationRule repository",
    bad: "a look-alike object",
    build: replicationWith("repository", { repositoryName: "api" }),
    problem:
      "[test/X] repository = (a plain object): must be a Repository (namespace.addRepository, namespace.repository " +
      "or Repository.fromRepositoryName)",
  },
  {
    prop: "ReplicationRule tagFilter",
    bad: "a broken regex",
    build: replicationWith("tagFilter", "v(1"),
    problem: '[test/X] tagFilter = "v(1": must be a valid regular expression',
  },
  {
    prop: "ReplicationRule ruleName",
    bad: "malformed",
    build: replicationWith("ruleName", "To DR"),
    problem: `[test/X] ruleName = "To DR": ${SEPARATED(1, 64)}`,
  },
  {
    prop: "ReplicationRule automatic",
    bad: "a string",
    build: replicationWith("automatic", "no"),
    problem: '[test/X] automatic = "no": must be true or false',
  },
  {
    prop: "ReplicationRule target",
    bad: "missing",
    build: replicationWith("target", undefined),
    problem: "[test/X] target = (not set): is required",
  },
  {
    prop: "ReplicationRule target.instanceId",
    bad: "missing",
    build: targetWith("instanceId", undefined),
    problem: "[test/X] target.instanceId = (not set): is required",
  },
  {
    prop: "ReplicationRule target.region",
    bad: "a number",
    build: targetWith("region", 1),
    problem: "[test/X] target.region = 1: must be a string",
  },
  {
    prop: "ReplicationRule target.namespace",
    bad: "malformed",
    build: targetWith("namespace", "Pay"),
    problem: `[test/X] target.namespace = "Pay": ${SEPARATED(2, 120)}`,
  },
  {
    prop: "ReplicationRule target.repository",
    bad: "without a source repository",
    build: targetWith("repository", "api"),
    problem:
      '[test/X] target.repository = "api": repository and target.repository must be set together (repository-level rule)',
  },
  {
    prop: "ReplicationRule target.accountId",
    bad: "too short",
    build: targetWith("accountId", "42"),
    problem: '[test/X] target.accountId = "42": must be the 16-digit account UID',
  },
  {
    prop: "ScanRule registry",
    bad: "a plain object",
    build: scanWith("registry", {}),
    problem: "[test/X] registry = (a plain object): must be an EnterpriseRegistry (new, or EnterpriseRegistry.from...)",
  },
  {
    prop: "ScanRule ruleName",
    bad: "missing",
    build: scanWith("ruleName", undefined),
    problem: "[test/X] ruleName = (not set): is required",
  },
  {
    prop: "ScanRule scope",
    bad: "a string",
    build: scanWith("scope", "INSTANCE"),
    problem: "[test/X] scope = (a string): must be a ScanScope (ScanScope.instance, .namespaces, .repositories)",
  },
  {
    prop: "ScanRule scope (repositories)",
    bad: "a non-string repository",
    build: (stack) => {
      const { registry, payments } = setup(stack);
      new ScanRule(stack, "X", { registry, ruleName: "scan", scope: ScanScope.repositories(payments, 7 as never) });
    },
    problem: "[test/X] scope.repositories[0] = 7: must be a string",
  },
  {
    prop: "ScanRule tagFilter",
    bad: "empty",
    build: scanWith("tagFilter", ""),
    problem: '[test/X] tagFilter = "": must be a non-empty regular expression (use .* for every tag)',
  },
  {
    prop: "ScanRule trigger",
    bad: "unknown",
    build: scanWith("trigger", "PUSH"),
    problem: '[test/X] trigger = "PUSH": must be one of MANUAL, AUTO (alicloud_cr_scan_rule.trigger_type)',
  },
  {
    prop: "ScanRule scanType",
    bad: "unknown",
    build: scanWith("scanType", "MALWARE"),
    problem: '[test/X] scanType = "MALWARE": must be one of VUL, SBOM',
  },
  {
    prop: "RetentionRule registry",
    bad: "missing",
    build: retentionWith("registry", undefined),
    problem: "[test/X] registry = (not set): is required",
  },
  {
    prop: "RetentionRule keepLastTags",
    bad: "missing",
    build: retentionWith("keepLastTags", undefined),
    problem: "[test/X] keepLastTags = (not set): is required",
  },
  {
    prop: "RetentionRule keepLastTags",
    bad: "zero",
    build: retentionWith("keepLastTags", 0),
    problem: "[test/X] keepLastTags = 0: must be a whole number, at least 1",
  },
  {
    prop: "RetentionRule tagFilter",
    bad: "a number",
    build: retentionWith("tagFilter", 1),
    problem: "[test/X] tagFilter = 1: must be a string",
  },
  {
    prop: "RetentionRule schedule",
    bad: "daily",
    build: retentionWith("schedule", "DAY"),
    problem: '[test/X] schedule = "DAY": must be one of WEEK, MONTH',
  },
  {
    prop: "RetentionRule automatic",
    bad: "a number",
    build: retentionWith("automatic", 0),
    problem: "[test/X] automatic = 0: must be true or false",
  },
  {
    prop: "RetentionRule namespace",
    bad: "a name, not a namespace (the string form is retired)",
    build: retentionWith("namespace", "payments"),
    problem:
      "[test/X] namespace = (a string): must be a Namespace (registry.addNamespace or Namespace.fromNamespaceName)",
  },
  {
    prop: "RetentionRule repository",
    bad: "without a namespace",
    build: (stack) => {
      const { registry, api } = setup(stack);
      new RetentionRule(stack, "X", { registry, keepLastTags: 10, repository: api });
    },
    problem: '[test/X] repository = "api": needs namespace: a repository is named within a namespace',
  },
  {
    prop: "DeliveryChain name",
    bad: "missing",
    build: chainWith("name", undefined),
    problem: "[test/X] name = (not set): is required",
  },
  {
    prop: "DeliveryChain registry",
    bad: "a string",
    build: chainWith("registry", "cri-abc"),
    problem: "[test/X] registry = (a string): must be an EnterpriseRegistry (new, or EnterpriseRegistry.from...)",
  },
  {
    prop: "DeliveryChain namespace",
    bad: "missing",
    build: chainWith("namespace", undefined),
    problem: "[test/X] namespace = (not set): is required",
  },
  {
    prop: "DeliveryChain repository",
    bad: "missing",
    build: chainWith("repository", undefined),
    problem: "[test/X] repository = (not set): is required",
  },
  {
    prop: "DeliveryChain steps",
    bad: "missing",
    build: chainWith("steps", undefined),
    problem: "[test/X] steps = (not set): is required",
  },
  {
    prop: "DeliveryChain steps",
    bad: "a string item",
    build: chainWith("steps", ["DOCKER_IMAGE_PUSH"]),
    problem: '[test/X] steps[0] = "DOCKER_IMAGE_PUSH": must be an object',
  },
  {
    prop: "DeliveryChain steps[].blockOn",
    bad: "a string",
    build: chainWith("steps", [ChainStep.push(), ChainStep.scan("HIGH" as never)]),
    problem: '[test/X] steps[1].blockOn = "HIGH": must be an object',
  },
  {
    prop: "DeliveryChain steps[].blockOn.severity",
    bad: "missing",
    build: chainWith("steps", [ChainStep.push(), ChainStep.scan({} as never)]),
    problem: "[test/X] steps[1].blockOn.severity = (not set): is required",
  },
  {
    prop: "DeliveryChain description",
    bad: "a number",
    build: chainWith("description", 3),
    problem: "[test/X] description = 3: must be a string",
  },
  {
    prop: "UpstreamMirror registry",
    bad: "missing",
    build: mirrorWith("registry", undefined),
    problem: "[test/X] registry = (not set): is required",
  },
  {
    prop: "UpstreamMirror namespace",
    bad: "missing",
    build: mirrorWith("namespace", undefined),
    problem: "[test/X] namespace = (not set): is required",
  },
  {
    prop: "UpstreamMirror repository",
    bad: "missing",
    build: mirrorWith("repository", undefined),
    problem: "[test/X] repository = (not set): is required",
  },
  {
    prop: "UpstreamMirror source",
    bad: "missing",
    build: mirrorWith("source", undefined),
    problem: "[test/X] source = (not set): is required",
  },
  {
    prop: "UpstreamMirror source.repository",
    bad: "missing",
    build: mirrorWith("source", {}),
    problem: "[test/X] source.repository = (not set): is required",
  },
  {
    prop: "UpstreamMirror source.namespace",
    bad: "uppercase",
    build: mirrorWith("source", { namespace: "Library", repository: "nginx" }),
    problem:
      '[test/X] source.namespace = "Library": must be a public image path component: lowercase letters and digits, separators . _ - inside',
  },
  {
    prop: "UpstreamMirror source.provider",
    bad: "unknown",
    build: mirrorWith("source", { provider: "GHCR", repository: "nginx" }),
    problem: '[test/X] source.provider = "GHCR": must be one of DOCKER_HUB, GCR, QUAY',
  },
  {
    prop: "UpstreamMirror tagFilter",
    bad: "broken",
    build: mirrorWith("tagFilter", "*"),
    problem: '[test/X] tagFilter = "*": must be a valid regular expression',
  },
  {
    prop: "UpstreamMirror tagCount",
    bad: "above 30",
    build: mirrorWith("tagCount", 31),
    problem: "[test/X] tagCount = 31: must be an integer from 1 to 30",
  },
  {
    prop: "UpstreamMirror overwriteTags",
    bad: "a string",
    build: mirrorWith("overwriteTags", "true"),
    problem: '[test/X] overwriteTags = "true": must be true or false',
  },
  {
    prop: "UpstreamMirror accelerate",
    bad: "a number",
    build: mirrorWith("accelerate", 1),
    problem: "[test/X] accelerate = 1: must be true or false",
  },
  {
    prop: "UpstreamMirror platforms",
    bad: "a string",
    build: mirrorWith("platforms", "linux/amd64"),
    problem: '[test/X] platforms = "linux/amd64": must be a list',
  },
  {
    prop: "UpstreamMirror platforms",
    bad: "malformed item",
    build: mirrorWith("platforms", ["amd64"]),
    problem: '[test/X] platforms[0] = "amd64": must be os/arch or os/arch/variant, e.g. linux/arm64',
  },
];

describe("bad input to the registry policy constructs", () => {
  test.each(cases)("$prop: $bad", ({ build, problem }) => {
    expect(problemsOfStack(build)).toEqual([problem]);
  });
});
