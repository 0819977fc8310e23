import * as fs from "node:fs";
import * as path from "node:path";

/**
 * One file-system step of a commit. Every step is idempotent when repeated once after a crash (a rename whose source is
 * gone has happened; a removal of something absent has happened), which is what makes roll-forward recovery safe.
 */
export type CommitStep =
  /** Move `from` to `to`, replacing a file at `to` atomically; parent folders of `to` are created. */
  | { readonly op: "rename"; readonly from: string; readonly to: string }
  /** Delete a file or folder tree that synthesis owns (staging folders, replaced outputs). */
  | { readonly op: "remove"; readonly path: string }
  /** Delete a folder if it is empty; a folder that holds anything stays. */
  | { readonly op: "rmdir"; readonly path: string };

interface JournalFile {
  readonly version: 1;
  readonly steps: readonly CommitStep[];
}

/**
 * A write-ahead journal that makes a set of renames one commit: the steps are written (and fsynced) before the first
 * one runs, each finished step is recorded, and a commit interrupted by a crash is completed by {@link recover} the next
 * time. Before the journal exists nothing has changed; once it exists the commit will complete. Paths in the journal
 * are relative to the journal's folder, so a checkout that was moved still recovers.
 */
export class CommitJournal {
  private readonly root: string;
  private readonly progressFile: string;

  /** @param file the journal file; its folder is the root of the relative paths in it */
  public constructor(private readonly file: string) {
    this.root = path.dirname(file);
    this.progressFile = `${file}.progress`;
  }

  /** Whether an interrupted commit is waiting to be completed. */
  public get pending(): boolean {
    return fs.existsSync(this.file);
  }

  /** Runs `steps` (absolute paths or relative to the current directory) as one commit. */
  public commit(steps: readonly CommitStep[]): void {
    const journal: JournalFile = { version: 1, steps: steps.map((step) => this.relative(step)) };
    fs.rmSync(this.progressFile, { force: true });
    const temp = `${this.file}.tmp`;
    writeDurably(temp, JSON.stringify(journal, null, 1));
    fs.renameSync(temp, this.file); // the commit point
    syncPath(this.root);
    this.run(journal.steps, 0);
  }

  /**
   * Completes an interrupted commit, if there is one.
   * @returns the number of steps that were still to run (0 when nothing was pending)
   */
  public recover(): number {
    if (!this.pending) return 0;
    let journal: JournalFile;
    try {
      journal = JSON.parse(fs.readFileSync(this.file, "utf8")) as JournalFile;
    } catch (err) {
      throw new Error(
        `the commit journal ${this.file} of an interrupted synth cannot be read (${(err as Error).message}); ` +
          `move it away and synthesize again`,
      );
    }
    const done = fs.existsSync(this.progressFile) ? fs.statSync(this.progressFile).size : 0;
    // The step after the last recorded one may have run already; repeating it once is safe (see CommitStep).
    this.run(journal.steps, done);
    return journal.steps.length - done;
  }

  private run(steps: readonly CommitStep[], from: number): void {
    const progress = fs.openSync(this.progressFile, "a");
    try {
      for (let i = from; i < steps.length; i++) {
        this.apply(steps[i]);
        fs.writeSync(progress, ".");
        fs.fsyncSync(progress);
      }
    } finally {
      fs.closeSync(progress);
    }
    fs.rmSync(this.file, { force: true });
    fs.rmSync(this.progressFile, { force: true });
  }

  private apply(step: CommitStep): void {
    switch (step.op) {
      case "rename": {
        const from = path.resolve(this.root, step.from);
        const to = path.resolve(this.root, step.to);
        if (!fs.existsSync(from)) return; // already moved
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.renameSync(from, to);
        return;
      }
      case "remove":
        fs.rmSync(path.resolve(this.root, step.path), { recursive: true, force: true });
        return;
      case "rmdir": {
        const dir = path.resolve(this.root, step.path);
        if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
        return;
      }
    }
  }

  private relative(step: CommitStep): CommitStep {
    const rel = (p: string) => path.relative(this.root, path.resolve(p));
    switch (step.op) {
      case "rename":
        return { op: "rename", from: rel(step.from), to: rel(step.to) };
      case "remove":
      case "rmdir":
        return { op: step.op, path: rel(step.path) };
    }
  }
}

/** Writes `text` to `file` and flushes it to disk before returning. */
export function writeDurably(file: string, text: string): void {
  const fd = fs.openSync(file, "w");
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes every file under `dir` to disk (files written by others, before they are committed). */
export function syncTree(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) syncTree(full);
    else if (entry.isFile()) syncPath(full);
  }
}

// fsync of a file, or of a folder (which makes a rename in it durable).
function syncPath(p: string): void {
  const fd = fs.openSync(p, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
