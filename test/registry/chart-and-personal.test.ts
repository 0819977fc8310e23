import { EnterpriseRegistry, PersonalNamespace, RemovalPolicy } from "../../constructs";
import { onlyResource, problemsOf, synthJson, testStack, warningsOf } from "../support/synth";

describe("ChartNamespace and ChartRepository", () => {
  test("defaults: private, no auto-create, protected, repository after namespace", () => {
    const { app, stack } = testStack();
    const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme", edition: "Standard" });
    registry.addChartNamespace("Charts", { name: "charts" }).addRepository("Platform", { name: "platform" });
    const json = synthJson(stack);
    const [instanceKey] = Object.keys(json.resource?.alicloud_cr_ee_instance ?? {});
    const [namespaceKey] = Object.keys(json.resource?.alicloud_cr_chart_namespace ?? {});
    expect(onlyResource(json, "alicloud_cr_chart_namespace")).toMatchObject({
      instance_id: `\${alicloud_cr_ee_instance.${instanceKey}.id}`,
      namespace_name: "charts",
      auto_create_repo: false,
      default_repo_type: "PRIVATE",
      lifecycle: { prevent_destroy: true },
    });
    expect(onlyResource(json, "alicloud_cr_chart_repository")).toMatchObject({
      repo_namespace_name: "charts",
      repo_name: "platform",
      repo_type: "PRIVATE",
      depends_on: [`alicloud_cr_chart_namespace.${namespaceKey}`],
      lifecycle: { prevent_destroy: true },
    });
    expect(problemsOf(app)).toEqual([]);
  });

  test("bad names and duplicate chart namespaces are reported", () => {
    const { app, stack } = testStack();
    const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme", edition: "Standard" });
    registry.addChartNamespace("A", { name: "charts" });
    registry.addChartNamespace("B", { name: "charts" }).addRepository("R", { name: "Bad Name" });
    expect(problemsOf(app)).toEqual([
      '[test/Registry/A] name = "charts": duplicate chart namespace name in the same scope (also used by test/Registry/B)',
      '[test/Registry/B] name = "charts": duplicate chart namespace name in the same scope (also used by test/Registry/A)',
      '[test/Registry/B/R] name = "Bad Name": must be 2-64 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
    ]);
  });

  test("an image namespace and a chart namespace may share a name", () => {
    const { app, stack } = testStack();
    const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme", edition: "Standard" });
    registry.addNamespace("Images", { name: "platform" });
    registry.addChartNamespace("Charts", { name: "platform" });
    expect(problemsOf(app)).toEqual([]);
  });
});

describe("Personal Edition", () => {
  test("namespace and repository synthesize with a deprecation warning each", () => {
    const { app, stack } = testStack();
    new PersonalNamespace(stack, "Legacy", { name: "legacy-team" }).addRepository("App", {
      name: "app",
      detail: "old",
    });
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_cr_namespace")).toMatchObject({
      name: "legacy-team",
      auto_create: false,
      default_visibility: "PRIVATE",
      lifecycle: { prevent_destroy: true },
    });
    expect(onlyResource(json, "alicloud_cr_repo")).toMatchObject({
      namespace: "legacy-team",
      name: "app",
      repo_type: "PRIVATE",
      summary: "Managed by acr-platform",
      detail: "old",
      lifecycle: { prevent_destroy: true },
    });
    expect(warningsOf(app)).toEqual([
      "[test/Legacy] alicloud_cr_namespace is deprecated upstream (provider 1.276.0) and will be removed; move to an Enterprise Edition Namespace",
      "[test/Legacy/App] alicloud_cr_repo is deprecated upstream (provider 1.276.0) and will be removed; move to an Enterprise Edition Repository",
    ]);
    expect(problemsOf(app)).toEqual([]);
  });

  test("the provider's 2-30 character limits and summary length apply", () => {
    const { app, stack } = testStack();
    const ns = new PersonalNamespace(stack, "Legacy", { name: "a-very-long-personal-namespace-name" });
    ns.addRepository("App", { name: "ok-name", summary: "s".repeat(101), removalPolicy: RemovalPolicy.DESTROY });
    expect(problemsOf(app)).toEqual([
      '[test/Legacy] name = "a-very-long-personal-namespace-name": must be 2-30 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      `[test/Legacy/App] summary = "${"s".repeat(101)}": must be 1 to 100 characters long (alicloud_cr_repo.summary)`,
    ]);
  });
});
