// Adoption end to end: `npm run adopt` replays the committed recording (3 namespaces, 65 repositories over 3
// pages), the app synthesizes the definition it wrote, the stand-in provider's fake cloud holds the objects as the
// recording describes them (built here from the recorded JSON, with the attributes provider 1.289.0 reads), and the
// real `terraform plan` must import everything and change nothing; after the apply the import blocks are harmless.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Item, listed, recorded } from "../adopt/recorded-responses";
import { e2eUnavailable, planSummary, ProjectCopy, report } from "./project-copy";

const unavailable = e2eUnavailable();
if (unavailable !== undefined) throw new Error(`the end-to-end tests need terraform and tfstub: ${unavailable}`);

const RECORDING = "test/adopt/fixtures/acme-legacy";
const STACK = "prod-main-cn-hangzhou";

let project: ProjectCopy;
let cloud: string;

beforeAll(() => {
  cloud = fs.mkdtempSync(path.join(os.tmpdir(), "acr-adopt-cloud-"));
  process.env.TFSTUB_CLOUD_DIR = cloud; // the copy's commands inherit it
  project = new ProjectCopy();
});
afterAll(() => {
  delete process.env.TFSTUB_CLOUD_DIR;
  if (process.env.ACR_E2E_KEEP !== "1") {
    project.remove();
    fs.rmSync(cloud, { recursive: true, force: true });
  }
});

// The provider keeps an empty string the API returns as unset (the SDK's zero value); the stand-in compares exactly.
const value = (v: unknown) => (v === "" || v === undefined ? null : v);

/** Writes one object of the fake cloud, in tfstub's format (`<dir>/<type>/<id>.json` with `{type, id, state}`). */
function put(type: string, state: Item & { id: string }): void {
  const safe = (s: string) => encodeURIComponent(s).replace(/\./g, "%2E");
  fs.mkdirSync(path.join(cloud, safe(type)), { recursive: true });
  fs.writeFileSync(
    path.join(cloud, safe(type), `${safe(state.id)}.json`),
    JSON.stringify({ type, id: state.id, state }),
  );
}

/** The cloud as the recording describes it, one object per namespace, repository, chart, link, endpoint and rule. */
function populateCloud(): number {
  const instance = String(recorded("GetInstance")[0].InstanceId);
  let objects = 0;
  const add = (type: string, state: Item & { id: string }) => (put(type, state), objects++);
  for (const n of listed("ListNamespace", "Namespaces")) {
    add("alicloud_cr_ee_namespace", {
      id: `${instance}:${n.NamespaceName}`,
      instance_id: instance,
      name: n.NamespaceName,
      auto_create: n.AutoCreateRepo,
      default_visibility: n.DefaultRepoType,
    });
  }
  for (const r of recorded("GetRepository")) {
    add("alicloud_cr_ee_repo", {
      id: `${instance}:${r.RepoNamespaceName}:${r.RepoName}`,
      instance_id: instance,
      namespace: r.RepoNamespaceName,
      name: r.RepoName,
      repo_type: r.RepoType,
      summary: r.Summary,
      detail: value(r.Detail),
      tag_immutability: r.TagImmutability,
      repo_id: r.RepoId,
    });
  }
  for (const n of listed("ListChartNamespace", "Namespaces")) {
    add("alicloud_cr_chart_namespace", {
      id: `${instance}:${n.NamespaceName}`,
      instance_id: instance,
      namespace_name: n.NamespaceName,
      auto_create_repo: n.AutoCreateRepo,
      default_repo_type: n.DefaultRepoType,
    });
  }
  for (const r of listed("ListChartRepository", "Repositories")) {
    add("alicloud_cr_chart_repository", {
      id: `${instance}:${r.RepoNamespaceName}:${r.RepoName}`,
      instance_id: instance,
      repo_namespace_name: r.RepoNamespaceName,
      repo_name: r.RepoName,
      repo_type: r.RepoType,
      summary: value(r.Summary),
    });
  }
  for (const endpoint of recorded("GetInstanceVpcEndpoint")) {
    for (const l of endpoint.LinkedVpcs as Item[]) {
      add("alicloud_cr_vpc_endpoint_linked_vpc", {
        id: `${instance}:${l.VpcId}:${l.VswitchId}:${endpoint.ModuleName}`,
        instance_id: instance,
        vpc_id: l.VpcId,
        vswitch_id: l.VswitchId,
        module_name: endpoint.ModuleName,
        enable_create_dns_record_in_pvzt: null, // never read back by the provider
        status: l.Status,
      });
    }
  }
  const internet = recorded("GetInstanceEndpoint").find((e) => e.Enable === true);
  if (internet) {
    add("alicloud_cr_internet_endpoint", {
      id: instance,
      instance_id: instance,
      // The provider filters the system entry out of state on read (its documentation, NOTE on entries).
      entries: (internet.AclEntries as Item[])
        .filter((e) => e.Entry !== "127.0.0.1/32")
        .map((e) => ({ entry: e.Entry, comment: e.Comment })),
      status: internet.Status,
    });
  }
  for (const rule of listed("ListRepoSyncRule", "SyncRules")) {
    add("alicloud_cr_ee_sync_rule", {
      id: `${instance}:${rule.LocalNamespaceName}:${rule.SyncRuleId}`,
      instance_id: instance,
      namespace_name: rule.LocalNamespaceName,
      repo_name: value(rule.LocalRepoName),
      sync_rule_name: rule.SyncRuleName,
      repo_sync_rule_id: rule.SyncRuleId,
      sync_scope: rule.SyncScope,
      sync_trigger: rule.SyncTrigger,
      sync_direction: rule.SyncDirection,
      tag_filter: rule.TagFilter,
      target_instance_id: rule.TargetInstanceId,
      target_region_id: rule.TargetRegionId,
      target_namespace_name: rule.TargetNamespaceName,
      target_repo_name: value(rule.TargetRepoName),
      region_id: rule.LocalRegionId,
    });
  }
  for (const rule of listed("ListArtifactLifecycleRule", "Rules")) {
    add("alicloud_cr_artifact_lifecycle_rule", {
      id: `${instance}:${rule.RuleId}`,
      instance_id: instance,
      artifact_lifecycle_rule_id: rule.RuleId,
      scope: rule.Scope,
      namespace_name: value(rule.NamespaceName),
      repo_name: value(rule.RepoName),
      retention_tag_count: rule.RetentionTagCount,
      schedule_time: rule.ScheduleTime,
      tag_regexp: value(rule.TagRegexp),
      auto: rule.Auto,
    });
  }
  return objects;
}

