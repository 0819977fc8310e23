import * as fs from "node:fs";
import * as os from "node:os";
import { randomBytes } from "node:crypto";

/** Who holds a lock: written into the lock file so that others can tell a live holder from a crashed one. */
interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  readonly startedAt: string;
  readonly token: string;
}

/** Options of {@link acquireSynthLock}. */
export interface SynthLockOptions {
  /**
   * How long to wait for another live synth before giving up, in milliseconds.
   * @default 120000 - a synth of 10,000 repositories takes about 5 s on a 2-core machine
   */
  readonly timeoutMs?: number;
  /** Where "waiting for ..." goes. @default stderr */
  readonly log?: (line: string) => void;
}

/** Another synth held the lock for longer than the timeout. */
export class SynthLockTimeoutError extends Error {
  public constructor(lockFile: string, holder: string, waitedMs: number) {
    super(
      `another synth is running in this checkout (${holder}); waited ${Math.round(waitedMs / 1000)} s for it. ` +
        `If none is running, the lock ${lockFile} is left over from a crash on another machine: remove it.`,
    );
    this.name = "SynthLockTimeoutError";
  }
}

const POLL_MS = 100;
// A lock file that stays unreadable this long is not a holder between create and write: it is stale.
const GARBAGE_AFTER_MS = 10_000;

/**
 * Takes the synth lock `lockFile` (created exclusively; its directory must exist), waiting while another live process
 * holds it. A lock whose holder died on this machine (SIGKILL, power loss) is taken over. Returns the release function.
 *
 * @throws SynthLockTimeoutError when a live holder keeps the lock beyond `timeoutMs`
 */
export function acquireSynthLock(lockFile: string, options: SynthLockOptions = {}): () => void {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const me: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString("hex"),
  };
  const started = Date.now();
  let announced = false;
  for (;;) {
    if (tryCreate(lockFile, me)) return () => release(lockFile, me.token);
    const holder = readHolder(lockFile);
    if (holder === "absent") continue; // released in between
    if (isStale(lockFile, holder)) {
      // Remove it only if it is still the same file: a concurrent waiter may already have replaced it.
      if (sameHolder(readHolder(lockFile), holder)) fs.rmSync(lockFile, { force: true });
      continue;
    }
    const who = holder === "unreadable" ? "a process that is just starting" : describe(holder);
    const waited = Date.now() - started;
    if (waited >= timeoutMs) throw new SynthLockTimeoutError(lockFile, who, waited);
    if (!announced) log(`waiting for another synth to finish (${who})`);
    announced = true;
    sleep(POLL_MS);
  }
}

function tryCreate(lockFile: string, me: LockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockFile, "wx");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    fs.writeSync(fd, JSON.stringify(me));
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function readHolder(lockFile: string): LockHolder | "absent" | "unreadable" {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockFile, "utf8")) as Partial<LockHolder>;
    if (typeof parsed.pid === "number" && typeof parsed.token === "string") return parsed as LockHolder;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "absent";
  }
  // Empty or garbage: a holder between create and write, or a file that is not ours.
  return "unreadable";
}

function ageMs(file: string): number | undefined {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

type ReadHolder = ReturnType<typeof readHolder>;

function isStale(lockFile: string, holder: Exclude<ReadHolder, "absent">): boolean {
  return holder === "unreadable" ? (ageMs(lockFile) ?? 0) > GARBAGE_AFTER_MS : isDead(holder);
}

function sameHolder(a: ReadHolder, b: ReadHolder): boolean {
  return typeof a === "object" && typeof b === "object" ? a.token === b.token : a === b;
}

function isDead(holder: LockHolder): boolean {
  if (holder.hostname !== os.hostname()) return false; // cannot tell for another machine: assume alive
  if (holder.pid <= 0) return true;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function describe(holder: LockHolder): string {
  return `pid ${holder.pid} on ${holder.hostname}, started ${holder.startedAt}`;
}

function release(lockFile: string, token: string): void {
  const holder = readHolder(lockFile);
  if (typeof holder === "object" && holder.token === token) fs.rmSync(lockFile, { force: true });
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
