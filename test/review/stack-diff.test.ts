import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { synthesizeApp } from "../../constructs";
import { App } from "../../constructs/engine";
import { renderAccessGraph } from "../../review/access-graph";
import { reviewTerraformJson, StackReview } from "../../review/review";
import { renderStackDocument } from "../../review/review-document";
import { diffStackReviews, StackChange } from "../../review/stack-diff";
import { readSynthStacks } from "../../review/synth-stacks";
import { defineExamplePlatform } from "../../stacks/example-platform";

const PROD = "prod-platform-cn-hangzhou";
const TAGS = { environment: "prod", owner: "platform", "managed-by": "acr-platform" };
const INSTANCE = "${alicloud_cr_ee_instance.reg.id}";
const protect = { lifecycle: { prevent_destroy: true } };

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** A small stack: one registry, one namespace, one repository, one chart repository, a grant, a role. */
function stack(): Resources {
  const doc = (statement: object) => JSON.stringify({ Version: "1", Statement: [statement] });
  return {
    alicloud_cr_ee_instance: {
      reg: { ...protect, instance_name: "acme", instance_type: "Advanced", tags: TAGS },
    },
    alicloud_cr_ee_namespace: {
      ns: { ...protect, instance_id: INSTANCE, name: "team", default_visibility: "PRIVATE", auto_create: false },
    },
    alicloud_cr_ee_repo: {
      api: {
        ...protect,
        instance_id: INSTANCE,
        namespace: "team",
        name: "api",
        repo_type: "PRIVATE",
        tag_immutability: true,
      },
    },
    alicloud_cr_chart_namespace: { charts: { ...protect, instance_id: INSTANCE, namespace_name: "charts" } },
    alicloud_cr_chart_repository: {
      app: { ...protect, instance_id: INSTANCE, repo_namespace_name: "charts", repo_name: "app", repo_type: "PRIVATE" },
    },
    alicloud_ram_role: {
      ci: {
        role_name: "ci",
        assume_role_policy_document: doc({
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Principal: { RAM: ["acs:ram::1:user/runner"] },
        }),
        tags: TAGS,
      },
    },
    alicloud_ram_policy: {
      pull: {
        policy_name: "ci-pull",
        policy_document: doc({
          Effect: "Allow",
          Action: ["cr:PullRepository"],
          Resource: [`acs:cr:cn-hangzhou:1:repository/${INSTANCE}/team/*`],
        }),
        tags: TAGS,
      },
    },
    alicloud_ram_role_policy_attachment: {
      a: {
        role_name: "${alicloud_ram_role.ci.role_name}",
        policy_name: "${alicloud_ram_policy.pull.policy_name}",
        policy_type: "Custom",
      },
    },
    alicloud_cr_vpc_endpoint_linked_vpc: {
      vpc: { instance_id: INSTANCE, vpc_id: "vpc-1", vswitch_id: "vsw-1", module_name: "Registry" },
    },
  };
}

const review = (resource: Resources): StackReview => reviewTerraformJson({ resource }, "s");
const changes = (base: Resources, head: Resources): string[] =>
  diffStackReviews(review(base), review(head)).map(
    (c: StackChange) => `${c.action} ${c.kind} ${c.subject}: ${c.details}`,
  );

