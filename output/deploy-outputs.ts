import * as path from "node:path";
import type { DeployOutputs as OutputsByStack } from "../charts/registry-facts";
import { REGISTRY_OUTPUT_SUFFIXES } from "../charts/registry-facts";
import { readTextIfExists } from "./read-if-exists";
import { CompanionOutput, DEFAULT_LOCAL_STATE_DIR } from "./synth-output";

/**
 * Where synthesis keeps the registry outputs of every stack deployed with `--outputs-file`. cdktf-cli 0.21 rewrites
 * the outputs file with the outputs of the stacks of one command only, so after `cdktf deploy A --outputs-file
 * outputs.json` and `cdktf deploy B --outputs-file outputs.json` the file knows only B. Every synth (and every cdktf
 * command synthesizes first) merges the file into this one, stack by stack.
 */
export const MERGED_OUTPUTS_FILE = path.join(DEFAULT_LOCAL_STATE_DIR, "deploy-outputs.json");

/** Where the outputs of one stack came from. */
export interface StackOutputs {
  readonly outputs: Readonly<Record<string, unknown>>;
  /** The file they were read from, for messages. */
  readonly source: string;
}

/** The files {@link DeployOutputs.load} reads. */
export interface DeployOutputsFiles {
  /** The file of `cdktf deploy|output --outputs-file`, newest first. @default "outputs.json" */
  readonly cliFile?: string;
  /** The merged outputs of earlier deploys. @default {@link MERGED_OUTPUTS_FILE} */
  readonly mergedFile?: string;
  /** Read-only outputs used for stacks neither file knows (the example ships one). @default none */
  readonly fallbackFile?: string;
}

// Only the registry facts are kept: other outputs (possibly sensitive ones, written with
// --outputs-file-include-sensitive-outputs) never leave the CLI's own file.
const REGISTRY_OUTPUT = new RegExp(`_(${Object.values(REGISTRY_OUTPUT_SUFFIXES).join("|")})$`);

/** The deploy outputs known to a checkout: the CLI's latest file merged into the ones of earlier deploys. */
export class DeployOutputs {
  /**
   * Reads the files; the CLI file's stacks replace the merged file's entries for the same stacks.
   * @throws Error naming the file when one exists but is not an outputs object (`{ "<stack>": { ... } }`)
   */
  public static load(files: DeployOutputsFiles = {}): DeployOutputs {
    const cliFile = files.cliFile ?? "outputs.json";
    const mergedFile = files.mergedFile ?? MERGED_OUTPUTS_FILE;
    const previous = readOutputs(mergedFile) ?? {};
    const latest = registryOutputsOnly(readOutputs(cliFile) ?? {});
    const byStack = new Map<string, StackOutputs>();
    const add = (outputs: OutputsByStack, source: string) => {
      for (const [stack, values] of Object.entries(outputs)) byStack.set(stack, { outputs: values, source });
    };
    if (files.fallbackFile !== undefined) add(readOutputs(files.fallbackFile) ?? {}, files.fallbackFile);
    add(previous, mergedFile);
    add(latest, cliFile);
    return new DeployOutputs(byStack, sortedByStack({ ...previous, ...latest }), previous, mergedFile);
  }

  private constructor(
    private readonly byStack: ReadonlyMap<string, StackOutputs>,
    private readonly merged: OutputsByStack,
    private readonly previous: OutputsByStack,
    private readonly mergedFile: string,
  ) {}

  /** The outputs of `stack`: from the latest deploy, else an earlier one, else the fallback file, else `undefined`. */
  public forStack(stack: string): StackOutputs | undefined {
    return this.byStack.get(stack);
  }

  /** The merged file as synth output, when it changes (commit it together with the rest of the synth). */
  public companions(): CompanionOutput[] {
    if (JSON.stringify(this.merged) === JSON.stringify(sortedByStack(this.previous))) return [];
    return [
      {
        dir: path.dirname(this.mergedFile),
        files: { [path.basename(this.mergedFile)]: `${JSON.stringify(this.merged, null, 2)}\n` },
      },
    ];
  }
}

function readOutputs(file: string): OutputsByStack | undefined {
  let text: string | undefined;
  try {
    text = readTextIfExists(file);
  } catch (err) {
    throw new Error(`cannot read the outputs file ${file}: ${(err as Error).message}`);
  }
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`the outputs file ${file} is not valid JSON (${(err as Error).message}); repair or delete it`);
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v);
  const bad = isObject(parsed) ? Object.keys(parsed).filter((stack) => !isObject(parsed[stack])) : [];
  if (!isObject(parsed) || bad.length > 0) {
    throw new Error(
      `the outputs file ${file} must be a JSON object of outputs by stack ({ "<stack>": { "<output>": ... } })` +
        (bad.length > 0 ? `; not an object: ${bad.join(", ")}` : ""),
    );
  }
  return parsed as OutputsByStack;
}

function registryOutputsOnly(outputs: OutputsByStack): OutputsByStack {
  return Object.fromEntries(
    Object.entries(outputs).map(([stack, values]) => [
      stack,
      Object.fromEntries(Object.entries(values).filter(([name]) => REGISTRY_OUTPUT.test(name))),
    ]),
  );
}

function sortedByStack(outputs: OutputsByStack): OutputsByStack {
  return Object.fromEntries(
    Object.keys(outputs)
      .sort()
      .map((stack) => [
        stack,
        Object.fromEntries(
          Object.keys(outputs[stack])
            .sort()
            .map((name) => [name, outputs[stack][name]]),
        ),
      ]),
  );
}
