import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  ProtectionRecord,
  ProtectionRecordError,
  readProtectionRecord,
  renderProtectionRecord,
} from "../../constructs/protection/protection-record";
import { tempProject } from "../output/support";

const REPO = (name: string, status?: "retained" | "released") => ({
  instance: "acme-prod",
  namespace: "payments",
  repository: name,
  path: `ProdRegistry/payments/${name}`,
  ...(status ? { status } : {}),
});

const RECORD: ProtectionRecord = {
  protected: {
    "alicloud_cr_ee_repo.ProdRegistry_payments_ledger_FE5FDCBC": REPO("ledger", "retained"),
    "alicloud_cr_ee_instance.ProdRegistry_CCC8F64B": { instance: "acme-prod", path: "ProdRegistry" },
    "alicloud_cr_ee_repo.ProdRegistry_payments_api_0A1B2C3D": {
      ...REPO("api"),
      movedFrom: ["alicloud_cr_ee_repo.Old_payments_api_11111111"],
    },
  },
  others: { "alicloud_cr_scan_rule.ProdRegistry_Scan_12345678": { fingerprint: "0123456789abcdef" } },
};

function write(text: string): string {
  const file = path.join(tempProject().root, "prod.yaml");
  fs.writeFileSync(file, text);
  return file;
}

describe("protection record file", () => {
  test("round-trips, sorted, one resource per line, with a header for reviewers", () => {
    const text = renderProtectionRecord("prod", RECORD);
    expect(text).toBe(renderProtectionRecord("prod", { protected: { ...RECORD.protected }, others: RECORD.others }));
    const lines = text.split("\n");
    expect(lines[0]).toBe(
      "# Protection record of stack prod, written by synth: commit it, and review its diff in pull requests.",
    );
    expect(lines.filter((l) => l.startsWith("  alicloud_"))).toEqual([
      "  alicloud_cr_ee_instance.ProdRegistry_CCC8F64B: { instance: acme-prod, path: ProdRegistry }",
      "  alicloud_cr_ee_repo.ProdRegistry_payments_api_0A1B2C3D: { instance: acme-prod, namespace: payments, repository: api, path: ProdRegistry/payments/api, movedFrom: [ alicloud_cr_ee_repo.Old_payments_api_11111111 ] }",
      "  alicloud_cr_ee_repo.ProdRegistry_payments_ledger_FE5FDCBC: { instance: acme-prod, namespace: payments, repository: ledger, path: ProdRegistry/payments/ledger, status: retained }",
      "  alicloud_cr_scan_rule.ProdRegistry_Scan_12345678: { fingerprint: 0123456789abcdef }",
    ]);
    expect(readProtectionRecord(write(text))).toEqual(RECORD);
  });

  test("an empty record renders as empty maps and reads back", () => {
    const text = renderProtectionRecord("empty", { protected: {}, others: {} });
    expect(text).toMatch(/^version: 1\nprotected: \{\}\nothers: \{\}\n$/m);
    expect(readProtectionRecord(write(text))).toEqual({ protected: {}, others: {} });
  });

  test("records changed on two branches merge without conflict (git merge-file)", () => {
    const base = renderProtectionRecord("prod", RECORD);
    const ours = renderProtectionRecord("prod", {
      ...RECORD,
      protected: { ...RECORD.protected, "alicloud_cr_ee_repo.ProdRegistry_payments_aaa_00000001": REPO("aaa") },
    });
    const theirs = renderProtectionRecord("prod", {
      ...RECORD,
      protected: { ...RECORD.protected, "alicloud_cr_ee_repo.ProdRegistry_payments_zzz_00000002": REPO("zzz") },
    });
    const dir = tempProject().root;
    for (const [name, text] of Object.entries({ ours, base, theirs })) fs.writeFileSync(path.join(dir, name), text);
    const merge = spawnSync("git", ["merge-file", "-p", "ours", "base", "theirs"], { cwd: dir, encoding: "utf8" });
    expect(merge.status).toBe(0); // 0: merged cleanly
    fs.writeFileSync(path.join(dir, "merged.yaml"), merge.stdout);
    expect(Object.keys(readProtectionRecord(path.join(dir, "merged.yaml"))?.protected ?? {})).toEqual(
      expect.arrayContaining([
        "alicloud_cr_ee_repo.ProdRegistry_payments_aaa_00000001",
        "alicloud_cr_ee_repo.ProdRegistry_payments_zzz_00000002",
      ]),
    );
  });

  test("no file: no record", () => {
    expect(readProtectionRecord(path.join(tempProject().root, "none.yaml"))).toBeUndefined();
  });

  test("a record edited into something invalid: every problem, naming the file, entry, field and value", () => {
    const file = write(
      [
        "version: 2",
        "protected:",
        '  alicloud_cr_ee_repo.A: { instance: acme, namespace: "", path: A, status: kept }',
        "  alicloud_cr_ee_repo.B: { instance: acme, colour: blue }",
        "  not an address: { path: X }",
        "  alicloud_cr_ee_repo.C: { path: C, movedFrom: [ 42 ] }",
        "others:",
        "  alicloud_cr_scan_rule.S: { fingerprint: xyz }",
        "extra: 1",
      ].join("\n"),
    );
    let error: unknown;
    try {
      readProtectionRecord(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProtectionRecordError);
    expect((error as ProtectionRecordError).problems).toEqual([
      `${file}: version = 2: must be 1`,
      `${file}: extra = 1: unknown key`,
      `${file}: protected."alicloud_cr_ee_repo.A".namespace = "": must be a non-empty string`,
      `${file}: protected."alicloud_cr_ee_repo.A".status = "kept": must be retained or released (absent: protected)`,
      `${file}: protected."alicloud_cr_ee_repo.B".path = undefined: is required (the construct path)`,
      `${file}: protected."alicloud_cr_ee_repo.B".colour = "blue": unknown field (allowed: instance, namespace, repository, path, status, movedFrom)`,
      `${file}: protected = "not an address": must be a Terraform address <type>.<name>`,
      `${file}: others."alicloud_cr_scan_rule.S".fingerprint = "xyz": must be 16 hex digits (written by synth)`,
      `${file}: protected."alicloud_cr_ee_repo.C".movedFrom = [42]: must be a list of Terraform addresses, oldest first`,
    ]);
  });

  test("a file that is not YAML, or not a map, is an error naming the file", () => {
    const torn = write("protected: { a: [");
    expect(() => readProtectionRecord(torn)).toThrow(new RegExp(`${torn}: not valid YAML`));
    const list = write("- 1\n- 2\n");
    expect(() => readProtectionRecord(list)).toThrow(`${list}: must be a map with version, protected and others`);
  });
});
