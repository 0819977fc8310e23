import { EnterpriseRegistry, Namespace, RemovalPolicy, Repository } from "../../constructs";
import { TerraformVariable } from "../../constructs/engine";
import { onlyResource, problemsOf, rendered, resourcesOf, synthJson, testStack } from "../support/synth";
import { importedOtherRegistry, importedProdRegistry } from "../support/fixtures";

describe("Namespace", () => {
  test("defaults: no auto-created repositories, private, protected", () => {
    const { app, stack, registry } = importedProdRegistry();
    registry.addNamespace("Payments", { name: "payments" });
    expect(onlyResource(synthJson(stack), "alicloud_cr_ee_namespace")).toMatchObject({
      instance_id: "cri-prod1",
      name: "payments",
      auto_create: false,
      default_visibility: "PRIVATE",
      lifecycle: { prevent_destroy: true },
    });
    expect(problemsOf(app)).toEqual([]);
  });

  test("bad names and visibility are reported with path, field, value and rule", () => {
    const { app, registry } = importedProdRegistry();
    registry.addNamespace("A", { name: "Payments" });
    registry.addNamespace("B", { name: "x" });
    registry.addNamespace("C", { name: "team-", defaultVisibility: "INTERNAL" as never });
    expect(problemsOf(app)).toEqual([
      '[test/Registry/A] name = "Payments": must be 2-120 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      '[test/Registry/B] name = "x": must be 2-120 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      '[test/Registry/C] name = "team-": must be 2-120 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      '[test/Registry/C] defaultVisibility = "INTERNAL": must be one of PUBLIC, PRIVATE (alicloud_cr_ee_namespace.default_visibility)',
    ]);
  });

  test("the same name twice in one registry is refused, even under different construct ids", () => {
    const { app, stack, registry } = importedProdRegistry();
    registry.addNamespace("Payments", { name: "payments" });
    new Namespace(stack, "Again", { registry, name: "payments" });
    expect(problemsOf(app)).toEqual([
      '[test/Registry/Payments] name = "payments": duplicate namespace name in the same scope (also used by test/Again)',
      '[test/Again] name = "payments": duplicate namespace name in the same scope (also used by test/Registry/Payments)',
    ]);
  });

  test("the same name in two registries is fine", () => {
    const { app, stack, registry } = importedProdRegistry();
    const other = importedOtherRegistry(stack);
    registry.addNamespace("A", { name: "payments" });
    other.addNamespace("A", { name: "payments" });
    expect(problemsOf(app)).toEqual([]);
  });

  test("fromNamespaceName adds repositories to an existing namespace without creating it", () => {
    const { app, stack, registry } = importedProdRegistry();
    const existing = Namespace.fromNamespaceName(stack, "Existing", registry, "legacy");
    existing.addRepository("App", { name: "app" });
    const json = synthJson(stack);
    expect(json.resource?.alicloud_cr_ee_namespace).toBeUndefined();
    const repo = onlyResource(json, "alicloud_cr_ee_repo");
    expect(repo).toMatchObject({ instance_id: "cri-prod1", namespace: "legacy", name: "app" });
    expect(repo).not.toHaveProperty("depends_on");
    expect(problemsOf(app)).toEqual([]);
  });
});

