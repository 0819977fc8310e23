// What `terraform plan` costs for a synthesized stack, through the stand-in provider (../shared/tfstub, or TFSTUB_DIR),
// for `npm run bench`. Synthesis is one part of a deploy; the plan of a large stack is most of the rest.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** A stack ready to plan: a copy with `terraform init` done, and its resource count. */
export interface PlannableStack {
  readonly dir: string;
  readonly resources: number;
  /** The CLI configuration that installs the stand-in provider: TF_CLI_CONFIG_FILE. */
  readonly env: Record<string, string>;
}

/**
 * Why plans cannot be measured here (no `terraform` on PATH, no stand-in provider), or undefined when they can.
 * @param tfstub the stand-in provider's folder
 */
export function planUnavailable(tfstub: string): string | undefined {
  if (spawnSync("terraform", ["version"], { encoding: "utf8" }).status !== 0) return "no terraform binary on PATH";
  if (!fs.existsSync(path.join(tfstub, "install-mirror.sh"))) return `no stand-in provider at ${tfstub}`;
  return undefined;
}

/** The largest stack (by resources) of a synth output folder, with its resource count. */
function largestStack(outdir: string): { readonly name: string; readonly resources: number } {
  const stacks = fs.readdirSync(path.join(outdir, "stacks")).map((name) => {
    const config = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8")) as {
      resource?: Record<string, Record<string, unknown>>;
    };
    const resources = Object.values(config.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
    return { name, resources };
  });
  return stacks.reduce((a, b) => (b.resources > a.resources ? b : a));
}

/**
 * Copies the largest stack of `outdir` into `workdir` (its local state path, relative to the output, stays inside)
 * and runs `terraform init` there against a filesystem mirror of the stand-in provider, built once per `workdir`.
 */
export function prepareLargestStack(tfstub: string, outdir: string, workdir: string): PlannableStack {
  const { name, resources } = largestStack(outdir);
  const stackJson = path.join(outdir, "stacks", name, "cdk.tf.json");
  const mirror = path.join(workdir, "tfstub-mirror");
  const config = path.join(mirror, "terraformrc");
  if (!fs.existsSync(config)) {
    const json = JSON.parse(fs.readFileSync(stackJson, "utf8")) as {
      terraform: { required_providers: { alicloud: { version: string } } };
    };
    run(path.join(tfstub, "install-mirror.sh"), [mirror, json.terraform.required_providers.alicloud.version], {});
  }
  const dir = path.join(workdir, path.basename(outdir), "stacks", name);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(stackJson, path.join(dir, "cdk.tf.json"));
  const env = { TF_CLI_CONFIG_FILE: config, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
  run("terraform", ["init", "-input=false", "-no-color"], env, dir);
  return { dir, resources, env };
}

/** The arguments of the measured plan: no state yet, so nothing to refresh or lock. */
export const PLAN_ARGS = ["plan", "-input=false", "-no-color", "-refresh=false", "-lock=false"];

function run(command: string, args: readonly string[], env: Record<string, string>, cwd?: string): void {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
}
