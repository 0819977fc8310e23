#!/usr/bin/env node
/**
 * `node lib/review/validate-cli.js [cdktf.out] [--json]`: checks every synthesized stack against the vendored alicloud
 * schema and constraints. Exit status: 0 when there are no errors (warnings allowed), 1 when there is at least one
 * error, 2 when the output directory or its manifest cannot be read. All checking lives in `./validate`.
 */
import * as path from "node:path";
import { formatReport, summarize, SynthOutputError, validateSynthOutput } from "./validate";

const USAGE = "usage: validate-cli [cdktf.out] [--json]";

/** Runs the CLI with `argv` (without node and script) and returns the exit status; writes to stdout/stderr. */
export function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const json = argv.includes("--json");
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const positional = argv.filter((a) => !a.startsWith("-"));
  if (positional.length > 1 || argv.some((a) => a.startsWith("-") && a !== "--json")) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const outdir = path.resolve(positional[0] ?? "cdktf.out");
  try {
    const reports = validateSynthOutput(outdir, { env });
    process.stdout.write(json ? `${JSON.stringify(reports, null, 2)}\n` : `${formatReport(reports)}\n`);
    return summarize(reports).errors > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof SynthOutputError) {
      process.stderr.write(`validate: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