const APP = `import { synthesizeApp } from "../constructs";
import { App } from "../constructs/engine";
import { buildPlatform } from "./platform/build-platform";
import { definition } from "./adopted";

const app = new App();
buildPlatform(app, definition);
synthesizeApp(app);
`;

test("npm run adopt replays the recording into a definition", () => {
  const result = project.run("npm", [
    ...["run", "--silent", "adopt", "--"],
    ...["--instance-id", "cri-acmelegacy0001", "--region", "cn-hangzhou", "--account-id", "1234567890123456"],
    ...["--from", RECORDING, "--out", "stacks/adopted.ts"],
  ]);
  expect(result.status).toBe(0);
  expect(result.output).toContain("78 object(s) to import");
  report("adopt", result, /wrote .*? in [\d.]+ s/.exec(result.output)?.[0] ?? "");
});

test("the app synthesizes the adopted stack with an import block per resource", () => {
  fs.writeFileSync(project.path("stacks", "adopted-app.ts"), APP);
  const result = project.run("sh", ["-c", "node scripts/build.js && node lib/stacks/adopted-app.js"]);
  expect(result.status).toBe(0);
  const json = JSON.parse(project.read("cdktf.out", "stacks", STACK, "cdk.tf.json")) as { import: unknown[] };
  expect(json.import).toHaveLength(78);
  report("synth", result, `${json.import.length} import blocks`);
});

test("terraform plan against the recorded cloud imports everything and changes nothing", () => {
  const objects = populateCloud();
  const init = project.terraform(STACK, "init", "-input=false", "-no-color");
  expect(init.status).toBe(0);
  const plan = project.terraform(STACK, "plan", "-input=false", "-no-color");
  expect(plan.status).toBe(0);
  expect(/Plan: \d+ to import, \d+ to add, \d+ to change, \d+ to destroy\./.exec(plan.output)?.[0]).toBe(
    "Plan: 78 to import, 0 to add, 0 to change, 0 to destroy.",
  );
  report("plan", plan, `cloud of ${objects} objects; ${planSummary(plan.output) ?? "imports only"}`);
});

test("after the apply, the import blocks are harmless: the next plan has no changes", () => {
  const apply = project.terraform(STACK, "apply", "-input=false", "-no-color", "-auto-approve");
  expect(apply.status).toBe(0);
  expect(apply.output).toContain("Apply complete! Resources: 78 imported, 0 added, 0 changed, 0 destroyed.");
  const again = project.terraform(STACK, "plan", "-input=false", "-no-color");
  expect(again.status).toBe(0);
  expect(planSummary(again.output)).toBe("No changes");
  report("re-plan", again, "No changes");
});

test("then deleting importExisting, as the file says, only adds the VPC links' DNS-flag trigger: nothing is replaced", () => {
  // The field as the renderer writes it: on one line, or from `{` to its closing brace at the same indentation.
  const field = /\n( {10})importExisting: (\{[^\n]*\}|\{\n[\s\S]*?\n\1\}),\n/.exec(
    project.read("stacks", "adopted.ts"),
  );
  project.edit("stacks/adopted.ts", field![0], "\n");
  const synth = project.run("sh", ["-c", "node scripts/build.js && node lib/stacks/adopted-app.js"]);
  expect(synth.status).toBe(0);
  const json = JSON.parse(project.read("cdktf.out", "stacks", STACK, "cdk.tf.json")) as Record<string, unknown>;
  expect(json.import).toBeUndefined();
  const plan = project.terraform(STACK, "plan", "-input=false", "-no-color");
  expect(plan.status).toBe(0);
  expect(planSummary(plan.output)).toBe("Plan: 1 to add, 0 to change, 0 to destroy.");
  expect(plan.output).toContain("terraform_data.AcmeLegacy_VpcAccess_PrivateZoneDns");
  expect(plan.output).not.toContain("must be replaced");
  report("without importExisting", plan, planSummary(plan.output) ?? "");
});
