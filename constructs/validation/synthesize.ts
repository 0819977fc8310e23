import * as path from "node:path";
import { IConstruct } from "constructs";
import { protectStagedStacks } from "../protection/apply-protection";
import { releasesOf } from "../protection/release";
import { CompanionOutput, writeSynthOutput } from "../../output/synth-output";
import { SynthLockOptions } from "../../output/synth-lock";
import { AnnotationMetadataEntryType, App, invokeAspects, synthesizeStacksInto, TerraformStack } from "../engine";
import { largeStackWarning } from "./stack-size";

/** A construct tree that breaks one or more rules; the message lists every problem with its construct path. */
export class ConfigurationError extends Error {
  public constructor(public readonly problems: readonly string[]) {
    super(`${problems.length} configuration problem(s); nothing was written:\n  ${problems.join("\n  ")}`);
    this.name = "ConfigurationError";
  }
}

/**
 * Every validation message and error annotation under `root`, each prefixed with its construct path (the root's
 * own come first, as they are: definition problems before construct problems). Aspects
 * (platform tags) run first, so validation sees what synthesis will write; they are idempotent, and cdktf runs
 * them again when it synthesizes.
 */
export function collectProblems(root: IConstruct): string[] {
  invokeAspects(root);
  return root.node.findAll().flatMap((c) => [
    // The app's own validations (a platform definition's problems) name their path themselves: `definition...`.
    ...c.node.validate().map((message) => (c.node.path === "" ? message : `[${c.node.path}] ${message}`)),
    ...annotations(c, AnnotationMetadataEntryType.ERROR),
  ]);
}

/** Every warning annotation in the tree under `root`, each prefixed with its construct path. */
export function collectWarnings(root: IConstruct): string[] {
  return root.node.findAll().flatMap((c) => annotations(c, AnnotationMetadataEntryType.WARN));
}

function annotations(c: IConstruct, level: AnnotationMetadataEntryType): string[] {
  return c.node.metadata.filter((m) => m.type === level).map((m) => `[${c.node.path}] ${String(m.data)}`);
}

/** Options of {@link synthesizeApp}. */
export interface SynthesizeOptions {
  /** Where warnings go. @default stderr */
  readonly log?: (line: string) => void;
  /**
   * Other output to commit together with the Terraform output, rendered once the app has validated (e.g. the
   * clusters' Kubernetes manifests). An error thrown here stops the synth before anything is written.
   * @default none
   */
  readonly companions?: () => readonly CompanionOutput[];
  /** Options of the synth lock (how long a second synth waits for the first). */
  readonly lock?: SynthLockOptions;
  /**
   * Folder of the protection records, `<stack>.yaml` each: what every stack protects, committed with the code. A
   * protected resource removed from the code is retained (a `removed` block), a renamed one is moved.
   * @default "protection" beside the synth output (in the project root, for `cdktf.out`)
   */
  readonly protectionRecords?: string;
}

/**
 * Validates the whole app first and writes nothing if any construct in any stack has a problem (cdktf's own
 * `App.synth()` validates stack by stack and may write earlier stacks before a later one fails). Warnings are
 * printed, not hidden. The output is written with {@link writeSynthOutput}: staged, then committed in one step with
 * its companions; files that Terraform or the user put into a stack folder are never deleted. Each stack's protection
 * record is applied to its configuration and updated in the same commit (see `protectStagedStacks`).
 *
 * @param options the options, or just the warning sink
 */
export function synthesizeApp(app: App, options: SynthesizeOptions | ((line: string) => void) = {}): void {
  const { log = (line: string) => process.stderr.write(`${line}\n`), ...rest } =
    typeof options === "function" ? { log: options } : options;
  const problems = collectProblems(app);
  if (problems.length > 0) throw new ConfigurationError(problems);
  const companions = rest.companions?.() ?? [];
  for (const warning of collectWarnings(app)) log(`warning: ${warning}`);
  const records = rest.protectionRecords ?? path.join(path.dirname(path.resolve(app.outdir)), "protection");
  const releases = new Map(stacksOf(app).map((stack) => [stack.node.id, releasesOf(stack)]));
  writeSynthOutput(app.outdir, {
    synthesize: (staging) => {
      synthesizeStacksInto(app, staging);
      // The staged stacks as protection read them: each is parsed once.
      const { companions, warnings, configs } = protectStagedStacks(staging, records, releases);
      const sizeWarnings = [...configs].flatMap(([stack, json]) => largeStackWarning(stack, json));
      return { companions, warnings: [...warnings, ...sizeWarnings] };
    },
    companions,
    companionFolders: [records],
    lock: rest.lock,
    log,
  });
}

function stacksOf(app: App): TerraformStack[] {
  return app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}
