import { Namespace } from "../../constructs";
import { CiPushPrincipal, CiPushPrincipalProps } from "../../constructs/patterns/ci-push-principal";
import { RamRole } from "../../constructs/access/ram-role";
import { RamUser } from "../../constructs/access/ram-user";
import { IGrantee } from "../../constructs/access/grantee";
import { onlyResource, problemsOf, rendered, resourcesOf, synthJson, warningsOf } from "../support/synth";
import { importedProdRegistry, policyStatements, schemaErrors } from "../support/fixtures";

const ACCOUNT = "1234567890123456";
const RUNNER_ROLE = `acs:ram::${ACCOUNT}:role/gitlab-runner`;
const RUNNER_USER = "acs:ram::6543210987654321:user/ci-bot";

function setup() {
  const { app, stack, registry } = importedProdRegistry({ accountId: ACCOUNT });
  const payments = registry.addNamespace("Payments", { name: "payments" });
  const web = registry.addNamespace("Web", { name: "web" });
  return { app, stack, registry, payments, web };
}

function pullPush(...namespaces: string[]): string {
  const arns = namespaces.map((ns) => `"acs:cr:cn-hangzhou:${ACCOUNT}:repository/cri-prod1/${ns}/*"`);
  return (
    '{"Version":"1","Statement":[' +
    '{"Effect":"Allow","Action":["cr:GetAuthorizationToken"],"Resource":["*"]},' +
    '{"Effect":"Allow","Action":["cr:PullRepository","cr:PushRepository"],' +
    `"Resource":[${arns.join(",")}]}]}`
  );
}

