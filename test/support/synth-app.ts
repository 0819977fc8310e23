import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { synthesizeApp } from "../../constructs";
import { App } from "../../constructs/engine";
import { readSynthStacks } from "../../review/synth-stacks";
import { TerraformJson } from "./synth";

/**
 * Synthesizes the stacks `define` adds to a fresh app into a temp directory, exactly as `npm run synth` writes them,
 * and returns the directory and each stack's `cdk.tf.json` by stack name.
 */
export function synthApp(define: (app: App) => unknown): { outdir: string; stacks: Record<string, TerraformJson> } {
  // Nested like a checkout: protection records and local state go beside the output, inside the temp folder.
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-test-")), "cdktf.out");
  const app = new App({ outdir, context: { "@cdktf/disable_stack_trace_in_metadata": true } });
  define(app);
  synthesizeApp(app, () => undefined);
  const stacks = readSynthStacks(outdir).map((s): [string, TerraformJson] => [s.stack, s.config as TerraformJson]);
  return { outdir, stacks: Object.fromEntries(stacks) };
}
