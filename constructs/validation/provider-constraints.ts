import constraintsJson from "../../providers/alicloud/constraints.json";

/** What `constraints.json` records for one attribute of a provider type (the subset the constructs use). */
export interface AttributeConstraint {
  readonly force_new?: boolean;
  readonly allowed?: readonly string[];
  readonly allowed_ignore_case?: boolean;
  readonly int_range?: readonly [number | null, number | null];
  readonly float_range?: readonly [number | null, number | null];
  readonly len_range?: readonly [number | null, number | null];
  readonly regex?: string;
  readonly regex_message?: string;
  readonly validate_messages?: readonly string[];
  readonly deprecated?: string;
}

type ConstraintTable = Record<string, Record<string, Record<string, AttributeConstraint>>>;
const table = constraintsJson as unknown as ConstraintTable;

/**
 * The vendored provider's rules for `attribute` of resource `resourceType` (e.g. the allowed values of
 * `alicloud_cr_ee_instance.instance_type`). Constructs validate against these instead of copies of them.
 */
export function resourceConstraint(resourceType: string, attribute: string): AttributeConstraint {
  return table.resource_schemas[resourceType]?.[attribute] ?? {};
}

/** Attributes of `resourceType` whose change replaces the resource (ForceNew in the provider). */
export function forceNewAttributes(resourceType: string): string[] {
  return Object.entries(table.resource_schemas[resourceType] ?? {})
    .filter(([, c]) => c.force_new)
    .map(([attribute]) => attribute)
    .sort();
}
