// The written module: it is the committed golden file (which `npm test`'s tsc pass type-checks as a
// PlatformDefinition), and buildPlatform synthesizes an import block for
// every resource it declares, with the import id format of provider 1.289.0's documentation and the attribute
// values of the recording (read here straight from the recorded JSON, not through the adopt code).
import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "../../constructs/engine";
import { buildPlatform } from "../../stacks/platform/build-platform";
import type { PlatformDefinition } from "../../stacks/platform/definition";
import { collectProblems } from "../../constructs/validation/synthesize";
import { Item, listed, recorded, RECORDING } from "./recorded-responses";
import { adopt, GOLDEN } from "./support";

type Json = { resource: Record<string, Record<string, Item>>; import?: { to: string; id: string }[] };

let out: string;
let json: Json;
let problems: string[];
beforeAll(async () => {
  out = path.join(path.dirname(GOLDEN), `.adopted-${process.pid}.ts`);
  const run = await adopt(["--from", path.relative(process.cwd(), RECORDING), "--out", out]);
  if (run.code !== 0) throw new Error(run.log);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { definition } = require(out) as { definition: PlatformDefinition };
  const app = Testing.app();
  const built = buildPlatform(app, definition);
  problems = collectProblems(app);
  json = JSON.parse(Testing.synth(built.stacks[0])) as Json;
});
afterAll(() => {
  fs.rmSync(out, { force: true });
});

const instanceId = String(recorded("GetInstance")[0].InstanceId);

/** The synthesized resources of `type` with the id their import block names. */
function imported(type: string): (Item & { importId?: string })[] {
  const ids = new Map((json.import ?? []).map((i) => [i.to, i.id]));
  return Object.entries(json.resource[type] ?? {}).map(([name, body]) => ({
    ...body,
    importId: ids.get(`${type}.${name}`),
  }));
}

