import { EnterpriseRegistry, Namespace } from "../../constructs";
import { Grantee } from "../../constructs/access/grantee";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { problemsOf, resourcesOf, synthJson, testStack, TerraformJson } from "../support/synth";
import { importedProdRegistry } from "../support/fixtures";

const ACCOUNT = "1234567890123456";

function setup() {
  const { app, stack, registry } = importedProdRegistry({ accountId: ACCOUNT });
  const ci = Grantee.fromRoleName(stack, "Ci", "ci-builder");
  return { app, stack, registry, ci };
}

function documents(json: TerraformJson): Record<string, unknown> {
  const byPath: Record<string, unknown> = {};
  for (const [path, policy] of Object.entries(resourcesOf(json, "alicloud_ram_policy"))) {
    byPath[path] = JSON.parse(policy.policy_document as string);
  }
  return byPath;
}

const token = { Effect: "Allow", Action: ["cr:GetAuthorizationToken"], Resource: ["*"] };

describe("grants on registries, namespaces and repositories", () => {
  test("grantPull on a repository: exact policy, attached to the role, returns what it added", () => {
    const { app, stack, registry, ci } = setup();
    const repo = registry.addNamespace("Web", { name: "web" }).addRepository("App", { name: "app" });
    const grant = repo.grantPull(ci);

    expect(grant.actions).toEqual(["cr:GetAuthorizationToken", "cr:PullRepository"]);
    expect(grant.repositoryArns).toEqual([`acs:cr:cn-hangzhou:${ACCOUNT}:repository/cri-prod1/web/app`]);
    expect(grant.grantee).toBe(ci);
    const json = synthJson(stack);
    const [policy] = Object.values(resourcesOf(json, "alicloud_ram_policy"));
    expect(policy.policy_document).toBe(
      '{"Version":"1","Statement":[' +
        '{"Effect":"Allow","Action":["cr:GetAuthorizationToken"],"Resource":["*"]},' +
        `{"Effect":"Allow","Action":["cr:PullRepository"],"Resource":["acs:cr:cn-hangzhou:${ACCOUNT}:repository/cri-prod1/web/app"]}]}`,
    );
    expect(policy.policy_name).toBe(grant.policyName);
    expect(grant.policyName).toMatch(/^acr-pull-Registry-Web-App-Ci-[0-9a-f]{8}$/);
    const [attachment] = Object.values(resourcesOf(json, "alicloud_ram_role_policy_attachment"));
    expect(attachment).toMatchObject({ role_name: "ci-builder", policy_type: "Custom" });
    expect(attachment.policy_name).toMatch(/^\$\{alicloud_ram_policy\.[\w-]+\.policy_name\}$/);
    expect(problemsOf(app)).toEqual([]);
  });

  test("the wildcard is exactly as wide as the scope asks: namespace /*, instance /*", () => {
    const { stack, registry, ci } = setup();
    const ns = registry.addNamespace("Payments", { name: "payments" });
    ns.grantPush(ci);
    registry.grantPullPush(Grantee.fromUserName(stack, "Auditor", "auditor"));
    expect(documents(synthJson(stack))).toEqual({
      "Registry/Payments/Grant-push-Ci/Policy": {
        Version: "1",
        Statement: [
          token,
          {
            Effect: "Allow",
            Action: ["cr:PushRepository"],
            Resource: [`acs:cr:cn-hangzhou:${ACCOUNT}:repository/cri-prod1/payments/*`],
          },
        ],
      },
      "Registry/Grant-pull-push-Auditor/Policy": {
        Version: "1",
        Statement: [
          token,
          {
            Effect: "Allow",
            Action: ["cr:PullRepository", "cr:PushRepository"],
            Resource: [`acs:cr:cn-hangzhou:${ACCOUNT}:repository/cri-prod1/*`],
          },
        ],
      },
    });
    expect(Object.values(resourcesOf(synthJson(stack), "alicloud_ram_user_policy_attachment"))).toHaveLength(1);
  });

  test("push into an auto-creating namespace may also create repositories; pull never does", () => {
    const { stack, registry, ci } = setup();
    const ns = registry.addNamespace("Sandbox", { name: "sandbox", autoCreateRepositories: true });
    expect(ns.grantPush(ci).actions).toEqual(["cr:CreateRepository", "cr:GetAuthorizationToken", "cr:PushRepository"]);
    expect(ns.grantPull(Grantee.fromGroupName(stack, "Devs", "developers")).actions).toEqual([
      "cr:GetAuthorizationToken",
      "cr:PullRepository",
    ]);
    expect(Object.values(resourcesOf(synthJson(stack), "alicloud_ram_group_policy_attachment"))).toMatchObject([
      { group_name: "developers", policy_type: "Custom" },
    ]);
  });

  test("no grant ever emits cr:* and only GetAuthorizationToken sits on *", () => {
    const { stack, registry, ci } = setup();
    const ns = registry.addNamespace("Payments", { name: "payments", autoCreateRepositories: true });
    const repo = ns.addRepository("Api", { name: "api" });
    for (const scope of [registry, ns, repo]) {
      scope.grantPull(ci);
      scope.grantPush(Grantee.fromRoleName(scope, "Pusher", "pusher"));
      scope.grantPullPush(Grantee.fromUserName(scope, "Both", "both"));
    }
    const statements = Object.values(documents(synthJson(stack))).flatMap(
      (d) => (d as { Statement: { Action: string[]; Resource: string[] }[] }).Statement,
    );
    expect(statements).toHaveLength(18);
    for (const s of statements) {
      expect(s.Action).not.toContain("cr:*");
      if (s.Resource.includes("*")) expect(s.Action).toEqual(["cr:GetAuthorizationToken"]);
    }
  });

  test("ARNs of a new instance carry the instance id token and the looked-up account id", () => {
    const { stack } = testStack("cn-hangzhou");
    const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme", edition: "Basic" });
    registry.grantPull(Grantee.fromRoleName(stack, "Ci", "ci"));
    const json = synthJson(stack);
    const [instanceKey] = Object.keys(json.resource?.alicloud_cr_ee_instance ?? {});
    const [accountKey] = Object.keys(json.data?.alicloud_account ?? {});
    const [policy] = Object.values(resourcesOf(json, "alicloud_ram_policy"));
    expect(JSON.parse(policy.policy_document as string).Statement[1].Resource).toEqual([
      `acs:cr:cn-hangzhou:\${data.alicloud_account.${accountKey}.id}:repository/\${alicloud_cr_ee_instance.${instanceKey}.id}/*`,
    ]);
  });

  test("without grants there is no account lookup", () => {
    const { stack } = testStack("cn-hangzhou");
    new EnterpriseRegistry(stack, "Registry", { instanceName: "acme", edition: "Basic" });
    expect(synthJson(stack).data).toBeUndefined();
  });

  test("a grantee in another account gets its policy created with that account's provider", () => {
    const { stack, registry } = setup();
    const other = new AlicloudProvider(stack, "other", { alias: "other", region: "cn-beijing" });
    registry.grantPull(Grantee.fromRoleName(stack, "Remote", "remote-puller", other));
    const json = synthJson(stack);
    expect(Object.values(resourcesOf(json, "alicloud_ram_policy"))[0].provider).toBe("alicloud.other");
    expect(Object.values(resourcesOf(json, "alicloud_ram_role_policy_attachment"))[0].provider).toBe("alicloud.other");
  });

  test("the same grant twice is refused; different access or grantee is fine", () => {
    const { app, stack, registry, ci } = setup();
    const ns = registry.addNamespace("Payments", { name: "payments" });
    ns.grantPull(ci);
    ns.grantPull(ci);
    ns.grantPush(ci);
    ns.grantPull(Grantee.fromRoleName(stack, "Other", "other"));
    expect(problemsOf(app)).toEqual([
      '[test/Registry/Payments/Grant-pull-Ci] grant = "pull to test/Ci": duplicate grant in the same scope (also used by test/Registry/Payments/Grant-pull-Ci-2)',
      '[test/Registry/Payments/Grant-pull-Ci-2] grant = "pull to test/Ci": duplicate grant in the same scope (also used by test/Registry/Payments/Grant-pull-Ci)',
    ]);
  });

  test("imported grantees are validated: role ARN shape and names", () => {
    const { app, stack, registry } = setup();
    registry.grantPull(Grantee.fromRoleArn(stack, "ByArn", "acs:ram::1234567890123456:role/worker-role"));
    registry.grantPull(Grantee.fromRoleArn(stack, "BadArn", "arn:aws:iam::123:role/x"));
    registry.grantPull(Grantee.fromRoleName(stack, "BadName", "has space"));
    const problems = problemsOf(app);
    expect(problems.filter((p) => p.startsWith("[test/ByArn]"))).toEqual([]);
    expect(problems.some((p) => p.startsWith('[test/BadArn] roleArn = "arn:aws:iam::123:role/x": '))).toBe(true);
    expect(problems).toContain(
      '[test/BadName] roleName = "has space": must be 1-64 characters of letters, digits, . and -',
    );
    const attachments = Object.values(resourcesOf(synthJson(stack), "alicloud_ram_role_policy_attachment"));
    expect(attachments.map((a) => a.role_name)).toContain("worker-role");
  });

  test("an imported namespace can be granted on", () => {
    const { app, stack, registry, ci } = setup();
    const legacy = Namespace.fromNamespaceName(stack, "Legacy", registry, "legacy");
    expect(legacy.grantPull(ci).repositoryArns).toEqual([
      `acs:cr:cn-hangzhou:${ACCOUNT}:repository/cri-prod1/legacy/*`,
    ]);
    expect(problemsOf(app)).toEqual([]);
    expect(Object.keys(resourcesOf(synthJson(stack), "alicloud_ram_policy"))).toEqual(["Legacy/Grant-pull-Ci/Policy"]);
  });
});
