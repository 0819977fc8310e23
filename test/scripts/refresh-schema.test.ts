import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
const VENDORED = path.join(ROOT, "providers", "alicloud", "schema.json");

/**
 * Runs `npm run schema:refresh`'s script with a stand-in `terraform` first on PATH: `init` runs `initScript`, and
 * `providers schema -json` prints `schemaFile`. Returns the exit status, output and the written file's path.
 */
function refresh(initScript: string, schemaFile: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-test-"));
  const fake = path.join(dir, "terraform");
  fs.writeFileSync(
    fake,
    `#!/bin/sh\ncase "$1" in\n  init) ${initScript} ;;\n  providers) cat "${schemaFile}" ;;\nesac\n`,
    { mode: 0o755 },
  );
  const out = path.join(dir, "schema.json");
  fs.copyFileSync(VENDORED, out);
  const result = spawnSync(process.execPath, [path.join(ROOT, "scripts", "refresh-schema.js"), "--out", out], {
    env: { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH}` },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, out };
}

describe("npm run schema:refresh", () => {
  test("without network: one line naming the failed step, exit 1, the schema untouched", () => {
    const offline =
      "echo 'Error: Failed to query available provider packages' >&2; " +
      "echo 'Could not retrieve the list of available versions for provider aliyun/alicloud' >&2; exit 1";
    const result = refresh(offline, VENDORED);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "schema:refresh: terraform init of aliyun/alicloud 1.289.0 failed (Error: Failed to query available provider " +
        `packages): needs network access to the Terraform registry; ${path.relative(ROOT, result.out)} is unchanged`,
    ]);
    expect(fs.readFileSync(result.out)).toEqual(fs.readFileSync(VENDORED));
  });

  test("the same schema from terraform (compact JSON) rewrites the vendored file byte for byte", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-test-"));
    const compact = path.join(dir, "full.json");
    fs.writeFileSync(compact, JSON.stringify(JSON.parse(fs.readFileSync(VENDORED, "utf8"))));
    const result = refresh("exit 0", compact);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(fs.readFileSync(result.out, "utf8")).toBe(fs.readFileSync(VENDORED, "utf8"));
  });
});
