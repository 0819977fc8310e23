/**
 * What every check of `npm run validate` shares: the Terraform meta-arguments, JSON helpers, how values and paths
 * are rendered in messages, and the context one configuration is checked in.
 */
import { ALICLOUD_SOURCE, ProviderSchema, ProviderSchemaFile } from "./schema-model";
import { compareText, isObject, JsonObject } from "./markdown";

export { isObject };
export type { JsonObject };
import {
  AttributeConstraints,
  Finding,
  Limits,
  RuleId,
  Severity,
  TerraformType,
  TypeConstraints,
} from "./schema-model";

// Meta-arguments Terraform itself handles; they are not provider schema attributes.
export const RESOURCE_META_ARGUMENTS = new Set([
  "count",
  "for_each",
  "depends_on",
  "provider",
  "lifecycle",
  "provisioner",
  "connection",
]);
export const DATA_META_ARGUMENTS = new Set(["count", "for_each", "depends_on", "provider", "lifecycle"]);
export const PROVIDER_META_ARGUMENTS = new Set(["alias"]);

/** cdktf's metadata key; ignored wherever it appears. */
export const COMMENT_KEY = "//";

// Go's time.ParseDuration grammar, which the SDK uses for `timeouts` values.
export const GO_DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
export const NUMERIC_STRING = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** True for a string that Terraform evaluates as a template (`${...}` interpolation or `%{...}` directive). */
export function isInterpolation(value: unknown): boolean {
  return typeof value === "string" && (value.includes("${") || value.includes("%{"));
}

export function isSetValue(value: unknown): boolean {
  return value !== undefined && value !== null;
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering helpers
// ---------------------------------------------------------------------------------------------------------------

export function renderValue(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function renderType(type: TerraformType): string {
  if (typeof type === "string") return type;
  const [kind, inner] = type;
  if (kind === "object") return "object";
  if (kind === "tuple") return "tuple";
  return `${kind} of ${renderType(inner as TerraformType)}`;
}

export function renderKind(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${renderValue(value)}`;
}

export function renderLimits([min, max]: Limits, unit = ""): string {
  if (min !== null && max !== null) return `between ${min} and ${max}${unit}`;
  if (min !== null) return `at least ${min}${unit}`;
  return `at most ${max}${unit}`;
}

export function joinPath(prefix: string, name: string): string {
  const segment = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : JSON.stringify(name);
  return prefix === "" ? segment : `${prefix}.${segment}`;
}

export function joinConstraintPath(prefix: string, name: string): string {
  return prefix === "" ? name : `${prefix}.${name}`;
}

/** Orders findings by stack, address, path, then errors before warnings, rule and message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.stack, b.stack) ||
    compareText(a.address, b.address) ||
    compareText(a.path, b.path) ||
    (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
    compareText(a.rule, b.rule) ||
    compareText(a.message, b.message)
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Validation of one configuration
// ---------------------------------------------------------------------------------------------------------------

export interface Context {
  readonly stack: string;
  readonly address: string;
  /** What the address is, for messages: `alicloud_cr_ee_instance`, `provider alicloud`, ... */
  readonly what: string;
  readonly constraints: TypeConstraints;
  readonly root: JsonObject;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly skipSkippable: boolean;
  readonly findings: Finding[];
  /** Keys of exactly-one-of / conflicts groups already reported, so a symmetric rule is reported once. */
  readonly reported: Set<string>;
}

export function report(
  ctx: Context,
  pathText: string,
  rule: RuleId,
  message: string,
  severity: Severity = "error",
): void {
  ctx.findings.push({ stack: ctx.stack, address: ctx.address, path: pathText, rule, severity, message });
}

export function severityOf(ctx: Context, c: AttributeConstraints): Severity {
  return c.skippable && ctx.skipSkippable ? "warning" : "error";
}

export function pickProviderSchema(schema: ProviderSchemaFile | ProviderSchema): ProviderSchema {
  if (!("provider_schemas" in schema)) return schema;
  const sources = Object.keys(schema.provider_schemas);
  const source = sources.find((s) => s === ALICLOUD_SOURCE) ?? sources.find((s) => /(^|\/)aliyun\/alicloud$/i.test(s));
  if (source === undefined) throw new Error(`schema has no ${ALICLOUD_SOURCE} provider (found: ${sources.join(", ")})`);
  return schema.provider_schemas[source];
}

/** Local provider name that `terraform.required_providers` maps to aliyun/alicloud (default `alicloud`). */
export function alicloudLocalName(config: JsonObject): string {
  const terraform = config.terraform;
  const blocks = Array.isArray(terraform) ? terraform : [terraform];
  for (const block of blocks) {
    const required = isObject(block) ? block.required_providers : undefined;
    for (const entry of Array.isArray(required) ? required : [required]) {
      if (!isObject(entry)) continue;
      for (const [local, spec] of Object.entries(entry)) {
        const source = isObject(spec) ? spec.source : undefined;
        if (typeof source === "string" && /(^|\/)aliyun\/alicloud$/i.test(source)) return local;
      }
    }
  }
  return "alicloud";
}

/** Terraform JSON accepts an object or an array of objects wherever blocks may repeat; flatten to a list. */
export function objectsOf(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}
