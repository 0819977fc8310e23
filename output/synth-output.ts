import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { CommitJournal, CommitStep, syncTree, writeDurably } from "./commit-journal";
import { planStackFolders } from "./stack-folders";
import { acquireSynthLock, SynthLockOptions } from "./synth-lock";

/** Where local Terraform data of a checkout lives by default: state files, merged deploy outputs, removed stacks. */
export const DEFAULT_LOCAL_STATE_DIR = "terraform-state";

/** Files written together with the Terraform output, in one commit (e.g. Kubernetes manifests in `dist/`). */
export interface CompanionOutput {
  /** The folder, e.g. `dist`. */
  readonly dir: string;
  /** The files to write, contents by file name (no sub-folders). */
  readonly files: Readonly<Record<string, string>>;
  /**
   * Whether an existing file of `dir` was written by this output before: such a file that `files` no longer holds is
   * removed (e.g. the manifests of a cluster that left the code). Nothing else in `dir` is touched.
   * @default - no existing file is removed
   */
  readonly owns?: (fileName: string) => boolean;
}

/** Options of {@link writeSynthOutput}. */
export interface SynthOutputOptions {
  /**
   * Writes the complete Terraform output (manifest.json, stacks/) into the given empty folder.
   * @default - no Terraform output: only the companions are written (the lock and journal live in `outdir`)
   */
  readonly synthesize?: (stagingDir: string) => void;
  /** Written in the same commit. @default none */
  readonly companions?: readonly CompanionOutput[];
  /** Where the user's files of a stack that left the code are moved. @default "terraform-state/removed-stacks" */
  readonly retainDir?: string;
  /** See {@link planStackFolders}. @default true when run by cdktf-cli (CDKTF_OUTDIR is set) */
  readonly leaveEmptyFolders?: boolean;
  /** Lock options (timeout). */
  readonly lock?: SynthLockOptions;
  /** Where warnings go. @default stderr */
  readonly log?: (line: string) => void;
}

const LOCK_FILE = ".synth.lock";
const JOURNAL_FILE = ".synth-commit.json";
const STAGING_PREFIX = ".staging-";

/**
 * Writes a synthesis into `outdir` (and its companions into their folders) so that the previous output stays complete
 * until the new one is: everything is first written to staging folders beside the live ones, then renamed into place
 * in one journaled commit that a crash cannot leave half done (the next synth completes it). Inside a stack folder
 * only what synthesis writes is replaced — state files, `.terraform/`, lock and plan files survive. Two synths in one
 * checkout take turns (the second waits for the first).
 */
export function writeSynthOutput(outdir: string, options: SynthOutputOptions): void {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  fs.mkdirSync(outdir, { recursive: true });
  const release = acquireSynthLock(path.join(outdir, LOCK_FILE), { log, ...options.lock });
  try {
    const journal = new CommitJournal(path.join(outdir, JOURNAL_FILE));
    const completed = journal.recover();
    if (completed > 0) log(`note: completed the commit of an interrupted synth (${completed} step(s))`);
    const companions = options.companions ?? [];
    // The lock is ours, so any staging folder is left over from a synth that died before its commit.
    for (const dir of [outdir, ...companions.map((c) => c.dir)]) removeStaging(dir);

    const token = randomBytes(6).toString("hex");
    const companionStaging = companions.map((companion) => stageCompanion(companion, token));
    const companionSteps = companions.flatMap((companion, i) => commitSteps(companion, companionStaging[i]));
    const cleanup = companionStaging.map((dir): CommitStep => ({ op: "remove", path: dir }));
    const warnings: string[] = [];
    let steps: CommitStep[] = [...companionSteps, ...cleanup];
    if (options.synthesize !== undefined) {
      const staging = path.join(outdir, `${STAGING_PREFIX}${token}`);
      fs.mkdirSync(staging);
      options.synthesize(staging);
      syncTree(staging);
      const stacks = planStackFolders({
        stacksDir: path.join(outdir, "stacks"),
        stagedStacksDir: path.join(staging, "stacks"),
        retainDir: options.retainDir ?? path.join(DEFAULT_LOCAL_STATE_DIR, "removed-stacks"),
        leaveEmptyFolders: options.leaveEmptyFolders ?? process.env.CDKTF_OUTDIR !== undefined,
      });
      steps = [
        ...stacks.add.steps,
        ...companionSteps,
        { op: "rename", from: path.join(staging, "manifest.json"), to: path.join(outdir, "manifest.json") },
        ...stacks.remove.steps,
        { op: "remove", path: staging },
        ...cleanup,
      ];
      warnings.push(...stacks.add.warnings, ...stacks.remove.warnings);
    }
    journal.commit(steps);
    for (const warning of warnings) log(`warning: ${warning}`);
  } finally {
    release();
  }
}

/**
 * Whether `outdir` holds the journal of a commit that an interrupted synth did not finish: its files may then mix two
 * synths until the next synth completes the commit. Tools that read the output check this first.
 */
export function hasInterruptedCommit(outdir: string): boolean {
  return new CommitJournal(path.join(outdir, JOURNAL_FILE)).pending;
}

function stageCompanion(companion: CompanionOutput, token: string): string {
  const staging = path.join(companion.dir, `${STAGING_PREFIX}${token}`);
  fs.mkdirSync(staging, { recursive: true });
  for (const [name, text] of Object.entries(companion.files)) {
    if (name !== path.basename(name) || name.startsWith(".")) {
      throw new Error(`companion file name ${JSON.stringify(name)} must be a plain file name`);
    }
    writeDurably(path.join(staging, name), text);
  }
  return staging;
}

function commitSteps(companion: CompanionOutput, staging: string): CommitStep[] {
  const names = Object.keys(companion.files).sort();
  const stale = fs
    .readdirSync(companion.dir)
    .filter((name) => !name.startsWith(STAGING_PREFIX) && !(name in companion.files) && companion.owns?.(name))
    .sort();
  return [
    ...names.map((name): CommitStep => ({
      op: "rename",
      from: path.join(staging, name),
      to: path.join(companion.dir, name),
    })),
    ...stale.map((name): CommitStep => ({ op: "remove", path: path.join(companion.dir, name) })),
  ];
}

function removeStaging(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(STAGING_PREFIX)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}
