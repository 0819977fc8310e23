import * as fs from "node:fs";
import * as path from "node:path";
import { Document, isMap, isSeq, parseDocument } from "yaml";
import { readCanonicalRecord, RecordValue, writeCanonicalRecord } from "../../constructs/protection/canonical-record";

const HEADER = [" Protection record of stack s, written by synth.", " others: every other resource."];

// What the YAML library writes for a record (protection-record.ts's layout), the reference of the line-based form.
function yamlText(value: RecordValue): string {
  const doc = new Document(value);
  for (const section of ["protected", "others"]) {
    const map = doc.get(section, true);
    if (isMap(map)) {
      map.flow = map.items.length === 0;
      for (const pair of map.items) if (isMap(pair.value) || isSeq(pair.value)) pair.value.flow = true;
    }
  }
  doc.commentBefore = HEADER.join("\n");
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

const record = (value: string, movedFrom: string[] = ["alicloud_cr_ee_repo.Old_1"]): RecordValue => ({
  version: 1,
  protected: {
    "alicloud_cr_ee_repo.Reg_ns_repo_ABC": { instance: "acme", namespace: "ns", repository: value, path: "Reg/ns/r" },
  },
  others: { "alicloud_ram_policy.Reg_Policy_DEF": { fingerprint: "0123456789abcdef", movedFrom } },
});

// Scalars YAML may read as something other than the same string, or must quote, and plain ones.
const VALUES = [
  ...["payments-api", "base.node", "a/b", "_x", "x_1", "e", "E1", "inf", "nan", "yes", "no", "on", "off", "y"],
  ...["1.2.3", "2001-12-14", "1_000", "0123", "007", "12", "1e5", "1E+5", "0x1F", "0o17", "0b1", "1.5", "12e4567"],
  ...["true", "True", "FALSE", "null", "Null", "~", "", " a", "a b", "a: b", "a,b", "a#b", "#a", "-a", ".5", "+1"],
  ...["[a]", "{a}", "a'b", 'a"b', "ü", "a\tb", "@a", "`a", "!a", "&a", "*a", "|a", ">a", "%a", "?a"],
];

describe("protection records without the YAML library", () => {
  test.each(VALUES)("%j is written as the library writes it, or left to the library", (value) => {
    const written = writeCanonicalRecord(HEADER, record(value));
    if (written !== undefined) expect(written).toBe(yamlText(record(value)));
  });

  test.each(VALUES)("a record holding %j is read as the library reads it, or left to the library", (value) => {
    const text = yamlText(record(value));
    const read = readCanonicalRecord(text);
    if (read !== undefined) expect(read).toEqual(parseDocument(text).toJS());
  });

  test("plain names, several moves and empty sections take the line-based form both ways", () => {
    const value = record("payments-api", ["alicloud_ram_policy.A_1", "alicloud_ram_policy.B_2"]);
    const text = yamlText(value);
    expect(writeCanonicalRecord(HEADER, value)).toBe(text);
    expect(readCanonicalRecord(text)).toEqual(value);
    const empty: RecordValue = { version: 1, protected: {}, others: {} };
    expect(writeCanonicalRecord(HEADER, empty)).toBe(yamlText(empty));
    expect(readCanonicalRecord(yamlText(empty))).toEqual(empty);
  });

  test("the example's committed records are read as the library reads them", () => {
    const dir = path.resolve(__dirname, "../../protection");
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith(".yaml"))) {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      expect(readCanonicalRecord(text)).toEqual(parseDocument(text).toJS());
    }
  });

  test.each([
    ["a duplicate address", (t: string) => t.replace(/(\n {2}alicloud_cr_ee_repo[^\n]*)/, "$1$1")],
    ["a duplicate field", (t: string) => t.replace("instance: acme,", "instance: acme, instance: acme,")],
    ["a comment after an entry", (t: string) => t.replace("path: Reg/ns/r }", "path: Reg/ns/r } # note")],
    ["an entry in block style", (t: string) => `${t}  alicloud_cr_ee_repo.X_1:\n    path: X\n`],
    ["a quoted value", (t: string) => t.replace("namespace: ns", 'namespace: "ns"')],
    ["another version", (t: string) => t.replace("version: 1", "version: 01")],
    ["no header comment", (t: string) => t.replace(/^(#[^\n]*\n)+\n/, "")],
    ["a missing section", (t: string) => t.replace(/others:\n[^\n]*\n/, "")],
    ["an empty section with no {}", (t: string) => t.replace(/others:\n[^\n]*\n/, "others:\n")],
  ])("%s is left to the library", (_what, edit) => {
    const text = edit(yamlText(record("repo")));
    expect(text).not.toBe(yamlText(record("repo")));
    expect(readCanonicalRecord(text)).toBeUndefined();
  });
});
