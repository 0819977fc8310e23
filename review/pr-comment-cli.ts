#!/usr/bin/env node
/**
 * `node lib/review/pr-comment-cli.js --kind review|plan-review [--out FILE] [--summary FILE] [--full-at TEXT]
 * [--pr N] FILE...`: joins review Markdown files into one pull-request comment body that fits GitHub's limit
 * (`comment-body.ts`) and writes it to `--out` (or stdout). `--summary` appends the whole Markdown to that file
 * (the job summary, `$GITHUB_STEP_SUMMARY`), or the comment body when the whole is over the summary's 1 MiB cap.
 * `--pr` then creates or updates the comment found by its marker, with `GITHUB_TOKEN`, `GITHUB_REPOSITORY` and
 * `GITHUB_API_URL` from the environment; a token that may not write prints a `::notice::` and still exits 0.
 * Exit status: 0, 1 when GitHub fails otherwise, 2 for usage errors and unreadable files.
 */
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { parseCli } from "./cli";
import { commentBody, commentMarker, CommentKind } from "./comment-body";
import { Fetch, upsertComment } from "./upsert-comment";

const USAGE =
  "usage: pr-comment-cli --kind review|plan-review [--out FILE] [--summary FILE] [--full-at TEXT] [--pr N] FILE...";

/** GitHub caps one step's job summary at 1 MiB. */
const SUMMARY_LIMIT = 1024 * 1024;

interface Args {
  readonly kind: CommentKind;
  readonly files: readonly string[];
  readonly out?: string;
  readonly summary?: string;
  readonly fullAt: string;
  readonly pr?: number;
}

function parse(argv: readonly string[]): Args | string {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      kind: { type: "string" },
      out: { type: "string" },
      summary: { type: "string" },
      "full-at": { type: "string" },
      pr: { type: "string" },
    },
  });
  if (values.kind !== "review" && values.kind !== "plan-review") return "--kind must be review or plan-review";
  if (positionals.length === 0) return "at least one Markdown file is required";
  const pr = values.pr === undefined ? undefined : Number(values.pr);
  if (pr !== undefined && !(Number.isInteger(pr) && pr > 0))
    return `--pr must be a pull-request number, got ${values.pr}`;
  const fullAt = values["full-at"] ?? "the job summary and the workflow run's artifacts";
  return { kind: values.kind, files: positionals, out: values.out, summary: values.summary, fullAt, pr };
}

/** Runs the CLI with `argv` (without node and script); `fetch` and `env` are injected by tests. */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  fetchImpl: Fetch = fetch as unknown as Fetch,
): Promise<number> {
  const parsed = parseCli("pr-comment", USAGE, argv, parse);
  if ("exit" in parsed) return parsed.exit;
  const args = parsed.args;
  let documents: string[];
  try {
    documents = args.files.map((file) => fs.readFileSync(file, "utf8"));
  } catch (error) {
    process.stderr.write(`pr-comment: ${(error as Error).message}\n`);
    return 2;
  }
  const body = commentBody(args.kind, documents, args.fullAt);
  if (args.out === undefined) process.stdout.write(body);
  else fs.writeFileSync(args.out, body);
  if (args.summary !== undefined) {
    const whole = documents.join("\n");
    fs.appendFileSync(args.summary, Buffer.byteLength(whole) <= SUMMARY_LIMIT ? whole : body);
  }
  if (args.pr === undefined) return 0;
  const token = env.GITHUB_TOKEN;
  const repository = env.GITHUB_REPOSITORY;
  if (token === undefined || token === "" || repository === undefined) {
    process.stdout.write("::notice::no GITHUB_TOKEN or GITHUB_REPOSITORY: the comment was not posted\n");
    return 0;
  }
  try {
    const result = await upsertComment({
      api: env.GITHUB_API_URL ?? "https://api.github.com",
      repository,
      issue: args.pr,
      token,
      marker: commentMarker(args.kind),
      body,
      fetch: fetchImpl,
    });
    process.stdout.write(`${result.action === "skipped" ? "::notice::" : ""}pr-comment: ${result.message}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`pr-comment: ${(error as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((status) => (process.exitCode = status));
}
