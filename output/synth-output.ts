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

/** What a synthesis produced besides the Terraform output. */
export interface SynthesisExtras {
  readonly companions?: readonly CompanionOutput[];
  readonly warnings?: readonly string[];
}

/** Options of {@link writeSynthOutput}. */
export interface SynthOutputOptions {
  /**
   * Writes the complete Terraform output (manifest.json, stacks/) into the given empty folder, and returns any further
   * companions it produced (written in the same commit) and warnings.
   * @default - no Terraform output: only the companions are written (the lock and journal live in `outdir`)
   */
  readonly synthesize?: (stagingDir: string) => SynthesisExtras | void;
  /** Written in the same commit. @default none */
  readonly companions?: readonly CompanionOutput[];
  /**
   * Where the user's files of a stack that left the code are moved.
   * @default "terraform-state/removed-stacks" beside `outdir` (in the project root, for `cdktf.out`)
   */
  readonly retainDir?: string;
  /** See {@link planStackFolders}. @default true when run by cdktf-cli (CDKTF_OUTDIR is set) */
  readonly leaveEmptyFolders?: boolean;
  /**
   * Further folders the synthesis may write companions into (returned by `synthesize`): cleaned of what an
   * interrupted synth staged there, like the folders of `companions`.
   * @default none
   */
  readonly companionFolders?: readonly string[];
  /** Lock options (timeout). */
  readonly lock?: SynthLockOptions;
  /** Where warnings go. @default stderr */
  readonly log?: (line: string) => void;
}

const LOCK_FILE = ".synth.lock";
const JOURNAL_FILE = ".synth-commit.json";
// The Terraform output is staged in a hidden folder of the output (cdktf-cli and terraform never look there);
// companion files beside their final name with a suffix that kubectl, Argo CD and other readers of `*.yaml` skip.
const STAGING_PREFIX = ".staging-";
const STAGED_FILE = /\.staging-[0-9a-f]{12}$/;

/**
 * Writes a synthesis into `outdir` (and its companions into their folders) so that the previous output stays complete
 * until the new one is: everything is first written to staging folders beside the live ones, then renamed into place
 * in one journaled commit that a crash cannot leave half done (the next synth completes it). Inside a stack folder
 * only what synthesis writes is replaced — state files, `.terraform/`, lock and plan files survive. Two synths in one
 * checkout take turns (the second waits for the first).
 */
export function writeSynthOutput(outdir: string, options: SynthOutputOptions): void {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const companions = options.companions ?? [];
  const folders = new Set([outdir, ...companions.map((c) => c.dir), ...(options.companionFolders ?? [])]);
  fs.mkdirSync(outdir, { recursive: true });
  const release = acquireSynthLock(path.join(outdir, LOCK_FILE), { log, ...options.lock });
  const journal = new CommitJournal(path.join(outdir, JOURNAL_FILE));
  try {
    const completed = journal.recover();
    if (completed > 0) log(`note: completed the commit of an interrupted synth (${completed} step(s))`);
    // The lock is ours, so any staging folder is left over from a synth that died before its commit.
    for (const dir of folders) removeStaging(dir);
    const { steps, warnings } = stage(outdir, options, companions, folders);
    journal.commit(steps);
    for (const warning of warnings) log(`warning: ${warning}`);
  } catch (err) {
    // Before the commit point nothing live has changed: drop the staging. After it, staging holds the rest of the
    // commit, which the next synth completes.
    if (!journal.pending) for (const dir of folders) removeStaging(dir);
    throw err;
  } finally {
    release();
  }
}

// Writes everything into staging folders and plans the commit steps: new and replaced files first, then the
// manifest, then removals, so that at every step the manifest's stacks have their configuration.
function stage(
  outdir: string,
  options: SynthOutputOptions,
  companions: readonly CompanionOutput[],
  stagedIn: Set<string>,
): { steps: CommitStep[]; warnings: string[] } {
  const token = randomBytes(6).toString("hex");
  if (options.synthesize === undefined) {
    return { steps: companions.flatMap((companion) => stageCompanion(companion, token)), warnings: [] };
  }
  const staging = path.join(outdir, `${STAGING_PREFIX}${token}`);
  fs.mkdirSync(staging);
  const extras = options.synthesize(staging) ?? {};
  syncTree(staging);
  const all = [...companions, ...(extras.companions ?? [])];
  for (const companion of all) stagedIn.add(companion.dir); // cleaned if anything fails before the commit
  const companionSteps = all.flatMap((c) => stageCompanion(c, token));
  const stacks = planStackFolders({
    stacksDir: path.join(outdir, "stacks"),
    stagedStacksDir: path.join(staging, "stacks"),
    retainDir:
      options.retainDir ?? path.join(path.dirname(path.resolve(outdir)), DEFAULT_LOCAL_STATE_DIR, "removed-stacks"),
    leaveEmptyFolders: options.leaveEmptyFolders ?? process.env.CDKTF_OUTDIR !== undefined,
  });
  return {
    steps: [
      ...stacks.add.steps,
      ...companionSteps,
      { op: "rename", from: path.join(staging, "manifest.json"), to: path.join(outdir, "manifest.json") },
      ...stacks.remove.steps,
      { op: "remove", path: staging },
    ],
    warnings: [...(extras.warnings ?? []), ...stacks.add.warnings, ...stacks.remove.warnings],
  };
}

// Writes the companion's files beside their final names and returns the steps that put them, and remove its stale
// files, in place.
function stageCompanion(companion: CompanionOutput, token: string): CommitStep[] {
  fs.mkdirSync(companion.dir, { recursive: true });
  const names = Object.keys(companion.files).sort();
  const steps: CommitStep[] = names.map((name) => {
    if (name !== path.basename(name) || name.startsWith(".")) {
      throw new Error(`companion file name ${JSON.stringify(name)} must be a plain file name`);
    }
    const staged = path.join(companion.dir, `${name}${STAGING_PREFIX}${token}`);
    writeDurably(staged, companion.files[name]);
    return { op: "rename", from: staged, to: path.join(companion.dir, name) };
  });
  const stale = fs
    .readdirSync(companion.dir)
    .filter((name) => !STAGED_FILE.test(name) && !(name in companion.files) && companion.owns?.(name))
    .sort();
  return [...steps, ...stale.map((name): CommitStep => ({ op: "remove", path: path.join(companion.dir, name) }))];
}

function removeStaging(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(STAGING_PREFIX) || STAGED_FILE.test(name)) {
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  }
}
