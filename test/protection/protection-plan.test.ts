import * as fs from "node:fs";
import * as path from "node:path";
import { EnterpriseRegistry, Grantee, RemovalPolicy } from "../../constructs";
import { CurrentResource, planProtection } from "../../constructs/protection/protection-plan";
import { ProtectionRecord } from "../../constructs/protection/protection-record";
import { resourceIdentities, StackJson } from "../../constructs/protection/resource-identity";
import { stableJson } from "../../constructs/protection/stable-json";
import { defineExamplePlatform } from "../../stacks/example-platform";
import { synthJson, testStack } from "../support/synth";
import { synthApp } from "../support/synth-app";

/** A registry with two namespaces, repositories, a scan rule, a VPC link and a grant, under construct id `id`. */
function estate(id: string, options: { repos?: string[]; unprotected?: string[] } = {}): StackJson {
  const { stack } = testStack("cn-hangzhou");
  const registry = new EnterpriseRegistry(stack, id, { instanceName: "acme-prod", edition: "Advanced" });
  const payments = registry.addNamespace("payments", { name: "payments" });
  for (const name of options.repos ?? ["api", "ledger"]) payments.addRepository(name, { name });
  for (const name of options.unprotected ?? []) {
    payments.addRepository(name, { name, removalPolicy: RemovalPolicy.DESTROY });
  }
  registry.addNamespace("storefront", { name: "storefront" }).addRepository("web", { name: "web" });
  registry.addScanRule("Scan", { ruleName: "scan-all" });
  registry.connectVpc("Vpc", { links: [{ vpcId: "vpc-bp1example01", vswitchId: "vsw-bp1example01" }] });
  payments.grantPull(Grantee.fromRoleName(stack, "Ci", "ci-builder"));
  return synthJson(stack) as StackJson;
}

