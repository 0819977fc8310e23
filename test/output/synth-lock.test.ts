import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { acquireSynthLock, SynthLockTimeoutError } from "../../output/synth-lock";
import { tempProject } from "./support";

const lockFile = () => path.join(tempProject().root, ".synth.lock");
const holder = (pid: number) =>
  JSON.stringify({ pid, hostname: os.hostname(), startedAt: "2026-12-01T09:00:00.000Z", token: "0123456789abcdef" });

describe("acquireSynthLock", () => {
  test("a live holder makes the second synth wait, then fail with a message that says another synth runs", () => {
    const file = lockFile();
    fs.writeFileSync(file, holder(process.pid)); // this test process: alive
    const log: string[] = [];
    let error: unknown;
    try {
      acquireSynthLock(file, { timeoutMs: 300, log: (line) => log.push(line) });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SynthLockTimeoutError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^another synth is running in this checkout \\(pid ${process.pid} on .*, started 2026-12-01T09:00:00.000Z\\); waited 0 s`,
      ),
    );
    expect(log).toEqual([
      `waiting for another synth to finish (pid ${process.pid} on ${os.hostname()}, started 2026-12-01T09:00:00.000Z)`,
    ]);
    expect(fs.readFileSync(file, "utf8")).toBe(holder(process.pid)); // not taken
  });

  test("the lock of a process that died is taken over, and released again", () => {
    const file = lockFile();
    const dead = spawnSync("node", ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    fs.writeFileSync(file, holder(Number(dead.stdout)));
    const release = acquireSynthLock(file, { timeoutMs: 0, log: () => undefined });
    expect(JSON.parse(fs.readFileSync(file, "utf8")).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(file)).toBe(false);
  });

  test("a holder on another machine is never assumed dead", () => {
    const file = lockFile();
    fs.writeFileSync(file, JSON.stringify({ pid: 1, hostname: "build-agent-7", startedAt: "?", token: "x" }));
    expect(() => acquireSynthLock(file, { timeoutMs: 0, log: () => undefined })).toThrow(
      /pid 1 on build-agent-7.*the lock .*\.synth\.lock is left over from a crash on another machine: remove it/,
    );
  });

  test("release leaves a lock that someone else holds by then", () => {
    const file = lockFile();
    const release = acquireSynthLock(file, { log: () => undefined });
    fs.writeFileSync(file, holder(process.pid));
    release();
    expect(fs.readFileSync(file, "utf8")).toBe(holder(process.pid));
  });
});
