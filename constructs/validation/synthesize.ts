import * as fs from "node:fs";
import * as path from "node:path";
import { IConstruct } from "constructs";
import { AnnotationMetadataEntryType, App, invokeAspects } from "../engine";

/** A construct tree that breaks one or more rules; the message lists every problem with its construct path. */
export class ConfigurationError extends Error {
  public constructor(public readonly problems: readonly string[]) {
    super(`${problems.length} configuration problem(s); nothing was written:\n  ${problems.join("\n  ")}`);
    this.name = "ConfigurationError";
  }
}

/**
 * Every validation message and error annotation under `root`, each prefixed with its construct path. Aspects
 * (platform tags) run first, so validation sees what synthesis will write; they are idempotent, and cdktf runs
 * them again when it synthesizes.
 */
export function collectProblems(root: IConstruct): string[] {
  invokeAspects(root);
  return root.node
    .findAll()
    .flatMap((c) => [
      ...c.node.validate().map((message) => `[${c.node.path}] ${message}`),
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

/**
 * Validates the whole app first and writes nothing if any construct in any stack has a problem (cdktf's own
 * `App.synth()` validates stack by stack and may write earlier stacks before a later one fails). Warnings are
 * printed to stderr, not hidden.
 */
export function synthesizeApp(
  app: App,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): void {
  const problems = collectProblems(app);
  if (problems.length > 0) throw new ConfigurationError(problems);
  for (const warning of collectWarnings(app)) log(`warning: ${warning}`);
  // Like `cdktf synth`, leave no stack of an earlier synth behind (a renamed stack would look current).
  const stacksDir = path.join(app.outdir, "stacks");
  for (const entry of fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : []) {
    fs.rmSync(path.join(stacksDir, entry), { recursive: true, force: true });
  }
  // Every validation just passed; cdktf would run them all again per stack (a second full pass at 10k repos).
  (app as { skipValidation: boolean }).skipValidation = true;
  app.synth();
}
