import { TerraformVariable } from "../../constructs/engine";
import { ScanRule, ScanScope } from "../../constructs/registry/scan-rule";
import { problemsOf, resourcesOf, synthJson, TerraformJson } from "../support/synth";
import { bodiesOf, importedProdRegistry, schemaErrors, nsRef } from "../support/fixtures";

const TYPE = "alicloud_cr_scan_rule";

const bodies = (json: TerraformJson) => bodiesOf(json, TYPE);

describe("ScanRule", () => {
  test("the three scopes map to scan_scope, namespaces and repo_names", () => {
    const { app, stack, registry } = importedProdRegistry();
    const payments = registry.addNamespace("Payments", { name: "payments" });
    new ScanRule(stack, "All", { registry, ruleName: "scan-everything" });
    new ScanRule(stack, "Teams", {
      registry,
      ruleName: "scan-teams",
      scope: ScanScope.namespaces(payments, nsRef(registry, "billing")),
      trigger: "MANUAL",
    });
    new ScanRule(stack, "Releases", {
      registry,
      ruleName: "sbom-releases",
      scope: ScanScope.repositories(nsRef(registry, "payments"), "payments-api", "payments-worker"),
      tagFilter: "^v[0-9].*",
      scanType: "SBOM",
    });
    const json = synthJson(stack);
    const [namespaceKey] = Object.keys(json.resource?.alicloud_cr_ee_namespace ?? {});
    expect(bodies(json)).toEqual({
      "All/Resource": {
        instance_id: "cri-prod1",
        rule_name: "scan-everything",
        scan_scope: "INSTANCE",
        repo_tag_filter_pattern: ".*",
        trigger_type: "AUTO",
        scan_type: "VUL",
      },
      "Teams/Resource": {
        instance_id: "cri-prod1",
        rule_name: "scan-teams",
        scan_scope: "NAMESPACE",
        namespaces: ["payments", "billing"],
        repo_tag_filter_pattern: ".*",
        trigger_type: "MANUAL",
        scan_type: "VUL",
        depends_on: [`alicloud_cr_ee_namespace.${namespaceKey}`],
      },
      "Releases/Resource": {
        instance_id: "cri-prod1",
        rule_name: "sbom-releases",
        scan_scope: "REPO",
        namespaces: ["payments"],
        repo_names: ["payments-api", "payments-worker"],
        repo_tag_filter_pattern: "^v[0-9].*",
        trigger_type: "AUTO",
        scan_type: "SBOM",
      },
    });
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("FORCE_NEW_ATTRIBUTES comes from the vendored constraints", () => {
    expect(ScanRule.FORCE_NEW_ATTRIBUTES).toEqual(["instance_id", "scan_type"]);
  });

  test("every bad value is reported with field, value and rule", () => {
    const { app, stack, registry } = importedProdRegistry();
    new ScanRule(stack, "A", {
      registry,
      ruleName: "Scan All",
      tagFilter: "[",
      trigger: "PUSH" as never,
      scanType: "MALWARE" as never,
    });
    new ScanRule(stack, "B", { registry, ruleName: "empty-namespaces", scope: ScanScope.namespaces() });
    new ScanRule(stack, "C", {
      registry,
      ruleName: "bad-repos",
      scope: ScanScope.repositories(nsRef(registry, "Payments")),
    });
    new ScanRule(stack, "D", {
      registry,
      ruleName: "twice",
      scope: ScanScope.repositories(nsRef(registry, "payments"), "api", "API", "api"),
    });
    expect(problemsOf(app)).toEqual([
      '[test/A] ruleName = "Scan All": must be 1-64 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      '[test/A] tagFilter = "[": must be a valid regular expression',
      '[test/A] trigger = "PUSH": must be one of MANUAL, AUTO (alicloud_cr_scan_rule.trigger_type)',
      '[test/A] scanType = "MALWARE": must be one of VUL, SBOM',
      "[test/B] scope.namespaces = []: must list at least one namespace",
      '[test/NsRef-Payments] name = "Payments": must be 2-120 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      "[test/C] scope.repositories = []: must list at least one repository",
      '[test/D] scope.repositories[1] = "API": must be 2-64 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      '[test/D] scope.repositories = ["api","API","api"]: lists api more than once',
    ]);
  });

  test("unresolved tokens are not validated", () => {
    const { app, stack, registry } = importedProdRegistry();
    const pattern = new TerraformVariable(stack, "pattern", { type: "string" });
    const ns = new TerraformVariable(stack, "ns", { type: "string" });
    new ScanRule(stack, "A", {
      registry,
      ruleName: "from-vars",
      tagFilter: pattern.stringValue,
      scope: ScanScope.namespaces(nsRef(registry, ns.stringValue), nsRef(registry, ns.stringValue)),
    });
    expect(Object.values(resourcesOf(synthJson(stack), TYPE))[0]).toMatchObject({
      repo_tag_filter_pattern: "${var.pattern}",
      namespaces: ["${var.ns}", "${var.ns}"],
    });
    expect(problemsOf(app)).toEqual([]);
  });

  test("the same rule name twice in one registry is refused", () => {
    const { app, stack, registry } = importedProdRegistry();
    new ScanRule(stack, "A", { registry, ruleName: "scan" });
    new ScanRule(registry, "B", { registry, ruleName: "scan", trigger: "MANUAL" });
    expect(problemsOf(app)).toEqual([
      '[test/Registry/B] ruleName = "scan": duplicate scan rule name in the same scope (also used by test/A)',
      '[test/A] ruleName = "scan": duplicate scan rule name in the same scope (also used by test/Registry/B)',
    ]);
  });
});
