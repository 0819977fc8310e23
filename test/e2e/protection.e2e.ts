// Protection over time, with the real cdktf CLI and terraform (stand-in provider): a protected repository removed from
// the code is retained, a renamed registry id moves, a release deletes, a stale release entry is refused.
import * as fs from "node:fs";
import { e2eUnavailable, planSummary, ProjectCopy, report } from "./project-copy";

const PROD = "prod-platform-cn-hangzhou";
const unavailable = e2eUnavailable();
if (unavailable !== undefined) throw new Error(`the end-to-end tests need terraform and tfstub: ${unavailable}`);

let project: ProjectCopy;
const stackDir = () => project.path("cdktf.out", "stacks", PROD);
const record = () => project.read("protection", `${PROD}.yaml`);
const stateList = () => project.terraform(PROD, "state", "list").output.split("\n").filter(Boolean);
const planAndReview = (...reviewArgs: string[]) => project.planAndReview(PROD, ...reviewArgs);

beforeAll(() => {
  project = new ProjectCopy();
  expect(project.run("npm", ["run", "--silent", "synth"]).status).toBe(0);
  const deploy = project.cdktf(["deploy", PROD, "--auto-approve", "--outputs-file", "outputs.json"]);
  expect(deploy.status).toBe(0);
});
afterAll(() => {
  if (process.env.ACR_E2E_KEEP !== "1") project.remove();
});

test("a protected repository removed from the code stays in the cloud: the plan forgets it, deletes nothing", () => {
  const ledger = /alicloud_cr_ee_repo\.ProdRegistry_payments_ledger_[0-9A-F]{8}/;
  expect(stateList().some((a) => ledger.test(a))).toBe(true);
  project.edit("stacks/example-platform.ts", '"payments-worker", "ledger"]', '"payments-worker"]');
  const synth = project.run("npm", ["run", "--silent", "synth"]);
  expect(synth.status).toBe(0);
  expect(synth.output).toMatch(
    /warning: \[prod-platform-cn-hangzhou\] alicloud_cr_ee_repo\.ProdRegistry_payments_ledger_\w+ \(repo acme-prod\/payments\/ledger\) is protected and no longer in the code: it stays in the cloud and leaves Terraform management; to delete its images, release it/,
  );
  expect(record()).toMatch(
    /ledger_\w+: \{ instance: acme-prod, namespace: payments, repository: ledger, path: ProdRegistry\/payments\/ledger, status: retained \}/,
  );

  const diff = project.cdktf(["diff", PROD]);
  expect(diff.status).toBe(0);
  expect(planSummary(diff.output)).toBe("Plan: 0 to add, 0 to change, 0 to destroy.");
  expect(diff.output).toMatch(/Some objects will no longer be managed by Terraform/);
  const { review } = planAndReview();
  expect(review.status).toBe(0);
  expect(review.output).toMatch(
    /`alicloud_cr_ee_repo\.ProdRegistry_payments_ledger_\w+`: removed from the code and retained/,
  );
  expect(review.output).toMatch(/\*\*Result:\*\* no image data loss\./);

  const deploy = project.cdktf(["deploy", PROD, "--auto-approve"]);
  expect(deploy.status).toBe(0);
  expect(deploy.output).toMatch(/Apply complete! Resources: 0 added, 0 changed, 0 destroyed\./);
  expect(stateList().some((a) => ledger.test(a))).toBe(false);
  expect(planSummary(project.cdktf(["diff", PROD]).output)).toBe("No changes");
  report("remove a repository", diff, `${planSummary(diff.output)} + forget; deployed; ledger left the state`);
});

