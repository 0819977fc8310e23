import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { ClusterPullAccess, EnterpriseRegistry, Grantee, PolicyDocument, PolicyStatement } from "../../constructs";
import { CiPushPrincipal } from "../../constructs/patterns/ci-push-principal";
import { RamRole } from "../../constructs/access/ram-role";
import { RamUser } from "../../constructs/access/ram-user";
import { TerraformStack, TerraformVariable } from "../../constructs/engine";
import { Construct } from "constructs";
import { RamRolePolicyAttachment } from "../../.gen/providers/alicloud/ram-role-policy-attachment";
import { BadInput, problemsOfStack, withProp } from "../support/bad-input";
import { problemsOf, synthJson, testStack } from "../support/synth";

// One bad value per public prop of the access constructs; each must give exactly its own problem.

const ACCOUNT = "1234567890123456";
const TRUST = PolicyDocument.trust(
  PolicyStatement.allow({ actions: ["sts:AssumeRole"], principal: { RAM: [`acs:ram::${ACCOUNT}:role/runner`] } }),
);
const registryOf = (stack: TerraformStack) =>
  EnterpriseRegistry.fromInstanceAttributes(stack, "Reg", {
    instanceId: "cri-abc",
    instanceName: "acme",
    region: "cn-hangzhou",
    accountId: ACCOUNT,
  });
const roleWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new RamRole(stack, "X", withProp({ roleName: "ci", trustPolicy: TRUST }, prop, value));
const userWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new RamUser(stack, "X", withProp({ userName: "ci" }, prop, value));
const clusterWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new ClusterPullAccess(
    stack,
    "X",
    withProp({ registries: [registryOf(stack)], workerRoleName: "KubernetesWorkerRole-1" }, prop, value),
  );
const ciWith = (prop: string, value: unknown) => (stack: TerraformStack) => {
  const namespace = registryOf(stack).addNamespace("Payments", { name: "payments" });
  const props = {
    namespaces: [namespace],
    role: { roleName: "ci", trustedPrincipalArns: [`acs:ram::${ACCOUNT}:user/runner`] },
  };
  new CiPushPrincipal(stack, "X", withProp(props, prop, value) as never);
};
const ciRoleWith = (prop: string, value: unknown) =>
  ciWith("role", withProp({ roleName: "ci", trustedPrincipalArns: [`acs:ram::${ACCOUNT}:user/runner`] }, prop, value));

