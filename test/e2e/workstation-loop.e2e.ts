// The workstation loop as a user runs it, with the real cdktf CLI and terraform (stand-in provider): deploy, re-synth,
// diff, output, a second stack into the same outputs file, a protected rename, a refused destroy. Each step asserts on
// what the CLI printed and its exit code; the steps share one project copy and run in order.
import * as fs from "node:fs";
import { e2eUnavailable, planSummary, ProjectCopy, report } from "./project-copy";

const PROD = "prod-platform-cn-hangzhou";
const DEV = "dev-platform-cn-shanghai";
const unavailable = e2eUnavailable();
if (unavailable !== undefined) throw new Error(`the end-to-end tests need terraform and tfstub: ${unavailable}`);

let project: ProjectCopy;
let instanceId: string;

beforeAll(() => {
  project = new ProjectCopy();
});
afterAll(() => {
  if (process.env.ACR_E2E_KEEP !== "1") project.remove();
});

const prodState = () => project.path("terraform-state", `${PROD}.tfstate`);
const stackDir = (stack: string, ...file: string[]) => project.path("cdktf.out", "stacks", stack, ...file);
const outputsFile = () => JSON.parse(project.read("outputs.json")) as Record<string, Record<string, string>>;

test("npm run synth writes both stacks with their local state outside cdktf.out", () => {
  const result = project.run("npm", ["run", "--silent", "synth"]);
  expect(result.status).toBe(0);
  const manifest = JSON.parse(project.read("cdktf.out", "manifest.json")) as { stacks: Record<string, unknown> };
  expect(Object.keys(manifest.stacks).sort()).toEqual([DEV, PROD]);
  const config = JSON.parse(fs.readFileSync(stackDir(PROD, "cdk.tf.json"), "utf8"));
  expect(config.terraform.backend.local.path).toBe(`../../../terraform-state/${PROD}.tfstate`);
  report("synth", result, `stacks ${Object.keys(manifest.stacks).join(", ")}`);
});

test("cdktf deploy of the prod stack applies everything and writes the outputs file", () => {
  const result = project.cdktf(["deploy", PROD, "--auto-approve", "--outputs-file", "outputs.json"]);
  expect(result.status).toBe(0);
  const applied = /Apply complete! Resources: (\d+) added, 0 changed, 0 destroyed\./.exec(result.output);
  expect(applied).not.toBeNull();
  expect(Number(applied?.[1])).toBeGreaterThan(20);
  instanceId = outputsFile()[PROD].ProdRegistry_instance_id;
  expect(instanceId).toMatch(/^cri-[0-9a-f]+$/);
  expect(instanceId).not.toBe("cri-acmeprod0example"); // the example's shipped outputs
  expect(fs.existsSync(prodState())).toBe(true);
  expect(fs.existsSync(stackDir(PROD, ".terraform"))).toBe(true);
  expect(fs.existsSync(stackDir(PROD, ".terraform.lock.hcl"))).toBe(true);
  report("deploy prod", result, `${applied?.[0]} instance ${instanceId}`);
});

test("npm run synth again keeps state, .terraform/ and the lock file, and renders the deployed instance id", () => {
  const stateBefore = fs.readFileSync(prodState(), "utf8");
  const result = project.run("npm", ["run", "--silent", "synth"]);
  expect(result.status).toBe(0);
  expect(fs.readFileSync(prodState(), "utf8")).toBe(stateBefore);
  expect(fs.existsSync(stackDir(PROD, ".terraform"))).toBe(true);
  expect(fs.existsSync(stackDir(PROD, ".terraform.lock.hcl"))).toBe(true);
  expect(project.read("dist", "prod.k8s.yaml")).toContain(instanceId);
  expect(project.read("dist", "analytics.k8s.yaml")).toContain(instanceId);
  report("re-synth", result, `state unchanged; dist/prod.k8s.yaml carries ${instanceId}`);
});

test("cdktf diff reports no changes", () => {
  const result = project.cdktf(["diff", PROD]);
  expect(result.status).toBe(0);
  expect(planSummary(result.output)).toBe("No changes");
  report("diff", result, "No changes");
});

test("cdktf output prints the deployed instance id", () => {
  const result = project.cdktf(["output", PROD]);
  expect(result.status).toBe(0);
  expect(result.output).toMatch(new RegExp(`ProdRegistry_instance_id = ${instanceId}`));
  report("output", result, `ProdRegistry_instance_id = ${instanceId}`);
});

test("deploying the dev stack into the same outputs file keeps every cluster rendered", () => {
  const result = project.cdktf(["deploy", DEV, "--auto-approve", "--outputs-file", "outputs.json"]);
  expect(result.status).toBe(0);
  expect(result.output).toMatch(/Apply complete! Resources: \d+ added/);
  // cdktf-cli rewrote the file with the dev stack's outputs only ...
  expect(Object.keys(outputsFile())).toEqual([DEV]);
  const synth = project.run("npm", ["run", "--silent", "synth"]);
  expect(synth.status).toBe(0);
  // ... and synth merged it over the prod stack's outputs from the earlier deploy.
  const merged = JSON.parse(project.read("terraform-state", "deploy-outputs.json"));
  expect(Object.keys(merged).sort()).toEqual([DEV, PROD]);
  expect(merged[PROD].ProdRegistry_instance_id).toBe(instanceId);
  expect(fs.readdirSync(project.path("dist")).sort()).toEqual(["analytics.k8s.yaml", "dev.k8s.yaml", "prod.k8s.yaml"]);
  expect(project.read("dist", "prod.k8s.yaml")).toContain(instanceId);
  report(
    "deploy dev + synth",
    result,
    "outputs.json holds dev only; terraform-state/deploy-outputs.json both; 3 manifests",
  );
});

