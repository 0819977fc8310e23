import { RamPolicy } from "../../.gen/providers/alicloud/ram-policy";
import { RamRolePolicyAttachment } from "../../.gen/providers/alicloud/ram-role-policy-attachment";
import { EnterpriseRegistry, RemovalPolicy } from "../../constructs";
import { Grantee } from "../../constructs/access/grantee";
import { applyGuardrails, GuardrailOptions } from "../../constructs/guardrails/guardrails";
import { applyTags } from "../../constructs/guardrails/tags";
import { onlyResource, problemsOf, synthJson, testStack, warningsOf } from "../support/synth";

const TAGS = { environment: "prod", owner: "platform", "managed-by": "acr-platform" };

function platform(options: GuardrailOptions = {}, tags: Record<string, string> | null = TAGS) {
  const { app, stack } = testStack();
  const registry = new EnterpriseRegistry(stack, "Registry", {
    instanceName: "acme",
    edition: "Basic",
    accountId: "1234567890123456",
  });
  const ns = registry.addNamespace("Team", { name: "team" });
  ns.addRepository("App", { name: "app" });
  applyGuardrails(stack, options);
  const finish = () => {
    if (tags) applyTags(stack, tags);
  };
  return { app, stack, registry, ns, finish };
}

const guardrailProblems = (app: Parameters<typeof problemsOf>[0]) =>
  problemsOf(app).filter((p) => p.includes("guardrail"));

