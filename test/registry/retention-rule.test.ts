import { TerraformVariable } from "../../constructs/engine";
import { RetentionRule } from "../../constructs/registry/retention-rule";
import { problemsOf, synthJson, TerraformJson } from "../support/synth";
import { bodiesOf, importedProdRegistry, schemaErrors, nsRef, repoRef } from "../support/fixtures";

const TYPE = "alicloud_cr_artifact_lifecycle_rule";

const bodies = (json: TerraformJson) => bodiesOf(json, TYPE);

describe("RetentionRule", () => {
  test("instance, namespace and repository scopes; weekly and automatic by default", () => {
    const { app, stack, registry } = importedProdRegistry();
    const payments = registry.addNamespace("Payments", { name: "payments" });
    const api = payments.addRepository("Api", { name: "payments-api" });
    new RetentionRule(stack, "Instance", { registry, keepLastTags: 100 });
    new RetentionRule(stack, "Namespace", {
      registry,
      namespace: nsRef(registry, "sandbox"),
      keepLastTags: 10,
      schedule: "MONTH",
    });
    new RetentionRule(stack, "Repo", {
      registry,
      namespace: payments,
      repository: api,
      keepLastTags: 30,
      tagFilter: "^v[0-9].*",
      automatic: false,
    });
    const json = synthJson(stack);
    const [namespaceKey] = Object.keys(json.resource?.alicloud_cr_ee_namespace ?? {});
    const [repoKey] = Object.keys(json.resource?.alicloud_cr_ee_repo ?? {});
    expect(bodies(json)).toEqual({
      "Instance/Resource": {
        instance_id: "cri-prod1",
        scope: "INSTANCE",
        retention_tag_count: 100,
        schedule_time: "WEEK",
        auto: true,
      },
      "Namespace/Resource": {
        instance_id: "cri-prod1",
        scope: "NAMESPACE",
        namespace_name: "sandbox",
        retention_tag_count: 10,
        schedule_time: "MONTH",
        auto: true,
      },
      "Repo/Resource": {
        instance_id: "cri-prod1",
        scope: "REPO",
        namespace_name: "payments",
        repo_name: "payments-api",
        retention_tag_count: 30,
        tag_regexp: "^v[0-9].*",
        schedule_time: "WEEK",
        auto: false,
        depends_on: [`alicloud_cr_ee_namespace.${namespaceKey}`, `alicloud_cr_ee_repo.${repoKey}`],
      },
    });
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("FORCE_NEW_ATTRIBUTES comes from the vendored constraints", () => {
    expect(RetentionRule.FORCE_NEW_ATTRIBUTES).toEqual(["instance_id"]);
  });

  test("every bad value is reported with field, value and rule", () => {
    const { app, stack, registry } = importedProdRegistry();
    new RetentionRule(stack, "A", {
      registry,
      namespace: nsRef(registry, "team"),
      keepLastTags: 0,
      tagFilter: "(release",
      schedule: "DAY" as never,
    });
    new RetentionRule(stack, "B", { registry, repository: repoRef(registry, "team", "api"), keepLastTags: 2.5 });
    expect(problemsOf(app)).toEqual([
      "[test/A] keepLastTags = 0: must be a whole number, at least 1",
      '[test/A] tagFilter = "(release": must be a valid regular expression',
      '[test/A] schedule = "DAY": must be one of WEEK, MONTH',
      '[test/B] repository = "api": needs namespace: a repository is named within a namespace',
      "[test/B] keepLastTags = 2.5: must be a whole number, at least 1",
    ]);
  });

  test("unresolved tokens are not validated", () => {
    const { app, stack, registry } = importedProdRegistry();
    const keep = new TerraformVariable(stack, "keep", { type: "number" });
    const schedule = new TerraformVariable(stack, "schedule", { type: "string" });
    new RetentionRule(stack, "A", {
      registry,
      namespace: nsRef(registry, "team"),
      keepLastTags: keep.numberValue,
      schedule: schedule.stringValue as never,
    });
    expect(bodies(synthJson(stack))["A/Resource"]).toMatchObject({
      retention_tag_count: "${var.keep}",
      schedule_time: "${var.schedule}",
    });
    expect(problemsOf(app)).toEqual([]);
  });

  test("two rules on the same scope are refused", () => {
    const { app, stack, registry } = importedProdRegistry();
    new RetentionRule(stack, "A", {
      registry,
      namespace: nsRef(registry, "team"),
      repository: repoRef(registry, "team", "api"),
      keepLastTags: 5,
    });
    new RetentionRule(stack, "B", {
      registry,
      namespace: nsRef(registry, "team"),
      repository: repoRef(registry, "team", "api"),
      keepLastTags: 50,
    });
    new RetentionRule(stack, "C", { registry, keepLastTags: 5 });
    new RetentionRule(stack, "D", { registry, keepLastTags: 5 });
    new RetentionRule(stack, "E", { registry, namespace: nsRef(registry, "team"), keepLastTags: 5 });
    expect(problemsOf(app)).toEqual([
      '[test/A] scope = "team/api": duplicate retention rule in the same scope (also used by test/B)',
      '[test/B] scope = "team/api": duplicate retention rule in the same scope (also used by test/A)',
      '[test/C] scope = "(instance)": duplicate retention rule in the same scope (also used by test/D)',
      '[test/D] scope = "(instance)": duplicate retention rule in the same scope (also used by test/C)',
    ]);
  });
});
