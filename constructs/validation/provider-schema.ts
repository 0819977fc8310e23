import schemaJson from "../../providers/alicloud/schema.json";

interface BlockSchema {
  readonly attributes?: Record<string, unknown>;
}
const resources = (
  schemaJson as unknown as {
    provider_schemas: Record<string, { resource_schemas: Record<string, { block: BlockSchema }> }>;
  }
).provider_schemas["registry.terraform.io/aliyun/alicloud"].resource_schemas;

/** Resource types of the vendored provider schema that have a `tags` map. */
export const TAGGABLE_RESOURCE_TYPES: readonly string[] = Object.keys(resources)
  .filter((type) => resources[type].block.attributes?.tags !== undefined)
  .sort();