describe("CiPushPrincipal", () => {
  test("role: trusted only by the runner identities, pull-push on each chosen namespace", () => {
    const { app, stack, payments, web } = setup();
    const ci = new CiPushPrincipal(stack, "Ci", {
      namespaces: [payments, web],
      role: { roleName: "ci-image-push", trustedPrincipalArns: [RUNNER_USER, RUNNER_ROLE] },
    });

    expect(ci.principal).toBeInstanceOf(RamRole);
    expect(ci.principal).toBe(ci.role);
    expect(ci.user).toBeUndefined();
    expect(ci.grant?.actions).toEqual(["cr:GetAuthorizationToken", "cr:PullRepository", "cr:PushRepository"]);
    expect(ci.grant?.resourceArns).toEqual([
      `acs:cr:cn-hangzhou:${ACCOUNT}:repository/cri-prod1/payments/*`,
      `acs:cr:cn-hangzhou:${ACCOUNT}:repository/cri-prod1/web/*`,
    ]);
    const json = synthJson(stack);
    const role = onlyResource(json, "alicloud_ram_role");
    expect(role).toMatchObject({ role_name: "ci-image-push", max_session_duration: 3600 });
    expect(role.assume_role_policy_document).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"RAM":' +
        `["${RUNNER_ROLE}","${RUNNER_USER}"]},"Action":["sts:AssumeRole"]}]}`,
    );
    const policies = resourcesOf(json, "alicloud_ram_policy");
    expect(Object.keys(policies)).toEqual(["Ci/Role/DefaultPolicy/Resource"]);
    expect(policies["Ci/Role/DefaultPolicy/Resource"].policy_document).toBe(pullPush("payments", "web"));
    const attachments = Object.values(resourcesOf(json, "alicloud_ram_role_policy_attachment"));
    // The role's attribute, so Terraform creates the role before attaching to it.
    const [roleKey] = Object.keys(json.resource?.alicloud_ram_role ?? {});
    expect(attachments.map((a) => a.role_name)).toEqual([`\${alicloud_ram_role.${roleKey}.role_name}`]);
    expect(problemsOf(app)).toEqual([]);
    expect(warningsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("user: a RAM user and its policies, and no access key anywhere in the configuration", () => {
    const { app, stack, payments } = setup();
    const ci = new CiPushPrincipal(stack, "Ci", { namespaces: [payments], user: { userName: "ci-image-push" } });

    expect(ci.principal).toBeInstanceOf(RamUser);
    expect(ci.role).toBeUndefined();
    const json = synthJson(stack);
    const user = Object.fromEntries(
      Object.entries(onlyResource(json, "alicloud_ram_user")).filter(([key]) => key !== "//"),
    );
    expect(user).toEqual({
      name: "ci-image-push",
      comments: "CI image pushes (acr-platform); AccessKey managed outside Terraform",
    });
    expect(Object.keys(json.resource ?? {}).filter((type) => type.includes("access_key"))).toEqual([]);
    expect(onlyResource(json, "alicloud_ram_policy").policy_document).toBe(pullPush("payments"));
    const [userKey] = Object.keys(json.resource?.alicloud_ram_user ?? {});
    expect(onlyResource(json, "alicloud_ram_user_policy_attachment")).toMatchObject({
      user_name: `\${alicloud_ram_user.${userKey}.name}`,
      policy_type: "Custom",
    });
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("the user's ARN uses the looked-up account id and the user resource's name", () => {
    const { stack, payments } = setup();
    const ci = new CiPushPrincipal(stack, "Ci", { namespaces: [payments], user: { userName: "ci-image-push" } });
    const arn = rendered(stack, (ci.user as RamUser).userArn);
    const json = synthJson(stack);
    const [accountKey] = Object.keys(json.data?.alicloud_account ?? {});
    const [userKey] = Object.keys(json.resource?.alicloud_ram_user ?? {});
    // The user's attribute: a trust policy naming it is then created after the user.
    expect(arn).toBe(`acs:ram::\${data.alicloud_account.${accountKey}.id}:user/\${alicloud_ram_user.${userKey}.name}`);
  });

  test("a namespace that creates repositories on push also allows cr:CreateRepository", () => {
    const { stack, registry } = setup();
    const sandbox = registry.addNamespace("Sandbox", { name: "sandbox", autoCreateRepositories: true });
    const ci = new CiPushPrincipal(stack, "Ci", { namespaces: [sandbox], user: { userName: "ci" } });
    expect(ci.grant?.actions).toEqual([
      "cr:CreateRepository",
      "cr:GetAuthorizationToken",
      "cr:PullRepository",
      "cr:PushRepository",
    ]);
  });

  test("exactly one of role and user: collected, not thrown; neither builds nothing, both build the role", () => {
    const { app, stack, payments } = setup();
    const both = {
      namespaces: [payments],
      role: { roleName: "ci", trustedPrincipalArns: [RUNNER_ROLE] },
      user: { userName: "ci" },
    } as unknown as CiPushPrincipalProps;
    const neither = { namespaces: [payments] } as unknown as CiPushPrincipalProps;
    const built = new CiPushPrincipal(stack, "Both", both);
    const empty = new CiPushPrincipal(stack, "Neither", neither);
    expect(built.role).toBeDefined();
    expect(built.user).toBeUndefined();
    expect(empty.principal).toBeUndefined();
    expect(empty.grant).toBeUndefined();
    expect(problemsOf(app)).toEqual([
      '[test/Both] role, user = "both": exactly one must be set (both are set)',
      "[test/Neither] role, user = (not set): exactly one must be set (neither is set)",
    ]);
  });

  test("bad inputs: malformed or whole-account trusted ARNs, no trusted ARNs, bad names, session range", () => {
    const { app, stack, payments } = setup();
    new CiPushPrincipal(stack, "BadArn", {
      namespaces: [payments],
      role: { roleName: "ci-a", trustedPrincipalArns: ["arn:aws:iam::123456789012:role/runner", RUNNER_ROLE] },
    });
    new CiPushPrincipal(stack, "Root", {
      namespaces: [payments],
      role: { roleName: "ci-b", trustedPrincipalArns: [`acs:ram::${ACCOUNT}:root`] },
    });
    new CiPushPrincipal(stack, "NoneTrusted", {
      namespaces: [payments],
      role: { roleName: "ci-c", trustedPrincipalArns: [] },
    });
    new CiPushPrincipal(stack, "Session", {
      namespaces: [payments],
      role: { roleName: "ci-d", trustedPrincipalArns: [RUNNER_ROLE], maxSessionDurationSeconds: 3599 },
    });
    new CiPushPrincipal(stack, "BadNames", {
      namespaces: [payments],
      role: { roleName: "ci role", trustedPrincipalArns: [RUNNER_ROLE] },
    });
    new CiPushPrincipal(stack, "BadUser", { namespaces: [payments], user: { userName: "ci user" } });
    new CiPushPrincipal(stack, "NoNamespaces", { namespaces: [], user: { userName: "ci-e" } });
    expect(problemsOf(app)).toEqual([
      '[test/BadArn/Role] trustPolicy.Statement[0].Principal.RAM[0] = "arn:aws:iam::123456789012:role/runner": ' +
        "must be acs:<service>:<region>:<account-id>:<resource> (5 ':'-separated parts, got 6)",
      '[test/Root] role.trustedPrincipalArns[0] = "acs:ram::1234567890123456:root": must be one of ' +
        "acs:ram::<uid>:role/<roleName>, acs:ram::<uid>:user/<userName>: trust the CI runner's own RAM user or " +
        "role, not a whole account",
      "[test/NoneTrusted/Role] trustPolicy.Statement[0].Principal.RAM = []: must be a non-empty list",
      "[test/Session/Role] maxSessionDurationSeconds = 3599: must be an integer from 3600 to 43200",
      '[test/BadNames/Role] roleName = "ci role": must be 1-64 characters of letters, digits, . and -',
      '[test/BadUser/User] userName = "ci user": must be 1-64 characters of letters, digits, . _ and -',
      // No follow-on from the empty grant it would have made.
      "[test/NoNamespaces] namespaces = []: must list at least one namespace",
    ]);
  });

  test("a namespace listed twice and the same grant twice are refused", () => {
    const { app, stack, payments, web } = setup();
    new CiPushPrincipal(stack, "Twice", { namespaces: [payments, payments], user: { userName: "ci-a" } });
    const ci = new CiPushPrincipal(stack, "Ci", { namespaces: [web], user: { userName: "ci-b" } });
    web.grantPull(ci.principal as IGrantee);
    web.grantPull(ci.principal as IGrantee);
    expect(problemsOf(app)).toEqual([
      '[test/Registry/Web] grant = "cr:GetAuthorizationToken, cr:PullRepository": is made twice on this scope ' +
        'to user "ci-b" (same resources)',
      '[test/Twice] namespaces[1] = "payments": is listed twice',
    ]);
  });

  test("many namespaces still make one policy (RAM attaches at most 10 custom policies to an identity)", () => {
    const { app, stack, registry } = setup();
    const namespaces = Array.from({ length: 11 }, (_, i) =>
      Namespace.fromNamespaceName(stack, `Ns${i}`, registry, `team-${i}`),
    );
    new CiPushPrincipal(stack, "Ci", { namespaces, user: { userName: "ci" } });
    expect(problemsOf(app)).toEqual([]);
    expect(Object.keys(resourcesOf(synthJson(stack), "alicloud_ram_policy"))).toHaveLength(1);
  });

  test("no statement ever contains cr:*; only cr:GetAuthorizationToken sits on *", () => {
    const { stack, registry, payments, web } = setup();
    const sandbox = registry.addNamespace("Sandbox", { name: "sandbox", autoCreateRepositories: true });
    new CiPushPrincipal(stack, "Role", {
      namespaces: [payments, web, sandbox],
      role: { roleName: "ci", trustedPrincipalArns: [RUNNER_ROLE] },
    });
    new CiPushPrincipal(stack, "User", { namespaces: [payments, sandbox], user: { userName: "ci" } });
    const all = policyStatements(synthJson(stack));
    expect(all).toHaveLength(4);
    for (const s of all) {
      expect(s.Action).not.toContain("cr:*");
      if (s.Resource.includes("*")) expect(s.Action).toEqual(["cr:GetAuthorizationToken"]);
    }
  });
});
