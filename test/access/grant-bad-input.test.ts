import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { CiPushPrincipal, CrossAccountPull, Grantee, PolicyDocument, PolicyStatement } from "../../constructs";
import { TerraformStack } from "../../constructs/engine";
import { BadInput, problemsOfStack, withProp } from "../support/bad-input";
import { importedOtherRegistry } from "../support/fixtures";

// One bad value per argument of the generic grant, per prop of PolicyDocument and the CrossAccountPull and
// CiPushPrincipal props the access tables do not reach: each gives exactly its own problem, and nothing is thrown
// while building.

const ACCOUNT = "1234567890123456";
const grantWith =
  (...actions: unknown[]) =>
  (stack: TerraformStack) =>
    importedOtherRegistry(stack).grant(Grantee.fromRoleName(stack, "G", "ci"), ...(actions as string[]));
const pullWith = (prop: string, value: unknown) => (stack: TerraformStack) => {
  const props = {
    registry: importedOtherRegistry(stack),
    registryAccountProvider: stack.node.findChild("alicloud"),
    consumerAccountProvider: new AlicloudProvider(stack, "consumer", { alias: "consumer", region: "cn-beijing" }),
    consumerAccountId: "1111222233334444",
    registryAccountId: ACCOUNT,
    consumerRoleName: "worker",
    roleName: "puller",
  };
  new CrossAccountPull(stack, "X", withProp(props, prop, value) as never);
};
const STATEMENT = PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: ["*"] });
const documentWith = (prop: string, value: unknown) => () =>
  new PolicyDocument(withProp({ statements: [STATEMENT] }, prop, value) as never).validate();

const cases: BadInput[] = [
  {
    prop: "grant actions",
    bad: "not an action",
    build: grantWith("pull images"),
    problem:
      '[test/Other] grant.Statement[0].Action[0] = "pull images": must be <service>:<ActionName> ' +
      "(lower-case service; letters, digits, * or ? in the name) or *",
  },
  {
    prop: "grant actions",
    bad: "every action of the service",
    build: grantWith("cr:*"),
    problem: '[test/Other] actions = "cr:*": must name actions, not every action of a service: grant what is needed',
  },
  {
    prop: "grant actions",
    bad: "none",
    build: grantWith(),
    problem: "[test/Other] grant.Statement[0].Action = []: must list at least one action (or NotAction)",
  },
  {
    prop: "CrossAccountPull registry",
    bad: "a look-alike object",
    build: pullWith("registry", { instanceId: "cri-abc" }),
    problem: "[test/X] registry = (a plain object): must be an EnterpriseRegistry (new, or EnterpriseRegistry.from...)",
  },
  {
    prop: "CrossAccountPull registryAccountProvider",
    bad: "a look-alike object",
    build: pullWith("registryAccountProvider", { region: "cn-hangzhou" }),
    problem: "[test/X] registryAccountProvider = (a plain object): must be an AlicloudProvider construct",
  },
  {
    prop: "CrossAccountPull consumerRoleName",
    bad: "with a slash (the role's trust policy adds no follow-on)",
    build: pullWith("consumerRoleName", "a/b"),
    problem: '[test/X/ConsumerRole] roleName = "a/b": must be 1-64 characters of letters, digits, . and -',
  },
  {
    prop: "CiPushPrincipal user",
    bad: "a string",
    build: (stack) => {
      const namespace = importedOtherRegistry(stack).addNamespace("N", { name: "payments" });
      new CiPushPrincipal(stack, "X", { namespaces: [namespace], user: "ci" } as never);
    },
    problem: '[test/X] user = "ci": must be an object',
  },
];

const documentCases: [string, () => string[], string][] = [
  ["kind: unknown", documentWith("kind", "Trust"), 'PolicyDocument.kind = "Trust": must be one of permission, trust'],
  [
    "statements: one string, not a list",
    documentWith("statements", "cr:PullRepository"),
    'PolicyDocument.statements = "cr:PullRepository": must be a list',
  ],
  [
    "statements: a look-alike statement",
    documentWith("statements", [{ effect: "Allow", actions: ["cr:PullRepository"], resources: ["*"] }]),
    "PolicyDocument.statements[0] = (a plain object): must be a PolicyStatement (.allow or .deny)",
  ],
  ["maxLength: zero", documentWith("maxLength", 0), "PolicyDocument.maxLength = 0: must be an integer from 1 to 6144"],
];

describe("bad input to grants, policy documents and cross-account pulls", () => {
  test.each(cases)("$prop: $bad", ({ build, problem }) => {
    expect(problemsOfStack(build)).toEqual([problem]);
  });

  test.each(documentCases)("PolicyDocument %s", (_title, validate, problem) => {
    expect(validate()).toEqual([problem]);
  });
});
