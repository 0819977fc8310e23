import { EnterpriseRegistry, Namespace } from "../../constructs";
import { CrossAccountPull, CrossAccountPullProps } from "../../constructs/patterns/cross-account-pull";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { TerraformStack } from "../../constructs/engine";
import { onlyResource, problemsOf, rendered, resourcesOf, synthJson, testStack, TerraformJson } from "../support/synth";
import { importedProdRegistry, schemaErrors } from "../support/fixtures";

const REGISTRY_ACCOUNT = "1234567890123456"; // B, the default provider
const CONSUMER_ACCOUNT = "1111222233334444"; // A, the `consumer` alias
const WORKER_ROLE = "KubernetesWorkerRole-0a1b2c3d";

function providers(stack: TerraformStack) {
  const registryAccount = stack.node.findChild("alicloud") as AlicloudProvider;
  const consumer = new AlicloudProvider(stack, "consumer", {
    alias: "consumer",
    region: "cn-beijing",
    assumeRole: { roleArn: "acs:ram::1111222233334444:role/terraform", sessionName: "acr-platform" },
  });
  return { registryAccount, consumer };
}

/** Both providers, and the props every test starts from: `registry` pulled from A by the worker role. */
function pullSetup(stack: TerraformStack, registry: CrossAccountPullProps["registry"]) {
  const { registryAccount, consumer } = providers(stack);
  const base: CrossAccountPullProps = {
    registry,
    registryAccountProvider: registryAccount,
    consumerAccountProvider: consumer,
    consumerAccountId: CONSUMER_ACCOUNT,
    consumerRoleName: WORKER_ROLE,
    roleName: "acr-cross-puller",
  };
  return { registryAccount, consumer, base };
}

function setup() {
  const { app, stack, registry } = importedProdRegistry({ accountId: REGISTRY_ACCOUNT });
  return { app, stack, registry, ...pullSetup(stack, registry) };
}

function keyOf(json: TerraformJson, type: string, path: string): string {
  const entry = Object.entries(json.resource?.[type] ?? {}).find(
    ([, body]) => (body["//"] as { metadata: { path: string } }).metadata.path === `test/${path}`,
  );
  if (!entry) throw new Error(`no ${type} at ${path}`);
  return entry[0];
}

interface Statement {
  Action: string[];
  Resource?: string[];
}

const TRUST =
  '{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"RAM":' +
  `["acs:ram::${CONSUMER_ACCOUNT}:role/${WORKER_ROLE}"]},"Action":["sts:AssumeRole"]}]}`;

