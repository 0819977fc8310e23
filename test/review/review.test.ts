import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  EnterpriseRegistry,
  Grantee,
  Namespace,
  PolicyDocument,
  PolicyStatement,
  RamRole,
  synthesizeApp,
} from "../../constructs";
import { App } from "../../constructs/engine";
import { defineExamplePlatform } from "../../stacks/example-platform";
import { isReadOnlyAction } from "../../constructs/guardrails/rules";
import { main } from "../../review/review-cli";
import { renderStackDocument } from "../../review/review-document";
import { DEFAULT_REQUIRED_TAGS, ReviewFinding, reviewTerraformJson, StackReview } from "../../review/review";
import { readSynthStacks, reviewFileName, SynthOutputError } from "../../review/synth-stacks";

type GuardrailRule = string;
const renderStackReview = (review: StackReview): string => renderStackDocument(review.stack, review, undefined, false);

const PROD = "prod-platform-cn-hangzhou";
const DEV = "dev-platform-cn-shanghai";

/**
 * The example platform plus grants and a role in prod, synthesized once into a temp dir. Stacks are found by
 * name so the test does not depend on what defineExamplePlatform returns.
 */
function synthExampleWithGrants(): string {
  // Nested like a checkout: protection records and local state go beside the output, inside the temp folder.
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-test-")), "cdktf.out");
  const app = new App({ outdir, context: { "@cdktf/disable_stack_trace_in_metadata": true } });
  defineExamplePlatform(app);
  const prod = app.node.findChild(PROD);
  const registry = prod.node.findChild("ProdRegistry") as EnterpriseRegistry;
  (registry.node.findChild("payments") as Namespace).grantPullPush(Grantee.fromRoleName(prod, "Ci", "ci-builder"));
  const puller = new RamRole(prod, "ClusterPuller", {
    roleName: "acme-prod-cluster-puller",
    trustPolicy: PolicyDocument.trust(
      PolicyStatement.allow({ actions: ["sts:AssumeRole"], principal: { Service: ["cs.aliyuncs.com"] } }),
    ),
    maxSessionDurationSeconds: 7200,
  });
  registry.grantPull(puller);
  registry.grantPull(Grantee.fromGroupName(prod, "Auditors", "auditors"));
  synthesizeApp(app, () => undefined);
  return outdir;
}

function reviewsOf(outdir: string): Record<string, StackReview> {
  return Object.fromEntries(
    readSynthStacks(outdir).map((s) => [s.stack, reviewTerraformJson(s.config, s.stack, {}, s.file)]),
  );
}

