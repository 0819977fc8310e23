import { EnterpriseRegistry } from "../../constructs";
import { ClusterPullAccess } from "../../constructs/patterns/cluster-pull-access";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { TerraformVariable } from "../../constructs/engine";
import { onlyResource, problemsOf, rendered, synthJson, testStack } from "../support/synth";
import { policyStatements, schemaErrors } from "../support/fixtures";

const ACCOUNT = "1234567890123456";

function setup() {
  const { app, stack } = testStack("cn-hangzhou");
  const prod = EnterpriseRegistry.fromInstanceAttributes(stack, "Prod", {
    instanceId: "cri-prod1",
    instanceName: "acme-prod",
    region: "cn-hangzhou",
    accountId: ACCOUNT,
  });
  const shared = EnterpriseRegistry.fromInstanceAttributes(stack, "Shared", {
    instanceId: "cri-shared1",
    instanceName: "acme-shared",
    region: "cn-shanghai",
    accountId: ACCOUNT,
  });
  return { app, stack, prod, shared };
}

describe("ClusterPullAccess", () => {
  test("workerRole: one policy on the worker role, token actions on *, pull narrowed to the instances", () => {
    const { app, stack, prod, shared } = setup();
    const access = new ClusterPullAccess(stack, "ClusterPull", {
      registries: [prod, shared],
      workerRoleName: "KubernetesWorkerRole-0a1b2c3d",
    });

    expect(access.tokenMode).toBe("workerRole");
    expect(access.managedRoleLookup).toBeUndefined();
    expect(access.grant?.actions).toEqual(["cr:GetAuthorizationToken", "cr:ListInstanceEndpoint", "cr:PullRepository"]);
    const json = synthJson(stack);
    const policy = onlyResource(json, "alicloud_ram_policy");
    expect(policy.policy_document).toBe(
      '{"Version":"1","Statement":[' +
        '{"Effect":"Allow","Action":["cr:GetAuthorizationToken","cr:ListInstanceEndpoint"],"Resource":["*"]},' +
        '{"Effect":"Allow","Action":["cr:PullRepository"],"Resource":[' +
        `"acs:cr:cn-hangzhou:${ACCOUNT}:repository/cri-prod1/*",` +
        `"acs:cr:cn-shanghai:${ACCOUNT}:repository/cri-shared1/*"]}]}`,
    );
    expect(policy.policy_name).toBe(access.grant?.policyName);
    // Named after the worker role, not the construct path.
    expect(policy.policy_name).toMatch(/^acr-role-KubernetesWorkerRole-0a1b2c3d-[0-9a-f]{8}$/);
    expect(policy.provider).toBeUndefined();
    expect(onlyResource(json, "alicloud_ram_role_policy_attachment")).toMatchObject({
      role_name: "KubernetesWorkerRole-0a1b2c3d",
      policy_type: "Custom",
    });
    expect(json.data).toBeUndefined();
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("a new instance without accountId: the ARN carries the instance id and the looked-up account", () => {
    const { app, stack } = testStack("cn-hangzhou");
    const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme", edition: "Basic" });
    new ClusterPullAccess(stack, "ClusterPull", { registries: [registry], workerRoleName: "KubernetesWorkerRole-x" });
    const json = synthJson(stack);
    const [instanceKey] = Object.keys(json.resource?.alicloud_cr_ee_instance ?? {});
    const [accountKey] = Object.keys(json.data?.alicloud_account ?? {});
    expect(rendered(stack, registry.accountId)).toBe(`\${data.alicloud_account.${accountKey}.id}`);
    const document = JSON.parse(onlyResource(json, "alicloud_ram_policy").policy_document as string);
    expect(document.Statement[1]).toEqual({
      Effect: "Allow",
      Action: ["cr:PullRepository"],
      Resource: [
        `acs:cr:cn-hangzhou:\${data.alicloud_account.${accountKey}.id}:repository/` +
          `\${alicloud_cr_ee_instance.${instanceKey}.id}/*`,
      ],
    });
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("the worker role name may be a token from the user's own cluster resource", () => {
    const { app, stack, prod } = setup();
    const workerRole = new TerraformVariable(stack, "worker_role_name", { type: "string" });
    new ClusterPullAccess(stack, "ClusterPull", { registries: [prod], workerRoleName: workerRole.stringValue });
    expect(onlyResource(synthJson(stack), "alicloud_ram_role_policy_attachment").role_name).toBe(
      "${var.worker_role_name}",
    );
    expect(problemsOf(app)).toEqual([]);
  });

  test("the policy and attachment are created with the cluster account's provider", () => {
    const { stack, prod } = setup();
    const cluster = new AlicloudProvider(stack, "cluster", { alias: "cluster", region: "cn-hangzhou" });
    new ClusterPullAccess(stack, "ClusterPull", {
      registries: [prod],
      workerRoleName: "KubernetesWorkerRole-x",
      provider: cluster,
    });
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_ram_policy").provider).toBe("alicloud.cluster");
    expect(onlyResource(json, "alicloud_ram_role_policy_attachment").provider).toBe("alicloud.cluster");
  });

  test("managedRole: no policy, a lookup of AliyunCSManagedAcrRole that fails plan when it is missing", () => {
    const { app, stack, prod } = setup();
    const access = new ClusterPullAccess(stack, "ClusterPull", { registries: [prod], tokenMode: "managedRole" });

    expect(access.tokenMode).toBe("managedRole");
    expect(access.grant).toBeUndefined();
    const json = synthJson(stack);
    expect(json.resource).toBeUndefined();
    const lookups = Object.values(json.data?.alicloud_ram_roles ?? {});
    expect(lookups).toHaveLength(1);
    const lookup = Object.fromEntries(Object.entries(lookups[0]).filter(([key]) => key !== "//"));
    expect(lookup).toEqual({
      name_regex: "^AliyunCSManagedAcrRole$",
      lifecycle: {
        postcondition: [
          {
            condition: "${length(self.roles) == 1}",
            error_message:
              "The ACK service role AliyunCSManagedAcrRole does not exist in this account, so " +
              'aliyun-acr-credential-helper with tokenMode "managedRole" cannot get registry tokens. ' +
              "Authorise the role for ACK with its quick-authorisation link (ACK console, or Alibaba's guide on " +
              'pulling images without a password), or use tokenMode "workerRole" with the worker role name.',
          },
        ],
      },
    });
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("bad inputs: missing or extra worker role, no registries, registries in two accounts, bad role name", () => {
    const { app, stack, prod } = setup();
    const other = EnterpriseRegistry.fromInstanceAttributes(stack, "Other", {
      instanceId: "cri-other1",
      instanceName: "other",
      region: "cn-hangzhou",
      accountId: "6543210987654321",
    });
    const noRole = new ClusterPullAccess(stack, "NoRole", { registries: [prod] });
    new ClusterPullAccess(stack, "Managed", {
      registries: [prod],
      tokenMode: "managedRole",
      workerRoleName: "KubernetesWorkerRole-x",
    });
    new ClusterPullAccess(stack, "Empty", { registries: [], workerRoleName: "KubernetesWorkerRole-x" });
    new ClusterPullAccess(stack, "TwoAccounts", { registries: [prod, other], workerRoleName: "worker" });
    new ClusterPullAccess(stack, "Twice", { registries: [prod, prod], workerRoleName: "worker" });
    new ClusterPullAccess(stack, "BadName", { registries: [prod], workerRoleName: "has space" });

    expect(noRole.grant).toBeUndefined();
    expect(problemsOf(app)).toEqual([
      '[test/NoRole] workerRoleName = (not set): is required with tokenMode "workerRole": ' +
        "the cluster's worker RAM role (KubernetesWorkerRole-...)",
      '[test/Managed] workerRoleName = "KubernetesWorkerRole-x": must not be set with tokenMode "managedRole": ' +
        "the credential helper uses AliyunCSManagedAcrRole, so no policy is attached to the worker role",
      "[test/Empty] registries = []: must list at least one registry",
      '[test/TwoAccounts] registries = ["test/Prod","test/Other"]: must all be in the cluster\'s account ' +
        "(found accounts 1234567890123456, 6543210987654321); use CrossAccountPull for a registry in another account",
      '[test/Twice] registries[1] = "test/Prod": is listed more than once',
      '[test/BadName/WorkerRole] roleName = "has space": must be 1-64 characters of letters, digits, . and -',
    ]);
  });

  test("no statement ever contains cr:*, and only the credential helper's token actions sit on *", () => {
    const { stack, prod, shared } = setup();
    new ClusterPullAccess(stack, "A", { registries: [prod], workerRoleName: "worker-a" });
    new ClusterPullAccess(stack, "B", { registries: [prod, shared], workerRoleName: "worker-b" });
    new ClusterPullAccess(stack, "C", { registries: [shared], tokenMode: "managedRole" });
    const all = policyStatements(synthJson(stack));
    expect(all).toHaveLength(4);
    for (const s of all) {
      expect(s.Action).not.toContain("cr:*");
      if (s.Resource.includes("*")) expect(s.Action).toEqual(["cr:GetAuthorizationToken", "cr:ListInstanceEndpoint"]);
      else expect(s.Action).toEqual(["cr:PullRepository"]);
    }
  });
});
