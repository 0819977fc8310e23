/**
 * Reading a cdktf output directory (`cdktf.out/`): the manifest and every stack's Terraform JSON. Shared by
 * `npm run validate` and `npm run review`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { compareText, isObject } from "./markdown";

/** Why a cdktf output directory could not be read. */
export class SynthOutputError extends Error {
  public constructor(
    public readonly reason: "missing-outdir" | "missing-manifest" | "bad-manifest" | "missing-stack" | "bad-stack",
    message: string,
  ) {
    super(message);
    this.name = "SynthOutputError";
  }
}

/** One synthesized stack as read from a cdktf output directory. */
export interface SynthStack {
  readonly stack: string;
  /** `synthesizedStackPath` from the manifest, relative to the output directory. */
  readonly file: string;
  readonly config: unknown;
}

function readJson(file: string, reason: "bad-manifest" | "bad-stack"): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new SynthOutputError(reason, `cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * Reads every stack listed in `<outdir>/manifest.json`, sorted by name. Throws {@link SynthOutputError} when the
 * directory, manifest or a stack file is missing or unreadable.
 */
export function readSynthStacks(outdir: string): SynthStack[] {
  const hint = "run `npm run synth` first";
  if (!fs.existsSync(outdir) || !fs.statSync(outdir).isDirectory()) {
    throw new SynthOutputError("missing-outdir", `${outdir} does not exist or is not a directory; ${hint}`);
  }
  const manifestPath = path.join(outdir, "manifest.json");
  if (!fs.existsSync(manifestPath)) {
    throw new SynthOutputError("missing-manifest", `${manifestPath} does not exist; ${hint}`);
  }
  const manifest = readJson(manifestPath, "bad-manifest");
  const stacks = isObject(manifest) ? manifest.stacks : undefined;
  if (!isObject(stacks)) throw new SynthOutputError("bad-manifest", `${manifestPath} has no "stacks" object`);
  return Object.keys(stacks)
    .sort(compareText)
    .map((stack) => {
      const entry = stacks[stack];
      const file = isObject(entry) ? entry.synthesizedStackPath : undefined;
      if (typeof file !== "string") {
        throw new SynthOutputError("bad-manifest", `stack "${stack}" in ${manifestPath} has no synthesizedStackPath`);
      }
      const full = path.join(outdir, file);
      if (!fs.existsSync(full)) throw new SynthOutputError("missing-stack", `${full} does not exist; ${hint}`);
      return { stack, file, config: readJson(full, "bad-stack") };
    });
}

/** File name of a stack's review: the stack name with anything but letters, digits, `.`, `_`, `-` replaced. */
export function reviewFileName(stack: string): string {
  return `${stack.replace(/[^A-Za-z0-9._-]/g, "_")}.md`;
}
