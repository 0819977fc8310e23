import * as fs from "node:fs";
import * as path from "node:path";
import { validateSynthOutput } from "../../review/validate";
import { defineExamplePlatform } from "../../stacks/example-platform";
import { TerraformJson } from "../support/synth";
import { synthApp } from "../support/synth-app";

const DATA_HOLDING = [
  "alicloud_cr_ee_instance",
  "alicloud_cr_ee_namespace",
  "alicloud_cr_ee_repo",
  "alicloud_cr_chart_namespace",
  "alicloud_cr_chart_repository",
];

const synthExample = () => synthApp(defineExamplePlatform);

function filesUnder(dir: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(dir, entry);
    if (fs.statSync(full).isFile()) files[entry] = fs.readFileSync(full);
  }
  return files;
}

const count = (json: TerraformJson, type: string) => Object.keys(json.resource?.[type] ?? {}).length;

describe("embedded example platform", () => {
  const { outdir, stacks: byName } = synthExample();
  // One stack per (environment, account, region).
  const stacks = { prod: byName["prod-platform-cn-hangzhou"], dev: byName["dev-platform-cn-shanghai"] };

  test("a new prod instance and an imported dev instance, 3+ namespaces, 10+ repos, a chart repo", () => {
    expect(Object.keys(byName).sort()).toEqual(["dev-platform-cn-shanghai", "prod-platform-cn-hangzhou"]);
    const all = Object.values(stacks);
    const total = (type: string) => all.reduce((sum, json) => sum + count(json, type), 0);
    expect(count(stacks.prod, "alicloud_cr_ee_instance")).toBe(1);
    expect(count(stacks.dev, "alicloud_cr_ee_instance")).toBe(0);
    expect(Object.values(stacks.dev.resource?.alicloud_cr_ee_namespace ?? {}).map((ns) => ns.instance_id)).toEqual([
      "cri-acmedev0example",
    ]);
    expect(total("alicloud_cr_ee_namespace")).toBeGreaterThanOrEqual(3);
    expect(total("alicloud_cr_ee_repo")).toBeGreaterThanOrEqual(10);
    expect(total("alicloud_cr_chart_repository")).toBeGreaterThanOrEqual(1);
  });

  test("prod declares its supply-chain policies and network access", () => {
    // The payments namespace and, on its own, the checkout repository.
    expect(count(stacks.prod, "alicloud_cr_ee_sync_rule")).toBe(2);
    for (const type of [
      "alicloud_cr_scan_rule",
      "alicloud_cr_chain",
      "alicloud_cr_artifact_lifecycle_rule",
      "alicloud_cr_artifact_subscription_rule",
      "alicloud_cr_internet_endpoint",
    ]) {
      expect([type, count(stacks.prod, type)]).toEqual([type, 1]);
    }
    expect(count(stacks.prod, "alicloud_cr_vpc_endpoint_linked_vpc")).toBe(4);
  });

  test("access: worker-role pull, cross-account pull through a second provider, CI push to two namespaces", () => {
    const providers = stacks.prod.provider?.alicloud ?? [];
    expect(providers).toEqual([
      { region: "cn-hangzhou" },
      {
        alias: "account-analytics",
        region: "cn-beijing",
        assume_role: { role_arn: "acs:ram::1000000000000002:role/terraform-deployer", session_name: "acr-platform" },
      },
    ]);
    const roles = Object.values(stacks.prod.resource?.alicloud_ram_role ?? {});
    const puller = roles.find((r) => r.role_name === "acr-pull-analytics-acme-prod");
    expect(JSON.parse(puller?.assume_role_policy_document as string).Statement[0].Principal).toEqual({
      RAM: ["acs:ram::1000000000000002:role/KubernetesWorkerRole-analytics0example"],
    });
    const attachments = Object.values(stacks.prod.resource?.alicloud_ram_role_policy_attachment ?? {});
    const attachedTo = (role: string) => attachments.filter((a) => a.role_name === role);
    expect(attachedTo("KubernetesWorkerRole-prod0example")).toHaveLength(1);
    expect(attachedTo("KubernetesWorkerRole-analytics0example")).toEqual([
      expect.objectContaining({ provider: "alicloud.account-analytics" }),
    ]);
    // One policy per identity: the prod worker role's image pull and chart pull share its default policy.
    const policies = Object.values(stacks.prod.resource?.alicloud_ram_policy ?? {});
    const policyOf = (prefix: string) => policies.filter((p) => String(p.policy_name).startsWith(prefix));
    expect(policyOf("acr-role-KubernetesWorkerRole-prod0example-")).toHaveLength(1);
    expect(
      JSON.parse(policyOf("acr-role-KubernetesWorkerRole-prod0example-")[0].policy_document as string).Statement,
    ).toEqual([
      {
        Effect: "Allow",
        Action: ["cr:GetAuthorizationToken", "cr:ListInstanceEndpoint"],
        Resource: ["*"],
      },
      {
        Effect: "Allow",
        Action: ["cr:PullRepository"],
        Resource: [
          expect.stringMatching(/:chart\/\$\{alicloud_cr_ee_instance\.\w+\.id\}\/charts\/platform-charts$/),
          expect.stringMatching(/:repository\/\$\{alicloud_cr_ee_instance\.\w+\.id\}\/\*$/),
        ],
      },
    ]);
    const [ciPolicy] = policyOf("acr-role-ci-image-push-");
    expect(JSON.parse(ciPolicy?.policy_document as string).Statement[1].Resource).toEqual([
      expect.stringMatching(/:repository\/\$\{alicloud_cr_ee_instance\.\w+\.id\}\/payments\/\*$/),
      expect.stringMatching(/:repository\/\$\{alicloud_cr_ee_instance\.\w+\.id\}\/storefront\/\*$/),
    ]);
  });

  test("every instance, namespace, repository and chart resource is protected from destroy", () => {
    for (const json of Object.values(stacks)) {
      for (const type of DATA_HOLDING) {
        for (const resource of Object.values(json.resource?.[type] ?? {})) {
          expect(resource.lifecycle).toMatchObject({ prevent_destroy: true });
        }
      }
    }
  });

  test("each stack pins the provider version and has a region and a relative local state path", () => {
    for (const [name, json] of Object.entries(byName)) {
      expect(json.terraform).toMatchObject({
        required_providers: { alicloud: { source: "aliyun/alicloud", version: "1.289.0" } },
        backend: { local: { path: `../../../terraform-state/${name}.tfstate` } },
      });
      expect(json.provider?.alicloud?.[0]?.region).toMatch(/^cn-/);
    }
  });

  test("outputs carry the registry facts the clusters need", () => {
    expect(stacks.prod.output?.ProdRegistry_vpc_domain.value).toBe(
      "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com",
    );
    expect(stacks.dev.output?.DevRegistry_instance_id.value).toBe("cri-acmedev0example");
  });

  test("every stack conforms to the vendored provider schema and constraints", () => {
    const reports = validateSynthOutput(outdir);
    expect(reports.map((r) => r.stack)).toEqual(["dev-platform-cn-shanghai", "prod-platform-cn-hangzhou"]);
    // Only the deprecation of the Personal Edition types the dev stack uses on purpose.
    expect(reports.flatMap((r) => r.findings.map((f) => [f.severity, f.rule, f.address]))).toEqual([
      ["warning", "deprecated", expect.stringMatching(/^alicloud_cr_namespace\.LegacyTools_/)],
      ["warning", "deprecated", expect.stringMatching(/^alicloud_cr_repo\.LegacyTools_BuildTools_/)],
    ]);
  });

  test("synthesis is deterministic: a second synth is byte-identical", () => {
    const second = synthExample();
    const a = filesUnder(outdir);
    const b = filesUnder(second.outdir);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const file of Object.keys(a)) expect(b[file].equals(a[file])).toBe(true);
    expect(a["manifest.json"].toString()).not.toContain(outdir);
  });
});
