import { TerraformVariable } from "../../constructs/engine";
import { UpstreamMirror } from "../../constructs/registry/upstream-mirror";
import { problemsOf, synthJson, TerraformJson, warningsOf } from "../support/synth";
import { importedProdRegistry, onlyBody, schemaErrors, nsRef, repoRef } from "../support/fixtures";

const TYPE = "alicloud_cr_artifact_subscription_rule";

const body = (json: TerraformJson) => onlyBody(json, TYPE);

describe("UpstreamMirror", () => {
  test("Docker Hub library/nginx into a declared repository, with defaults", () => {
    const { app, stack, registry } = importedProdRegistry();
    const mirrors = registry.addNamespace("Mirrors", { name: "mirrors" });
    const nginx = mirrors.addRepository("Nginx", { name: "nginx" });
    new UpstreamMirror(stack, "Nginx", {
      registry,
      namespace: mirrors,
      repository: nginx,
      source: { namespace: "library", repository: "nginx" },
    });
    const json = synthJson(stack);
    const [namespaceKey] = Object.keys(json.resource?.alicloud_cr_ee_namespace ?? {});
    const [repoKey] = Object.keys(json.resource?.alicloud_cr_ee_repo ?? {});
    expect(body(json)).toEqual({
      instance_id: "cri-prod1",
      source_provider: "DOCKER_HUB",
      source_namespace_name: "library",
      source_repo_name: "nginx",
      namespace_name: "mirrors",
      repo_name: "nginx",
      tag_regexp: ".*",
      tag_count: 5,
      override: false,
      accelerate: false,
      platform: ["linux/amd64"],
      depends_on: [`alicloud_cr_ee_namespace.${namespaceKey}`, `alicloud_cr_ee_repo.${repoKey}`],
    });
    expect(problemsOf(app)).toEqual([]);
    expect(warningsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("Quay with tag filter, count, platforms and overwrite", () => {
    const { app, stack, registry } = importedProdRegistry();
    new UpstreamMirror(stack, "Prometheus", {
      registry,
      namespace: nsRef(registry, "mirrors"),
      repository: repoRef(registry, "mirrors", "prometheus"),
      source: { provider: "QUAY", namespace: "prometheus", repository: "prometheus" },
      tagFilter: "^v2\\.[0-9]+\\.[0-9]+$",
      tagCount: 20,
      overwriteTags: true,
      accelerate: true,
      platforms: ["linux/amd64", "linux/arm64", "linux/arm/v7"],
    });
    const json = synthJson(stack);
    expect(body(json)).toEqual({
      instance_id: "cri-prod1",
      source_provider: "QUAY",
      source_namespace_name: "prometheus",
      source_repo_name: "prometheus",
      namespace_name: "mirrors",
      repo_name: "prometheus",
      tag_regexp: "^v2\\.[0-9]+\\.[0-9]+$",
      tag_count: 20,
      override: true,
      accelerate: true,
      platform: ["linux/amd64", "linux/arm64", "linux/arm/v7"],
    });
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("FORCE_NEW_ATTRIBUTES comes from the vendored constraints", () => {
    expect(UpstreamMirror.FORCE_NEW_ATTRIBUTES).toEqual(["instance_id"]);
  });

  test("more than 5 Docker Hub tags is a warning: the service syncs at most 5", () => {
    const { app, stack, registry } = importedProdRegistry();
    new UpstreamMirror(stack, "Alpine", {
      registry,
      namespace: nsRef(registry, "mirrors"),
      repository: repoRef(registry, "mirrors", "alpine"),
      source: { namespace: "library", repository: "alpine" },
      tagCount: 10,
    });
    expect(problemsOf(app)).toEqual([]);
    expect(warningsOf(app)).toEqual(["[test/Alpine] tagCount is 10: ACR syncs at most 5 tags from Docker Hub"]);
  });

  test("every bad value is reported with field, value and rule", () => {
    const { app, stack, registry } = importedProdRegistry();
    new UpstreamMirror(stack, "A", {
      registry,
      namespace: nsRef(registry, "Mirrors"),
      repository: repoRef(registry, "Mirrors", "n"),
      source: { provider: "GHCR" as never, namespace: "Library", repository: "nginx--" },
      tagFilter: "*",
      tagCount: 31,
      platforms: ["amd64", "linux/amd64", "linux/amd64"],
    });
    new UpstreamMirror(stack, "B", {
      registry,
      namespace: nsRef(registry, "mirrors"),
      repository: repoRef(registry, "mirrors", "busybox"),
      source: { repository: "busybox" },
      tagCount: 0,
      platforms: [],
    });
    expect(problemsOf(app)).toEqual([
      '[test/NsRef-Mirrors] name = "Mirrors": must be 2-120 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      '[test/NsRef-Mirrors/Ref-n] name = "n": must be 2-64 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      '[test/A] source.provider = "GHCR": must be one of DOCKER_HUB, GCR, QUAY',
      '[test/A] source.namespace = "Library": must be a public image path component: lowercase letters and digits, separators . _ - inside',
      '[test/A] source.repository = "nginx--": must be a public image path component: lowercase letters and digits, separators . _ - inside',
      '[test/A] tagFilter = "*": must be a valid regular expression',
      "[test/A] tagCount = 31: must be an integer from 1 to 30",
      '[test/A] platforms[0] = "amd64": must be os/arch or os/arch/variant, e.g. linux/arm64',
      '[test/A] platforms[2] = "linux/amd64": is listed more than once',
      "[test/B] tagCount = 0: must be an integer from 1 to 30",
      "[test/B] platforms = []: must list at least one platform",
    ]);
  });

  test("unresolved tokens are not validated", () => {
    const { app, stack, registry } = importedProdRegistry();
    const image = new TerraformVariable(stack, "image", { type: "string" });
    const count = new TerraformVariable(stack, "count", { type: "number" });
    new UpstreamMirror(stack, "A", {
      registry,
      namespace: nsRef(registry, "mirrors"),
      repository: repoRef(registry, "mirrors", "app"),
      source: { repository: image.stringValue },
      tagCount: count.numberValue,
      tagFilter: image.stringValue,
    });
    expect(body(synthJson(stack))).toMatchObject({ source_repo_name: "${var.image}", tag_count: "${var.count}" });
    expect(problemsOf(app)).toEqual([]);
    expect(warningsOf(app)).toEqual([]);
  });

  test("two mirrors into the same repository are refused", () => {
    const { app, stack, registry } = importedProdRegistry();
    const props = {
      registry,
      namespace: nsRef(registry, "mirrors"),
      repository: repoRef(registry, "mirrors", "nginx"),
    };
    new UpstreamMirror(stack, "A", { ...props, source: { namespace: "library", repository: "nginx" } });
    new UpstreamMirror(stack, "B", { ...props, source: { provider: "QUAY", namespace: "x", repository: "nginx" } });
    expect(problemsOf(app)).toEqual([
      '[test/A] repository = "mirrors/nginx": duplicate upstream mirror target in the same scope (also used by test/B)',
      '[test/B] repository = "mirrors/nginx": duplicate upstream mirror target in the same scope (also used by test/A)',
    ]);
  });
});