const cases: BadInput[] = [
  {
    prop: "Grantee.fromRoleName roleName",
    bad: "with a slash",
    build: (s) => Grantee.fromRoleName(s, "X", "team/ci"),
    problem: '[test/X] roleName = "team/ci": must be 1-64 characters of letters, digits, . and -',
  },
  {
    prop: "Grantee.fromRoleName provider",
    bad: "a string",
    build: (s) => Grantee.fromRoleName(s, "X", "ci", "alicloud" as never),
    problem: "[test/X] provider = (a string): must be an AlicloudProvider construct",
  },
  {
    prop: "Grantee.fromRoleArn roleArn",
    bad: "a token (use fromRoleName)",
    build: (s) => Grantee.fromRoleArn(s, "X", new TerraformVariable(s, "arn", { type: "string" }).stringValue),
    problem:
      "[test/X] roleArn = (an unresolved token): is a token, so the role name cannot be read from it: use Grantee.fromRoleName with the role's name",
  },
  {
    prop: "Grantee.fromRoleArn roleArn",
    bad: "a user ARN",
    build: (s) => Grantee.fromRoleArn(s, "X", `acs:ram::${ACCOUNT}:user/ci`),
    problem: `[test/X] roleArn = "acs:ram::${ACCOUNT}:user/ci": resource must start with 'role' (expected acs:ram::<uid>:role/<roleName>)`,
  },
  {
    prop: "Grantee.fromUserName userName",
    bad: "missing",
    build: (s) => Grantee.fromUserName(s, "X", undefined as never),
    problem: "[test/X] userName = (not set): is required",
  },
  {
    prop: "Grantee.fromGroupName groupName",
    bad: "with a space",
    build: (s) => Grantee.fromGroupName(s, "X", "ci team"),
    problem: '[test/X] groupName = "ci team": must be 1-64 characters of letters, digits, . _ and -',
  },
  {
    prop: "RamRole roleName",
    bad: "missing",
    build: roleWith("roleName", undefined),
    problem: "[test/X] roleName = (not set): is required",
  },
  {
    prop: "RamRole trustPolicy",
    bad: "a JSON string",
    build: roleWith("trustPolicy", "{}"),
    problem: "[test/X] trustPolicy = (a string): must be a PolicyDocument",
  },
  {
    prop: "RamRole trustPolicy",
    bad: "a permission document",
    build: roleWith(
      "trustPolicy",
      PolicyDocument.permission(PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: ["*"] })),
    ),
    problem: '[test/X] trustPolicy = "permission": must be a trust document (PolicyDocument.trust)',
  },
  {
    prop: "RamRole maxSessionDurationSeconds",
    bad: "below 3600",
    build: roleWith("maxSessionDurationSeconds", 60),
    problem: "[test/X] maxSessionDurationSeconds = 60: must be an integer from 3600 to 43200",
  },
  {
    prop: "RamRole description",
    bad: "a number",
    build: roleWith("description", 1),
    problem: "[test/X] description = 1: must be a string",
  },
  {
    prop: "RamRole provider",
    bad: "a plain object",
    build: roleWith("provider", { region: "cn-hangzhou" }),
    problem: "[test/X] provider = (a plain object): must be an AlicloudProvider construct",
  },
  {
    prop: "RamUser userName",
    bad: "a number",
    build: userWith("userName", 7),
    problem: "[test/X] userName = 7: must be a string",
  },
  {
    prop: "RamUser displayName",
    bad: "a number",
    build: userWith("displayName", 7),
    problem: "[test/X] displayName = 7: must be a string",
  },
  {
    prop: "RamUser comments",
    bad: "too long",
    build: userWith("comments", "c".repeat(129)),
    problem: `[test/X] comments = "${"c".repeat(129)}": must be 0 to 128 characters long (alicloud_ram_user.comments)`,
  },
  {
    prop: "RamUser provider",
    bad: "a string",
    build: userWith("provider", "alicloud.other"),
    problem: "[test/X] provider = (a string): must be an AlicloudProvider construct",
  },
  {
    prop: "ClusterPullAccess registries",
    bad: "missing",
    build: clusterWith("registries", undefined),
    problem: "[test/X] registries = (not set): is required",
  },
  {
    prop: "ClusterPullAccess registries[]",
    bad: "an instance id",
    build: clusterWith("registries", ["cri-abc"]),
    problem: "[test/X] registries[0] = (a string): must be an EnterpriseRegistry (new, or EnterpriseRegistry.from...)",
  },
  {
    prop: "ClusterPullAccess workerRoleName",
    bad: "with a slash",
    build: clusterWith("workerRoleName", "a/b"),
    problem: '[test/X/WorkerRole] roleName = "a/b": must be 1-64 characters of letters, digits, . and -',
  },
  {
    prop: "ClusterPullAccess tokenMode",
    bad: "unknown",
    build: clusterWith("tokenMode", "auto"),
    problem: '[test/X] tokenMode = "auto": must be "workerRole" or "managedRole"',
  },
  {
    prop: "ClusterPullAccess provider",
    bad: "a string",
    build: clusterWith("provider", "alicloud"),
    problem: "[test/X] provider = (a string): must be an AlicloudProvider construct",
  },
  {
    prop: "CiPushPrincipal namespaces",
    bad: "missing",
    build: ciWith("namespaces", undefined),
    problem: "[test/X] namespaces = (not set): is required",
  },
  {
    prop: "CiPushPrincipal namespaces[]",
    bad: "a namespace name",
    build: ciWith("namespaces", ["payments"]),
    problem:
      "[test/X] namespaces[0] = (a string): must be a Namespace (registry.addNamespace or Namespace.fromNamespaceName)",
  },
  {
    prop: "CiPushPrincipal provider",
    bad: "a string",
    build: ciWith("provider", "alicloud"),
    problem: "[test/X] provider = (a string): must be an AlicloudProvider construct",
  },
  {
    prop: "CiPushPrincipal role",
    bad: "a string",
    build: ciWith("role", "ci"),
    problem: '[test/X] role = "ci": must be an object',
  },
  {
    prop: "CiPushPrincipal role.roleName",
    bad: "missing",
    build: ciRoleWith("roleName", undefined),
    problem: "[test/X/Role] roleName = (not set): is required",
  },
  {
    prop: "CiPushPrincipal role.trustedPrincipalArns",
    bad: "a string",
    build: ciRoleWith("trustedPrincipalArns", `acs:ram::${ACCOUNT}:user/runner`),
    problem: `[test/X] role.trustedPrincipalArns = "acs:ram::${ACCOUNT}:user/runner": must be a list`,
  },
  {
    prop: "CiPushPrincipal role.trustedPrincipalArns[]",
    bad: "an account root",
    build: ciRoleWith("trustedPrincipalArns", [`acs:ram::${ACCOUNT}:root`]),
    problem: `[test/X] role.trustedPrincipalArns[0] = "acs:ram::${ACCOUNT}:root": must be one of acs:ram::<uid>:role/<roleName>, acs:ram::<uid>:user/<userName>: trust the CI runner's own RAM user or role, not a whole account`,
  },
  {
    prop: "CiPushPrincipal role.trustedPrincipalArns",
    bad: "missing",
    build: ciRoleWith("trustedPrincipalArns", undefined),
    problem: "[test/X] role.trustedPrincipalArns = (not set): is required",
  },
  {
    prop: "CiPushPrincipal role.trustedPrincipalArns",
    bad: "a list token (it is spliced into JSON)",
    build: (s) =>
      ciRoleWith("trustedPrincipalArns", new TerraformVariable(s, "arns", { type: "list(string)" }).listValue)(s),
    problem:
      "[test/X] role.trustedPrincipalArns = (an unresolved token): must be a list written out (its items may be tokens): it is spliced into the role's trust policy JSON",
  },
  {
    prop: "CiPushPrincipal role.maxSessionDurationSeconds",
    bad: "above 43200",
    build: ciRoleWith("maxSessionDurationSeconds", 86400),
    problem: "[test/X/Role] maxSessionDurationSeconds = 86400: must be an integer from 3600 to 43200",
  },
];

