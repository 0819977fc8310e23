import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../..");

// The README promises that synthesis needs no terraform binary. Some of cdktf's own validations (its terraform_data
// resource, import blocks) run `terraform version` and fail without one, so the example must use none of them. A
// child process, because jest gives tests a copy of process.env that child_process does not see.
test("the example synthesizes with no terraform binary on PATH", () => {
  execFileSync("node", ["scripts/build.js"], { cwd: REPO });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-test-"));
  fs.mkdirSync(path.join(root, "bin"));
  fs.symlinkSync(process.execPath, path.join(root, "bin", "node"));
  const result = spawnSync(
    "node",
    [path.join(__dirname, "fixtures", "synth-example.js"), path.join(root, "cdktf.out")],
    {
      env: { PATH: path.join(root, "bin") },
      encoding: "utf8",
    },
  );
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(fs.readdirSync(path.join(root, "cdktf.out", "stacks")).length).toBeGreaterThan(1);
});
