/**
 * The shapes `npm run validate` reads and reports: the provider schema (`terraform providers schema -json`), the
 * vendored constraints file, and findings.
 */
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
