import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../review/plan-review-cli";
import {
  isAllowed,
  parseAllowList,
  PlanFormatError,
  planReviewExitCode,
  renderPlanReviews,
  reviewPlan,
} from "../../review/plan-review";
import { EXAMPLE_PLATFORM } from "../../stacks/example-platform";

// Real `terraform show -json` output (Terraform 1.11.4 with the tfstub provider), trimmed; see fixtures/README.md.
const FIXTURES = path.join(__dirname, "fixtures");
const load = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8"));
const createPlan = load("plan-create.json");
const changePlan = load("plan-change.json");

const LEDGER = "alicloud_cr_ee_repo.ProdRegistry_payments_ledger_FE5FDCBC";
const WEB = "alicloud_cr_ee_repo.ProdRegistry_storefront_web_6DF79327";

/** Runs the CLI, capturing stdout and stderr. */
function run(argv: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const out = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { status: main(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-test-"));
}

describe("create plan", () => {
  const review = reviewPlan(createPlan, "prod/plan.json");

  test("counts every resource as a create and finds no data loss", () => {
    expect(review.counts.create).toBe(review.changes.length);
    expect(review.counts.create).toBeGreaterThan(20);
    expect(review.counts.delete + review.counts.replace + review.counts.update).toBe(0);
    expect(review.dataLoss).toEqual([]);
    expect(planReviewExitCode([review])).toBe(0);
    expect(review.terraformVersion).toBe("1.11.4");
  });

  test("new policies, attachments and roles are widenings; unknown documents say so", () => {
    const policies = review.permissions.filter((p) => p.kind === "policy");
    // The example's CI push (a role and a RAM user), prod cluster pull, cross-account pull and assume-role policies,
    // plus the fixture script's two grants (fixtures/README.md).
    expect(policies).toHaveLength(7);
    expect(policies[0].diff).toEqual(["+ (document known after apply; `npm run review` shows it with references)"]);
    expect(policies.every((p) => p.widened)).toBe(true);
    const attachments = review.permissions.filter((p) => p.kind === "attachment").map((p) => p.diff);
    expect(attachments).toContainEqual(["+ role ci-builder <- policy acr-role-ci-builder-e3fde176 (Custom)"]);
    const trusts = review.permissions.filter((p) => p.kind === "trust").map((p) => p.diff);
    // The fixture script's cluster puller, next to the example's CI and cross-account roles.
    expect(trusts).toHaveLength(3);
    expect(trusts).toContainEqual(["+ Allow sts:AssumeRole by Service cs.aliyuncs.com", "+ max session 3600 s"]);
  });

  test("a new Internet endpoint and its entries are exposure", () => {
    const allowList = EXAMPLE_PLATFORM.environments[0].registries[0].internetAllowList ?? [];
    expect(allowList.length).toBeGreaterThan(1);
    expect(review.exposure.map((e) => e.message)).toEqual([
      "Internet endpoint enabled (allow-list created)",
      ...allowList
        .map((e) => `Internet allow-list entry added: ${e.cidr} (${e.description})`)
        .sort((a, b) => (a < b ? -1 : 1)),
    ]);
    expect(review.exposure.some((e) => e.openToAll)).toBe(false);
  });
});

describe("change plan (a PR that deletes, replaces, widens and exposes)", () => {
  const review = reviewPlan(changePlan, "prod/plan.json");
  const markdown = renderPlanReviews([review]);

  test("counts by action, with both replacement orders folded into replace", () => {
    expect(review.counts).toMatchObject({ create: 2, update: 4, replace: 1, delete: 1, "no-op": 1, read: 0 });
    expect(markdown).toContain(
      "**Changes:** 2 to create, 4 to update in place, 1 to replace, 1 to delete, 1 unchanged.",
    );
    expect(markdown).toContain("| replace | 1 |");
    const flipped = reviewPlan(
      {
        format_version: "1.2",
        resource_changes: [{ address: "a.b", type: "a", change: { actions: ["create", "delete"] } }],
      },
      "x",
    );
    expect(flipped.counts.replace).toBe(1);
  });

  test("the deleted and the replaced repository are IMAGE DATA LOSS, with reason and replace paths", () => {
    expect(review.dataLoss.map((d) => [d.address, d.what, d.action, d.actionReason, d.replacePaths])).toEqual([
      [LEDGER, "repository payments/ledger", "delete", "delete_because_no_resource_config", []],
      [WEB, "repository storefront/web", "replace", "replace_because_cannot_update", ["name"]],
    ]);
    expect(markdown).toContain("### IMAGE DATA LOSS");
    expect(markdown).toContain(
      `| \`${WEB}\` | repository storefront/web | **replace** (delete, create) | ` +
        "`replace_because_cannot_update` | `name` | **no** |",
    );
    expect(markdown).toContain(
      `| \`${LEDGER}\` | repository payments/ledger | **delete** (delete) | ` +
        "`delete_because_no_resource_config` | — |",
    );
  });

  test("policy widening is a diff of statement lines", () => {
    const ci = review.permissions.find((p) => p.title === "acr-role-ci-builder-e3fde176");
    // The example's literal account id; the instance id is the stand-in provider's placeholder.
    const arn = "acs:cr:cn-hangzhou:1000000000000001:repository/cri-0984003fd0f5/payments/*";
    expect(ci?.diff).toEqual([
      "  Allow cr:GetAuthorizationToken on *",
      `  Allow cr:PullRepository on ${arn}`,
      `+ Allow cr:PushRepository on ${arn}`,
    ]);
    expect(ci?.widened).toBe(true);
    expect(markdown).toContain(
      ["```diff", "  Allow cr:GetAuthorizationToken on *", `  Allow cr:PullRepository on ${arn}`].join("\n"),
    );
    expect(markdown).toContain("#### policy `acme-prod-ops-admin`: create, **widened**");
    expect(markdown).toContain("```diff\n+ Allow cr:* on *\n```");
    expect(markdown).toContain("```diff\n+ user ops-admin <- policy acme-prod-ops-admin (Custom)\n```");
  });

  test("public exposure: 0.0.0.0/0 entry, repository and namespace made PUBLIC", () => {
    expect(review.exposure.map((e) => [e.address.split(".")[0], e.message, e.openToAll])).toEqual([
      ["alicloud_cr_ee_namespace", "namespace platform: default_visibility PRIVATE -> PUBLIC", false],
      ["alicloud_cr_ee_repo", "repository storefront/catalog-api: repo_type PRIVATE -> PUBLIC", false],
      ["alicloud_cr_internet_endpoint", "Internet allow-list entry added: 0.0.0.0/0 (temporary)", true],
    ]);
    expect(markdown).toContain(
      "Internet allow-list entry added: 0.0.0.0/0 (temporary) **open to the whole Internet (0.0.0.0/0)**",
    );
  });

  test("data loss fails unless every address is allowed or --allow-data-loss is given", () => {
    expect(planReviewExitCode([review])).toBe(1);
    expect(planReviewExitCode([review], true)).toBe(0);
    expect(planReviewExitCode([reviewPlan(changePlan, "p", { allow: [LEDGER] })])).toBe(1);
    const allowed = reviewPlan(changePlan, "p", { allow: [LEDGER, WEB] });
    expect(planReviewExitCode([allowed])).toBe(0);
    expect(renderPlanReviews([allowed])).toContain("**Result:** 2 data-loss changes, all on the allow-list.");
    expect(planReviewExitCode([reviewPlan(changePlan, "p", { allow: ["alicloud_cr_ee_repo.*"] })])).toBe(0);
    expect(markdown).toContain(`**Result:** **FAIL**: 2 data-loss changes not allowed (\`${LEDGER}\`, \`${WEB}\`)`);
  });

  test("rendering is deterministic", () => {
    expect(renderPlanReviews([reviewPlan(changePlan, "prod/plan.json")])).toBe(markdown);
  });
});

describe("allow-list", () => {
  test("plain text: one address per line, comments and blank lines ignored", () => {
    expect(parseAllowList(`# PR 42 removes ledger\n${LEDGER}  # moved to a new registry\n\n  ${WEB}\n`)).toEqual([
      LEDGER,
      WEB,
    ]);
  });

  test("JSON: an array or an object with allow", () => {
    expect(parseAllowList(JSON.stringify([LEDGER]))).toEqual([LEDGER]);
    expect(parseAllowList(JSON.stringify({ allow: [WEB] }))).toEqual([WEB]);
    expect(() => parseAllowList('{"allow": "x"}')).toThrow(/array of addresses/);
  });

  test("matching is exact unless * is used", () => {
    expect(isAllowed(LEDGER, [LEDGER])).toBe(true);
    expect(isAllowed(LEDGER, ["alicloud_cr_ee_repo.ProdRegistry_payments_ledger"])).toBe(false);
    expect(isAllowed(LEDGER, ["alicloud_cr_ee_repo.ProdRegistry_payments_*"])).toBe(true);
    expect(isAllowed("module.a.alicloud_cr_ee_repo.x", ["alicloud_cr_ee_repo.*"])).toBe(false);
  });
});

describe("plan-review CLI", () => {
  const change = path.join(FIXTURES, "plan-change.json");
  const create = path.join(FIXTURES, "plan-create.json");

  test("writes Markdown to --out and exits 1 on data loss that is not allowed", () => {
    const out = path.join(tempDir(), "nested", "plan-review.md");
    const result = run([create, change, "--out", out]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("data loss not allowed");
    const markdown = fs.readFileSync(out, "utf8");
    expect(markdown.match(/^## Plan /gm)).toHaveLength(2);
  });

  test("an allow-list file or --allow-data-loss makes it exit 0", () => {
    const dir = tempDir();
    const text = path.join(dir, "allow.txt");
    fs.writeFileSync(text, `${LEDGER}\n${WEB}\n`);
    expect(run([change, "--allow", text]).status).toBe(0);
    const json = path.join(dir, "allow.json");
    fs.writeFileSync(json, JSON.stringify({ allow: [LEDGER] }));
    expect(run([change, `--allow=${json}`]).status).toBe(1);
    const result = run([change, "--allow-data-loss"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("accepted by --allow-data-loss");
  });

  test("a plan without data loss exits 0 and prints to stdout", () => {
    const result = run([create]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("**Result:** no image data loss.");
  });

  test("usage errors and unreadable input exit 2", () => {
    expect(run([]).status).toBe(2);
    expect(run([change, "--nope"]).status).toBe(2);
    const dir = tempDir();
    const notPlan = path.join(dir, "x.json");
    fs.writeFileSync(notPlan, "{}");
    const result = run([notPlan]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("no format_version");
    expect(run([path.join(dir, "missing.json")]).status).toBe(2);
    const badAllow = path.join(dir, "allow.json");
    fs.writeFileSync(badAllow, "[1]");
    expect(run([change, "--allow", badAllow]).stderr).toContain("allow-list");
    expect(() => reviewPlan([], "x")).toThrow(PlanFormatError);
  });
});

test("the list of all changes shows the ForceNew paths of every replacement", () => {
  const markdown = renderPlanReviews([reviewPlan(changePlan, "prod")], true);
  const allChanges = markdown.slice(markdown.indexOf("### All changes"));
  expect(allChanges).toContain(`| \`${WEB}\` | replace | \`replace_because_cannot_update\` | \`name\` |`);
  expect(allChanges).toContain(`| \`${LEDGER}\` | delete | \`delete_because_no_resource_config\` | — |`);
});