function current(json: StackJson): Map<string, CurrentResource> {
  return new Map(
    [...resourceIdentities(json)].map(([address, identity]) => {
      const [type, name] = address.split(".");
      const meta = json.resource?.[type]?.[name]?.["//"] as { metadata: { path: string } };
      return [address, { identity, path: meta.metadata.path.replace(/^test\//, "").replace(/\/Resource$/, "") }];
    }),
  );
}

const plan = (previous: ProtectionRecord | undefined, json: StackJson, releases: string[] = []) =>
  planProtection("test", previous, current(json), releases);

describe("resource identities", () => {
  test("protected resources are known by their cloud names; references name identities, not addresses", () => {
    const ids = resourceIdentities(estate("ProdRegistry"));
    const byKind = (kind: string) => [...ids].filter(([, i]) => i.kind === kind).map(([a]) => a.split(".")[0]);
    expect(byKind("protected").sort()).toEqual([
      "alicloud_cr_ee_instance",
      "alicloud_cr_ee_namespace",
      "alicloud_cr_ee_namespace",
      "alicloud_cr_ee_repo",
      "alicloud_cr_ee_repo",
      "alicloud_cr_ee_repo",
    ]);
    const repo = [...ids].find(([a]) => a.includes("payments_ledger"))?.[1];
    expect(repo).toEqual({
      kind: "protected",
      identity: { instance: "acme-prod", namespace: "payments", repository: "ledger" },
    });
    // Renaming the registry's construct id changes every address below it and no identity. The namespace grant's
    // policy lives with its grantee and is named after the role (policy_name is ForceNew), so it and its
    // attachment keep both their addresses and their configuration.
    const renamed = resourceIdentities(estate("MainRegistry"));
    const ram = (m: typeof ids) => [...m].filter(([a]) => a.startsWith("alicloud_ram_"));
    expect([...renamed.keys()].filter((a) => ids.has(a))).toEqual(ram(ids).map(([a]) => a));
    expect(ram(ids).map(([a]) => a.split(".")[0])).toEqual(["alicloud_ram_policy", "alicloud_ram_role_policy_attachment"]);
    const identitiesOf = (m: typeof ids) =>
      [...m]
        .map(([, i]) => JSON.stringify(i))
        .sort();
    expect(identitiesOf(renamed)).toEqual(identitiesOf(ids));
  });

  test("an unprotected data-holding resource is an ordinary resource, known by its configuration", () => {
    const ids = resourceIdentities(estate("ProdRegistry", { unprotected: ["scratch"] }));
    expect([...ids].find(([a]) => a.includes("scratch"))?.[1].kind).toBe("other");
  });
});

describe("planProtection", () => {
  const first = plan(undefined, estate("ProdRegistry"));

  test("the first synth records everything and emits no blocks", () => {
    expect(first).toMatchObject({ moved: [], removed: [], warnings: [], problems: [] });
    expect(Object.keys(first.record.protected)).toHaveLength(6);
    expect(Object.values(first.record.others).every((e) => /^[0-9a-f]{16}$/.test(e.fingerprint))).toBe(true);
    expect(plan(first.record, estate("ProdRegistry")).record).toEqual(first.record); // stable
  });

  test("a renamed registry id moves every resource that changed address, and keeps moving on later synths", () => {
    const renamed = plan(first.record, estate("MainRegistry"));
    const all = Object.keys(first.record.protected).length + Object.keys(first.record.others).length;
    expect(renamed.moved).toHaveLength(all - 2); // all but the grant's policy and attachment (see above)
    for (const { from, to } of renamed.moved) {
      expect(from.split(".")[0]).toBe(to.split(".")[0]);
      expect(from).toContain("ProdRegistry");
      expect(to).toContain("MainRegistry");
    }
    expect(renamed.removed).toEqual([]);
    // The record keeps the history, so the next synth (cdktf deploy synthesizes again) emits the same moves.
    expect(plan(renamed.record, estate("MainRegistry")).moved).toEqual(renamed.moved);
    // A second rename chains: Prod -> Main -> Third, one source per target.
    const again = plan(renamed.record, estate("ThirdRegistry"));
    const instance = again.moved.filter(
      (m) => m.to.startsWith("alicloud_cr_ee_instance") || m.from.startsWith("alicloud_cr_ee_instance"),
    );
    expect(instance.map((m) => `${m.from.split(".")[1].split("_")[0]}->${m.to.split(".")[1].split("_")[0]}`)).toEqual([
      "ProdRegistry->MainRegistry",
      "MainRegistry->ThirdRegistry",
    ]);
  });

  test("a protected resource removed from the code is retained once, with a warning, and stays retained", () => {
    const removed = plan(first.record, estate("ProdRegistry", { repos: ["api"] }));
    const ledger = Object.keys(first.record.protected).find((a) => a.includes("ledger")) as string;
    expect(removed.removed).toEqual([ledger]);
    expect(removed.record.protected[ledger].status).toBe("retained");
    expect(removed.warnings).toEqual([
      `[test] ${ledger} (repo acme-prod/payments/ledger) is protected and no longer in the code: it stays in the ` +
        "cloud and leaves Terraform management; to delete its images, release it",
    ]);
    const later = plan(removed.record, estate("ProdRegistry", { repos: ["api"] }));
    expect(later.removed).toEqual([ledger]);
    expect(later.warnings).toEqual([]);
    // Back in the code, at the same address: protected again, no block.
    const back = plan(later.record, estate("ProdRegistry"));
    expect(back.removed).toEqual([]);
    expect(back.record.protected[ledger].status).toBeUndefined();
  });

  test("a release deletes: no block, status released; dropping the release entry then drops the entry", () => {
    const ledgerPath = "ProdRegistry/payments/ledger";
    const released = plan(first.record, estate("ProdRegistry", { repos: ["api"] }), [`test/${ledgerPath}`]);
    const ledger = Object.keys(first.record.protected).find((a) => a.includes("ledger")) as string;
    expect(released.removed).toEqual([]);
    expect(released.problems).toEqual([]);
    expect(released.record.protected[ledger].status).toBe("released");
    expect(released.warnings[0]).toMatch(/is released: the next deploy deletes it and everything in it$/);
    // By address works too.
    expect(plan(first.record, estate("ProdRegistry", { repos: ["api"] }), [ledger]).removed).toEqual([]);
    const done = plan(released.record, estate("ProdRegistry", { repos: ["api"] }));
    expect(done.record.protected[ledger]).toBeUndefined();
    expect(done.removed).toEqual([]);
  });

  test("release entries that name nothing removed are problems", () => {
    const result = plan(first.record, estate("ProdRegistry"), ["ProdRegistry/payments/api", "test/Nope/gone"]);
    expect(result.problems).toEqual([
      expect.stringMatching(
        /^\[test\] release = "ProdRegistry\/payments\/api": alicloud_cr_ee_repo\.ProdRegistry_payments_api_\w+ is still in the code; remove it from the code to delete it$/,
      ),
      '[test] release = "test/Nope/gone": names no protected resource that was removed from the code (stale release entry)',
    ]);
  });

  test("identical configurations are not guessed at: no move, a warning", () => {
    const scanRules = (...ids: string[]) => {
      const { stack } = testStack("cn-hangzhou");
      const registry = EnterpriseRegistry.fromInstanceAttributes(stack, "R", {
        instanceId: "cri-test0example",
        instanceName: "acme",
        region: "cn-hangzhou",
      });
      for (const id of ids) registry.addScanRule(id, { ruleName: "same" });
      return synthJson(stack) as StackJson;
    };
    const before = plan(undefined, scanRules("A"));
    const after = plan(before.record, scanRules("B", "C"));
    expect(after.moved).toEqual([]);
    expect(after.warnings).toEqual([
      expect.stringMatching(/alicloud_cr_scan_rule\.R_A_\w+ had the same configuration; not moved/),
      expect.stringMatching(/alicloud_cr_scan_rule\.R_A_\w+ had the same configuration; not moved/),
    ]);
  });
});

describe("stableJson", () => {
  test("writes cdk.tf.json byte for byte as cdktf does", () => {
    const { outdir, stacks } = synthApp(defineExamplePlatform);
    for (const name of Object.keys(stacks)) {
      const text = fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8");
      expect(stableJson(JSON.parse(text))).toBe(text);
    }
    expect(stableJson({ b: [], a: {}, c: [1, { d: null }] })).toBe(
      '{\n  "a": {\n  },\n  "b": [\n  ],\n  "c": [\n    1,\n    {\n      "d": null\n    }\n  ]\n}',
    );
  });
});