describe("Repository", () => {
  test("defaults: private, tag immutability on, protected, created after its namespace", () => {
    const { app, stack, registry } = importedProdRegistry();
    registry.addNamespace("Payments", { name: "payments" }).addRepository("Api", { name: "payments-api" });
    const json = synthJson(stack);
    const [namespaceKey] = Object.keys(json.resource?.alicloud_cr_ee_namespace ?? {});
    expect(onlyResource(json, "alicloud_cr_ee_repo")).toMatchObject({
      instance_id: "cri-prod1",
      namespace: "payments",
      name: "payments-api",
      repo_type: "PRIVATE",
      summary: "Managed by acr-platform",
      tag_immutability: true,
      depends_on: [`alicloud_cr_ee_namespace.${namespaceKey}`],
      lifecycle: { prevent_destroy: true },
    });
    expect(problemsOf(app)).toEqual([]);
  });

  test("image URIs for both endpoints, tags and digests", () => {
    const { registry } = importedProdRegistry();
    const repo = registry.addNamespace("Payments", { name: "payments" }).addRepository("Api", { name: "payments-api" });
    expect(repo.vpcRepositoryUri).toBe("acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com/payments/payments-api");
    expect(repo.repositoryUri).toBe("acme-prod-registry.cn-hangzhou.cr.aliyuncs.com/payments/payments-api");
    expect(repo.uriForTag("1.4.2")).toBe(
      "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com/payments/payments-api:1.4.2",
    );
    expect(repo.uriForDigest("sha256:abc", "public")).toBe(
      "acme-prod-registry.cn-hangzhou.cr.aliyuncs.com/payments/payments-api@sha256:abc",
    );
  });

  test("URIs of a repository in a new instance carry the instance's tokens until plan", () => {
    const { stack } = testStack(null);
    const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme", edition: "Basic" });
    const repo = registry.addNamespace("Ns", { name: "team" }).addRepository("App", { name: "app" });
    expect(rendered(stack, repo.vpcRepositoryUri)).toMatch(
      /^acme-registry-vpc\.\$\{alicloud_cr_ee_instance\.\w+\.region_id\}\.cr\.aliyuncs\.com\/team\/app$/,
    );
  });

  test("public visibility, mutable tags and DESTROY are explicit choices", () => {
    const { stack, registry } = importedProdRegistry();
    registry.addNamespace("Ns", { name: "public-images" }).addRepository("Base", {
      name: "base",
      visibility: "PUBLIC",
      tagImmutability: false,
      removalPolicy: RemovalPolicy.DESTROY,
      detail: "# Base image",
    });
    expect(onlyResource(synthJson(stack), "alicloud_cr_ee_repo")).toMatchObject({
      repo_type: "PUBLIC",
      tag_immutability: false,
      detail: "# Base image",
      lifecycle: { prevent_destroy: false },
    });
  });

  test("bad names, visibility, summary and duplicates are all reported", () => {
    const { app, stack, registry } = importedProdRegistry();
    const ns = registry.addNamespace("Ns", { name: "team" });
    ns.addRepository("A", { name: "App", visibility: "OPEN" as never, summary: "" });
    ns.addRepository("B", { name: "app", summary: "x".repeat(101) });
    new Repository(stack, "C", { namespace: ns, name: "app" });
    expect(problemsOf(app)).toEqual([
      '[test/Registry/Ns/A] name = "App": must be 2-64 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      '[test/Registry/Ns/A] visibility = "OPEN": must be one of PUBLIC, PRIVATE (alicloud_cr_ee_repo.repo_type)',
      '[test/Registry/Ns/A] summary = "": must be 1 to 100 characters long (got 0)',
      `[test/Registry/Ns/B] summary = "${"x".repeat(101)}": must be 1 to 100 characters long (got 101)`,
      '[test/Registry/Ns/B] name = "app": duplicate repository name in the same scope (also used by test/C)',
      '[test/C] name = "app": duplicate repository name in the same scope (also used by test/Registry/Ns/B)',
    ]);
  });

  test("token names are neither validated nor compared for duplicates", () => {
    const { app, stack, registry } = importedProdRegistry();
    const name = new TerraformVariable(stack, "repo", { type: "string" });
    const ns = registry.addNamespace("Ns", { name: "team" });
    ns.addRepository("A", { name: name.stringValue });
    ns.addRepository("B", { name: name.stringValue });
    expect(problemsOf(app)).toEqual([]);
    expect(Object.values(resourcesOf(synthJson(stack), "alicloud_cr_ee_repo")).map((r) => r.name)).toEqual([
      "${var.repo}",
      "${var.repo}",
    ]);
  });
});
