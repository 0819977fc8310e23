// A temporary copy of this project in which the end-to-end tests drive the real cdktf CLI and the real terraform
// binary, with the stand-in alicloud provider from ../shared/tfstub (the Terraform registry is out of reach here).
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../..");

/** The stand-in provider's folder: `TFSTUB_DIR`, else `../shared/tfstub` beside the checkout. */
export const TFSTUB_DIR = process.env.TFSTUB_DIR ?? path.resolve(REPO, "../shared/tfstub");

/** What a command printed (stdout and stderr interleaved, without colours) and how it ended. */
export interface CommandResult {
  readonly status: number | null;
  readonly output: string;
  readonly seconds: number;
}

/** A throw-away copy of the working tree with a provider mirror, in which commands run. */
export class ProjectCopy {
  /** The copy's root folder. */
  public readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;

  /** Copies the tracked and untracked (not ignored) files, `.gen/`, and links `node_modules/`. */
  public constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-e2e-"));
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: REPO,
      encoding: "utf8",
    })
      .split("\0")
      .filter((file) => file !== "" && fs.existsSync(path.join(REPO, file)));
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
      fs.copyFileSync(path.join(REPO, file), path.join(this.dir, file));
    }
    fs.cpSync(path.join(REPO, ".gen"), path.join(this.dir, ".gen"), { recursive: true });
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(this.dir, "node_modules"));
    const mirror = path.join(this.dir, ".tfstub-mirror");
    execFileSync(path.join(TFSTUB_DIR, "install-mirror.sh"), [mirror, "1.289.0"], { stdio: "ignore" });
    const { ACR_OUTPUTS_FILE: _ignored, ...inherited } = process.env;
    this.env = {
      ...inherited,
      TF_CLI_CONFIG_FILE: path.join(mirror, "terraformrc"),
      CHECKPOINT_DISABLE: "1",
      NO_COLOR: "1",
      FORCE_COLOR: "0",
      CI: "1",
    };
  }

  /** Runs `command args...` in the copy. */
  public run(command: string, args: readonly string[], timeoutSeconds = 120): CommandResult {
    const started = Date.now();
    const result = spawnSync(command, args, {
      cwd: this.dir,
      env: this.env,
      encoding: "utf8",
      timeout: timeoutSeconds * 1000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
    return { status: result.status, output, seconds: (Date.now() - started) / 1000 };
  }

  /**
   * Runs a cdktf CLI command. Offline it needs `--skip-provider-lock`: cdktf-cli runs `terraform providers lock`
   * after init, which asks the registry directly and ignores the filesystem mirror in the CLI configuration.
   */
  public cdktf(args: readonly string[]): CommandResult {
    const needsLock = ["deploy", "diff", "destroy", "output"].includes(args[0]);
    return this.run("npx", ["cdktf", ...args, ...(needsLock ? ["--skip-provider-lock"] : [])], 180);
  }

  /** Runs `terraform <args>` in the synthesized folder of `stack`. */
  public terraform(stack: string, ...args: string[]): CommandResult {
    return this.run("terraform", [`-chdir=${this.path("cdktf.out", "stacks", stack)}`, ...args]);
  }

  /**
   * `terraform plan -out` of `stack` (an errored plan is saved too), its JSON in `<stack>-plan.json`, and
   * `npm run plan-review` of it with `reviewArgs`.
   */
  public planAndReview(stack: string, ...reviewArgs: string[]): { plan: CommandResult; review: CommandResult } {
    const plan = this.terraform(stack, "plan", "-input=false", "-no-color", "-out=review.plan");
    const show = this.terraform(stack, "show", "-json", "review.plan");
    if (show.status !== 0) throw new Error(`terraform show -json failed:\n${show.output}`);
    fs.writeFileSync(this.path(`${stack}-plan.json`), show.output);
    const review = this.run("npm", ["run", "--silent", "plan-review", "--", `${stack}-plan.json`, ...reviewArgs]);
    return { plan, review };
  }

  /** The path of `file` in the copy. */
  public path(...file: string[]): string {
    return path.join(this.dir, ...file);
  }

  /** Reads a file of the copy. */
  public read(...file: string[]): string {
    return fs.readFileSync(this.path(...file), "utf8");
  }

  /** Replaces `from` with `to` in a file of the copy; fails when `from` is not there. */
  public edit(file: string, from: string, to: string): void {
    const text = this.read(file);
    if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
    fs.writeFileSync(this.path(file), text.replace(from, to));
  }

  /** Deletes the copy. */
  public remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Why the end-to-end tests cannot run here, or `undefined` when they can. */
export function e2eUnavailable(): string | undefined {
  if (spawnSync("terraform", ["version"], { stdio: "ignore" }).status !== 0) return "no terraform binary on PATH";
  if (!fs.existsSync(path.join(TFSTUB_DIR, "install-mirror.sh"))) return `no stand-in provider at ${TFSTUB_DIR}`;
  return undefined;
}

/** Terraform's plan summary (`Plan: 1 to add, 0 to change, 1 to destroy.`), `No changes`, or `undefined`. */
export function planSummary(output: string): string | undefined {
  if (/No changes\. Your infrastructure matches the configuration\./.test(output)) return "No changes";
  return /Plan: \d+ to add, \d+ to change, \d+ to destroy\./.exec(output)?.[0];
}

/** One line for the log of a step, on stderr (jest buffers console output). */
export function report(step: string, result: CommandResult, detail: string): void {
  process.stderr.write(`e2e: ${step}: exit ${result.status}, ${result.seconds.toFixed(1)} s: ${detail}\n`);
}
