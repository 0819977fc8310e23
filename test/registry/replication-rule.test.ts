import { Namespace } from "../../constructs";
import { TerraformVariable } from "../../constructs/engine";
import { ReplicationRule } from "../../constructs/registry/replication-rule";
import { problemsOf, resourcesOf, synthJson, TerraformJson } from "../support/synth";
import {
  importedOtherRegistry,
  importedProdRegistry,
  onlyBody,
  schemaErrors,
  nsRef,
  repoRef,
} from "../support/fixtures";

const TYPE = "alicloud_cr_ee_sync_rule";

const body = (json: TerraformJson) => onlyBody(json, TYPE);

describe("ReplicationRule", () => {
  test("namespace-wide, same account: automatic, every tag, stable derived name", () => {
    const { app, stack, registry } = importedProdRegistry();
    new ReplicationRule(stack, "ToShanghai", {
      registry,
      namespace: nsRef(registry, "payments"),
      target: { instanceId: "cri-sha1", region: "cn-shanghai", namespace: "payments" },
    });
    const json = synthJson(stack);
    expect(body(json)).toEqual({
      instance_id: "cri-prod1",
      namespace_name: "payments",
      sync_rule_name: "payments-to-cn-shanghai-payments",
      sync_scope: "NAMESPACE",
      sync_trigger: "PASSIVE",
      tag_filter: ".*",
      target_instance_id: "cri-sha1",
      target_namespace_name: "payments",
      target_region_id: "cn-shanghai",
    });
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("repository-level, cross-account, manual: target_user_id applied at creation only, after the repo", () => {
    const { app, stack, registry } = importedProdRegistry();
    const payments = registry.addNamespace("Payments", { name: "payments" });
    const api = payments.addRepository("Api", { name: "payments-api" });
    const rule = new ReplicationRule(stack, "ToPartner", {
      registry,
      namespace: payments,
      repository: api,
      target: {
        instanceId: "cri-partner1",
        region: "ap-southeast-1",
        namespace: "acme-mirror",
        repository: "payments-api",
        accountId: "5123456789012345",
      },
      tagFilter: "^v[0-9]+\\.[0-9]+\\.[0-9]+$",
      ruleName: "payments-api-partner",
      automatic: false,
    });
    const json = synthJson(stack);
    const [namespaceKey] = Object.keys(json.resource?.alicloud_cr_ee_namespace ?? {});
    const [repoKey] = Object.keys(json.resource?.alicloud_cr_ee_repo ?? {});
    expect(body(json)).toEqual({
      instance_id: "cri-prod1",
      namespace_name: "payments",
      repo_name: "payments-api",
      sync_rule_name: "payments-api-partner",
      sync_scope: "REPO",
      sync_trigger: "INITIATIVE",
      tag_filter: "^v[0-9]+\\.[0-9]+\\.[0-9]+$",
      target_instance_id: "cri-partner1",
      target_namespace_name: "acme-mirror",
      target_region_id: "ap-southeast-1",
      target_repo_name: "payments-api",
      target_user_id: "5123456789012345",
      depends_on: [`alicloud_cr_ee_namespace.${namespaceKey}`, `alicloud_cr_ee_repo.${repoKey}`],
      lifecycle: { ignore_changes: ["target_user_id"] },
    });
    expect(rule.ruleName).toBe("payments-api-partner");
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("FORCE_NEW_ATTRIBUTES comes from the vendored constraints", () => {
    expect(ReplicationRule.FORCE_NEW_ATTRIBUTES).toEqual([
      "instance_id",
      "name",
      "namespace_name",
      "repo_name",
      "sync_rule_name",
      "sync_scope",
      "sync_trigger",
      "tag_filter",
      "target_instance_id",
      "target_namespace_name",
      "target_region_id",
      "target_repo_name",
    ]);
    expect(ReplicationRule.FORCE_NEW_ATTRIBUTES).not.toContain("target_user_id");
  });

  test("the derived name depends only on source and target names, and long ones get a stable hash", () => {
    const { stack, registry } = importedProdRegistry();
    const long = "n".repeat(60);
    const target = { instanceId: "cri-sha1", region: "cn-shanghai", namespace: long };
    const a = new ReplicationRule(stack, "A", {
      registry,
      namespace: nsRef(registry, "payments"),
      target,
      tagFilter: "^v.*",
    });
    const b = new ReplicationRule(stack, "B", {
      registry,
      namespace: nsRef(registry, "payments"),
      target: { ...target },
      automatic: false,
    });
    expect(a.ruleName).toBe(b.ruleName);
    expect(a.ruleName).toBe(`payments-to-cn-shanghai-${"n".repeat(31)}-c509b3ba`);
    expect(a.ruleName.length).toBe(64);
  });

  test("every bad value is reported with field, value and rule", () => {
    const { app, stack, registry } = importedProdRegistry();
    new ReplicationRule(stack, "Bad", {
      registry,
      namespace: nsRef(registry, "Payments"),
      repository: repoRef(registry, "Payments", "api"),
      ruleName: "-bad name-",
      tagFilter: "v(1",
      target: {
        instanceId: "cri-prod1",
        region: "Shanghai",
        namespace: "x",
        accountId: "42",
      },
    });
    new ReplicationRule(stack, "NoSourceRepo", {
      registry,
      namespace: nsRef(registry, "payments"),
      tagFilter: "",
      target: { instanceId: "target", region: "cn-shanghai", namespace: "payments", repository: "api" },
    });
    expect(problemsOf(app)).toEqual([
      '[test/NsRef-Payments] name = "Payments": must be 2-120 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      '[test/Bad] ruleName = "-bad name-": must be 1-64 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      '[test/Bad] tagFilter = "v(1": must be a valid regular expression',
      '[test/Bad] target.region = "Shanghai": must be an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1',
      '[test/Bad] target.namespace = "x": must be 2-120 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      '[test/Bad] target.accountId = "42": must be the 16-digit account UID',
      '[test/Bad] repository = "api": repository and target.repository must be set together (repository-level rule)',
      '[test/Bad] target.instanceId = "cri-prod1": must differ from the source instance',
      '[test/NoSourceRepo] tagFilter = "": must be a non-empty regular expression (use .* for every tag)',
      '[test/NoSourceRepo] target.instanceId = "target": must be an Enterprise Edition instance id: cri- followed by lowercase letters and digits',
      '[test/NoSourceRepo] target.repository = "api": repository and target.repository must be set together (repository-level rule)',
    ]);
  });

  test("a namespace of another registry, or a repository of another namespace, is refused", () => {
    const { app, stack, registry } = importedProdRegistry();
    const other = importedOtherRegistry(stack, "cri-other1");
    const foreign = other.addNamespace("Team", { name: "team" });
    const payments = registry.addNamespace("Payments", { name: "payments" });
    const api = payments.addRepository("Api", { name: "api" });
    const target = { instanceId: "cri-sha1", region: "cn-shanghai", namespace: "team", repository: "api" };
    new ReplicationRule(stack, "Foreign", {
      registry,
      namespace: foreign,
      target: { ...target, repository: undefined },
    });
    new ReplicationRule(stack, "Mismatch", {
      registry,
      namespace: nsRef(registry, "billing"),
      repository: api,
      target,
    });
    expect(problemsOf(app)).toEqual([
      '[test/Foreign] namespace = "team": belongs to another registry (test/Other)',
      '[test/Mismatch] repository = "api": belongs to namespace "payments", not "billing"',
    ]);
  });

  test("unresolved tokens are not validated, but a name cannot be derived from them", () => {
    const { app, stack, registry } = importedProdRegistry();
    const region = new TerraformVariable(stack, "region", { type: "string" });
    const target = { instanceId: "cri-sha1", region: region.stringValue, namespace: "payments" };
    new ReplicationRule(stack, "Named", {
      registry,
      namespace: nsRef(registry, "payments"),
      target,
      ruleName: "to-dr",
    });
    new ReplicationRule(stack, "Unnamed", { registry, namespace: nsRef(registry, "payments"), target });
    const json = synthJson(stack);
    expect(Object.values(resourcesOf(json, TYPE))[0]).toMatchObject({
      sync_rule_name: "to-dr",
      target_region_id: "${var.region}",
    });
    expect(problemsOf(app)).toEqual([
      "[test/Unnamed] ruleName = (not set): must be set when a source or target name is an unresolved token",
    ]);
  });

  test("the same rule name twice on one source registry is refused", () => {
    const { app, stack, registry } = importedProdRegistry();
    const target = { instanceId: "cri-sha1", region: "cn-shanghai", namespace: "payments" };
    new ReplicationRule(stack, "A", { registry, namespace: nsRef(registry, "payments"), target });
    new ReplicationRule(stack, "B", {
      registry,
      namespace: Namespace.fromNamespaceName(stack, "Ns", registry, "payments"),
      target,
    });
    expect(problemsOf(app)).toEqual([
      '[test/A] ruleName = "payments-to-cn-shanghai-payments": duplicate replication rule name in the same scope (also used by test/B)',
      '[test/B] ruleName = "payments-to-cn-shanghai-payments": duplicate replication rule name in the same scope (also used by test/A)',
    ]);
  });
});
