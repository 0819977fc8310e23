import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { collectProblems } from "../constructs/validation/synthesize";
import { App } from "../constructs/engine";
import { buildPlatform } from "../stacks/platform/build-platform";
import type { PlatformDefinition } from "../stacks/platform/definition";

/**
 * Every problem the project's validation finds in `definition`: the definition's own checks (validate-definition)
 * and the constructs', exactly as `synthesizeApp` would report them, from a build in a scratch app that writes
 * nothing.
 */
export function problemsOfDefinition(definition: PlatformDefinition): string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-adopt-check-"));
  try {
    const app = new App({ outdir, context: { "@cdktf/disable_stack_trace_in_metadata": true } });
    buildPlatform(app, definition);
    return collectProblems(app);
  } catch (error) {
    return [`building the definition failed: ${(error as Error).message}`];
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