describe("bad input to the access constructs", () => {
  test.each(cases)("$prop: $bad", ({ build, problem }) => {
    expect(problemsOfStack(build)).toEqual([problem]);
  });

  test("CiPushPrincipal user.userName: with a slash", () => {
    const problems = problemsOfStack((stack) => {
      const namespace = registryOf(stack).addNamespace("Payments", { name: "payments" });
      new CiPushPrincipal(stack, "X", { namespaces: [namespace], user: { userName: "ci/bot" } });
    });
    expect(problems).toEqual([
      '[test/X/User] userName = "ci/bot": must be 1-64 characters of letters, digits, . _ and -',
    ]);
  });

  test("grantPull/grantPush/grantPullPush grantee: a look-alike object gets no policy attachment", () => {
    const { app, stack } = testStack();
    // It would attach the policy to the role "admin" if a grant trusted its shape.
    const lookAlike = {
      granteeKind: "role",
      granteeName: "admin",
      attachCustomPolicy: (scope: Construct, id: string, policyName: string) =>
        new RamRolePolicyAttachment(scope, id, { roleName: "admin", policyName, policyType: "Custom" }),
    };
    registryOf(stack).grantPull(lookAlike as never);
    expect(synthJson(stack).resource?.alicloud_ram_role_policy_attachment).toBeUndefined();
    expect(problemsOf(app)).toEqual([
      '[test/Reg] grantee = {"granteeKind":"role","granteeName":"admin"}: must be a Grantee.from...(), RamRole or RamUser',
    ]);
  });

  test("a provider prop that is not a provider never reaches a resource (synthesis would break on it)", () => {
    const problems = problemsOfStack((stack) => {
      new AlicloudProvider(stack, "other", { alias: "other", region: "cn-beijing" });
      new RamUser(stack, "X", { userName: "ci", provider: { alias: "other" } as never });
    });
    expect(problems).toEqual(["[test/X] provider = (a plain object): must be an AlicloudProvider construct"]);
  });
});
