/**
 * Offline conformance check of synthesized Terraform JSON (`cdk.tf.json`) against the vendored alicloud provider
 * schema (`providers/alicloud/schema.json`) and the constraints that schema format cannot carry
 * (`providers/alicloud/constraints.json`). It catches at review time what `terraform validate`/`plan` would reject,
 * without a provider binary or network.
 *
 * Pure logic except `findRepoRoot`, `loadProviderSchema` and `validateSynthOutput`, which read files.
 */
import { ConstraintsFile, Finding, ProviderSchema, ProviderSchemaFile, ValidateOptions } from "./schema-model";
import { validateTerraformJson } from "./schema-validation";
import { COMMENT_KEY, compareFindings, isObject, objectsOf } from "./validation-context";
import * as fs from "node:fs";
import * as path from "node:path";
import { creationOrderFindings } from "./creation-order";
import { readSynthStacks } from "./synth-stacks";

export * from "./schema-model";
export { editDistance, suggestName } from "./name-suggestions";
export { compareFindings, isInterpolation } from "./validation-context";
export { validateTerraformJson } from "./schema-validation";
export { SynthOutputError } from "./synth-stacks";

// ---------------------------------------------------------------------------------------------------------------
// Files: schema loading and cdktf output
// ---------------------------------------------------------------------------------------------------------------

/** Path of the vendored schema relative to the repository root. */
export const SCHEMA_RELATIVE_PATH = path.join("providers", "alicloud", "schema.json");
/** Path of the vendored constraints relative to the repository root. */
export const CONSTRAINTS_RELATIVE_PATH = path.join("providers", "alicloud", "constraints.json");

/**
 * The nearest directory at or above `start` holding `providers/alicloud/schema.json`, so the same code works from
 * `review/` (jest, swc) and from `lib/review/` (compiled).
 */
export function findRepoRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, SCHEMA_RELATIVE_PATH))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no ${SCHEMA_RELATIVE_PATH} found in ${start} or any parent directory`);
    dir = parent;
  }
}

/** Reads the vendored schema and constraints from `root` (default: the repository root). */
export function loadProviderSchema(root: string = findRepoRoot()): {
  schema: ProviderSchemaFile;
  constraints: ConstraintsFile;
} {
  const read = (relative: string): unknown => JSON.parse(fs.readFileSync(path.join(root, relative), "utf8"));
  return {
    schema: read(SCHEMA_RELATIVE_PATH) as ProviderSchemaFile,
    constraints: read(CONSTRAINTS_RELATIVE_PATH) as ConstraintsFile,
  };
}

/** Result of validating one stack of a cdktf output directory. */
export interface StackReport {
  readonly stack: string;
  /** The stack's `cdk.tf.json`, relative to the output directory. */
  readonly file: string;
  /** Number of managed resources in the stack (all providers). */
  readonly resources: number;
  /** Number of data sources in the stack (all providers). */
  readonly dataSources: number;
  readonly findings: Finding[];
}

/** Options of `validateSynthOutput`: provider environment, plus schema data to use instead of the vendored files. */
export interface SynthValidateOptions extends ValidateOptions {
  readonly schema?: ProviderSchemaFile | ProviderSchema;
  readonly constraints?: ConstraintsFile;
}

function countEntries(section: unknown): number {
  let count = 0;
  for (const byType of objectsOf(section)) {
    for (const [type, byName] of Object.entries(byType)) {
      if (type === COMMENT_KEY) continue;
      for (const named of objectsOf(byName)) count += Object.keys(named).filter((k) => k !== COMMENT_KEY).length;
    }
  }
  return count;
}

/**
 * Validates every stack listed in `<outdir>/manifest.json`. Stacks come back sorted by name. Throws
 * `SynthOutputError` when the directory, the manifest or a stack file is missing or unreadable.
 */
export function validateSynthOutput(outdir: string, options: SynthValidateOptions = {}): StackReport[] {
  let files: ReturnType<typeof loadProviderSchema> | undefined;
  const vendored = (): ReturnType<typeof loadProviderSchema> => (files ??= loadProviderSchema());
  const schema = options.schema ?? vendored().schema;
  const constraints = options.constraints ?? vendored().constraints;

  return readSynthStacks(outdir).map(({ stack, file: relative, config }): StackReport => {
    return {
      stack,
      file: relative,
      resources: isObject(config) ? countEntries(config.resource) : 0,
      dataSources: isObject(config) ? countEntries(config.data) : 0,
      findings: [
        ...validateTerraformJson(config, stack, schema, constraints, options),
        ...creationOrderFindings(config, stack),
      ].sort(compareFindings),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------------------

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Totals over all stacks. */
export function summarize(reports: readonly StackReport[]): {
  stacks: number;
  resources: number;
  errors: number;
  warnings: number;
} {
  const all = reports.flatMap((r) => r.findings);
  return {
    stacks: reports.length,
    resources: reports.reduce((sum, r) => sum + r.resources, 0),
    errors: all.filter((f) => f.severity === "error").length,
    warnings: all.filter((f) => f.severity === "warning").length,
  };
}

/** Human report grouped by stack, ending with `validate: N stacks, N resources, N errors, N warnings`. */
export function formatReport(reports: readonly StackReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const errors = r.findings.filter((f) => f.severity === "error").length;
    const warnings = r.findings.length - errors;
    const status = r.findings.length === 0 ? "ok" : `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
    lines.push(`stack ${r.stack} (${r.file}, ${plural(r.resources, "resource")}): ${status}`);
    for (const f of r.findings) {
      const where = f.path === "" ? f.address : `${f.address}: ${f.path}`;
      lines.push(`  ${f.severity.padEnd(7)} ${where}`);
      lines.push(`          [${f.rule}] ${f.message}`);
    }
  }
  const total = summarize(reports);
  lines.push(
    `validate: ${plural(total.stacks, "stack")}, ${plural(total.resources, "resource")}, ` +
      `${plural(total.errors, "error")}, ${plural(total.warnings, "warning")}`,
  );
  return lines.join("\n");
}