test("renaming the instance (a replacement) is refused by protection, and plan-review reports the data loss", () => {
  project.edit("stacks/example-platform.ts", 'instanceName: "acme-prod"', 'instanceName: "acme-prod-2"');
  const diff = project.cdktf(["diff", PROD]);
  expect(diff.status).not.toBe(0);
  expect(diff.output).toMatch(/Instance cannot be destroyed/);
  expect(diff.output).toMatch(/alicloud_cr_ee_instance\.ProdRegistry_[0-9A-F]+ has\s+lifecycle\.prevent_destroy/);
  // The manifests of the renamed registry's clusters are not rendered from the now stale outputs.
  const synth = project.run("npm", ["run", "--silent", "synth"]);
  expect(synth.status).toBe(0);
  expect(synth.output).toMatch(
    /error: manifests of clusters prod and analytics not rendered: .*"acme-prod" where the code has "acme-prod-2"/,
  );
  expect(fs.readdirSync(project.path("dist"))).toEqual(["dev.k8s.yaml"]);
  // A job that publishes dist/ asks for every manifest: then the same synth fails and writes nothing.
  const configBefore = project.read("cdktf.out", "stacks", PROD, "cdk.tf.json");
  project.edit("stacks/example-platform.ts", "autoRenewMonths: 12,", "autoRenewMonths: 6,");
  const strict = project.run("npm", ["run", "--silent", "synth", "--", "--require-manifests"]);
  expect(strict.status).toBe(1);
  expect(strict.output).toMatch(/--require-manifests: nothing was written/);
  expect(project.read("cdktf.out", "stacks", PROD, "cdk.tf.json")).toBe(configBefore);
  project.edit("stacks/example-platform.ts", "autoRenewMonths: 6,", "autoRenewMonths: 12,");
  // Terraform saves the errored plan; the plan review reads it.
  const { plan, review } = project.planAndReview(PROD);
  expect(plan.status).toBe(1);
  expect(review.status).toBe(1);
  expect(review.output).toMatch(/IMAGE DATA LOSS/);
  expect(review.output).toMatch(/alicloud_cr_ee_instance\.ProdRegistry_/);
  report("rename", diff, `${planSummary(diff.output)} refused by prevent_destroy; plan-review exit ${review.status}`);
});

test("cdktf destroy is refused by protection and the state stays intact", () => {
  project.edit("stacks/example-platform.ts", 'instanceName: "acme-prod-2"', 'instanceName: "acme-prod"');
  const destroy = project.cdktf(["destroy", PROD, "--auto-approve"]);
  expect(destroy.status).not.toBe(0);
  expect(destroy.output).toMatch(/cannot be destroyed/);
  const diff = project.cdktf(["diff", PROD]);
  expect(diff.status).toBe(0);
  expect(planSummary(diff.output)).toBe("No changes");
  report("destroy", destroy, `refused by prevent_destroy; then diff: ${planSummary(diff.output)}`);
});

test("a stack deployed with the earlier layout (state inside cdktf.out) moves its state with --migrate-state", () => {
  // Recreate the earlier layout for the dev stack: its backend pointed at a state file in the stack folder.
  const legacy = `terraform.${DEV}.tfstate`;
  const config = JSON.parse(fs.readFileSync(stackDir(DEV, "cdk.tf.json"), "utf8"));
  config.terraform.backend.local.path = legacy;
  fs.writeFileSync(stackDir(DEV, "cdk.tf.json"), JSON.stringify(config, null, 2));
  const init = project.terraform(DEV, "init", "-input=false", "-migrate-state", "-force-copy");
  expect(init.status).toBe(0);
  fs.rmSync(project.path("terraform-state", `${DEV}.tfstate`));
  expect(fs.existsSync(stackDir(DEV, legacy))).toBe(true);

  const synth = project.run("npm", ["run", "--silent", "synth"]);
  expect(synth.status).toBe(0);
  expect(synth.output).toContain(`is not the state file of stack "${DEV}"`);
  expect(synth.output).toContain(`run \`cdktf diff ${DEV} --migrate-state\` once`);
  const migrate = project.cdktf(["diff", DEV, "--migrate-state"]);
  expect(migrate.status).toBe(0);
  expect(planSummary(migrate.output)).toBe("No changes");
  expect(fs.existsSync(project.path("terraform-state", `${DEV}.tfstate`))).toBe(true);
  expect(fs.existsSync(stackDir(DEV, legacy))).toBe(true); // Terraform copies; nothing is deleted
  report("migrate", migrate, "legacy state copied to terraform-state/; diff: No changes");
});
