/**
 * Offline conformance check of synthesized Terraform JSON (`cdk.tf.json`) against the vendored alicloud provider
 * schema (`providers/alicloud/schema.json`) and the constraints that schema format cannot carry
 * (`providers/alicloud/constraints.json`). It catches at review time what `terraform validate`/`plan` would reject,
 * without a provider binary or network.
 *
 * Pure logic except `findRepoRoot`, `loadProviderSchema` and `validateSynthOutput`, which read files.
 */
import { creationOrderFindings } from "./creation-order";
import { compareText } from "./markdown";
import { readSynthStacks } from "./synth-stacks";
export { SynthOutputError } from "./synth-stacks";
import * as fs from "node:fs";
import * as path from "node:path";

// ---------------------------------------------------------------------------------------------------------------
// Schema and constraint file shapes
// ---------------------------------------------------------------------------------------------------------------

/** A Terraform type in JSON type notation: `"string"`, `["list","string"]`, `["object",{...}]`, ... */
export type TerraformType =
  | string
  | readonly ["list" | "set" | "map", TerraformType]
  | readonly ["object", { readonly [name: string]: TerraformType }]
  | readonly ["tuple", readonly TerraformType[]];

/** One attribute of a schema block, as printed by `terraform providers schema -json`. */
export interface SchemaAttribute {
  readonly type: TerraformType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
  readonly description?: string;
}

