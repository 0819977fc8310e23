import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { EnterpriseRegistry } from "../../constructs";
import { App, TerraformStack } from "../../constructs/engine";

/** A temp project root; its synth output goes to `<root>/cdktf.out`, as in a checkout. */
export function tempProject(): { root: string; outdir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-test-"));
  return { root, outdir: path.join(root, "cdktf.out") };
}

/** An app with one small stack per id: an imported instance with a namespace in each (`null`: none). */
export function smallApp(outdir: string, stackIds: readonly string[], namespace: string | null = "team"): App {
  const app = new App({ outdir, context: { "@cdktf/disable_stack_trace_in_metadata": true } });
  for (const id of stackIds) {
    const stack = new TerraformStack(app, id);
    new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
    const registry = EnterpriseRegistry.fromInstanceAttributes(stack, "Registry", {
      instanceId: "cri-test0example",
      instanceName: "acme",
      region: "cn-hangzhou",
    });
    if (namespace !== null) registry.addNamespace("Ns", { name: namespace });
  }
  return app;
}

/** Every file under `dir` with its contents, by relative path (sorted). */
export function treeOf(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(dir, entry);
    if (fs.lstatSync(full).isFile()) files[entry] = fs.readFileSync(full, "utf8");
  }
  return files;
}

/**
 * The consistency a reader of the output relies on: the manifest lists exactly the stack folders that hold a
 * configuration, and each configuration is complete JSON.
 */
export function expectConsistent(outdir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  for (const stack of Object.values(manifest.stacks)) {
    JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), "utf8"));
  }
  const withConfig = fs
    .readdirSync(path.join(outdir, "stacks"))
    .filter((name) => fs.existsSync(path.join(outdir, "stacks", name, "cdk.tf.json")))
    .sort();
  if (JSON.stringify(withConfig) !== JSON.stringify(Object.keys(manifest.stacks).sort())) {
    throw new Error(`manifest lists ${Object.keys(manifest.stacks)} but stacks/ holds ${withConfig}`);
  }
  return withConfig;
}
