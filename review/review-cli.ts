#!/usr/bin/env node
/**
 * `node lib/review/review-cli.js [cdktf.out] [--base BASE_CDKTF_OUT] [--out DIR] [--fail-on error|warning]
 * [--required-tags a,b,c]`: writes `<DIR>/<stack>.md` (default DIR: `<cdktf.out>/review`) for every stack of the
 * manifest (and of the base's), a Markdown review for a pull-request comment; with `--base` each leads with what
 * the PR changes. No network, no credentials. Exit status: 0 (the review is informational), 1 with `--fail-on`
 * when a finding of that severity or worse exists, 2 for usage errors or unreadable output.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { parseCli } from "./cli";
import { compareText } from "./markdown";
import { hasFindingsAtLeast, ReviewOptions, reviewTerraformJson, StackReview } from "./review";
import { renderStackDocument } from "./review-document";
import { countFindings } from "./render-stack";
import { readSynthStacks, reviewFileName, SynthOutputError } from "./synth-stacks";

const USAGE =
  "usage: review-cli [cdktf.out] [--base BASE_CDKTF_OUT] [--out DIR] [--fail-on error|warning] " +
  "[--required-tags environment,owner,...]";

interface Args {
  readonly outdir: string;
  readonly base?: string;
  readonly out?: string;
  readonly failOn?: "error" | "warning";
  readonly options: ReviewOptions;
}

function parse(argv: readonly string[]): Args | string {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      base: { type: "string" },
      out: { type: "string" },
      "fail-on": { type: "string" },
      "required-tags": { type: "string" },
    },
  });
  const failOn = values["fail-on"];
  if (failOn !== undefined && failOn !== "error" && failOn !== "warning") {
    return `--fail-on must be error or warning, got ${failOn}`;
  }
  if (positionals.length > 1) return "only one output directory";
  const requiredTags = values["required-tags"]
    ?.split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  return {
    outdir: positionals[0] ?? "cdktf.out",
    base: values.base,
    out: values.out,
    failOn,
    options: { requiredTags },
  };
}

function reviewAll(outdir: string, options: ReviewOptions): Map<string, StackReview> {
  return new Map(
    readSynthStacks(outdir).map((s) => [s.stack, reviewTerraformJson(s.config, s.stack, options, s.file)]),
  );
}

/** Runs the CLI with `argv` (without node and script) and returns the exit status; writes files and to stdout. */
export function main(argv: readonly string[]): number {
  const parsed = parseCli("review", USAGE, argv, parse);
  if ("exit" in parsed) return parsed.exit;
  const args = parsed.args;
  const outdir = path.resolve(args.outdir);
  const target = path.resolve(args.out ?? path.join(outdir, "review"));
  let heads: Map<string, StackReview>;
  let bases: Map<string, StackReview> | undefined;
  try {
    heads = reviewAll(outdir, args.options);
    bases = args.base === undefined ? undefined : reviewAll(path.resolve(args.base), args.options);
  } catch (error) {
    if (error instanceof SynthOutputError) {
      process.stderr.write(`review: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  fs.mkdirSync(target, { recursive: true });
  const stacks = [...new Set([...heads.keys(), ...(bases?.keys() ?? [])])].sort(compareText);
  for (const stack of stacks) {
    const head = heads.get(stack);
    const file = path.join(target, reviewFileName(stack));
    fs.writeFileSync(file, renderStackDocument(stack, head, bases?.get(stack), bases !== undefined));
    const c = countFindings(head?.findings ?? []);
    const status = head === undefined ? "removed by the PR" : `${c.error} error(s), ${c.warning} warning(s)`;
    process.stdout.write(`review ${stack}: ${status} -> ${path.relative(process.cwd(), file) || file}\n`);
  }
  return args.failOn !== undefined && hasFindingsAtLeast([...heads.values()], args.failOn) ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
