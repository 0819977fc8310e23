import * as fs from "node:fs";
import * as path from "node:path";
import { synthesizeApp } from "../../constructs";
import { App } from "../../constructs/engine";
import { defineExamplePlatform } from "../../stacks/example-platform";
import { tempProject } from "../output/support";

const COMMITTED = path.resolve(__dirname, "../../protection");

// The records in protection/ are committed: they must be what synth writes for the example as it is now, starting from
// themselves, or a reviewer reads a stale picture of what is protected.
test("the committed protection records of the example are current (else: npm run synth, commit protection/)", () => {
  const { root, outdir } = tempProject();
  fs.cpSync(COMMITTED, path.join(root, "protection"), { recursive: true });
  const app = new App({ outdir, context: { "@cdktf/disable_stack_trace_in_metadata": true } });
  defineExamplePlatform(app);
  synthesizeApp(app, () => undefined);
  const read = (dir: string) =>
    Object.fromEntries(fs.readdirSync(dir).map((file) => [file, fs.readFileSync(path.join(dir, file), "utf8")]));
  expect(read(path.join(root, "protection"))).toEqual(read(COMMITTED));
  expect(Object.keys(read(COMMITTED)).sort()).toEqual(
    Object.keys(JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")).stacks)
      .map((stack) => `${stack}.yaml`)
      .sort(),
  );
});
