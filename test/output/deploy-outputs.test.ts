import * as fs from "node:fs";
import * as path from "node:path";
import { DeployOutputs } from "../../output/deploy-outputs";
import { tempProject } from "./support";

const facts = (name: string, region: string, id: string) => ({
  [`${name}_instance_id`]: id,
  [`${name}_region`]: region,
  [`${name}_public_domain`]: `acme-${id}-registry.${region}.cr.aliyuncs.com`,
  [`${name}_vpc_domain`]: `acme-${id}-registry-vpc.${region}.cr.aliyuncs.com`,
});

function files(contents: Record<string, unknown>) {
  const { root } = tempProject();
  for (const [name, value] of Object.entries(contents)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), typeof value === "string" ? value : JSON.stringify(value));
  }
  const at = (name: string) => path.join(root, name);
  return {
    at,
    load: () =>
      DeployOutputs.load({
        cliFile: at("outputs.json"),
        mergedFile: at("state/merged.json"),
        fallbackFile: at("shipped.json"),
      }),
  };
}

describe("DeployOutputs", () => {
  test("the CLI file's stacks replace the merged ones; other stacks of earlier deploys stay", () => {
    const { at, load } = files({
      "outputs.json": { b: facts("B", "cn-shanghai", "b2") },
      "state/merged.json": { a: facts("A", "cn-hangzhou", "a1"), b: facts("B", "cn-shanghai", "b1") },
    });
    const outputs = load();
    expect(outputs.forStack("a")).toEqual({
      outputs: facts("A", "cn-hangzhou", "a1"),
      source: at("state/merged.json"),
    });
    expect(outputs.forStack("b")).toEqual({ outputs: facts("B", "cn-shanghai", "b2"), source: at("outputs.json") });
    expect(outputs.forStack("c")).toBeUndefined();
    const [merged] = outputs.companions();
    expect(merged.dir).toBe(at("state"));
    const text = merged.files["merged.json"];
    expect(JSON.parse(text)).toEqual({ a: facts("A", "cn-hangzhou", "a1"), b: facts("B", "cn-shanghai", "b2") });
    // Deterministic: sorted by stack and output, two-space JSON with a final newline.
    expect(Object.keys(JSON.parse(text).a)).toEqual(Object.keys(facts("A", "cn-hangzhou", "a1")).sort());
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  test("nothing to write when the merged file already holds the CLI file's stacks", () => {
    const { load } = files({ "outputs.json": { a: facts("A", "cn-hangzhou", "a1") } });
    const first = load().companions();
    expect(first).toHaveLength(1);
    const { load: again } = files({
      "outputs.json": { a: facts("A", "cn-hangzhou", "a1") },
      "state/merged.json": JSON.parse(first[0].files["merged.json"]),
    });
    expect(again().companions()).toEqual([]);
  });

  test("only registry facts are merged: other outputs, possibly sensitive, stay in the CLI's file", () => {
    const { load } = files({ "outputs.json": { a: { ...facts("A", "cn-hangzhou", "a1"), db_password: "s3cret" } } });
    const text = load().companions()[0].files["merged.json"];
    expect(text).not.toContain("s3cret");
    expect(JSON.parse(text).a).toEqual(facts("A", "cn-hangzhou", "a1"));
  });

  test("the fallback file serves only stacks no deploy knows", () => {
    const { at, load } = files({
      "outputs.json": { a: facts("A", "cn-hangzhou", "a1") },
      "shipped.json": { a: facts("A", "cn-hangzhou", "example"), z: facts("Z", "cn-beijing", "z0") },
    });
    expect(load().forStack("a")?.outputs).toEqual(facts("A", "cn-hangzhou", "a1"));
    expect(load().forStack("z")).toEqual({ outputs: facts("Z", "cn-beijing", "z0"), source: at("shipped.json") });
    expect(load().companions()[0].files["merged.json"]).not.toContain("z0");
  });

  test.each([
    ["not JSON", "{ torn", /the outputs file .*outputs.json is not valid JSON .*repair or delete it/],
    ["an array", "[]", /outputs.json must be a JSON object of outputs by stack/],
    ["a stack that is not an object", '{"a": 3}', /must be a JSON object of outputs by stack .*; not an object: a/],
  ])("a CLI file that is %s is an error naming it", (_what, text, message) => {
    const { load } = files({ "outputs.json": text });
    expect(load).toThrow(message);
  });
});
