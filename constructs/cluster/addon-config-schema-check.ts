// The plan-time check of the managed credential helper's config against the add-on's own config schema, read with
// the `alicloud_cs_kubernetes_addon_metadata` data source. Pure: it builds the HCL of a postcondition from the keys
// the construct writes, so it can be tested without an engine.
import type { ManagedCredentialHelperAddonConfig } from "../../charts/credential-helper/managed-config";

/** The keys a rendered managed add-on config writes: at the top level, and in any `AcrInstanceInfo` entry. */
export interface AddonConfigKeys {
  readonly topLevel: readonly string[];
  readonly entry: readonly string[];
}

/** The keys of `config`, sorted (entry keys are the union over all entries). */
export function addonConfigKeys(config: ManagedCredentialHelperAddonConfig): AddonConfigKeys {
  const entry = new Set(config.AcrInstanceInfo.flatMap((info) => Object.keys(info)));
  return { topLevel: Object.keys(config).sort(), entry: [...entry].sort() };
}

/** A lifecycle postcondition for Terraform (`condition` and `errorMessage` are HCL templates). */
export interface Postcondition {
  readonly condition: string;
  readonly errorMessage: string;
}

// Where the keys live in the JSON Schema that the data source returns (provider 1.289.0 re-marshals the add-on's
// schema, dropping `x-ui*` keys, or returns "" when the version takes no configuration).
const SCHEMA = "jsondecode(self.config_schema)";
const TOP_LEVEL_PROPERTIES = `keys(${SCHEMA}.properties)`;
const ENTRY_PROPERTIES = `keys(${SCHEMA}.properties.AcrInstanceInfo.items.properties)`;

/**
 * The postcondition of the metadata lookup of add-on `addon` at `version`: every written key must be declared in the
 * schema's `properties` (top level) and in `properties.AcrInstanceInfo.items.properties` (entry keys).
 *
 * - `config_schema` not JSON (provider 1.289.0 returns "" when the version takes no configuration): fails.
 * - A level of the schema without `properties` constrains no keys (JSON Schema semantics), so it passes that level.
 */
export function addonConfigSchemaPostcondition(addon: string, version: string, keys: AddonConfigKeys): Postcondition {
  const top = hclList(keys.topLevel);
  const entry = hclList(keys.entry);
  // `try(..., written)` makes a level without `properties` subtract everything: nothing is unknown there.
  const unknownTop = `setsubtract(${top}, try(${TOP_LEVEL_PROPERTIES}, ${top}))`;
  const unknownEntry = `setsubtract(${entry}, try(${ENTRY_PROPERTIES}, ${entry}))`;
  return {
    condition: `\${can(${SCHEMA}) && length(${unknownTop}) == 0 && length(${unknownEntry}) == 0}`,
    errorMessage:
      `\${can(${SCHEMA}) ? "The config of add-on ${addon} ${version} writes keys that its config schema ` +
      `(alicloud_cs_kubernetes_addon_metadata.config_schema) does not declare: top level \${jsonencode(${unknownTop})}, ` +
      `AcrInstanceInfo entries \${jsonencode(${unknownEntry})}." : "Add-on ${addon} ${version} publishes no readable ` +
      `config schema (config_schema is empty, which means the version takes no configuration, or not JSON)."} ` +
      "Installing it could fail, or plan a change on every run: pin a version whose schema declares these keys, " +
      "or leave unset the settings that write them.",
  };
}

/** An HCL tuple of string literals (the keys are identifiers, so JSON quoting is HCL quoting). */
function hclList(values: readonly string[]): string {
  return JSON.stringify(values);
}