test("renaming the registry id moves the instance, its contents and its dependants: nothing is destroyed", () => {
  for (const file of ["stacks/example-platform.ts", "stacks/main.ts"]) {
    fs.writeFileSync(project.path(file), project.read(file).replaceAll("ProdRegistry", "MainRegistry"));
  }
  const before = stateList().length;
  expect(project.run("npm", ["run", "--silent", "synth"]).status).toBe(0);
  expect(record()).toMatch(
    /alicloud_cr_ee_instance\.MainRegistry_\w+: \{ instance: acme-prod, path: MainRegistry, movedFrom: \[ alicloud_cr_ee_instance\.ProdRegistry_\w+ \] \}/,
  );
  const diff = project.cdktf(["diff", PROD]);
  expect(diff.status).toBe(0);
  expect(planSummary(diff.output)).toMatch(/^Plan: 0 to add, \d+ to change, 0 to destroy\.$|^No changes$/);
  const moves = diff.output.match(/has moved to/g)?.length ?? 0;
  expect(moves).toBeGreaterThan(20);
  const { review } = planAndReview();
  expect(review.status).toBe(0);
  expect(review.output).toMatch(
    /`alicloud_cr_ee_instance\.ProdRegistry_\w+` moved to `alicloud_cr_ee_instance\.MainRegistry_\w+`/,
  );

  const deploy = project.cdktf(["deploy", PROD, "--auto-approve"]);
  expect(deploy.status).toBe(0);
  expect(deploy.output).toMatch(/Resources: 0 added, \d+ changed, 0 destroyed\./);
  expect(stateList().length).toBe(before);
  expect(stateList().filter((a) => a.includes("ProdRegistry"))).toEqual([]);
  expect(planSummary(project.cdktf(["diff", PROD]).output)).toBe("No changes");
  report("rename the registry id", diff, `${moves} moves, ${planSummary(diff.output)}; deployed; state size unchanged`);
});

test("a released repository is deleted by the plan, and plan-review fails without an allow entry", () => {
  project.edit("stacks/example-platform.ts", '"payments-api", "payments-worker"]', '"payments-api"]');
  project.edit(
    "stacks/example-platform.ts",
    "  environments: [",
    `  protection: { release: ["${PROD}/MainRegistry/payments/payments-worker"] },\n  environments: [`,
  );
  const synth = project.run("npm", ["run", "--silent", "synth"]);
  expect(synth.status).toBe(0);
  expect(synth.output).toMatch(
    /payments-worker_\w+ \(repo acme-prod\/payments\/payments-worker\) is released: the next deploy deletes it/,
  );
  const { plan, review } = planAndReview();
  expect(planSummary(plan.output)).toBe("Plan: 0 to add, 0 to change, 1 to destroy.");
  expect(review.status).toBe(1);
  expect(review.output).toMatch(/IMAGE DATA LOSS[\s\S]*alicloud_cr_ee_repo\.MainRegistry_payments_payments-worker_\w+/);
  expect(review.output).toMatch(/\*\*FAIL\*\*/);
  const allowed = project.run("npm", [
    "run",
    "--silent",
    "plan-review",
    "--",
    `${PROD}-plan.json`,
    "--allow-data-loss",
  ]);
  expect(allowed.status).toBe(0);
  report("release a repository", plan, `${planSummary(plan.output)} plan-review exit ${review.status}`);
});

test("a release entry that names nothing removed from the code fails the synth, which writes nothing", () => {
  const configBefore = fs.readFileSync(`${stackDir()}/cdk.tf.json`, "utf8");
  project.edit("stacks/example-platform.ts", "/payments/payments-worker", "/payments/payments-api");
  const synth = project.run("npm", ["run", "--silent", "synth"]);
  expect(synth.status).toBe(1);
  expect(synth.output).toContain(
    `[${PROD}] release = "${PROD}/MainRegistry/payments/payments-api": alicloud_cr_ee_repo.MainRegistry_payments_payments-api_`,
  );
  expect(synth.output).toMatch(/is still in the code; remove it from the code to delete it/);
  expect(fs.readFileSync(`${stackDir()}/cdk.tf.json`, "utf8")).toBe(configBefore);
  report("stale release entry", synth, "synth refused; nothing written");
});
