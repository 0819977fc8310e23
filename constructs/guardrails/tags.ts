import { IConstruct } from "constructs";
import { Aspects, IAspect } from "../engine";
import { isUnresolved } from "../validation/field-checks";
import { TAGGABLE_RESOURCE_TYPES } from "../validation/provider-schema";

/**
 * Adds `tags` to every resource under `scope` whose type has a `tags` map in the provider schema, including
 * resources added later; tags a construct set itself win. Implemented as an aspect, so it runs before validation.
 */
export function applyTags(scope: IConstruct, tags: Record<string, string>): void {
  Aspects.of(scope).add(new PlatformTags(tags));
}

class PlatformTags implements IAspect {
  public constructor(private readonly tags: Record<string, string>) {}

  public visit(node: IConstruct): void {
    const resource = node as IConstruct & {
      terraformResourceType?: string;
      tagsInput?: Record<string, string>;
      addOverride?: (path: string, value: unknown) => void;
    };
    if (!resource.terraformResourceType || !TAGGABLE_RESOURCE_TYPES.includes(resource.terraformResourceType)) return;
    if (isUnresolved(resource.tagsInput)) return; // a computed tag map cannot be merged at synth
    resource.addOverride?.("tags", { ...this.tags, ...(resource.tagsInput ?? {}) });
  }
}
