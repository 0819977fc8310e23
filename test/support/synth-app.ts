import { synthesizeApp } from "../../constructs";
import { App } from "../../constructs/engine";
import { readSynthStacks } from "../../review/synth-stacks";
import { tempProject } from "../output/support";
import { TerraformJson } from "./synth";

/**
 * Synthesizes the stacks `define` adds to a fresh app into a temp directory, exactly as `npm run synth` writes them,
 * and returns the directory and each stack's `cdk.tf.json` by stack name.
 */
export function synthApp(define: (app: App) => unknown): { outdir: string; stacks: Record<string, TerraformJson> } {
  // Nested like a checkout: protection records and local state go beside the output, inside the temp folder.
  const { outdir } = tempProject();
  const app = new App({ outdir, context: { "@cdktf/disable_stack_trace_in_metadata": true } });
  define(app);
  synthesizeApp(app, () => undefined);
  const stacks = readSynthStacks(outdir).map((s): [string, TerraformJson] => [s.stack, s.config as TerraformJson]);
  return { outdir, stacks: Object.fromEntries(stacks) };
}