function rules(findings: readonly ReviewFinding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.rule} ${f.address}`);
}

/** The lines of a Markdown section, from its `## title` to the next `## `. */
function sectionOf(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n### ${title}\n`);
  if (start < 0) throw new Error(`no section ${title} in\n${markdown}`);
  const end = markdown.indexOf("\n### ", start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe("review of the example platform", () => {
  let outdir: string;
  let reviews: Record<string, StackReview>;
  let prod: string;
  let dev: string;

  beforeAll(() => {
    outdir = synthExampleWithGrants();
    reviews = reviewsOf(outdir);
    prod = renderStackReview(reviews[PROD]);
    dev = renderStackReview(reviews[DEV]);
  });

  test("summarizes registries, namespaces and repositories", () => {
    expect(prod).toContain(`# ACR review: stack \`${PROD}\``);
    expect(prod).toContain(`from \`stacks/${PROD}/cdk.tf.json\``);
    expect(prod).toMatch(/1 registry \(1 new, 0 imported\), \d+ namespaces, \d+ repositories, 1 chart namespace/);
    const registries = sectionOf(prod, "Registries");
    expect(registries).toContain(
      "| `acme-prod` | new | `ProdRegistry` | Advanced | Subscription, 12 months | yes | " +
        "environment=prod, managed-by=acr-platform, owner=platform-team |",
    );
    expect(sectionOf(prod, "Namespaces")).toContain("| `payments` | `acme-prod` | PRIVATE | no | yes |");
    expect(sectionOf(prod, "Repositories")).toContain(
      "| `storefront/web` | `acme-prod` | PRIVATE | yes | yes | Managed by acr-platform |",
    );
    expect(sectionOf(prod, "Chart repositories")).toContain(
      "| `charts/platform-charts` | `acme-prod` | PRIVATE | n/a |",
    );
  });

  test("an imported registry appears only as the instance id its namespaces refer to", () => {
    expect(reviews[DEV].registries).toEqual([
      { status: "imported", name: "cri-acmedev0example", references: expect.any(Number) },
    ]);
    expect(sectionOf(dev, "Registries")).toContain("| `cri-acmedev0example` | imported (id only) | — |");
    expect(sectionOf(dev, "Repositories")).toContain(
      "| `sandbox/experiments` | `cri-acmedev0example` | PRIVATE | no |",
    );
  });

  test("renders who can pull and push, with instance references resolved to the registry name", () => {
    const access = sectionOf(prod, "Access (RAM): who can pull and push");
    expect(access).toContain("| Grantee | Effect | Actions | Resources | Condition | Policy |");
    const ci = access.split("\n").filter((l) => l.startsWith("| role ci-builder |"));
    expect(ci).toHaveLength(2);
    expect(ci[0]).toContain("| Allow | `cr:GetAuthorizationToken` | `*` |");
    expect(ci[1]).toContain("`cr:PullRepository`<br>`cr:PushRepository`");
    expect(ci[1]).toContain("`acs:cr:cn-hangzhou:1000000000000001:repository/");
    expect(ci[1]).toContain(":repository/<acme-prod>/payments/*`");
    expect(access).toMatch(
      /\| group auditors \| Allow \| `cr:PullRepository` \| `[^`]*:repository\/<acme-prod>\/\*` \|/,
    );
    expect(access).toContain("| role acme-prod-cluster-puller |");
    expect(reviews[PROD].grants.map((g) => g.grantee)).toEqual([
      "group auditors",
      "group auditors",
      "role KubernetesWorkerRole-analytics0example",
      "role KubernetesWorkerRole-prod0example",
      "role KubernetesWorkerRole-prod0example",
      "role acme-prod-cluster-puller",
      "role acme-prod-cluster-puller",
      "role acr-pull-analytics-acme-prod",
      "role acr-pull-analytics-acme-prod",
      "role ci-builder",
      "role ci-builder",
      "role ci-image-push",
      "role ci-image-push",
      // A user created in the stack is shown by name, not by the reference the attachment holds.
      "user base-image-ci",
      "user base-image-ci",
    ]);
  });

  test("renders trust relationships with principals and max session", () => {
    expect(sectionOf(prod, "Trust relationships")).toContain(
      "| `acme-prod-cluster-puller` | Allow | `Service cs.aliyuncs.com` | `sts:AssumeRole` | — | 7200 s |",
    );
  });

  test("renders network exposure", () => {
    const network = sectionOf(prod, "Network exposure");
    expect(network).toContain("| `acme-prod` | `vpc-bp1prodcluster01` | `vsw-bp1prodzonea01` | Chart | yes |");
    expect(network).toContain("| `acme-prod` | `203.0.113.0/28` | CI runner egress (NAT) | Registry |  |");
    expect(sectionOf(dev, "Network exposure")).toContain("_Internet endpoint not managed by this stack._");
  });

  test("the example has no errors; its Internet endpoint is a warning; grants by construct pass the guardrails", () => {
    expect(rules(reviews[PROD].findings)).toContain(
      "warning internet-endpoint alicloud_cr_internet_endpoint.ProdRegistry_InternetAccess_60F48365",
    );
    expect(reviews[PROD].findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(reviews[PROD].findings.filter((f) => f.address.startsWith("alicloud_ram_"))).toEqual([]);
    expect(sectionOf(prod, "Findings")).toContain(
      "| **warning** | internet-endpoint | `alicloud_cr_internet_endpoint.ProdRegistry_InternetAccess_60F48365` | " +
        "ProdRegistry/InternetAccess: alicloud_cr_internet_endpoint opens the registry's Internet endpoint |",
    );
  });

  test("output is deterministic", () => {
    expect(renderStackReview(reviewsOf(outdir)[PROD])).toBe(prod);
    expect(renderStackReview(reviewsOf(synthExampleWithGrants())[PROD])).toBe(prod);
  });

  test("the CLI writes one Markdown file per stack and exits 0", () => {
    const out = path.join(outdir, "pr-review");
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      expect(main([outdir, "--out", out])).toBe(0);
      expect(main([outdir])).toBe(0);
    } finally {
      write.mockRestore();
    }
    expect(fs.readdirSync(out).sort()).toEqual([`${DEV}.md`, `${PROD}.md`]);
    expect(fs.readFileSync(path.join(out, `${PROD}.md`), "utf8")).toBe(prod);
    expect(fs.existsSync(path.join(outdir, "review", `${DEV}.md`))).toBe(true);
  });

  test("--fail-on exits 1 only when findings reach the threshold", () => {
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      expect(main([outdir, "--out", path.join(outdir, "r2"), "--fail-on", "error"])).toBe(0);
      expect(main([outdir, "--out", path.join(outdir, "r2"), "--fail-on", "warning"])).toBe(1);
    } finally {
      write.mockRestore();
    }
  });
});

describe("review CLI errors", () => {
  test("usage errors and a missing output directory exit 2", () => {
    const err = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(main(["--fail-on", "sometimes"])).toBe(2);
      expect(main(["--bogus"])).toBe(2);
      expect(main([path.join(os.tmpdir(), "acr-platform-test-does-not-exist")])).toBe(2);
    } finally {
      err.mockRestore();
    }
    expect(() => readSynthStacks(path.join(os.tmpdir(), "acr-platform-test-nope"))).toThrow(SynthOutputError);
  });

  test("file names are safe for any stack name", () => {
    expect(reviewFileName("prod")).toBe("prod.md");
    expect(reviewFileName("team/a b")).toBe("team_a_b.md");
  });
});

describe("guardrails on hand-built configurations", () => {
  const instanceRef = "${alicloud_cr_ee_instance.main.id}";
  const meta = (p: string): object => ({ "//": { metadata: { path: `s/${p}/Resource`, uniqueId: "x" } } });
  const protect = { lifecycle: { prevent_destroy: true } };

  function review(resource: object, options = {}): StackReview {
    return reviewTerraformJson({ resource }, "s", options);
  }
  function findingsOf(resource: object, rule: GuardrailRule, options = {}): ReviewFinding[] {
    return review(resource, options).findings.filter((f) => f.rule === rule);
  }

  const instance = {
    ...meta("Reg"),
    ...protect,
    instance_name: "acme",
    instance_type: "Basic",
    tags: { environment: "prod", owner: "me", "managed-by": "acr-platform" },
  };

  test("every data-holding resource without prevent_destroy is reported", () => {
    const resources = {
      alicloud_cr_ee_instance: { main: { ...instance, lifecycle: { prevent_destroy: false } } },
      alicloud_cr_ee_namespace: { ns: { ...meta("Reg/ns"), instance_id: instanceRef, name: "ns" } },
      alicloud_cr_ee_repo: {
        ok: { ...protect, instance_id: instanceRef, namespace: "ns", name: "ok", repo_type: "PRIVATE" },
        repo: { ...meta("Reg/ns/repo"), instance_id: instanceRef, namespace: "ns", name: "r", repo_type: "PRIVATE" },
      },
      alicloud_cr_chart_namespace: { cn: { instance_id: instanceRef, namespace_name: "c" } },
      alicloud_cr_chart_repository: { cr: { instance_id: instanceRef, repo_namespace_name: "c", repo_name: "r" } },
      alicloud_cr_namespace: { pn: { name: "legacy", lifecycle: { prevent_destroy: false } } },
      alicloud_cr_repo: { pr: { namespace: "legacy", name: "old", repo_type: "PRIVATE" } },
    };
    const found = findingsOf(resources, "unprotected-data");
    expect(rules(found)).toEqual([
      "error unprotected-data alicloud_cr_chart_namespace.cn",
      "error unprotected-data alicloud_cr_ee_instance.main",
      "error unprotected-data alicloud_cr_ee_namespace.ns",
      "error unprotected-data alicloud_cr_namespace.pn",
    ]);
    expect(rules(findingsOf(resources, "unprotected-repository"))).toEqual([
      "warning unprotected-repository alicloud_cr_chart_repository.cr",
      "warning unprotected-repository alicloud_cr_ee_repo.repo",
      "warning unprotected-repository alicloud_cr_repo.pr",
    ]);
    expect(
      findingsOf(resources, "unprotected-repository").find((f) => f.address === "alicloud_cr_ee_repo.repo")?.message,
    ).toBe("Reg/ns/repo: lifecycle.prevent_destroy is not set: alicloud_cr_ee_repo holds images and could be deleted");
  });

  function policy(statements: object[]): object {
    return {
      alicloud_ram_policy: {
        p: { policy_name: "p", policy_document: JSON.stringify({ Version: "1", Statement: statements }) },
      },
      alicloud_ram_user_policy_attachment: {
        a: { policy_name: "${alicloud_ram_policy.p.policy_name}", policy_type: "Custom", user_name: "bob" },
      },
    };
  }

  test("cr:* and NotAction are errors wherever they apply", () => {
    const found = findingsOf(
      policy([
        { Effect: "Allow", Action: ["cr:*"], Resource: ["acs:cr:*:*:repository/cri-1/ns/*"] },
        { Effect: "Allow", NotAction: "ram:*", Resource: "*" },
        { Effect: "Deny", Action: ["cr:*"], Resource: ["*"] },
      ]),
      "all-actions",
    );
    expect(found.map((f) => f.message)).toEqual([
      "alicloud_ram_policy.p: Statement[0] allows cr:*",
      "alicloud_ram_policy.p: Statement[1] allows every action except ram:*",
    ]);
    expect(found.every((f) => f.severity === "error")).toBe(true);
  });

  test("write actions on * are errors; Get*, List*, Pull* and GetAuthorizationToken are not", () => {
    const found = findingsOf(
      policy([
        { Effect: "Allow", Action: ["cr:GetAuthorizationToken", "cr:ListRepository", "cr:Get*"], Resource: ["*"] },
        { Effect: "Allow", Action: ["cr:PullRepository", "cr:PushRepository", "cr:DeleteRepository"], Resource: "*" },
        { Effect: "Allow", Action: ["cr:PushRepository"], Resource: ["acs:cr:cn-hangzhou:1:repository/cri-1/a/*"] },
      ]),
      "write-on-all-resources",
    );
    expect(found.map((f) => f.message)).toEqual([
      'alicloud_ram_policy.p: Statement[1] allows write actions cr:DeleteRepository, cr:PushRepository on "*"',
    ]);
    expect(isReadOnlyAction("cr:PullRepository")).toBe(true);
    // Matching is exact-case: an unusual spelling counts as a write, the safe side for a guardrail.
    expect(isReadOnlyAction("cr:getAuthorizationToken")).toBe(false);
    expect(isReadOnlyAction("cr:*Repository")).toBe(false);
    expect(isReadOnlyAction("*")).toBe(false);
  });

  test("policies are joined with attachments by reference or by name; unknown policies still show the grantee", () => {
    const r = review({
      ...policy([
        { Effect: "Allow", Action: ["cr:PullRepository"], Resource: [`acs:cr:r:1:repository/${instanceRef}/*`] },
      ]),
      alicloud_cr_ee_instance: { main: instance },
      alicloud_ram_group_policy_attachment: { g: { policy_name: "p", policy_type: "Custom", group_name: "devs" } },
      alicloud_ram_role: { role: { role_name: "builder", assume_role_policy_document: '${file("trust.json")}' } },
      alicloud_ram_role_policy_attachment: {
        sys: {
          policy_name: "AliyunContainerRegistryFullAccess",
          policy_type: "System",
          role_name: "${alicloud_ram_role.role.role_name}",
        },
      },
    });
    expect(r.grants.map((g) => [g.grantee, g.policy, g.actions.join(","), g.resources.join(","), g.note])).toEqual([
      ["group devs", "p", "cr:PullRepository", "acs:cr:r:1:repository/<acme>/*", undefined],
      ["role builder", "AliyunContainerRegistryFullAccess (System)", "", "", "policy not defined in this stack"],
      ["user bob", "p", "cr:PullRepository", "acs:cr:r:1:repository/<acme>/*", undefined],
    ]);
    expect(r.trusts[0].note).toBe('document not JSON (an interpolation or a template): <file("trust.json")>');
    expect(r.trusts[0].maxSession).toBe("3600 s (default)");
  });

  test("a policy document that is an interpolation is shown as-is and reported as unchecked", () => {
    const r = review({ alicloud_ram_policy: { p: { policy_name: "p", policy_document: "${var.doc}" } } });
    expect(rules(r.findings)).toEqual([
      "warning missing-tags alicloud_ram_policy.p",
      "warning unreadable-policy alicloud_ram_policy.p",
    ]);
    expect(r.grants[0].grantee).toBe("(not attached)");
  });

  test("public repositories and namespaces are warnings", () => {
    const r = review({
      alicloud_cr_ee_namespace: { ns: { ...protect, instance_id: "cri-1", name: "pub", default_visibility: "PUBLIC" } },
      alicloud_cr_ee_repo: {
        r: { ...protect, instance_id: "cri-1", namespace: "pub", name: "a", repo_type: "PUBLIC" },
      },
      alicloud_cr_chart_namespace: {
        c: { ...protect, instance_id: "cri-1", namespace_name: "c", default_repo_type: "PUBLIC" },
      },
      alicloud_cr_repo: { p: { ...protect, namespace: "legacy", name: "old", repo_type: "PUBLIC" } },
    });
    expect(rules(r.findings)).toEqual([
      "warning public-namespace alicloud_cr_chart_namespace.c",
      "warning public-namespace alicloud_cr_ee_namespace.ns",
      "warning public-repository alicloud_cr_ee_repo.r",
      "warning public-repository alicloud_cr_repo.p",
    ]);
    const markdown = renderStackReview(r);
    expect(sectionOf(markdown, "Repositories")).toContain("| `pub/a` | `cri-1` | **PUBLIC** |");
    expect(sectionOf(markdown, "Personal Edition repositories")).toContain(
      "| `legacy/old` | `Personal Edition` | **PUBLIC** |",
    );
  });

  test("an Internet endpoint is a warning and 0.0.0.0/0 an error, also through ACL policies", () => {
    const r = review({
      alicloud_cr_internet_endpoint: {
        e: { instance_id: "cri-1", entries: [{ entry: "0.0.0.0/0", comment: "everyone" }, { entry: "10.0.0.0/8" }] },
      },
      alicloud_cr_endpoint_acl_policy: {
        acl: { instance_id: "cri-2", entry: "0.0.0.0/0", description: "old", module_name: "Registry" },
        vpc: { instance_id: "cri-2", entry: "10.1.0.0/16", endpoint_type: "vpc" },
      },
    });
    expect(rules(r.findings)).toEqual([
      "error internet-open-to-all alicloud_cr_endpoint_acl_policy.acl",
      "error internet-open-to-all alicloud_cr_internet_endpoint.e",
      "warning internet-endpoint alicloud_cr_endpoint_acl_policy.acl",
      "warning internet-endpoint alicloud_cr_internet_endpoint.e",
    ]);
    expect(r.otherResources).toEqual({ alicloud_cr_endpoint_acl_policy: 1 });
    expect(sectionOf(renderStackReview(r), "Network exposure")).toContain(
      "| `cri-1` | `0.0.0.0/0` | everyone | Registry | **open to the whole Internet** |",
    );
  });

  test("missing required tags are reported on every taggable type; the keys are a parameter", () => {
    expect(DEFAULT_REQUIRED_TAGS).toEqual(["environment", "owner", "managed-by"]);
    const untagged = { alicloud_cr_ee_instance: { main: { ...instance, tags: { environment: "prod" } } } };
    expect(findingsOf(untagged, "missing-tags").map((f) => f.message)).toEqual([
      "Reg: missing required tag(s) owner, managed-by",
    ]);
    expect(findingsOf(untagged, "missing-tags", { requiredTags: ["environment"] })).toEqual([]);
    const role = { alicloud_ram_role: { r: { role_name: "x", assume_role_policy_document: "{}" } } };
    expect(findingsOf(role, "missing-tags", { requiredTags: ["cost-center"] })).toHaveLength(1);
    const noTags = { alicloud_cr_ee_instance: { main: { ...instance, tags: undefined } } };
    expect(findingsOf(noTags, "missing-tags")[0].message).toBe(
      "Reg: missing required tag(s) environment, owner, managed-by",
    );
  });
});
