import * as fs from "node:fs";
import * as path from "node:path";
import { buildPlatform } from "../../stacks/platform/build-platform";
import { releaseProtected, synthesizeApp } from "../../constructs";
import { App, TerraformStack } from "../../constructs/engine";
import { collectProblems } from "../../constructs/validation/synthesize";
import { EXAMPLE_PLATFORM } from "../../stacks/example-platform";
import { smallApp, tempProject } from "../output/support";

const config = (outdir: string, stack: string) =>
  JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));

describe("synthesizeApp applies the protection records", () => {
  test("writes a record per stack beside the output and declares the Terraform version", () => {
    const { root, outdir } = tempProject();
    synthesizeApp(smallApp(outdir, ["a"]), () => undefined);
    expect(fs.readFileSync(path.join(root, "protection", "a.yaml"), "utf8")).toMatch(
      /alicloud_cr_ee_namespace\.Registry_Ns_\w+: \{ instance: cri-test0example, namespace: team, path: Registry\/Ns \}/,
    );
    expect(config(outdir, "a").terraform.required_version).toBe(">= 1.7.0");
    expect(config(outdir, "a").removed).toBeUndefined();
  });

  test("a protected namespace removed from the code gets a removed block; released, it gets none", () => {
    const { root, outdir } = tempProject();
    synthesizeApp(smallApp(outdir, ["a"]), () => undefined);
    const log: string[] = [];
    synthesizeApp(smallApp(outdir, ["a"], null), (line) => log.push(line));
    expect(config(outdir, "a").removed).toEqual([
      { from: expect.stringMatching(/^alicloud_cr_ee_namespace\.Registry_Ns_\w+$/), lifecycle: { destroy: false } },
    ]);
    expect(log).toEqual([expect.stringMatching(/^warning: \[a\] alicloud_cr_ee_namespace\.Registry_Ns_\w+ \(namespace cri-test0example\/team\) is protected and no longer in the code/)]);
    expect(fs.readFileSync(path.join(root, "protection", "a.yaml"), "utf8")).toContain("status: retained");

    const app = smallApp(outdir, ["a"], null);
    releaseProtected(app.node.findChild("a") as TerraformStack, "Registry/Ns");
    synthesizeApp(app, () => undefined);
    expect(config(outdir, "a").removed).toBeUndefined();
    expect(fs.readFileSync(path.join(root, "protection", "a.yaml"), "utf8")).toContain("status: released");
  });

  test("a namespace renamed in place (same construct) is a replacement, which prevent_destroy refuses: no block", () => {
    const { outdir } = tempProject();
    synthesizeApp(smallApp(outdir, ["a"], "team"), () => undefined);
    synthesizeApp(smallApp(outdir, ["a"], "other"), () => undefined);
    expect(config(outdir, "a").removed).toBeUndefined();
    expect(config(outdir, "a").moved).toBeUndefined();
  });

  test("releasing what is still in the code is a problem", () => {
    const { outdir } = tempProject();
    synthesizeApp(smallApp(outdir, ["a"]), () => undefined);
    const app = smallApp(outdir, ["a"]);
    releaseProtected(app.node.findChild("a") as TerraformStack, "Registry/Ns");
    expect(() => synthesizeApp(app, () => undefined)).toThrow(/release = "Registry\/Ns": .* is still in the code/);
  });

  test("a record staged by a synth that died before its commit is cleaned by the next synth", () => {
    const { root, outdir } = tempProject();
    synthesizeApp(smallApp(outdir, ["a"]), () => undefined);
    const leftover = path.join(root, "protection", "a.yaml.staging-0123456789ab");
    fs.writeFileSync(leftover, "half a record");
    synthesizeApp(smallApp(outdir, ["a"]), () => undefined);
    expect(fs.readdirSync(path.join(root, "protection"))).toEqual(["a.yaml"]);
  });

  test("a stale release entry fails the synth and writes nothing, naming the stack and the entry", () => {
    const { root, outdir } = tempProject();
    synthesizeApp(smallApp(outdir, ["a"]), () => undefined);
    const before = fs.readFileSync(path.join(outdir, "stacks", "a", "cdk.tf.json"), "utf8");
    const app = smallApp(outdir, ["a"]);
    releaseProtected(app.node.findChild("a") as TerraformStack, "Registry/Gone");
    expect(() => synthesizeApp(app, () => undefined)).toThrow(
      '[a] release = "Registry/Gone": names no protected resource that was removed from the code (stale release entry)',
    );
    expect(fs.readFileSync(path.join(outdir, "stacks", "a", "cdk.tf.json"), "utf8")).toBe(before);
    expect(fs.readdirSync(path.join(root, "protection"))).toEqual(["a.yaml"]);
  });

  test("an invalid record fails the synth with every problem, naming the file", () => {
    const { root, outdir } = tempProject();
    fs.mkdirSync(path.join(root, "protection"));
    fs.writeFileSync(path.join(root, "protection", "a.yaml"), "version: 1\nprotected: { no-address: 3 }\n");
    expect(() => synthesizeApp(smallApp(outdir, ["a"]), () => undefined)).toThrow(
      /protection\/a\.yaml: protected = "no-address": must be a Terraform address <type>\.<name>\n.*protected\."no-address" = 3: must be a map/,
    );
  });

  test("a release entry in the definition must name one of the platform's stacks", () => {
    const { outdir } = tempProject();
    const app = new App({ outdir });
    buildPlatform(app, { ...EXAMPLE_PLATFORM, protection: { release: ["prod-platform-cn-shanghai/X", "nostack"] } });
    expect(collectProblems(app)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/definition\.protection\.release\[0\] = "prod-platform-cn-shanghai\/X": must start with a stack name/),
        expect.stringMatching(/definition\.protection\.release\[1\] = "nostack": must start with a stack name/),
      ]),
    );
  });
});
