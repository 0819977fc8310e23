import { ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { CommitJournal } from "../../output/commit-journal";
import { expectConsistent, tempProject, treeOf } from "./support";

const REPO = path.resolve(__dirname, "../..");
const CHILD = path.join(__dirname, "fixtures", "synth-loop.js");

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ? null : code)));

/** After a crash: complete a pending commit the way the next synth would, then check what readers would see. */
function recoverAndCheck(root: string, outdir: string): void {
  new CommitJournal(path.join(outdir, ".synth-commit.json")).recover();
  const stacks = expectConsistent(outdir);
  expect([
    ["a", "b"],
    ["a", "c"],
  ]).toContainEqual(stacks);
  // dist/ changed together with cdktf.out/: the manifest of the same iteration. Staged files of a synth killed before
  // its commit may remain until the next synth removes them; readers of *.yaml skip their suffix.
  const manifests = Object.keys(treeOf(path.join(root, "dist"))).filter(
    (name) => !/\.staging-[0-9a-f]{12}$/.test(name),
  );
  expect(manifests).toEqual([stacks.includes("b") ? "even.k8s.yaml" : "odd.k8s.yaml"]);
}

describe("a synth that is killed or runs twice", () => {
  beforeAll(() => {
    execFileSync("node", ["scripts/build.js"], { cwd: REPO }); // the child runs the compiled sources
  });

  test("SIGKILL at random moments leaves an output that is whole after recovery, and the next synth succeeds", async () => {
    const { root, outdir } = tempProject();
    expect(spawnSync("node", [CHILD, outdir, "1"]).status).toBe(0);
    for (let run = 0; run < 6; run++) {
      const child = spawn("node", [CHILD, outdir, "1000"], { stdio: "ignore" });
      await new Promise((resolve) => setTimeout(resolve, 700 + Math.random() * 800));
      child.kill("SIGKILL");
      expect(await exited(child)).toBeNull();
      recoverAndCheck(root, outdir);
    }
    // The dead child's lock is taken over; leftover staging folders are cleaned.
    expect(spawnSync("node", [CHILD, outdir, "1"]).status).toBe(0);
    expect(fs.readdirSync(outdir).sort()).toEqual(["manifest.json", "stacks"]);
    expect(fs.readdirSync(path.join(root, "dist"))).toEqual(["even.k8s.yaml"]);
    recoverAndCheck(root, outdir);
  }, 60_000);

  test("synths started at the same moment in one checkout all succeed, one after the other", async () => {
    // Fresh checkouts, so that the children also race to create the output folders.
    for (let round = 0; round < 3; round++) {
      const { root, outdir } = tempProject();
      const children = [0, 1, 2].map(() =>
        spawn("node", [CHILD, outdir, "4"], { stdio: ["ignore", "ignore", "pipe"] }),
      );
      const errors = children.map((child) => {
        let text = "";
        child.stderr?.on("data", (chunk) => (text += String(chunk)));
        return () => text;
      });
      const codes = await Promise.all(children.map(exited));
      expect(errors.map((e) => e())).toEqual(["", "", ""]);
      expect(codes).toEqual([0, 0, 0]);
      recoverAndCheck(root, outdir);
      expect(fs.existsSync(path.join(outdir, ".synth.lock"))).toBe(false);
    }
  }, 60_000);
});

describe("CommitJournal", () => {
  function setUp() {
    const { root } = tempProject();
    const file = (name: string) => path.join(root, name);
    for (const name of ["a.new", "b.new", "c.new", "b"]) fs.writeFileSync(file(name), name);
    const journal = new CommitJournal(file("journal.json"));
    const steps = [
      { op: "rename" as const, from: file("a.new"), to: file("a") },
      { op: "rename" as const, from: file("b.new"), to: file("b") }, // replaces b
      { op: "rename" as const, from: file("c.new"), to: file("blocked/c") },
      { op: "remove" as const, path: file("old-folder") },
    ];
    fs.mkdirSync(file("old-folder"));
    fs.writeFileSync(file("old-folder/x"), "x");
    fs.writeFileSync(file("blocked"), "a file where a folder is needed: the commit fails at step 3");
    return { root, file, journal, steps };
  }

  test("a commit that fails halfway is completed by recover()", () => {
    const { root, file, journal, steps } = setUp();
    expect(() => journal.commit(steps)).toThrow(/EEXIST|ENOTDIR/);
    expect(journal.pending).toBe(true);
    expect(fs.readFileSync(file("a"), "utf8")).toBe("a.new"); // steps 1-2 are done
    fs.rmSync(file("blocked"));
    expect(journal.recover()).toBe(2);
    expect(journal.pending).toBe(false);
    expect(treeOf(root)).toEqual({ a: "a.new", b: "b.new", "blocked/c": "c.new" });
  });

  test("the step that ran just before a crash, but was not recorded, is repeated safely", () => {
    const { root, file, journal, steps } = setUp();
    expect(() => journal.commit(steps)).toThrow();
    fs.truncateSync(file("journal.json.progress"), 1); // step 2 ran, but the crash came before its record
    fs.rmSync(file("blocked"));
    expect(journal.recover()).toBe(3);
    expect(treeOf(root)).toEqual({ a: "a.new", b: "b.new", "blocked/c": "c.new" });
  });

  test("paths are kept relative to the journal, so a moved checkout still recovers", () => {
    const { root, file, journal, steps } = setUp();
    expect(() => journal.commit(steps)).toThrow();
    const moved = `${root}-moved`;
    fs.renameSync(root, moved);
    fs.rmSync(path.join(moved, "blocked"));
    expect(new CommitJournal(path.join(moved, "journal.json")).recover()).toBe(2);
    expect(treeOf(moved)).toEqual({ a: "a.new", b: "b.new", "blocked/c": "c.new" });
    expect(file("a")).toContain(root);
  });

  test("an unreadable journal is an error that says what to do", () => {
    const { file, journal } = setUp();
    fs.writeFileSync(file("journal.json"), "{ torn");
    expect(() => journal.recover()).toThrow(/journal.json of an interrupted synth cannot be read .*move it away/);
  });
});
