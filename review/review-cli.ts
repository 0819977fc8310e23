#!/usr/bin/env node
/**
 * `node lib/review/review-cli.js [cdktf.out] [--out DIR] [--fail-on error|warning] [--required-tags a,b,c]`:
 * writes `<DIR>/<stack>.md` (default DIR: `<cdktf.out>/review`) for every stack of the manifest, a Markdown review
 * for a pull-request comment. No network, no credentials. Exit status: 0 (the review is informational), 1 with
 * `--fail-on` when a finding of that severity or worse exists, 2 for usage errors or unreadable output.
 */
import { parseCli } from "./cli";
import * as fs from "node:fs";
import * as path from "node:path";
import { isObject } from "./markdown";
import {
  hasFindingsAtLeast,
  renderStackReview,
  ReviewOptions,
  reviewTerraformJson,
  StackReview,
  summarizeStackReview,
} from "./review";
import { SynthOutputError } from "./validate";

const USAGE =
  "usage: review-cli [cdktf.out] [--out DIR] [--fail-on error|warning] [--required-tags environment,owner,...]";

/** One synthesized stack as read from a cdktf output directory. */
export interface SynthStack {
  readonly stack: string;
  /** `synthesizedStackPath` from the manifest, relative to the output directory. */
  readonly file: string;
  readonly config: unknown;
}

function readJson(file: string, reason: "bad-manifest" | "bad-stack"): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new SynthOutputError(reason, `cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * Reads every stack listed in `<outdir>/manifest.json`, sorted by name. Throws `SynthOutputError` (shared with
 * `npm run validate`) when the directory, manifest or a stack file is missing or unreadable.
 */
export function readSynthStacks(outdir: string): SynthStack[] {
  const hint = "run `npm run synth` first";
  if (!fs.existsSync(outdir) || !fs.statSync(outdir).isDirectory()) {
    throw new SynthOutputError("missing-outdir", `${outdir} does not exist or is not a directory; ${hint}`);
  }
  const manifestPath = path.join(outdir, "manifest.json");
  if (!fs.existsSync(manifestPath)) throw new SynthOutputError("missing-manifest", `${manifestPath} does not exist`);
  const manifest = readJson(manifestPath, "bad-manifest");
  const stacks = isObject(manifest) ? manifest.stacks : undefined;
  if (!isObject(stacks)) throw new SynthOutputError("bad-manifest", `${manifestPath} has no "stacks" object`);
  return Object.keys(stacks)
    .sort()
    .map((stack) => {
      const entry = stacks[stack];
      const file = isObject(entry) ? entry.synthesizedStackPath : undefined;
      if (typeof file !== "string") {
        throw new SynthOutputError("bad-manifest", `stack "${stack}" in ${manifestPath} has no synthesizedStackPath`);
      }
      const full = path.join(outdir, file);
      if (!fs.existsSync(full)) throw new SynthOutputError("missing-stack", `${full} does not exist; ${hint}`);
      return { stack, file, config: readJson(full, "bad-stack") };
    });
}

/** File name of a stack's review: the stack name with anything but letters, digits, `.`, `_`, `-` replaced. */
export function reviewFileName(stack: string): string {
  return `${stack.replace(/[^A-Za-z0-9._-]/g, "_")}.md`;
}

interface Args {
  readonly outdir: string;
  readonly out?: string;
  readonly failOn?: "error" | "warning";
  readonly options: ReviewOptions;
}

function parseArgs(argv: readonly string[]): Args | string {
  const positional: string[] = [];
  let out: string | undefined;
  let failOn: Args["failOn"];
  let requiredTags: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--") ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === "--out") out = value();
    else if (flag === "--fail-on") {
      const v = value();
      if (v !== "error" && v !== "warning") return `--fail-on must be error or warning, got ${String(v)}`;
      failOn = v;
    } else if (flag === "--required-tags") {
      requiredTags = (value() ?? "")
        .split(",")
        .map((t) => t.trim())
        .filter((t) => t !== "");
    } else if (flag.startsWith("-")) return `unknown option ${flag}`;
    else positional.push(flag);
  }
  if (positional.length > 1) return "only one output directory";
  if (argv.includes("--out") && out === undefined) return "--out needs a directory";
  return { outdir: positional[0] ?? "cdktf.out", out, failOn, options: { requiredTags } };
}

/** Runs the CLI with `argv` (without node and script) and returns the exit status; writes files and to stdout. */
export function main(argv: readonly string[]): number {
  const parsed = parseCli("review", USAGE, argv, parseArgs);
  if ("exit" in parsed) return parsed.exit;
  const args = parsed.args;
  const outdir = path.resolve(args.outdir);
  const target = path.resolve(args.out ?? path.join(outdir, "review"));
  let reviews: StackReview[];
  try {
    reviews = readSynthStacks(outdir).map((s) => reviewTerraformJson(s.config, s.stack, args.options, s.file));
  } catch (error) {
    if (error instanceof SynthOutputError) {
      process.stderr.write(`review: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  fs.mkdirSync(target, { recursive: true });
  for (const review of reviews) {
    const file = path.join(target, reviewFileName(review.stack));
    fs.writeFileSync(file, renderStackReview(review));
    process.stdout.write(`${summarizeStackReview(review)} -> ${path.relative(process.cwd(), file) || file}\n`);
  }
  return args.failOn !== undefined && hasFindingsAtLeast(reviews, args.failOn) ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