/** A nested block type of a schema block. */
export interface SchemaBlockType {
  readonly nesting_mode: "single" | "group" | "list" | "set" | "map";
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

/** A schema block: attributes plus nested block types. */
export interface SchemaBlock {
  readonly attributes?: { readonly [name: string]: SchemaAttribute };
  readonly block_types?: { readonly [name: string]: SchemaBlockType };
  readonly deprecated?: boolean;
}

/** The schema of one provider (`provider_schemas[<source>]`). */
export interface ProviderSchema {
  readonly provider: { readonly block: SchemaBlock };
  readonly resource_schemas: { readonly [type: string]: { readonly block: SchemaBlock } };
  readonly data_source_schemas: { readonly [type: string]: { readonly block: SchemaBlock } };
}

/** The whole output of `terraform providers schema -json`. */
export interface ProviderSchemaFile {
  readonly format_version?: string;
  readonly provider_schemas: { readonly [source: string]: ProviderSchema };
}

/** `[min, max]`, inclusive; `null` means no limit on that side. */
export type Limits = readonly [number | null, number | null];

/** What `constraints.json` records for one attribute path (see providers/alicloud/README.md). */
export interface AttributeConstraints {
  readonly force_new?: boolean;
  readonly default?: unknown;
  readonly allowed?: readonly (string | number | boolean)[];
  readonly allowed_ignore_case?: boolean;
  readonly int_range?: Limits;
  readonly float_range?: Limits;
  readonly len_range?: Limits;
  readonly regex?: string;
  readonly regex_not?: string;
  readonly regex_message?: string;
  readonly validate?: readonly string[];
  readonly validate_messages?: readonly string[];
  readonly skippable?: boolean;
  readonly conflicts_with?: readonly string[];
  readonly exactly_one_of?: readonly string[];
  readonly at_least_one_of?: readonly string[];
  readonly required_with?: readonly string[];
  readonly deprecated?: string;
  readonly removed?: string;
  readonly max_items?: number;
  readonly min_items?: number;
  readonly elem?: AttributeConstraints;
  readonly env?: readonly string[];
  readonly env_fallback?: unknown;
  /** Only under the `__resource__` key: which timeouts the type declares. */
  readonly timeouts?: readonly string[];
}

/** Constraints of one type (or of the provider block), keyed by dotted attribute path or `__resource__`. */
export type TypeConstraints = { readonly [attributePath: string]: AttributeConstraints };

/** The whole `constraints.json`. */
export interface ConstraintsFile {
  readonly provider: TypeConstraints;
  readonly resource_schemas: { readonly [type: string]: TypeConstraints };
  readonly data_source_schemas: { readonly [type: string]: TypeConstraints };
}

// ---------------------------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------------------------

/** How bad a finding is: errors fail `npm run validate`, warnings do not. */
export type Severity = "error" | "warning";

/**
 * Short id of the rule a finding breaks. Besides the rules of the brief, `computed-only` (a value set on an attribute
 * the provider computes), `item-count` (size of a primitive list/set/map) and `format` (named validators such as
 * `validation.StringIsJSON`) are reported separately so that a reader can tell them apart.
 */
export type RuleId =
  | "unknown-resource-type"
  | "unknown-attribute"
  | "unknown-block"
  | "missing-required"
  | "computed-only"
  | "type"
  | "allowed-values"
  | "range"
  | "length"
  | "item-count"
  | "pattern"
  | "format"
  | "block-count"
  | "conflicts"
  | "exactly-one-of"
  | "at-least-one-of"
  | "required-with"
  | "deprecated"
  | "creation-order";

/** One problem in one synthesized stack. */
export interface Finding {
  /** Stack name from the manifest (or as passed to `validateTerraformJson`). */
  readonly stack: string;
  /** `alicloud_cr_ee_repo.app`, `data.alicloud_cr_ee_instances.all` or `provider.alicloud[0]`. */
  readonly address: string;
  /** Attribute path inside the address, e.g. `entries[1].entry`; empty for the whole resource. */
  readonly path: string;
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Human sentence naming the value and the rule it breaks. */
  readonly message: string;
}

/** Knobs that mirror what the provider reads from its environment at plan time. */
export interface ValidateOptions {
  /**
   * Environment used for provider attributes that fall back to environment variables (e.g. `assume_role.role_arn`
   * is not required when `ALICLOUD_ASSUME_ROLE_ARN` is set). Defaults to no environment, so results are reproducible.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * The provider only warns about "skippable" checks when `TF_SKIP_RESOURCE_SCHEMA_VALIDATION=true`; mirror that by
   * reporting them as warnings. Defaults to `env.TF_SKIP_RESOURCE_SCHEMA_VALIDATION === "true"`.
   */
  readonly skipResourceSchemaValidation?: boolean;
}

/** The provider source address the vendored schema describes. */
export const ALICLOUD_SOURCE = "registry.terraform.io/aliyun/alicloud";

// Meta-arguments Terraform itself handles; they are not provider schema attributes.
const RESOURCE_META_ARGUMENTS = new Set([
  "count",
  "for_each",
  "depends_on",
  "provider",
  "lifecycle",
  "provisioner",
  "connection",
]);
const DATA_META_ARGUMENTS = new Set(["count", "for_each", "depends_on", "provider", "lifecycle"]);
const PROVIDER_META_ARGUMENTS = new Set(["alias"]);

/** cdktf's metadata key; ignored wherever it appears. */
const COMMENT_KEY = "//";

// Go's time.ParseDuration grammar, which the SDK uses for `timeouts` values.
const GO_DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const NUMERIC_STRING = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

type JsonObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for a string that Terraform evaluates as a template (`${...}` interpolation or `%{...}` directive). */
export function isInterpolation(value: unknown): boolean {
  return typeof value === "string" && (value.includes("${") || value.includes("%{"));
}

function isSetValue(value: unknown): boolean {
  return value !== undefined && value !== null;
}

// ---------------------------------------------------------------------------------------------------------------
// Name suggestions
// ---------------------------------------------------------------------------------------------------------------

/** Levenshtein distance (insert, delete, substitute all cost 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/-/g, "_")
    .toLowerCase();
}

/**
 * The valid name closest to `name`, or undefined when none is close enough to be a plausible typo. camelCase and
 * case slips (common when porting cdktf props by hand) match first, then singular/plural; then the smallest edit
 * distance; then a candidate that contains `name` as a whole `_`-separated word (`name` -> `instance_name`).
 */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
  const sorted = [...new Set(candidates)].sort();
  const normalized = toSnakeCase(name);
  const exact = sorted.find((c) => c === normalized || c.toLowerCase() === name.toLowerCase());
  if (exact !== undefined) return exact;
  const plural = sorted.find((c) => singular(c) === singular(normalized));
  if (plural !== undefined) return plural;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of sorted) {
    const distance = editDistance(normalized, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const threshold = Math.max(2, Math.floor(normalized.length / 3));
  if (best !== undefined && bestDistance <= threshold) return best;
  const containing = sorted.filter((c) => c !== normalized && `_${c}_`.includes(`_${normalized}_`));
  return containing.sort((x, y) => x.length - y.length || compareText(x, y))[0];
}

// Singular and plural block names (`entry` vs `entries`) are a common slip.
function singular(word: string): string {
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  return word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

function didYouMean(name: string, candidates: readonly string[]): string {
  const suggestion = suggestName(name, candidates);
  return suggestion === undefined ? "" : `; did you mean "${suggestion}"?`;
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering helpers
// ---------------------------------------------------------------------------------------------------------------

function renderValue(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function renderType(type: TerraformType): string {
  if (typeof type === "string") return type;
  const [kind, inner] = type;
  if (kind === "object") return "object";
  if (kind === "tuple") return "tuple";
  return `${kind} of ${renderType(inner as TerraformType)}`;
}

function renderKind(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${renderValue(value)}`;
}

function renderLimits([min, max]: Limits, unit = ""): string {
  if (min !== null && max !== null) return `between ${min} and ${max}${unit}`;
  if (min !== null) return `at least ${min}${unit}`;
  return `at most ${max}${unit}`;
}

function joinPath(prefix: string, name: string): string {
  const segment = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : JSON.stringify(name);
  return prefix === "" ? segment : `${prefix}.${segment}`;
}

function joinConstraintPath(prefix: string, name: string): string {
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

interface Context {
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

function report(ctx: Context, pathText: string, rule: RuleId, message: string, severity: Severity = "error"): void {
  ctx.findings.push({ stack: ctx.stack, address: ctx.address, path: pathText, rule, severity, message });
}

function severityOf(ctx: Context, c: AttributeConstraints): Severity {
  return c.skippable && ctx.skipSkippable ? "warning" : "error";
}

function pickProviderSchema(schema: ProviderSchemaFile | ProviderSchema): ProviderSchema {
  if (!("provider_schemas" in schema)) return schema;
  const sources = Object.keys(schema.provider_schemas);
  const source = sources.find((s) => s === ALICLOUD_SOURCE) ?? sources.find((s) => /(^|\/)aliyun\/alicloud$/i.test(s));
  if (source === undefined) throw new Error(`schema has no ${ALICLOUD_SOURCE} provider (found: ${sources.join(", ")})`);
  return schema.provider_schemas[source];
}

/** Local provider name that `terraform.required_providers` maps to aliyun/alicloud (default `alicloud`). */
function alicloudLocalName(config: JsonObject): string {
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
function objectsOf(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/**
 * Checks one `cdk.tf.json`-shaped configuration: provider blocks of the alicloud provider, and every
 * `alicloud_*` resource and data source. Other providers' types are not checked (their schemas are not vendored).
 * Returns findings sorted by stack, address and path.
 */
export function validateTerraformJson(
  config: unknown,
  stackName: string,
  schema: ProviderSchemaFile | ProviderSchema,
  constraints: ConstraintsFile,
  options: ValidateOptions = {},
): Finding[] {
  const providerSchema = pickProviderSchema(schema);
  const env = options.env ?? {};
  const skipSkippable = options.skipResourceSchemaValidation ?? env.TF_SKIP_RESOURCE_SCHEMA_VALIDATION === "true";
  const findings: Finding[] = [];
  if (!isObject(config)) {
    findings.push({
      stack: stackName,
      address: "",
      path: "",
      rule: "type",
      severity: "error",
      message: `configuration must be a JSON object, got ${renderKind(config)}`,
    });
    return findings;
  }
  const newContext = (address: string, what: string, typeConstraints: TypeConstraints, root: JsonObject): Context => ({
    stack: stackName,
    address,
    what,
    constraints: typeConstraints,
    root,
    env,
    skipSkippable,
    findings,
    reported: new Set(),
  });

  const local = alicloudLocalName(config);
  for (const providers of objectsOf(config.provider)) {
    const list = providers[local];
    const bodies = Array.isArray(list) ? list : [list];
    bodies.forEach((body, index) => {
      if (!isSetValue(body)) return;
      const ctx = newContext(`provider.${local}[${index}]`, `provider "${local}"`, constraints.provider ?? {}, {});
      if (!isObject(body)) {
        report(ctx, "", "type", `a provider block must be an object, got ${renderKind(body)}`);
        return;
      }
      validateBody({ ...ctx, root: body }, providerSchema.provider.block, body, "", "", PROVIDER_META_ARGUMENTS);
    });
  }

  const sections = [
    { key: "resource", prefix: "", kind: "resource", schemas: providerSchema.resource_schemas },
    { key: "data", prefix: "data.", kind: "data source", schemas: providerSchema.data_source_schemas },
  ] as const;
  for (const section of sections) {
    const typeConstraintsOf =
      section.key === "resource" ? constraints.resource_schemas : constraints.data_source_schemas;
    const metaArguments = section.key === "resource" ? RESOURCE_META_ARGUMENTS : DATA_META_ARGUMENTS;
    for (const byType of objectsOf(config[section.key])) {
      for (const [typeName, byName] of Object.entries(byType)) {
        if (typeName === COMMENT_KEY || !typeName.startsWith(`${local}_`)) continue;
        const typeSchema = section.schemas[typeName];
        for (const named of objectsOf(byName)) {
          for (const [name, value] of Object.entries(named)) {
            if (name === COMMENT_KEY) continue;
            const address = `${section.prefix}${typeName}.${name}`;
            const typeConstraints = typeConstraintsOf?.[typeName] ?? {};
            const ctx = newContext(address, typeName, typeConstraints, {});
            if (typeSchema === undefined) {
              const hint = didYouMean(typeName, Object.keys(section.schemas));
              report(
                ctx,
                "",
                "unknown-resource-type",
                `${section.kind} type "${typeName}" is not in the vendored aliyun/alicloud schema${hint}`,
              );
              continue;
            }
            const resourceFacts = typeConstraints.__resource__;
            if (resourceFacts?.deprecated) {
              report(
                ctx,
                "",
                "deprecated",
                `${section.kind} type "${typeName}" is deprecated: ${resourceFacts.deprecated}`,
                "warning",
              );
            }
            for (const body of Array.isArray(value) ? value : [value]) {
              if (!isObject(body)) {
                report(ctx, "", "type", `a ${section.kind} body must be an object, got ${renderKind(body)}`);
                continue;
              }
              validateBody({ ...ctx, root: body, reported: new Set() }, typeSchema.block, body, "", "", metaArguments);
            }
          }
        }
      }
    }
  }
  return findings.sort(compareFindings);
}

/**
 * Checks one block body against its schema block. `pathText` is the display path of the body (with indexes),
 * `constraintPath` the dotted constraints key prefix (without indexes). `metaArguments` is non-empty only at the top.
 */
function validateBody(
  ctx: Context,
  block: SchemaBlock,
  body: JsonObject,
  pathText: string,
  constraintPath: string,
  metaArguments: ReadonlySet<string>,
): void {
  const attributes = block.attributes ?? {};
  const blockTypes = block.block_types ?? {};
  const knownNames = [...Object.keys(attributes), ...Object.keys(blockTypes)];
  const isTimeouts = constraintPath === "timeouts" && metaArguments.size === 0;
  // Blocks written through cdktf's `dynamic` form; their count is only known at plan time.
  const dynamicBlocks = new Set<string>();

  for (const [name, value] of Object.entries(body)) {
    if (name === COMMENT_KEY || metaArguments.has(name)) continue;
    const valuePath = joinPath(pathText, name);
    const attribute = attributes[name];
    const blockType = blockTypes[name];
    if (attribute !== undefined) {
      validateAttribute(ctx, name, attribute, value, valuePath, joinConstraintPath(constraintPath, name), isTimeouts);
    } else if (blockType !== undefined) {
      validateBlock(ctx, name, blockType, value, valuePath, joinConstraintPath(constraintPath, name));
    } else if (name === "dynamic" && isObject(value)) {
      validateDynamic(ctx, blockTypes, value, valuePath, constraintPath, dynamicBlocks);
    } else if (name === "timeouts" && pathText === "" && metaArguments.size > 0) {
      report(
        ctx,
        valuePath,
        "unknown-block",
        `${ctx.what} declares no timeouts, so a "timeouts" block is not accepted`,
      );
    } else {
      const looksLikeBlock = isObject(value) || (Array.isArray(value) && value.length > 0 && value.every(isObject));
      const kind = looksLikeBlock ? "block" : "attribute";
      const inBlock = pathText === "" ? "" : ` block ${pathText}`;
      report(
        ctx,
        valuePath,
        looksLikeBlock ? "unknown-block" : "unknown-attribute",
        `unknown ${kind} "${name}" in ${ctx.what}${inBlock}${didYouMean(name, knownNames)}`,
      );
    }
  }

  for (const [name, attribute] of Object.entries(attributes)) {
    if (!attribute.required || isSetValue(body[name])) continue;
    const c = ctx.constraints[joinConstraintPath(constraintPath, name)] ?? {};
    const envNames = c.env ?? [];
    if (envNames.some((v) => (ctx.env[v] ?? "") !== "")) continue;
    const envHint = envNames.length > 0 ? ` (or set one of the environment variables ${envNames.join(", ")})` : "";
    report(ctx, joinPath(pathText, name), "missing-required", `required attribute "${name}" is not set${envHint}`);
  }
  for (const [name, blockType] of Object.entries(blockTypes)) {
    const min = blockType.min_items ?? 0;
    if (min > 0 && !isSetValue(body[name]) && !dynamicBlocks.has(name)) {
      const count = min === 1 ? "at least one" : `at least ${min}`;
      report(ctx, joinPath(pathText, name), "missing-required", `required block "${name}" is missing: ${count} needed`);
    }
  }

  validateRelations(ctx, block, body, pathText, constraintPath, dynamicBlocks);
}

function validateAttribute(
  ctx: Context,
  name: string,
  attribute: SchemaAttribute,
  value: unknown,
  valuePath: string,
  constraintPath: string,
  isTimeouts: boolean,
): void {
  if (!isSetValue(value)) return; // null means "not set" in Terraform
  const c = ctx.constraints[constraintPath] ?? {};
  if (attribute.computed && !attribute.optional && !attribute.required) {
    const why = c.removed ? ` (${c.removed})` : "";
    report(
      ctx,
      valuePath,
      "computed-only",
      `attribute "${name}" is computed by the provider and cannot be set (value ${renderValue(value)})${why}`,
    );
    return;
  }
  if (attribute.deprecated || c.deprecated) {
    const why = c.deprecated ? `: ${c.deprecated}` : "";
    report(ctx, valuePath, "deprecated", `attribute "${name}" is deprecated${why}`, "warning");
  }
  if (!checkType(ctx, value, attribute.type, valuePath)) return;
  checkConstraints(ctx, name, c, value, attribute.type, valuePath);
  if (isTimeouts && typeof value === "string" && !isInterpolation(value) && !GO_DURATION.test(value)) {
    report(
      ctx,
      valuePath,
      "pattern",
      `value ${renderValue(value)} of timeouts.${name} is not a valid duration; write one like "10m" or "1h30m"`,
    );
  }
}

/** Reports a type mismatch and returns false, or returns true when `value` fits `type` (as Terraform converts). */
function checkType(ctx: Context, value: unknown, type: TerraformType, valuePath: string): boolean {
  if (isInterpolation(value) || type === "dynamic") return true;
  const mismatch = (): false => {
    report(ctx, valuePath, "type", `expected ${renderType(type)}, got ${renderKind(value)}`);
    return false;
  };
  if (typeof type === "string") {
    switch (type) {
      case "string":
        // Terraform converts numbers and bools to strings.
        return typeof value === "string" || typeof value === "number" || typeof value === "boolean" || mismatch();
      case "number":
        return (
          (typeof value === "number" && Number.isFinite(value)) ||
          (typeof value === "string" && NUMERIC_STRING.test(value.trim())) ||
          mismatch()
        );
      case "bool":
        return typeof value === "boolean" || value === "true" || value === "false" || mismatch();
      default:
        return true; // a type this checker does not know: do not guess
    }
  }
  const [kind, inner] = type;
  if (kind === "list" || kind === "set" || kind === "tuple") {
    if (!Array.isArray(value)) return mismatch();
    let ok = true;
    value.forEach((element, i) => {
      if (element === null) return;
      const elementType = kind === "tuple" ? (inner as readonly TerraformType[])[i] : (inner as TerraformType);
      if (elementType !== undefined) ok = checkType(ctx, element, elementType, `${valuePath}[${i}]`) && ok;
    });
    return ok;
  }
  if (!isObject(value)) return mismatch();
  let ok = true;
  for (const [key, element] of Object.entries(value)) {
    if (key === COMMENT_KEY || element === null) continue;
    const elementType =
      kind === "map" ? (inner as TerraformType) : (inner as { readonly [name: string]: TerraformType })[key];
    if (elementType !== undefined) ok = checkType(ctx, element, elementType, joinPath(valuePath, key)) && ok;
  }
  return ok;
}

function checkConstraints(
  ctx: Context,
  name: string,
  c: AttributeConstraints,
  value: unknown,
  type: TerraformType,
  valuePath: string,
): void {
  if (typeof type === "string") {
    checkPrimitive(ctx, name, c, value, valuePath);
    return;
  }
  const [kind] = type;
  const elements: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [`${valuePath}[${i}]`, v])
    : isObject(value)
      ? Object.entries(value)
          .filter(([k]) => k !== COMMENT_KEY)
          .map(([k, v]) => [joinPath(valuePath, k), v])
      : [];
  if (isInterpolation(value)) return;
  const limits: Limits = [c.min_items ?? null, c.max_items ?? null];
  const unit = kind === "map" ? "entries" : "items";
  if ((limits[0] !== null && elements.length < limits[0]) || (limits[1] !== null && elements.length > limits[1])) {
    report(
      ctx,
      valuePath,
      "item-count",
      `${name} has ${elements.length} ${unit}; it must have ${renderLimits(limits)} ${unit}`,
      severityOf(ctx, c),
    );
  }
  if (c.elem !== undefined) {
    for (const [elementPath, element] of elements)
      checkPrimitive(ctx, `an element of ${name}`, c.elem, element, elementPath);
  }
}

function checkPrimitive(ctx: Context, name: string, c: AttributeConstraints, value: unknown, valuePath: string): void {
  if (!isSetValue(value) || isInterpolation(value) || typeof value === "object") return;
  const severity = severityOf(ctx, c);
  const text = String(value);
  const shown = renderValue(value);

  if (c.allowed !== undefined && c.allowed.length > 0) {
    const fold = (s: string): string => (c.allowed_ignore_case ? s.toLowerCase() : s);
    const matches = c.allowed.some((a) => {
      if (typeof a === "number" && NUMERIC_STRING.test(text)) return a === Number(text);
      return fold(String(a)) === fold(text);
    });
    if (!matches) {
      const list = c.allowed.map((a) => JSON.stringify(a)).join(", ");
      const caseNote = c.allowed_ignore_case ? " (case-insensitive)" : "";
      report(
        ctx,
        valuePath,
        "allowed-values",
        `value ${shown} is not allowed for ${name}; expected one of ${list}${caseNote}`,
        severity,
      );
    }
  }

  if (c.int_range !== undefined || c.float_range !== undefined) {
    const number = typeof value === "number" ? value : NUMERIC_STRING.test(text.trim()) ? Number(text) : NaN;
    if (Number.isNaN(number)) return; // already reported as a type error, or not numeric by schema
    if (c.int_range !== undefined && !Number.isInteger(number)) {
      report(ctx, valuePath, "type", `value ${shown} of ${name} must be a whole number`, severity);
    }
    for (const limits of [c.int_range, c.float_range]) {
      if (limits === undefined) continue;
      const [min, max] = limits;
      if ((min !== null && number < min) || (max !== null && number > max)) {
        report(
          ctx,
          valuePath,
          "range",
          `value ${shown} is out of range for ${name}: must be ${renderLimits(limits)}`,
          severity,
        );
      }
    }
  }

  if (c.len_range !== undefined) {
    // The SDK's StringLenBetween measures Go string length, i.e. UTF-8 bytes.
    const length = Buffer.byteLength(text, "utf8");
    const [min, max] = c.len_range;
    if ((min !== null && length < min) || (max !== null && length > max)) {
      report(
        ctx,
        valuePath,
        "length",
        `value ${shown} has length ${length}; ${name} must be ${renderLimits(c.len_range, " characters")} long`,
        severity,
      );
    }
  }

  const because = c.regex_message ? ` (${c.regex_message})` : "";
  if (c.regex !== undefined) {
    const re = goRegExp(c.regex);
    if (re !== undefined && !re.test(text)) {
      report(
        ctx,
        valuePath,
        "pattern",
        `value ${shown} of ${name} does not match the pattern ${c.regex}${because}`,
        severity,
      );
    }
  }
  if (c.regex_not !== undefined) {
    const re = goRegExp(c.regex_not);
    if (re !== undefined && re.test(text)) {
      report(
        ctx,
        valuePath,
        "pattern",
        `value ${shown} of ${name} must not match the pattern ${c.regex_not}${because}`,
        severity,
      );
    }
  }

  for (const validator of c.validate ?? []) {
    if (validator === "validation.StringIsJSON" && !isJson(text)) {
      report(
        ctx,
        valuePath,
        "format",
        `value ${shown} of ${name} is not valid JSON (validation.StringIsJSON)`,
        severity,
      );
    }
    if (validator === "validation.StringIsValidRegExp" && goRegExp(text) === undefined) {
      report(ctx, valuePath, "format", `value ${shown} of ${name} is not a valid regular expression`, severity);
    }
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Compiles a Go (RE2) pattern as a JavaScript RegExp, translating the syntax the two spell differently. */
function goRegExp(pattern: string): RegExp | undefined {
  let source = pattern;
  let flags = "";
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading !== null) {
    flags = [...new Set(leading[1].replace(/U/g, ""))].join("");
    source = source.slice(leading[0].length);
  }
  source = source
    .replace(/\(\?P</g, "(?<")
    .replace(/\\A/g, "^")
    .replace(/\\z/g, "$");
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}

function validateBlock(
  ctx: Context,
  name: string,
  blockType: SchemaBlockType,
  value: unknown,
  valuePath: string,
  constraintPath: string,
): void {
  if (!isSetValue(value) || isInterpolation(value)) return;
  const instances: [string, unknown][] = [];
  if (blockType.nesting_mode === "map") {
    if (!isObject(value)) {
      report(ctx, valuePath, "type", `block "${name}" must be an object keyed by label, got ${renderKind(value)}`);
      return;
    }
    for (const [label, body] of Object.entries(value)) {
      if (label !== COMMENT_KEY) instances.push([joinPath(valuePath, label), body]);
    }
  } else if (Array.isArray(value)) {
    value.forEach((body, i) => instances.push([`${valuePath}[${i}]`, body]));
  } else if (isObject(value)) {
    instances.push([valuePath, value]);
  } else {
    report(
      ctx,
      valuePath,
      "type",
      `block "${name}" must be an object or an array of objects, got ${renderKind(value)}`,
    );
    return;
  }

  if (blockType.block.deprecated) report(ctx, valuePath, "deprecated", `block "${name}" is deprecated`, "warning");

  const single = blockType.nesting_mode === "single" || blockType.nesting_mode === "group";
  const min = blockType.min_items ?? 0;
  const max = single ? 1 : blockType.max_items;
  const count = instances.length;
  if ((count < min && count > 0) || (min > 0 && count === 0) || (max !== undefined && count > max)) {
    const limits: Limits = [min > 0 ? min : null, max ?? null];
    report(
      ctx,
      valuePath,
      "block-count",
      `block "${name}" appears ${count} times; it must appear ${renderLimits(limits, " times")}`,
    );
  }

  for (const [instancePath, body] of instances) {
    if (isInterpolation(body)) continue;
    if (!isObject(body)) {
      report(ctx, instancePath, "type", `each "${name}" block must be an object, got ${renderKind(body)}`);
      continue;
    }
    validateBody(ctx, blockType.block, body, instancePath, constraintPath, new Set());
  }
}

/** cdktf writes iterator-driven blocks as `dynamic: {<block>: {for_each, iterator, content}}`. */
function validateDynamic(
  ctx: Context,
  blockTypes: { readonly [name: string]: SchemaBlockType },
  value: JsonObject,
  valuePath: string,
  constraintPath: string,
  dynamicBlocks: Set<string>,
): void {
  for (const [name, spec] of Object.entries(value)) {
    if (name === COMMENT_KEY) continue;
    const blockType = blockTypes[name];
    const specPath = joinPath(valuePath, name);
    if (blockType === undefined) {
      report(
        ctx,
        specPath,
        "unknown-block",
        `unknown dynamic block "${name}" in ${ctx.what}${didYouMean(name, Object.keys(blockTypes))}`,
      );
      continue;
    }
    dynamicBlocks.add(name);
    for (const entry of objectsOf(spec)) {
      if (isObject(entry.content)) {
        validateBody(
          ctx,
          blockType.block,
          entry.content,
          joinPath(specPath, "content"),
          joinConstraintPath(constraintPath, name),
          new Set(),
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Argument relations (ConflictsWith, ExactlyOneOf, AtLeastOneOf, RequiredWith)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Whether a relation target is set. The SDK writes targets as absolute paths with list indexes (`a.0.b`); a
 * plain name inside a nested block is read as a sibling, which is what such a reference means in practice.
 */
function isReferenceSet(ctx: Context, body: JsonObject, reference: string, dynamicBlocks: Set<string>): boolean {
  // At the top level `body` is the root, so a plain name means the same in both readings.
  if (!reference.includes(".")) return hasValue(body[reference]) || dynamicBlocks.has(reference);
  return resolveReference(ctx.root, reference.split("."));
}

function hasValue(value: unknown): boolean {
  if (!isSetValue(value)) return false;
  return !(Array.isArray(value) && value.length === 0);
}

function resolveReference(value: unknown, segments: readonly string[]): boolean {
  if (segments.length === 0) return hasValue(value);
  if (isInterpolation(value)) return true; // unknown until plan; assume it will be set
  const [head, ...rest] = segments;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(head)) return resolveReference(value[Number(head)], rest);
    return value.some((element) => resolveReference(element, segments));
  }
  if (!isObject(value)) return false;
  if (resolveReference(value[head], rest)) return true;
  const dynamic = value.dynamic;
  return rest.length === 0 && isObject(dynamic) && isSetValue(dynamic[head]);
}

function validateRelations(
  ctx: Context,
  block: SchemaBlock,
  body: JsonObject,
  pathText: string,
  constraintPath: string,
  dynamicBlocks: Set<string>,
): void {
  const names = [...Object.keys(block.attributes ?? {}), ...Object.keys(block.block_types ?? {})].sort();
  const isSet = (reference: string): boolean => isReferenceSet(ctx, body, reference, dynamicBlocks);
  const render = (list: readonly string[]): string => list.map((n) => `"${n}"`).join(", ");

  for (const name of names) {
    const c = ctx.constraints[joinConstraintPath(constraintPath, name)];
    if (c === undefined) continue;
    const here = joinPath(pathText, name);
    const selfSet = hasValue(body[name]) || dynamicBlocks.has(name);
    const severity = severityOf(ctx, c);

    for (const [rule, list] of [
      ["exactly-one-of", c.exactly_one_of],
      ["at-least-one-of", c.at_least_one_of],
    ] as const) {
      if (list === undefined || list.length === 0) continue;
      const group = [...new Set([...list, name])].sort();
      const key = `${rule}|${pathText}|${group.join(",")}`;
      if (ctx.reported.has(key)) continue;
      ctx.reported.add(key);
      const present = group.filter(isSet);
      const where = pathText === "" ? "" : ` in ${pathText}`;
      if (present.length === 0) {
        report(
          ctx,
          pathText,
          rule,
          `${rule === "exactly-one-of" ? "exactly" : "at least"} one of ${render(group)} must be set${where}; none is`,
          severity,
        );
      } else if (rule === "exactly-one-of" && present.length > 1) {
        report(
          ctx,
          pathText,
          rule,
          `only one of ${render(group)} may be set${where}, but ${render(present)} are all set`,
          severity,
        );
      }
    }

    if (!selfSet) continue;
    for (const other of c.conflicts_with ?? []) {
      if (other === name || !isSet(other)) continue;
      const key = `conflicts|${pathText}|${[name, other].sort().join(",")}`;
      if (ctx.reported.has(key)) continue;
      ctx.reported.add(key);
      report(ctx, here, "conflicts", `"${name}" conflicts with "${other}": set only one of them`, severity);
    }
    const missing = (c.required_with ?? []).filter((other) => other !== name && !isSet(other));
    if (missing.length > 0) {
      report(ctx, here, "required-with", `"${name}" is set, so ${render(missing)} must be set too`, severity);
    }
  }
}

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