describe("review against the base", () => {
  test("no change gives no change", () => {
    expect(changes(stack(), stack())).toEqual([]);
  });

  test("registries: added, removed, changed (protection)", () => {
    const head = stack();
    head.alicloud_cr_ee_instance.dr = { ...protect, instance_name: "acme-dr", instance_type: "Basic", tags: TAGS };
    expect(changes(stack(), head)).toContain(
      "added registry acme-dr: status new, edition Basic, billing —, protected yes, tags environment=prod, managed-by=acr-platform, owner=platform",
    );
    expect(changes(head, stack())).toContain(
      "removed registry acme-dr: status new, edition Basic, billing —, protected yes, tags environment=prod, managed-by=acr-platform, owner=platform",
    );
    const unprotected = stack();
    unprotected.alicloud_cr_ee_instance.reg.lifecycle = { prevent_destroy: false };
    expect(changes(stack(), unprotected)).toContain("changed registry acme: protected yes → no");
  });

  test("namespaces and repositories: added, removed, changed (visibility, immutability, protection)", () => {
    const head = stack();
    delete head.alicloud_cr_ee_repo.api;
    head.alicloud_cr_ee_repo.web = { ...head.alicloud_cr_chart_repository.app, namespace: "team", name: "web" };
    head.alicloud_cr_ee_namespace.ns.default_visibility = "PUBLIC";
    head.alicloud_cr_chart_repository.app.lifecycle = { prevent_destroy: false };
    const found = changes(stack(), head);
    expect(found).toContain(
      "removed repository acme team/api: visibility PRIVATE, tag immutability yes, protected yes",
    );
    expect(found).toContain(
      "added repository acme team/web: visibility PRIVATE, tag immutability (provider default), protected yes",
    );
    expect(found).toContain("changed namespace acme team: default visibility PRIVATE → PUBLIC");
    expect(found).toContain("changed chart repository acme charts/app: protected yes → no");
    const immutable = stack();
    immutable.alicloud_cr_ee_repo.api.tag_immutability = false;
    expect(changes(stack(), immutable)).toContain("changed repository acme team/api: tag immutability yes → no");
    const noCharts = stack();
    delete noCharts.alicloud_cr_chart_namespace.charts;
    expect(changes(stack(), noCharts)).toContain(
      "removed chart namespace acme charts: default visibility (provider default), auto-create (provider default), protected yes",
    );
  });

  test("grants widen and narrow per action and resource; trust too; references are names", () => {
    const head = stack();
    const document = JSON.parse(head.alicloud_ram_policy.pull.policy_document as string);
    document.Statement[0].Action = ["cr:PushRepository"];
    head.alicloud_ram_policy.pull.policy_document = JSON.stringify(document);
    head.alicloud_ram_role.ci.assume_role_policy_document = JSON.stringify({
      Version: "1",
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: ["acs:ram::2:root"] } }],
    });
    expect(changes(stack(), head)).toEqual([
      "widened grant role ci: + Allow cr:PushRepository on acs:cr:cn-hangzhou:1:repository/<acme>/team/*",
      "widened trust role ci: + Allow sts:AssumeRole by RAM acs:ram::2:root",
      "narrowed grant role ci: - Allow cr:PullRepository on acs:cr:cn-hangzhou:1:repository/<acme>/team/*",
      "narrowed trust role ci: - Allow sts:AssumeRole by RAM acs:ram::1:user/runner",
    ]);
  });

  test("exposure added: VPC links and Internet allow-list entries; findings the PR adds", () => {
    const head = stack();
    head.alicloud_cr_vpc_endpoint_linked_vpc.vpc2 = {
      instance_id: INSTANCE,
      vpc_id: "vpc-2",
      vswitch_id: "vsw-2",
      module_name: "Registry",
    };
    head.alicloud_cr_internet_endpoint = {
      e: { instance_id: INSTANCE, entries: [{ entry: "0.0.0.0/0", comment: "all" }] },
    };
    const diff = diffStackReviews(review(stack()), review(head));
    expect(diff.filter((c) => c.attention).map((c) => `${c.action} ${c.kind} ${c.subject}`)).toEqual([
      "added Internet entry acme Registry 0.0.0.0/0",
      "added VPC link acme Registry <- vpc-2/vsw-2",
      "added finding error internet-open-to-all",
      "added finding warning internet-endpoint",
    ]);
    expect(changes(head, stack())).toContain("removed VPC link acme Registry <- vpc-2/vsw-2: no");
  });

  test("destructive policies: a retention rule added or changed, a replication rule removed", () => {
    const retention = { instance_id: INSTANCE, namespace_name: "team", retention_tag_count: 30, scope: "NAMESPACE" };
    const base = { ...stack(), alicloud_cr_artifact_lifecycle_rule: { keep: retention } };
    const head = {
      ...stack(),
      alicloud_cr_artifact_lifecycle_rule: { keep: { ...retention, retention_tag_count: 5 } },
    };
    expect(changes(base, head)).toEqual([
      "changed retention acme alicloud_cr_artifact_lifecycle_rule.keep: settings namespace_name=team, retention_tag_count=30, scope=NAMESPACE → namespace_name=team, retention_tag_count=5, scope=NAMESPACE",
    ]);
    const sync = {
      instance_id: INSTANCE,
      namespace_name: "team",
      target_instance_id: "cri-dr",
      sync_scope: "NAMESPACE",
    };
    const replicated = { ...stack(), alicloud_cr_ee_sync_rule: { dr: sync } };
    const diff = diffStackReviews(review(replicated), review(stack()));
    expect(diff.map((c) => [c.action, c.kind, c.attention])).toEqual([["removed", "replication", true]]);
  });
});

describe("the example with one repository removed and one added", () => {
  let base: StackReview;
  let head: StackReview;
  beforeAll(() => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-diff-")), "cdktf.out");
    const app = new App({ outdir, context: { "@cdktf/disable_stack_trace_in_metadata": true } });
    defineExamplePlatform(app);
    synthesizeApp(app, () => undefined);
    const prod = readSynthStacks(outdir).find((s) => s.stack === PROD);
    const config = JSON.parse(JSON.stringify(prod?.config)) as { resource: Resources };
    base = reviewTerraformJson(prod?.config, PROD);
    const repos = config.resource.alicloud_cr_ee_repo;
    const [ledger] = Object.keys(repos).filter((k) => k.includes("ledger"));
    const [api] = Object.keys(repos).filter((k) => k.includes("payments-api"));
    delete repos[ledger];
    repos.PaymentsAudit = { ...repos[api], name: "payments-audit" };
    head = reviewTerraformJson(config, PROD);
  });

  test("names both in the first screen, references resolved", () => {
    const document = renderStackDocument(PROD, head, base, true);
    const firstScreen = document.split("\n").slice(0, 15).join("\n");
    expect(firstScreen).toContain("| **removed** | repository | `acme-prod payments/ledger` |");
    expect(firstScreen).toContain("| added | repository | `acme-prod payments/payments-audit` |");
    expect(firstScreen).toContain("1 × repository removed, 1 × repository added");
    expect(document).not.toMatch(/\$\{/);
  });

  test("the access picture draws the example's principals and highlights only what the PR adds", () => {
    const picture = renderAccessGraph(head, base).join("\n");
    expect(picture).toContain('-->|pull| n1["acme-prod"]');
    expect(picture).toContain("the PR adds no access");
    expect(picture).not.toContain("linkStyle");
    const fromNothing = renderAccessGraph(head, { ...base, grants: [], trusts: [], vpcLinks: [], internet: [] });
    expect(fromNothing.join("\n")).toContain("linkStyle 0,1,2");
  });
});
