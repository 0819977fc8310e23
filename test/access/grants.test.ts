import { EnterpriseRegistry, MAX_POLICY_DOCUMENT_LENGTH, Namespace } from "../../constructs";
import { addGrant } from "../../constructs/access/grant";
import { Grantee } from "../../constructs/access/grantee";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { problemsOf, resourcesOf, synthJson, testStack, TerraformJson } from "../support/synth";
import { importedProdRegistry, schemaErrors } from "../support/fixtures";

const ACCOUNT = "1234567890123456";
const ARN = `acs:cr:cn-hangzhou:${ACCOUNT}:repository/cri-prod1`;

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
    expect(grant.resourceArns).toEqual([`${ARN}/web/app`]);
    expect(grant.grantee).toBe(ci);
    expect(grant.policy?.grants).toEqual([grant]);
    const json = synthJson(stack);
    const [policy] = Object.values(resourcesOf(json, "alicloud_ram_policy"));
    expect(policy.policy_document).toBe(
      '{"Version":"1","Statement":[' +
        '{"Effect":"Allow","Action":["cr:GetAuthorizationToken"],"Resource":["*"]},' +
        `{"Effect":"Allow","Action":["cr:PullRepository"],"Resource":["${ARN}/web/app"]}]}`,
    );
    expect(policy.policy_name).toBe(grant.policyName);
    // From the role's name, not the construct path.
    expect(grant.policyName).toMatch(/^acr-role-ci-builder-[0-9a-f]{8}$/);
    expect(policy.lifecycle).toEqual({ create_before_destroy: true });
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
      "Ci/DefaultPolicy/Resource": {
        Version: "1",
        Statement: [token, { Effect: "Allow", Action: ["cr:PushRepository"], Resource: [`${ARN}/payments/*`] }],
      },
      "Auditor/DefaultPolicy/Resource": {
        Version: "1",
        Statement: [
          token,
          { Effect: "Allow", Action: ["cr:PullRepository", "cr:PushRepository"], Resource: [`${ARN}/*`] },
        ],
      },
    });
    expect(Object.values(resourcesOf(synthJson(stack), "alicloud_ram_user_policy_attachment"))).toHaveLength(1);
  });

  test("15 single-repository grants to one role: one policy, one attachment, merged statements", () => {
    const { app, stack, registry, ci } = setup();
    const ns = registry.addNamespace("Payments", { name: "payments" });
    const grants = Array.from({ length: 15 }, (_, i) =>
      ns.addRepository(`Repo${i}`, { name: `service-${String(i).padStart(2, "0")}` }).grantPull(ci),
    );
    const json = synthJson(stack);
    expect(Object.keys(resourcesOf(json, "alicloud_ram_policy"))).toEqual(["Ci/DefaultPolicy/Resource"]);
    expect(Object.keys(resourcesOf(json, "alicloud_ram_role_policy_attachment"))).toEqual([
      "Ci/DefaultPolicy/Attachment",
    ]);
    expect(new Set(grants.map((g) => g.policy))).toEqual(new Set([grants[0].policy]));
    const [document] = Object.values(documents(json)) as { Statement: { Resource: string[] }[] }[];
    expect(document.Statement).toHaveLength(2);
    expect(document.Statement[1].Resource).toEqual(
      Array.from({ length: 15 }, (_, i) => `${ARN}/payments/service-${String(i).padStart(2, "0")}`),
    );
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("grants of one identity from several constructs share its default policy", () => {
    const { stack, registry, ci } = setup();
    registry.addNamespace("Web", { name: "web" }).grantPull(ci);
    // Another construct for the same role: the same identity in RAM.
    registry.addNamespace("Api", { name: "api" }).grantPush(Grantee.fromRoleName(stack, "AlsoCi", "ci-builder"));
    expect(documents(synthJson(stack))).toEqual({
      "Ci/DefaultPolicy/Resource": {
        Version: "1",
        Statement: [
          token,
          { Effect: "Allow", Action: ["cr:PullRepository"], Resource: [`${ARN}/web/*`] },
          { Effect: "Allow", Action: ["cr:PushRepository"], Resource: [`${ARN}/api/*`] },
        ],
      },
    });
  });

  test("statements spill into a second policy before a document exceeds 6,144 characters", () => {
    const { app, stack, registry, ci } = setup();
    const ns = Namespace.fromNamespaceName(stack, "Big", registry, "big");
    // Each repository ARN is about 80 characters: 100 of them cannot share one document.
    const grants = Array.from({ length: 100 }, (_, i) =>
      ns.repository(`a-rather-long-repository-name-${String(i).padStart(3, "0")}`).grantPull(ci),
    );
    const json = synthJson(stack);
    const policies = resourcesOf(json, "alicloud_ram_policy");
    expect(Object.keys(policies)).toEqual(["Ci/DefaultPolicy/Resource", "Ci/DefaultPolicy2/Resource"]);
    for (const policy of Object.values(policies)) {
      expect((policy.policy_document as string).length).toBeLessThanOrEqual(MAX_POLICY_DOCUMENT_LENGTH);
    }
    expect(policies["Ci/DefaultPolicy2/Resource"].policy_name).toMatch(/^acr-role-ci-builder-2-[0-9a-f]{8}$/);
    expect(grants[0].policy?.index).toBe(1);
    expect(grants[99].policy?.index).toBe(2);
    expect(Object.keys(resourcesOf(json, "alicloud_ram_role_policy_attachment"))).toHaveLength(2);
    expect(problemsOf(app)).toEqual([]);
  });

  test("more than 10 custom policies on one identity is a synth-time error naming the identity and its grants", () => {
    const { app, stack, registry, ci } = setup();
    // Eleven namespace grants of 70 repositories each: no two fit in one 6,144-character document.
    for (let n = 0; n < 11; n++) {
      const ns = Namespace.fromNamespaceName(stack, `Team${n}`, registry, `team-${n}`);
      const arns = Array.from({ length: 70 }, (_, i) => ns.repository(`service-${i}`).repositoryArns[0]);
      addGrant(ns, { grantee: ci, actions: ["cr:PullRepository"], resourceArns: arns });
    }
    // And one attachment made directly to the same role.
    Grantee.fromRoleName(stack, "SameRole", "ci-builder").attachCustomPolicy(stack, "Direct", "team-policy");
    expect(Object.keys(resourcesOf(synthJson(stack), "alicloud_ram_policy"))).toHaveLength(11);
    const policy = (n: number) =>
      `acr-role-ci-builder${n > 1 ? `-${n}` : ""}-[0-9a-f]{8} \\(cr:PullRepository on test/Team${n - 1}\\)`;
    expect(problemsOf(app)).toEqual([
      expect.stringMatching(
        new RegExp(
          '^\\[test/Ci/DefaultPolicy\\] grants = "12 custom policies": RAM attaches at most 10 custom policies to one ' +
            `identity, and this code attaches 12 to role "ci-builder": ${Array.from({ length: 11 }, (_, i) => policy(i + 1)).join("; ")}; ` +
            "test/Direct \\(attached directly\\); grant on wider scopes",
        ),
      ),
    ]);
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

  test("grant(grantee, ...actions): exactly the actions asked for; all-resources-only actions on *", () => {
    const { app, stack, registry, ci } = setup();
    const repo = registry.addNamespace("Web", { name: "web" }).addRepository("App", { name: "app" });
    const grant = repo.grant(ci, "cr:GetRepository", "cr:GetAuthorizationToken", "cr:ListRepositoryTag");
    expect(grant.actions).toEqual(["cr:GetAuthorizationToken", "cr:GetRepository", "cr:ListRepositoryTag"]);
    expect(documents(synthJson(stack))["Ci/DefaultPolicy/Resource"]).toEqual({
      Version: "1",
      Statement: [
        token,
        { Effect: "Allow", Action: ["cr:GetRepository", "cr:ListRepositoryTag"], Resource: [`${ARN}/web/app`] },
      ],
    });
    registry.grant(ci, "cr:*");
    expect(problemsOf(app)).toEqual([
      '[test/Registry] actions = "cr:*": must name actions, not every action of a service: grant what is needed',
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
    // The same name in the default account is another identity, with a policy of its own.
    registry.grantPull(Grantee.fromRoleName(stack, "Local", "remote-puller"));
    const json = synthJson(stack);
    const policies = resourcesOf(json, "alicloud_ram_policy");
    expect(policies["Remote/DefaultPolicy/Resource"].provider).toBe("alicloud.other");
    expect(policies["Local/DefaultPolicy/Resource"].provider).toBeUndefined();
    expect(policies["Remote/DefaultPolicy/Resource"].policy_name).not.toBe(
      policies["Local/DefaultPolicy/Resource"].policy_name,
    );
    expect(resourcesOf(json, "alicloud_ram_role_policy_attachment")["Remote/DefaultPolicy/Attachment"].provider).toBe(
      "alicloud.other",
    );
  });

  test("the policy name survives renaming constructs (it is ForceNew); another stack gets another name", () => {
    const names = (registryId: string, stackName = "test") => {
      const { stack } = testStack("cn-hangzhou", stackName);
      const registry = EnterpriseRegistry.fromInstanceAttributes(stack, registryId, {
        instanceId: "cri-prod1",
        instanceName: "acme-prod",
        region: "cn-hangzhou",
        accountId: ACCOUNT,
      });
      registry.grantPull(Grantee.fromRoleName(stack, `${registryId}Ci`, "ci-builder"));
      return Object.values(resourcesOf(synthJson(stack), "alicloud_ram_policy")).map((p) => p.policy_name);
    };
    expect(names("Registry")).toEqual(names("Renamed"));
    expect(names("Registry", "other-stack")).not.toEqual(names("Registry"));
  });

  test("the earlier layout's policy and attachment of a grant move into the default policy (moved blocks)", () => {
    const { stack, registry, ci } = setup();
    const ns = registry.addNamespace("Payments", { name: "payments" });
    // A grant the earlier layout did not have comes first; the one it had still takes over its state.
    ns.grant(ci, "cr:GetRepository");
    ns.grantPull(ci);
    ns.grantPush(ci);
    const json = synthJson(stack);
    const [policy] = Object.keys(json.resource?.alicloud_ram_policy ?? {});
    const [attachment] = Object.keys(json.resource?.alicloud_ram_role_policy_attachment ?? {});
    // The addresses cdktf gave the one-policy-per-grant layout's Registry/Payments/Grant-pull-Ci/{Policy,Attachment}.
    expect(json.moved).toEqual([
      {
        from: expect.stringMatching(/^alicloud_ram_policy\.Registry_Payments_Grant-pull-Ci_Policy_[0-9A-F]{8}$/),
        to: `alicloud_ram_policy.${policy}`,
      },
      {
        from: expect.stringMatching(
          /^alicloud_ram_role_policy_attachment\.Registry_Payments_Grant-pull-Ci_Attachment_[0-9A-F]{8}$/,
        ),
        to: `alicloud_ram_role_policy_attachment.${attachment}`,
      },
    ]);
  });

  test("the same grant twice is refused; different access or grantee is fine", () => {
    const { app, stack, registry, ci } = setup();
    const ns = registry.addNamespace("Payments", { name: "payments" });
    ns.grantPull(ci);
    ns.grantPull(ci);
    ns.grantPush(ci);
    ns.grantPull(Grantee.fromRoleName(stack, "Other", "other"));
    expect(problemsOf(app)).toEqual([
      '[test/Registry/Payments] grant = "cr:GetAuthorizationToken, cr:PullRepository": is made twice on this scope ' +
        'to role "ci-builder" (same resources)',
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
    expect(legacy.grantPull(ci).resourceArns).toEqual([`${ARN}/legacy/*`]);
    expect(problemsOf(app)).toEqual([]);
    expect(Object.keys(resourcesOf(synthJson(stack), "alicloud_ram_policy"))).toEqual(["Ci/DefaultPolicy/Resource"]);
  });
});
