import * as fs from "node:fs";
import * as path from "node:path";
import {
  DEFAULT_REQUIRED_TAGS,
  evaluateRules,
  PLATFORM_RULES,
  RuleContext,
  RuleResource,
} from "../../constructs/guardrails/rules";

const CONTEXT: RuleContext = {
  requiredTags: DEFAULT_REQUIRED_TAGS,
  isUnresolved: (value) => typeof value === "string" && value.includes("${"),
};

const TAGS = { environment: "prod", owner: "platform", "managed-by": "acr-platform" };

const ids = (resource: RuleResource, planned = false) =>
  evaluateRules(resource, CONTEXT, planned).map((f) => f.rule.id);

const policy = (statement: object): RuleResource => ({
  type: "alicloud_ram_policy",
  body: { policy_document: JSON.stringify({ Version: "1", Statement: [statement] }), tags: TAGS },
});

describe("platform rules", () => {
  test.each(PLATFORM_RULES.map((rule) => [rule.id, rule] as const))(
    "%s: its failing example fails, its passing one passes",
    (_, rule) => {
      expect(rule.resourceTypes).toContain(rule.examples.failing.type);
      expect(rule.check(rule.examples.failing, CONTEXT)).not.toEqual([]);
      expect(rule.check(rule.examples.passing, CONTEXT)).toEqual([]);
    },
  );

  test("one rule per file: every file of the rule folder but the shared ones defines exactly one listed rule", () => {
    const folder = path.join(__dirname, "../../constructs/guardrails/rules");
    const shared = ["index.ts", "rule.ts", "vocabulary.ts", "policy-document.ts"];
    const files = fs.readdirSync(folder).filter((f) => !shared.includes(f));
    expect(files.sort()).toEqual(PLATFORM_RULES.map((r) => `${r.id}.ts`).sort());
  });

  test("ids are unique", () => {
    expect(new Set(PLATFORM_RULES.map((r) => r.id)).size).toBe(PLATFORM_RULES.length);
  });

  test("NotAction and cr:* in any case are all-actions; reads on * pass; a write on * is reported once", () => {
    expect(ids(policy({ Effect: "Allow", NotAction: "ram:*", Resource: "*" }))).toEqual(["all-actions"]);
    expect(ids(policy({ Effect: "Allow", Action: "Cr:*", Resource: "*" }))).toEqual(["all-actions"]);
    expect(ids(policy({ Effect: "Allow", Action: ["cr:ListInstance", "cr:PullRepository"], Resource: "*" }))).toEqual(
      [],
    );
    expect(ids(policy({ Effect: "Allow", Action: ["cr:PushRepository"], Resource: "*" }))).toEqual([
      "write-on-all-resources",
    ]);
    expect(ids(policy({ Effect: "Deny", Action: "cr:*", Resource: "*" }))).toEqual([]);
  });

  test("a document with references inside is read; one that is an expression is reported as unreadable", () => {
    const withReference = policy({ Effect: "Allow", Action: "cr:*", Resource: "acs:cr:*:*:repository/${x.id}/*" });
    expect(ids(withReference)).toEqual(["all-actions"]);
    expect(
      ids({ type: "alicloud_ram_policy", body: { policy_document: "${jsonencode(local.doc)}", tags: TAGS } }),
    ).toEqual(["unreadable-policy"]);
  });

  test("visibility in any case; tags on every taggable type, not only instances", () => {
    expect(
      ids({
        type: "alicloud_cr_ee_namespace",
        body: { default_visibility: "Public", lifecycle: { prevent_destroy: true } },
      }),
    ).toEqual(["public-namespace"]);
    expect(ids({ type: "alicloud_ram_policy", body: { policy_document: '{"Statement":[]}', tags: {} } })).toEqual([
      "missing-tags",
    ]);
    expect(
      ids({ type: "alicloud_ram_policy", body: { policy_document: '{"Statement":[]}', tags: "${var.tags}" } }),
    ).toEqual([]);
  });

  test("a plan runs only the rules that read attributes: lifecycle is not in change.after", () => {
    const unprotectedPublic: RuleResource = { type: "alicloud_cr_ee_repo", body: { repo_type: "PUBLIC" } };
    expect(ids(unprotectedPublic)).toEqual(["unprotected-repository", "public-repository"]);
    expect(ids(unprotectedPublic, true)).toEqual(["public-repository"]);
  });

  test("an ACL policy on another endpoint opens nothing; any /0 entry is open to all", () => {
    expect(
      ids({ type: "alicloud_cr_endpoint_acl_policy", body: { endpoint_type: "VPC", entry: "0.0.0.0/0" } }),
    ).toEqual([]);
    expect(ids({ type: "alicloud_cr_internet_endpoint", body: { entries: [{ entry: "10.0.0.0/0" }] } })).toEqual([
      "internet-endpoint",
      "internet-open-to-all",
    ]);
  });
});