describe("the definition adopt writes", () => {
  test("is the committed golden file, byte for byte (type-checked by npm test)", () => {
    expect(fs.readFileSync(out, "utf8")).toBe(fs.readFileSync(GOLDEN, "utf8"));
  });

  test("builds without a problem", () => {
    expect(problems).toEqual([]);
  });

  test("every resource of the stack is imported: the first plan adds nothing", () => {
    const addresses = Object.entries(json.resource).flatMap(([type, byName]) =>
      Object.keys(byName).map((n) => `${type}.${n}`),
    );
    expect((json.import ?? []).map((i) => i.to).sort()).toEqual(addresses.sort());
    expect(addresses).toHaveLength(78);
  });

  test("repositories: <instance_id>:<namespace>:<repo>, with the recorded visibility, summary, detail, immutability", () => {
    const repositories = recorded("GetRepository");
    expect(repositories).toHaveLength(65);
    const byId = new Map(imported("alicloud_cr_ee_repo").map((r) => [r.importId, r]));
    for (const r of repositories) {
      expect(byId.get(`${instanceId}:${r.RepoNamespaceName}:${r.RepoName}`)).toMatchObject({
        instance_id: instanceId,
        namespace: r.RepoNamespaceName,
        name: r.RepoName,
        repo_type: r.RepoType,
        summary: r.Summary,
        tag_immutability: r.TagImmutability,
        ...(r.Detail ? { detail: r.Detail } : {}),
        lifecycle: { prevent_destroy: true },
      });
    }
    expect(byId.size).toBe(65);
  });

  test("namespaces and chart namespaces: <instance_id>:<name>, with the recorded visibility and auto-create", () => {
    const namespaces = imported("alicloud_cr_ee_namespace");
    expect(namespaces.map((n) => [n.importId, n.default_visibility, n.auto_create])).toEqual(
      listed("ListNamespace", "Namespaces").map((n) => [
        `${instanceId}:${n.NamespaceName}`,
        n.DefaultRepoType,
        n.AutoCreateRepo,
      ]),
    );
    const charts = imported("alicloud_cr_chart_namespace");
    expect(charts.map((n) => [n.importId, n.default_repo_type, n.auto_create_repo])).toEqual(
      listed("ListChartNamespace", "Namespaces").map((n) => [
        `${instanceId}:${n.NamespaceName}`,
        n.DefaultRepoType,
        n.AutoCreateRepo,
      ]),
    );
    const chartRepositories = imported("alicloud_cr_chart_repository");
    expect(chartRepositories.map((r) => [r.importId, r.repo_type, r.summary])).toEqual(
      listed("ListChartRepository", "Repositories").map((r) => [
        `${instanceId}:${r.RepoNamespaceName}:${r.RepoName}`,
        r.RepoType,
        r.Summary,
      ]),
    );
  });

  test("VPC links: <instance_id>:<vpc_id>:<vswitch_id>:<module_name> per module, with no DNS-flag trigger", () => {
    const expected = recorded("GetInstanceVpcEndpoint").flatMap((e) =>
      (e.LinkedVpcs as Item[]).map((l) => `${instanceId}:${l.VpcId}:${l.VswitchId}:${e.ModuleName}`),
    );
    const links = imported("alicloud_cr_vpc_endpoint_linked_vpc");
    expect(links.map((l) => l.importId).sort()).toEqual(expected.sort());
    expect(json.resource.terraform_data).toBeUndefined();
  });

  test("Internet endpoint: <instance_id>, with the recorded allow-list except the system entry", () => {
    const endpoint = recorded("GetInstanceEndpoint").find((e) => e.Enable === true)!;
    const [resource] = imported("alicloud_cr_internet_endpoint");
    expect(resource.importId).toBe(instanceId);
    const entries = (endpoint.AclEntries as Item[]).filter((e) => e.Entry !== "127.0.0.1/32");
    expect(resource.entries).toEqual(
      expect.arrayContaining(entries.map((e) => ({ entry: e.Entry, comment: e.Comment }))),
    );
    expect(resource.entries).toHaveLength(entries.length);
  });

  test("the namespace's retention rule: <instance_id>:<rule id>, keeping the recorded number of tags", () => {
    const rule = listed("ListArtifactLifecycleRule", "Rules").find((r) => r.Scope === "NAMESPACE")!;
    expect(imported("alicloud_cr_artifact_lifecycle_rule")).toEqual([
      expect.objectContaining({
        importId: `${instanceId}:${rule.RuleId}`,
        namespace_name: rule.NamespaceName,
        retention_tag_count: rule.RetentionTagCount,
        scope: "NAMESPACE",
        schedule_time: rule.ScheduleTime,
        auto: rule.Auto,
      }),
    ]);
  });

  test("the namespace's replication rule: <instance_id>:<namespace>:<rule id>, with the recorded name and target", () => {
    const [rule] = listed("ListRepoSyncRule", "SyncRules");
    expect(imported("alicloud_cr_ee_sync_rule")).toEqual([
      expect.objectContaining({
        importId: `${instanceId}:${rule.LocalNamespaceName}:${rule.SyncRuleId}`,
        namespace_name: rule.LocalNamespaceName,
        sync_rule_name: rule.SyncRuleName,
        sync_scope: rule.SyncScope,
        sync_trigger: rule.SyncTrigger,
        tag_filter: rule.TagFilter,
        target_instance_id: rule.TargetInstanceId,
        target_region_id: rule.TargetRegionId,
        target_namespace_name: rule.TargetNamespaceName,
      }),
    ]);
  });

  test("what is not modelled is listed in the comment, with its import id", () => {
    const text = fs.readFileSync(out, "utf8");
    const comment = text.slice(0, text.indexOf("*/")).replace(/\n {1,3}/g, " ");
    for (const rule of listed("ListArtifactLifecycleRule", "Rules").filter((r) => r.Scope !== "NAMESPACE")) {
      expect(comment).toContain(`alicloud_cr_artifact_lifecycle_rule ${instanceId}:${rule.RuleId}`);
    }
    for (const chain of listed("ListChain", "Chains"))
      expect(comment).toContain(`alicloud_cr_chain ${instanceId}:${chain.ChainId}`);
    expect(comment).toContain("tags cost-center=cc-1042, team=platform");
  });
});
