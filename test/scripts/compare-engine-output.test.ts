import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const script = path.join(__dirname, "../../scripts/compare-engine-output.js");

interface Output {
  version: string;
  bucket?: string;
  yaml?: string;
  extra?: boolean;
  indent?: number;
}

/** A synth output folder as an engine writes it: manifest, one stack, one manifest file. */
function output({ version, bucket = "acme-state", yaml = "kind: ConfigMap\n", extra, indent = 2 }: Output): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-test-"));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  const manifest = { version, stacks: { prod: { annotations: [], synthesizedStackPath: "stacks/prod/cdk.tf.json" } } };
  write("cdktf.out/manifest.json", JSON.stringify(manifest, null, indent));
  const stack = {
    "//": { metadata: { backend: "local", stackName: "prod", version } },
    resource: { alicloud_oss_bucket: { state: { bucket, tags: [] } } },
  };
  write("cdktf.out/stacks/prod/cdk.tf.json", JSON.stringify(stack, null, indent));
  write("dist/prod.k8s.yaml", yaml);
  if (extra) write("dist/extra.k8s.yaml", yaml);
  return dir;
}

function compare(a: string, b: string) {
  const run = spawnSync(process.execPath, [script, a, b], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout.trim(), stderr: run.stderr.trim() };
}

describe("compare-engine-output", () => {
  test("outputs that differ only in engine version and JSON formatting are the same", () => {
    const result = compare(output({ version: "0.21.0" }), output({ version: "0.24.0", indent: 0 }));
    expect(result).toEqual({ status: 0, stdout: "same output apart from engine metadata: 3 files", stderr: "" });
  });

  test("a changed resource attribute fails, naming the file and the JSON path", () => {
    const result = compare(output({ version: "0.21.0" }), output({ version: "0.24.0", bucket: "other" }));
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `${path.join("cdktf.out", "stacks", "prod", "cdk.tf.json")}: differs at $.resource.alicloud_oss_bucket.state.bucket`,
    );
  });

  test("a manifest that differs by a byte, or a file on one side only, fails", () => {
    const a = output({ version: "0.21.0" });
    const b = output({ version: "0.21.0", yaml: "kind: ConfigMap \n", extra: true });
    const result = compare(a, b);
    expect(result.status).toBe(1);
    expect(result.stderr.split("\n")).toEqual([
      `${path.join("dist", "extra.k8s.yaml")}: only in ${b}`,
      `${path.join("dist", "prod.k8s.yaml")}: differs`,
    ]);
    expect(result.stdout).toBe("2 difference(s) beyond engine metadata");
  });
});
