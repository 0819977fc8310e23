import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { treeOf } from "../output/support";

const REPO = path.resolve(__dirname, "../..");
const BUNDLE_DIR = path.join(REPO, "lib/bundle");

// A project root of its own for one run of the app: the inputs it reads relative to the working directory.
function projectRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-test-"));
  fs.cpSync(path.join(REPO, "protection"), path.join(root, "protection"), { recursive: true });
  fs.mkdirSync(path.join(root, "stacks"));
  fs.copyFileSync(path.join(REPO, "stacks/example-outputs.json"), path.join(root, "stacks/example-outputs.json"));
  return root;
}

function runApp(entry: string, root: string): { stderr: string; status: number | null } {
  const env = { ...process.env, ACR_OUTPUTS_FILE: path.join(root, "no-outputs.json") };
  return spawnSync("node", [path.join(REPO, "lib/stacks", entry)], { cwd: root, env, encoding: "utf8" });
}

describe("the bundled app entry (npm run synth)", () => {
  beforeAll(() => {
    execFileSync("node", ["scripts/build.js"], { cwd: REPO });
  });

  test("writes the same files and messages as the unbundled app, without a code cache and with one", () => {
    const unbundledRoot = projectRoot();
    const unbundled = runApp("main.js", unbundledRoot);
    expect(unbundled.status).toBe(0);
    const expected = treeOf(unbundledRoot);
    // The first run makes the cache (another synth meanwhile only makes it again), the second runs from it.
    for (const name of fs.readdirSync(BUNDLE_DIR).filter((name) => name.endsWith(".cache"))) {
      fs.rmSync(path.join(BUNDLE_DIR, name), { force: true });
    }
    for (let run = 0; run < 2; run++) {
      const root = projectRoot();
      const bundled = runApp("run-bundled.js", root);
      expect(bundled.stderr).toBe(unbundled.stderr);
      expect(bundled.status).toBe(0);
      expect(treeOf(root)).toEqual(expected);
      expect(fs.readdirSync(BUNDLE_DIR).filter((name) => name.endsWith(".cache")).length).toBeGreaterThan(0);
    }
  });

  test("the bundle is all ASCII, which run-bundled decodes as latin1", () => {
    expect(fs.readFileSync(path.join(BUNDLE_DIR, "main.js")).every((byte) => byte < 0x80)).toBe(true);
  });

  test("every package module that finds files beside itself is given its place in node_modules", () => {
    const bundle = fs.readFileSync(path.join(BUNDLE_DIR, "main.js"), "utf8");
    const located = [...bundle.matchAll(/__filename = require\("path"\)\.join\(__bundleDir, ("[^"]+")\)/g)].map(
      (match) => JSON.parse(match[1]) as string,
    );
    // cdktf zips an asset by running its own file (lib/private/fs.js) with node; cdktn zips in the process.
    for (const engine of ["cdktf", "cdktn"]) {
      const zipper = path.join(REPO, "node_modules", engine, "lib", "private", "fs.js");
      if (fs.existsSync(zipper) && fs.readFileSync(zipper, "utf8").includes("__filename")) {
        expect(located.map((file) => path.resolve(BUNDLE_DIR, file))).toContain(fs.realpathSync(zipper));
      }
    }
    for (const file of located) expect(fs.existsSync(path.join(BUNDLE_DIR, file))).toBe(true);
  });
});