describe("CrossAccountPull", () => {
  test("two providers: role and pull policy in B, AssumeRole policy in A on exactly the role", () => {
    const { app, stack, base } = setup();
    const pull = new CrossAccountPull(stack, "CrossPull", base);

    expect(pull.assumeRoleArn).toBe(`acs:ram::${REGISTRY_ACCOUNT}:role/acr-cross-puller`);
    expect(pull.sessionDurationSeconds).toBe(3600);
    const json = synthJson(stack);
    expect(json.provider?.alicloud).toEqual([
      { region: "cn-hangzhou" },
      {
        alias: "consumer",
        region: "cn-beijing",
        assume_role: { role_arn: "acs:ram::1111222233334444:role/terraform", session_name: "acr-platform" },
      },
    ]);

    const role = onlyResource(json, "alicloud_ram_role");
    expect(role).toMatchObject({ role_name: "acr-cross-puller", max_session_duration: 3600, provider: "alicloud" });
    expect(role.assume_role_policy_document).toBe(TRUST);

    const policies = resourcesOf(json, "alicloud_ram_policy");
    // Each side's statements go into the default policy of the role that gets them.
    expect(Object.keys(policies).sort()).toEqual([
      "CrossPull/ConsumerRole/DefaultPolicy/Resource",
      "CrossPull/Role/DefaultPolicy/Resource",
    ]);
    const pullPolicy = policies["CrossPull/Role/DefaultPolicy/Resource"];
    expect(pull.pullGrant.policyName).toBe(pullPolicy.policy_name);
    expect(pullPolicy.provider).toBe("alicloud");
    expect(pullPolicy.policy_document).toBe(
      '{"Version":"1","Statement":[' +
        '{"Effect":"Allow","Action":["cr:GetAuthorizationToken","cr:ListInstanceEndpoint"],"Resource":["*"]},' +
        '{"Effect":"Allow","Action":["cr:PullRepository"],' +
        `"Resource":["acs:cr:cn-hangzhou:${REGISTRY_ACCOUNT}:repository/cri-prod1/*"]}]}`,
    );
    const assumePolicy = policies["CrossPull/ConsumerRole/DefaultPolicy/Resource"];
    const roleKey = keyOf(json, "alicloud_ram_role", "CrossPull/Role/Resource");
    expect(assumePolicy.provider).toBe("alicloud.consumer");
    // Both policies are named after their role, so renaming the construct moves them instead of replacing them.
    expect(assumePolicy.policy_name).toMatch(new RegExp(`^acr-role-${WORKER_ROLE}-[0-9a-f]{8}$`));
    expect(pullPolicy.policy_name).toMatch(/^acr-role-acr-cross-puller-[0-9a-f]{8}$/);
    const renamed = setup();
    const renamedJson = synthJson((new CrossAccountPull(renamed.stack, "PullRenamed", renamed.base), renamed.stack));
    const names = (j: typeof json) => Object.values(resourcesOf(j, "alicloud_ram_policy")).map((p) => p.policy_name);
    expect(names(renamedJson).sort()).toEqual(names(json).sort());
    expect(assumePolicy.policy_document).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole"],' +
        `"Resource":["\${alicloud_ram_role.${roleKey}.arn}"]}]}`,
    );

    const attachments = resourcesOf(json, "alicloud_ram_role_policy_attachment");
    const assumeKey = keyOf(json, "alicloud_ram_policy", "CrossPull/ConsumerRole/DefaultPolicy/Resource");
    // The role's attribute, so Terraform creates the role before attaching to it.
    expect(attachments["CrossPull/Role/DefaultPolicy/Attachment"]).toMatchObject({
      role_name: `\${alicloud_ram_role.${roleKey}.role_name}`,
      provider: "alicloud",
    });
    expect(attachments["CrossPull/ConsumerRole/DefaultPolicy/Attachment"]).toMatchObject({
      role_name: WORKER_ROLE,
      policy_type: "Custom",
      provider: "alicloud.consumer",
      policy_name: `\${alicloud_ram_policy.${assumeKey}.policy_name}`,
    });
    expect(json.data).toBeUndefined();
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("a new registry without accountId: ARNs use the looked-up account, assumeRoleArn is the role's arn", () => {
    const { app, stack } = testStack("cn-hangzhou");
    const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme", edition: "Basic" });
    const pull = new CrossAccountPull(stack, "CrossPull", pullSetup(stack, registry).base);
    const json = synthJson(stack);
    const [accountKey] = Object.keys(json.data?.alicloud_account ?? {});
    const instanceKey = keyOf(json, "alicloud_cr_ee_instance", "Registry/Resource");
    const roleKey = keyOf(json, "alicloud_ram_role", "CrossPull/Role/Resource");
    expect(rendered(stack, registry.accountId)).toBe(`\${data.alicloud_account.${accountKey}.id}`);
    expect(rendered(stack, pull.assumeRoleArn)).toBe(`\${alicloud_ram_role.${roleKey}.arn}`);
    const document = JSON.parse(
      resourcesOf(json, "alicloud_ram_policy")["CrossPull/Role/DefaultPolicy/Resource"].policy_document as string,
    );
    expect(document.Statement[1].Resource).toEqual([
      `acs:cr:cn-hangzhou:\${data.alicloud_account.${accountKey}.id}:repository/` +
        `\${alicloud_cr_ee_instance.${instanceKey}.id}/*`,
    ]);
    // The account lookup runs with B's provider: the default one here.
    expect(json.data?.alicloud_account?.[accountKey].provider).toBeUndefined();
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("narrowed to namespaces, with a longer session", () => {
    const { app, stack, registry, base } = setup();
    const payments = registry.addNamespace("Payments", { name: "payments" });
    const legacy = Namespace.fromNamespaceName(stack, "Legacy", registry, "legacy");
    const pull = new CrossAccountPull(stack, "CrossPull", {
      ...base,
      namespaces: [payments, legacy],
      maxSessionDurationSeconds: 43200,
    });
    expect(pull.sessionDurationSeconds).toBe(43200);
    expect(pull.role.maxSessionDurationSeconds).toBe(43200);
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_ram_role").max_session_duration).toBe(43200);
    expect(resourcesOf(json, "alicloud_ram_policy")["CrossPull/Role/DefaultPolicy/Resource"].policy_document).toBe(
      '{"Version":"1","Statement":[' +
        '{"Effect":"Allow","Action":["cr:GetAuthorizationToken","cr:ListInstanceEndpoint"],"Resource":["*"]},' +
        '{"Effect":"Allow","Action":["cr:PullRepository"],"Resource":[' +
        `"acs:cr:cn-hangzhou:${REGISTRY_ACCOUNT}:repository/cri-prod1/legacy/*",` +
        `"acs:cr:cn-hangzhou:${REGISTRY_ACCOUNT}:repository/cri-prod1/payments/*"]}]}`,
    );
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("bad account ids, session out of range, bad role names", () => {
    const { app, stack, base } = setup();
    new CrossAccountPull(stack, "ShortId", { ...base, consumerAccountId: "12345", registryAccountId: "99" });
    new CrossAccountPull(stack, "TooShort", { ...base, roleName: "short-session", maxSessionDurationSeconds: 600 });
    new CrossAccountPull(stack, "TooLong", { ...base, roleName: "long-session", maxSessionDurationSeconds: 43201 });
    new CrossAccountPull(stack, "BadNames", { ...base, consumerRoleName: "has space", roleName: "bad/name" });
    expect(problemsOf(app)).toEqual([
      '[test/ShortId] consumerAccountId = "12345": must be the 16-digit account UID',
      '[test/ShortId] registryAccountId = "99": must be the 16-digit account UID',
      "[test/TooShort/Role] maxSessionDurationSeconds = 600: must be an integer from 3600 to 43200",
      "[test/TooLong/Role] maxSessionDurationSeconds = 43201: must be an integer from 3600 to 43200",
      '[test/BadNames/Role] roleName = "bad/name": must be 1-64 characters of letters, digits, . and -',
      '[test/BadNames/ConsumerRole] roleName = "has space": must be 1-64 characters of letters, digits, . and -',
    ]);
  });

  test("one account on both sides is refused: same provider, or the same literal account id", () => {
    const { app, stack, base, registryAccount } = setup();
    new CrossAccountPull(stack, "SameProvider", { ...base, consumerAccountProvider: registryAccount });
    new CrossAccountPull(stack, "SameAccount", { ...base, roleName: "other", consumerAccountId: REGISTRY_ACCOUNT });
    expect(problemsOf(app)).toEqual([
      '[test/SameProvider] consumerAccountProvider = "alicloud": is the same provider as registryAccountProvider, ' +
        "so both sides are one account; use ClusterPullAccess for a same-account pull",
      `[test/SameAccount] consumerAccountId = "${REGISTRY_ACCOUNT}": is the registry's account too; ` +
        "use ClusterPullAccess for a same-account pull",
    ]);
  });

  test("namespaces must be of the registry, and not an empty list", () => {
    const { app, stack, base } = setup();
    const other = EnterpriseRegistry.fromInstanceAttributes(stack, "Other", {
      instanceId: "cri-other1",
      instanceName: "other",
      region: "cn-hangzhou",
      accountId: REGISTRY_ACCOUNT,
    });
    const foreign = Namespace.fromNamespaceName(stack, "ForeignNs", other, "foreign");
    new CrossAccountPull(stack, "Foreign", { ...base, roleName: "a", namespaces: [foreign] });
    new CrossAccountPull(stack, "Empty", { ...base, roleName: "b", namespaces: [] });
    expect(problemsOf(app)).toEqual([
      '[test/Foreign] namespaces[0] = "test/ForeignNs": must be a namespace of test/Registry',
      // No follow-on from the grant it would have made.
      "[test/Empty] namespaces = []: must list at least one namespace when set (omit it for the whole instance)",
    ]);
  });

  test("too many namespaces: the pull policy exceeds RAM's 6,144 characters and names the big statement", () => {
    const { app, stack, registry, base } = setup();
    const namespaces = Array.from({ length: 90 }, (_, i) =>
      Namespace.fromNamespaceName(stack, `Ns${i}`, registry, `team-${String(i).padStart(2, "0")}-service-images`),
    );
    new CrossAccountPull(stack, "CrossPull", { ...base, namespaces });
    expect(problemsOf(app)).toEqual([
      "[test/CrossPull/Role/DefaultPolicy] policy.PolicyDocument.length = 7752: must be at most 6144 characters; " +
        "largest statements: rendered #1 (Allow cr:PullRepository on 90 resource(s), from Statement[1]): " +
        "7622 characters (98%); rendered #0 (Allow cr:GetAuthorizationToken +1 on 1 resource(s), from " +
        "Statement[0]): 99 characters (1%)",
    ]);
  });

  test("no statement ever contains cr:*; only token actions sit on *; AssumeRole never on *", () => {
    const { stack, registry, base } = setup();
    new CrossAccountPull(stack, "Whole", base);
    new CrossAccountPull(stack, "Narrow", {
      ...base,
      roleName: "narrow",
      namespaces: [registry.addNamespace("Web", { name: "web" })],
    });
    const json = synthJson(stack);
    const all = Object.values(resourcesOf(json, "alicloud_ram_policy")).flatMap(
      (p) => (JSON.parse(p.policy_document as string) as { Statement: Statement[] }).Statement,
    );
    // Two roles in B with two statements each; A's one consumer role gets one AssumeRole statement on both roles.
    expect(all).toHaveLength(5);
    for (const s of all) {
      expect(s.Action).not.toContain("cr:*");
      if (s.Resource?.includes("*")) expect(s.Action).toEqual(["cr:GetAuthorizationToken", "cr:ListInstanceEndpoint"]);
      if (s.Action.includes("sts:AssumeRole")) {
        expect([...(s.Resource ?? [])].sort()).toEqual([
          expect.stringMatching(/^\$\{alicloud_ram_role\.Narrow_Role_\w+\.arn\}$/),
          expect.stringMatching(/^\$\{alicloud_ram_role\.Whole_Role_\w+\.arn\}$/),
        ]);
      }
    }
    for (const role of Object.values(resourcesOf(json, "alicloud_ram_role"))) {
      expect(role.assume_role_policy_document).not.toContain(":root");
    }
  });
});
