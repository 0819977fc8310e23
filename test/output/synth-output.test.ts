import * as fs from "node:fs";
import * as path from "node:path";
import { synthesizeApp } from "../../constructs";
import { App } from "../../constructs/engine";
import { defineExamplePlatform } from "../../stacks/example-platform";
import { expectConsistent, smallApp, tempProject, treeOf } from "./support";

// What Terraform and users put into a stack folder; synthesis owns none of it.
const USER_FILES = {
  "terraform.tfstate": '{"version":4,"serial":7}',
  "terraform.tfstate.backup": '{"version":4,"serial":6}',
  ".terraform.lock.hcl": '# provider "registry.terraform.io/aliyun/alicloud"',
  ".terraform/terraform.tfstate": '{"backend":{"type":"local"}}',
  ".terraform/providers/registry.terraform.io/aliyun/alicloud/1.289.0/linux_amd64/terraform-provider-alicloud":
    "#!/bin/sh",
  "plan.bin": "PK\u0003\u0004",
  "plan.json": '{"format_version":"1.2"}',
};

function seed(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

const synthExample = (outdir: string, log: string[] = []) => {
  const app = new App({ outdir, context: { "@cdktf/disable_stack_trace_in_metadata": true } });
  defineExamplePlatform(app);
  synthesizeApp(app, (line) => log.push(line));
};

describe("synthesizeApp keeps what is not its own", () => {
  test("state, .terraform/, lock and plan files in every stack folder survive two synths", () => {
    const { outdir } = tempProject();
    synthExample(outdir);
    const stacks = fs.readdirSync(path.join(outdir, "stacks")).sort();
    expect(stacks).toEqual(["dev-platform-cn-shanghai", "prod-platform-cn-hangzhou"]);
    for (const stack of stacks) seed(path.join(outdir, "stacks", stack), USER_FILES);
    const configs = stacks.map((stack) => fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    fs.writeFileSync(path.join(outdir, "stacks", stacks[0], "cdk.tf.json"), "{ edited by hand }");

    synthExample(outdir);
    synthExample(outdir);
    for (const [i, stack] of stacks.entries()) {
      const tree = treeOf(path.join(outdir, "stacks", stack));
      expect(tree).toEqual({ ...USER_FILES, "cdk.tf.json": configs[i] });
    }
    expectConsistent(outdir);
    // Nothing of the commit machinery is left behind.
    expect(fs.readdirSync(outdir).sort()).toEqual(["manifest.json", "stacks"]);
  });

  test("a removed stack's folder is deleted when it holds only synthesized files", () => {
    const { outdir } = tempProject();
    synthesizeApp(smallApp(outdir, ["a", "b"]), () => undefined);
    const log: string[] = [];
    synthesizeApp(smallApp(outdir, ["a"]), (line) => log.push(line));
    expect(fs.readdirSync(path.join(outdir, "stacks"))).toEqual(["a"]);
    // Only the protection record speaks up: the stack's protected namespace is still in the cloud.
    expect(log).toEqual([
      expect.stringMatching(
        /^warning: stack "b" is no longer in the code, but its protection record .*b\.yaml lists 1 protected resource/,
      ),
    ]);
    expect(expectConsistent(outdir)).toEqual(["a"]);
  });

  test("a removed stack's own files are moved to terraform-state/removed-stacks/, never deleted, with a warning", () => {
    const { root, outdir } = tempProject();
    synthesizeApp(smallApp(outdir, ["a", "b"]), () => undefined);
    seed(path.join(outdir, "stacks", "b"), USER_FILES);
    const log: string[] = [];
    synthesizeApp(smallApp(outdir, ["a"]), (line) => log.push(line));

    expect(fs.readdirSync(path.join(outdir, "stacks"))).toEqual(["a"]);
    expect(treeOf(path.join(root, "terraform-state", "removed-stacks", "b"))).toEqual(USER_FILES);
    log.splice(0, log.length, ...log.filter((line) => !line.includes("protection record")));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(
      /^warning: stack "b" is no longer in the code, but its folder .*cdktf\.out\/stacks\/b holds /,
    );
    expect(log[0]).toContain(".terraform, .terraform.lock.hcl, plan.bin, plan.json, terraform.tfstate");
    expect(log[0]).toMatch(/moved to .*terraform-state\/removed-stacks\/b \(nothing was deleted\)/);

    // The same stack removed again later does not overwrite what was kept the first time.
    synthesizeApp(smallApp(outdir, ["a", "b"]), () => undefined);
    seed(path.join(outdir, "stacks", "b"), { "terraform.tfstate": "second" });
    synthesizeApp(smallApp(outdir, ["a"]), () => undefined);
    expect(treeOf(path.join(root, "terraform-state", "removed-stacks", "b-2"))).toEqual({
      "terraform.tfstate": "second",
    });
    expect(treeOf(path.join(root, "terraform-state", "removed-stacks", "b"))).toEqual(USER_FILES);
  });

  test("under cdktf-cli (CDKTF_OUTDIR set) the emptied folder stays: the CLI removes it and fails if it is gone", () => {
    const { outdir } = tempProject();
    synthesizeApp(smallApp(outdir, ["a", "b"]), () => undefined);
    seed(path.join(outdir, "stacks", "b"), { "plan.bin": "x" });
    process.env.CDKTF_OUTDIR = outdir;
    try {
      synthesizeApp(smallApp(outdir, ["a"]), () => undefined);
    } finally {
      delete process.env.CDKTF_OUTDIR;
    }
    expect(fs.readdirSync(path.join(outdir, "stacks", "b"))).toEqual([]);
    expect(expectConsistent(outdir)).toEqual(["a"]);
  });

  test("a state file of an earlier layout in the stack folder is kept and explained", () => {
    const { root, outdir } = tempProject();
    synthExample(outdir);
    const prod = "prod-platform-cn-hangzhou";
    seed(path.join(outdir, "stacks", prod), { [`terraform.${prod}.tfstate`]: '{"version":4}' });
    const log: string[] = [];
    synthExample(outdir, log);
    const stray = log.filter((line) => line.includes("is not the state file"));
    expect(stray).toHaveLength(1);
    expect(stray[0]).toContain(`its state file is `);
    expect(stray[0]).toContain(`terraform-state/${prod}.tfstate`);
    expect(stray[0]).toContain(`run \`cdktf diff ${prod} --migrate-state\` once to copy it there`);
    expect(fs.existsSync(path.join(outdir, "stacks", prod, `terraform.${prod}.tfstate`))).toBe(true);

    // Once Terraform has copied it, the advice changes; the old file still stays.
    seed(path.join(root, "terraform-state"), { [`${prod}.tfstate`]: '{"version":4}' });
    const again: string[] = [];
    synthExample(outdir, again);
    expect(again.filter((line) => line.includes("is not the state file"))[0]).toContain(
      "delete the old file once you no longer need it",
    );
  });
});

describe("synthesizeApp companions", () => {
  test("are committed with the Terraform output; stale owned files go, other files stay", () => {
    const { root, outdir } = tempProject();
    const dist = path.join(root, "dist");
    seed(dist, { "old.k8s.yaml": "kind: ConfigMap", "README.md": "mine" });
    synthesizeApp(smallApp(outdir, ["a"]), {
      log: () => undefined,
      companions: () => [
        { dir: dist, files: { "prod.k8s.yaml": "kind: ServiceAccount\n" }, owns: (f) => f.endsWith(".k8s.yaml") },
      ],
    });
    expect(treeOf(dist)).toEqual({ "README.md": "mine", "prod.k8s.yaml": "kind: ServiceAccount\n" });
    expect(expectConsistent(outdir)).toEqual(["a"]);
  });

  test("a companion that fails stops the synth before anything is written", () => {
    const { root, outdir } = tempProject();
    synthesizeApp(smallApp(outdir, ["a"]), () => undefined);
    const before = treeOf(root);
    expect(() =>
      synthesizeApp(smallApp(outdir, ["a", "b"], "other"), {
        log: () => undefined,
        companions: () => {
          throw new Error("cluster manifests have problems");
        },
      }),
    ).toThrow("cluster manifests have problems");
    expect(treeOf(root)).toEqual(before);
  });

  test("a companion folder that cannot be written leaves cdktf.out as it was", () => {
    const { root, outdir } = tempProject();
    synthesizeApp(smallApp(outdir, ["a"]), () => undefined);
    const before = treeOf(outdir);
    fs.writeFileSync(path.join(root, "dist"), "a file where the folder should be");
    expect(() =>
      synthesizeApp(smallApp(outdir, ["a", "b"], "other"), {
        log: () => undefined,
        companions: () => [{ dir: path.join(root, "dist"), files: { "x.k8s.yaml": "x" } }],
      }),
    ).toThrow(/EEXIST|ENOTDIR/);
    expect(treeOf(outdir)).toEqual(before);
  });
});
