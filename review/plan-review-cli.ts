#!/usr/bin/env node
/**
 * `node lib/review/plan-review-cli.js <plan.json>... [--out FILE] [--allow FILE]... [--allow-data-loss]`: reviews
 * `terraform show -json` plans and writes Markdown to FILE (or stdout). Exit status: 0 when no instance,
 * namespace or repository is deleted or replaced, or every such change is allowed; 1 on data loss that is not
 * allowed; 2 for usage errors and unreadable input. Logic lives in `./plan-review`.
 */
import { parseCli } from "./cli";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllowList, PlanFormatError, planReviewExitCode, renderPlanReviews, reviewPlan } from "./plan-review";

const USAGE = "usage: plan-review-cli <plan.json>... [--out FILE] [--allow FILE]... [--allow-data-loss]";

interface Args {
  readonly plans: readonly string[];
  readonly out?: string;
  readonly allowFiles: readonly string[];
  readonly allowDataLoss: boolean;
}

function parseArgs(argv: readonly string[]): Args | string {
  const plans: string[] = [];
  const allowFiles: string[] = [];
  let out: string | undefined;
  let allowDataLoss = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--") ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === "--out") out = value();
    else if (flag === "--allow") {
      const file = value();
      if (file === undefined) return "--allow needs a file";
      allowFiles.push(file);
    } else if (flag === "--allow-data-loss") allowDataLoss = true;
    else if (flag.startsWith("-")) return `unknown option ${flag}`;
    else plans.push(flag);
  }
  if (plans.length === 0) return "at least one plan JSON file is required";
  if (argv.includes("--out") && out === undefined) return "--out needs a file";
  return { plans, out, allowFiles, allowDataLoss };
}

/** Runs the CLI with `argv` (without node and script) and returns the exit status. */
export function main(argv: readonly string[]): number {
  const parsed = parseCli("plan-review", USAGE, argv, parseArgs);
  if ("exit" in parsed) return parsed.exit;
  const args = parsed.args;
  let markdown: string;
  let status: number;
  try {
    const allow = args.allowFiles.flatMap((file) => {
      try {
        return parseAllowList(fs.readFileSync(file, "utf8"));
      } catch (error) {
        throw new PlanFormatError(`allow-list ${file}: ${(error as Error).message}`);
      }
    });
    const reviews = args.plans.map((file) => {
      let plan: unknown;
      try {
        plan = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch (error) {
        throw new PlanFormatError(`cannot read ${file}: ${(error as Error).message}`);
      }
      return reviewPlan(plan, file, { allow });
    });
    markdown = renderPlanReviews(reviews, args.allowDataLoss);
    status = planReviewExitCode(reviews, args.allowDataLoss);
  } catch (error) {
    if (error instanceof PlanFormatError) {
      process.stderr.write(`plan-review: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (args.out === undefined) process.stdout.write(markdown);
  else {
    fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
    fs.writeFileSync(args.out, markdown);
    const verdict = status === 0 ? "ok" : "data loss not allowed";
    process.stdout.write(`plan-review: ${args.plans.length} plan(s) -> ${args.out}: ${verdict}\n`);
  }
  return status;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
