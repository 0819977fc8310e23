import { IConstruct } from "constructs";
import { TerraformStack } from "../engine";
import { isUnresolved } from "../validation/field-checks";
import { TAGGABLE_RESOURCE_TYPES } from "../validation/provider-schema";

/**
 * Adds `tags` to every resource in `stack` whose type has a `tags` map in the provider schema; tags a construct
 * set itself win. Call it after the stack is complete (it sees the resources that exist at that point).
 */
export function applyTags(stack: TerraformStack, tags: Record<string, string>): void {
  for (const construct of stack.node.findAll()) {
    const resource = construct as IConstruct & {
      terraformResourceType?: string;
      tagsInput?: Record<string, string>;
      addOverride?: (path: string, value: unknown) => void;
    };
    if (!resource.terraformResourceType || !TAGGABLE_RESOURCE_TYPES.includes(resource.terraformResourceType)) continue;
    if (isUnresolved(resource.tagsInput)) continue; // a computed tag map cannot be merged at synth
    resource.addOverride?.("tags", { ...tags, ...(resource.tagsInput ?? {}) });
  }
}