describe("guardrails", () => {
  test("a compliant stack passes", () => {
    const { app, registry, finish } = platform();
    registry.grantPull(Grantee.fromRoleName(registry, "Worker", "worker"));
    finish();
    expect(problemsOf(app)).toEqual([]);
  });

  test("data-holding resources without prevent_destroy fail, naming the opt-out", () => {
    const { app, ns, finish } = platform();
    ns.addRepository("Scratch", { name: "scratch", removalPolicy: RemovalPolicy.DESTROY });
    finish();
    expect(guardrailProblems(app)).toEqual([
      '[test] guardrail: [test/Registry/Team/Scratch] lifecycle.prevent_destroy is not set: alicloud_cr_ee_repo holds images and could be deleted; to allow it, add "test/Registry/Team/Scratch" to guardrails.allowDestroy',
    ]);
  });

  test("the allowDestroy exception waives it with a printed warning", () => {
    const { app, ns, finish } = platform({ allowDestroy: ["test/Registry/Team/Scratch"] });
    ns.addRepository("Scratch", { name: "scratch", removalPolicy: RemovalPolicy.DESTROY });
    finish();
    expect(problemsOf(app)).toEqual([]);
    expect(warningsOf(app)).toContain(
      '[test/Registry/Team/Scratch/Resource] guardrail waived by allowDestroy "test/Registry/Team/Scratch": lifecycle.prevent_destroy is not set: alicloud_cr_ee_repo holds images and could be deleted',
    );
  });

  test("stale exceptions are errors", () => {
    const { app, finish } = platform({ allowPublic: ["test/Registry/Nothing"] });
    finish();
    expect(problemsOf(app)).toEqual([
      '[test] guardrails.allowPublic = "test/Registry/Nothing": matches no resource that needs it; remove the stale exception',
    ]);
  });

  test("cr:*, write actions on *, and full-access system policies fail; reads on * pass", () => {
    const { app, stack, finish } = platform();
    const doc = (statements: object[]) => JSON.stringify({ Version: "1", Statement: statements });
    new RamPolicy(stack, "Star", {
      policyName: "star",
      policyDocument: doc([{ Effect: "Allow", Action: ["cr:*"], Resource: ["acs:cr:*:*:repository/cri-x/*"] }]),
      tags: TAGS,
    });
    new RamPolicy(stack, "WriteEverywhere", {
      policyName: "write",
      policyDocument: doc([
        { Effect: "Allow", Action: ["cr:PushRepository", "cr:ListInstance", "sts:AssumeRole"], Resource: "*" },
      ]),
      tags: TAGS,
    });
    new RamPolicy(stack, "ReadEverywhere", {
      policyName: "read",
      policyDocument: doc([
        {
          Effect: "Allow",
          Action: ["cr:GetAuthorizationToken", "cr:ListInstance*", "cr:PullRepository"],
          Resource: "*",
        },
      ]),
      tags: TAGS,
    });
    new RamRolePolicyAttachment(stack, "FullAccess", {
      roleName: "ci",
      policyName: "AliyunContainerRegistryFullAccess",
      policyType: "System",
    });
    finish();
    expect(guardrailProblems(app)).toEqual([
      '[test] guardrail: [test/Star] Statement[0] allows cr:*; to allow it, add "test/Star" to guardrails.allowBroadPolicies',
      '[test] guardrail: [test/WriteEverywhere] Statement[0] allows write actions cr:PushRepository, sts:AssumeRole on "*"; to allow it, add "test/WriteEverywhere" to guardrails.allowBroadPolicies',
      '[test] guardrail: [test/FullAccess] attaches system policy AliyunContainerRegistryFullAccess, which grants cr:*; to allow it, add "test/FullAccess" to guardrails.allowBroadPolicies',
    ]);
  });

  test("public repositories and namespaces need allowPublic", () => {
    const { app, registry, finish } = platform({ allowPublic: ["test/Registry/Open/base"] });
    const open = registry.addNamespace("Open", { name: "open", defaultVisibility: "PUBLIC" });
    open.addRepository("base", { name: "base", visibility: "PUBLIC" });
    finish();
    expect(guardrailProblems(app)).toEqual([
      '[test] guardrail: [test/Registry/Open] default_visibility is PUBLIC: anyone who reaches the endpoint can pull; to allow it, add "test/Registry/Open" to guardrails.allowPublic',
    ]);
  });

  test("an Internet endpoint needs allowInternetEndpoint, and a /0 entry allowAnyIp as well", () => {
    const { app, registry, finish } = platform({ allowInternetEndpoint: ["test/Registry"] });
    registry.enablePublicEndpoint("Anywhere", {
      allowList: [{ cidr: "0.0.0.0/0", description: "everyone" }],
      allowAnyIp: true,
    });
    finish();
    expect(guardrailProblems(app)).toEqual([
      '[test] guardrail: [test/Registry/Anywhere] allow-list entry 0.0.0.0/0 admits the whole Internet; to allow it, add "test/Registry/Anywhere" to guardrails.allowAnyIp',
    ]);
  });

  test("missing required tags fail; applyTags fills them on every taggable resource", () => {
    const untagged = platform({}, null);
    untagged.finish();
    expect(guardrailProblems(untagged.app)).toEqual([
      '[test] guardrail: [test/Registry] missing required tag(s) environment, owner, managed-by; to allow it, add "test/Registry" to guardrails.allowMissingTags',
    ]);

    const tagged = platform();
    tagged.registry.grantPull(Grantee.fromRoleName(tagged.registry, "Worker", "worker"));
    tagged.finish();
    const json = synthJson(tagged.stack);
    expect(onlyResource(json, "alicloud_cr_ee_instance").tags).toEqual(TAGS);
    expect(onlyResource(json, "alicloud_ram_policy").tags).toEqual(TAGS);
    expect(guardrailProblems(tagged.app)).toEqual([]);
  });

  test("tags a construct set itself win over platform tags", () => {
    const { stack } = testStack();
    new EnterpriseRegistry(stack, "Registry", { instanceName: "acme", edition: "Basic", tags: { owner: "payments" } });
    applyTags(stack, TAGS);
    expect(onlyResource(synthJson(stack), "alicloud_cr_ee_instance").tags).toEqual({ ...TAGS, owner: "payments" });
  });

  test("custom required tags", () => {
    const { app, finish } = platform({ requiredTags: ["cost-center"] });
    finish();
    expect(guardrailProblems(app)).toEqual([
      '[test] guardrail: [test/Registry] missing required tag(s) cost-center; to allow it, add "test/Registry" to guardrails.allowMissingTags',
    ]);
  });
});
