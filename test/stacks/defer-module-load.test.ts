import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { transformFileSync } from "@swc/core";

// jest replaces `node:module` with its own loader, so the patch is exercised in a plain node process: the module is
// transpiled as the build does, and a script requires through it.
function runWithDeferred(script: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-test-"));
  const source = path.join(__dirname, "../../stacks/defer-module-load.ts");
  const options = { jsc: { parser: { syntax: "typescript" as const }, target: "es2022" as const }, swcrc: false };
  fs.writeFileSync(
    path.join(dir, "defer.js"),
    transformFileSync(source, { ...options, module: { type: "commonjs" } }).code,
  );
  fs.writeFileSync(
    path.join(dir, "heavy.js"),
    'require("node:fs").appendFileSync(__dirname + "/loads", "x");\n' +
      "module.exports = Object.assign((a) => a * 2, { version: '1.0' });\n",
  );
  const run = spawnSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

describe("deferModuleLoad", () => {
  test("require returns a stand-in; the module loads once, on its first call or property read", () => {
    const out = runWithDeferred(
      'const fs = require("node:fs"); require("./defer.js").deferModuleLoad("./heavy.js");' +
        'const heavy = require("./heavy.js"); const before = fs.existsSync("loads");' +
        "const results = [heavy(21), heavy.version, heavy(1)];" +
        'console.log(JSON.stringify({ before, results, loads: fs.readFileSync("loads", "utf8") }));',
    );
    expect(JSON.parse(out)).toEqual({ before: false, results: [42, "1.0", 2], loads: "x" });
  });

  test("other modules load as before", () => {
    const out = runWithDeferred(
      'require("./defer.js").deferModuleLoad("./other.js"); const heavy = require("./heavy.js");' +
        'console.log(require("node:fs").existsSync("loads"), heavy(2));',
    );
    expect(out.trim()).toBe("true 4");
  });
});
