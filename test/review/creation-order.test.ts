import { CrEeNamespace } from "../../.gen/providers/alicloud/cr-ee-namespace";
import { CrEeRepo } from "../../.gen/providers/alicloud/cr-ee-repo";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { RamPolicy } from "../../.gen/providers/alicloud/ram-policy";
import { RamRolePolicyAttachment } from "../../.gen/providers/alicloud/ram-role-policy-attachment";
import {
  CiPushPrincipal,
  EnterpriseRegistry,
  PolicyDocument,
  PolicyStatement,
  RamRole,
  RamUser,
} from "../../constructs";
import { TerraformStack } from "../../constructs/engine";
import { creationOrderFindings } from "../../review/creation-order";
import { generatedPlatform } from "../../bench/generated-platform";
import { defineExamplePlatform } from "../../stacks/example-platform";
import { buildPlatform } from "../../stacks/platform/build-platform";
import { synthJson, testStack } from "../support/synth";
import { synthApp } from "../support/synth-app";

const messagesOf = (stack: TerraformStack) =>
  creationOrderFindings(synthJson(stack), "test").map((f) => `${f.address} ${f.path}: ${f.message}`);

function roleAndPolicy(stack: TerraformStack) {
  const role = new RamRole(stack, "Role", {
    roleName: "ci-image-push",
    trustPolicy: PolicyDocument.trust(
      PolicyStatement.allow({ actions: ["sts:AssumeRole"], principal: { Service: ["cs.aliyuncs.com"] } }),
    ),
  });
  const policy = new RamPolicy(stack, "Policy", {
    policyName: "ci-push",
    policyDocument: PolicyDocument.permission(
      PolicyStatement.allow({ actions: ["cr:GetAuthorizationToken"], resources: ["*"] }),
    ).toJson(),
  });
  return { role, policy };
}

/** Namespace `payments` in instance `cri-a`, and a repository naming it by a literal in `repositoryInstance`. */
function namespaceAndRepository(stack: TerraformStack, repositoryInstance: string): void {
  new CrEeNamespace(stack, "Ns", { instanceId: "cri-a", name: "payments" });
  const repository = { namespace: "payments", name: "api", repoType: "PRIVATE", summary: "API" };
  new CrEeRepo(stack, "Repo", { instanceId: repositoryInstance, ...repository });
}

describe("creation order: no copied names in synthesized stacks", () => {
  test.each([
    ["the example platform", defineExamplePlatform],
    [
      "a generated platform of 120 repositories",
      (app: Parameters<typeof defineExamplePlatform>[0]) => buildPlatform(app, generatedPlatform(120)),
    ],
    [
      "a generated platform of 1,000 repositories",
      (app: Parameters<typeof defineExamplePlatform>[0]) => buildPlatform(app, generatedPlatform(1000)),
    ],
  ])("%s: every name of another resource is a reference or has a dependency", (_, define) => {
    const { stacks } = synthApp(define);
    expect(Object.keys(stacks).length).toBeGreaterThan(0);
    for (const [name, json] of Object.entries(stacks)) {
      // The check must have something to look at: each stack has children that name parents.
      expect(Object.keys(json.resource?.alicloud_cr_ee_repo ?? {}).length).toBeGreaterThan(0);
      expect(creationOrderFindings(json, name)).toEqual([]);
    }
  });

  test("roles, CI principals and RAM users attach by the role's or user's attribute, not a copied name", () => {
    const { stack } = testStack();
    const registry = EnterpriseRegistry.fromInstanceAttributes(stack, "Registry", {
      instanceId: "cri-prod1",
      instanceName: "acme-prod",
      region: "cn-hangzhou",
      accountId: "1000000000000001",
    });
    const payments = registry.addNamespace("Payments", { name: "payments" });
    new CiPushPrincipal(stack, "Ci", {
      namespaces: [payments],
      role: { roleName: "ci-image-push", trustedPrincipalArns: ["acs:ram::1000000000000001:user/gitlab-runner"] },
    });
    registry.grantPull(new RamUser(stack, "Puller", { userName: "image-puller" }));
    const json = synthJson(stack);
    const attachments = [
      ...Object.values(json.resource?.alicloud_ram_role_policy_attachment ?? {}).map((a) => a.role_name),
      ...Object.values(json.resource?.alicloud_ram_user_policy_attachment ?? {}).map((a) => a.user_name),
    ];
    expect(attachments).toHaveLength(2);
    for (const name of attachments) expect(name).toMatch(/^\$\{alicloud_ram_(role|user)\.[^.]+\.(role_name|name)\}$/);
    expect(creationOrderFindings(json, "test")).toEqual([]);
  });

  test("a copied role name is reported with the attachment, the attribute and the role it copies", () => {
    const { stack } = testStack();
    const { policy } = roleAndPolicy(stack);
    new RamRolePolicyAttachment(stack, "Attachment", {
      roleName: "ci-image-push",
      policyName: policy.policyName,
      policyType: "Custom",
    });
    expect(messagesOf(stack)).toEqual([
      expect.stringMatching(
        /^alicloud_ram_role_policy_attachment\.Attachment role_name: role_name = "ci-image-push" copies the name of alicloud_ram_role\.Role_[0-9A-F]+ in this stack, but nothing orders the two/,
      ),
    ]);
  });

  test("a copied name with depends_on, directly or through another resource, is ordered", () => {
    const { stack } = testStack();
    const { role, policy } = roleAndPolicy(stack);
    policy.dependsOn = [role.resource.fqn];
    new RamRolePolicyAttachment(stack, "Attachment", {
      roleName: "ci-image-push",
      policyName: policy.policyName,
      policyType: "Custom",
    });
    expect(messagesOf(stack)).toEqual([]);
  });

  test("copied policy and namespace names are reported too", () => {
    const { stack } = testStack();
    roleAndPolicy(stack);
    new RamRolePolicyAttachment(stack, "Attachment", {
      roleName: "other",
      policyName: "ci-push",
      policyType: "Custom",
    });
    namespaceAndRepository(stack, "cri-a");
    expect(
      messagesOf(stack)
        .map((m) => m.split(":")[0])
        .sort(),
    ).toEqual(["alicloud_cr_ee_repo.Repo namespace", "alicloud_ram_role_policy_attachment.Attachment policy_name"]);
  });

  test("equal names in another instance or another account are different objects", () => {
    const { stack } = testStack();
    roleAndPolicy(stack);
    const other = new AlicloudProvider(stack, "other", { alias: "other", region: "cn-beijing" });
    new RamRolePolicyAttachment(stack, "Attachment", {
      roleName: "ci-image-push",
      policyName: "AliyunCRReadOnlyAccess",
      policyType: "System",
      provider: other,
    });
    namespaceAndRepository(stack, "cri-b");
    expect(messagesOf(stack)).toEqual([]);
  });
});
