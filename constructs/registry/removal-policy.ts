import { TerraformResourceLifecycle } from "../engine";

/**
 * What `terraform destroy` (or a replacement) may do to a resource that holds images or charts.
 *
 * Instances, namespaces, repositories and chart repositories default to `PROTECT`: Terraform refuses any plan
 * that would delete them (`lifecycle.prevent_destroy`), including a replacement caused by a ForceNew edit.
 */
export enum RemovalPolicy {
  /** Refuse every plan that deletes or replaces the resource (`prevent_destroy = true`). */
  PROTECT = "protect",
  /** Allow Terraform to delete the resource, and the images in it, when it leaves the code. */
  DESTROY = "destroy",
}

/** The Terraform lifecycle block for a data-holding resource under `policy`. */
export function dataLifecycle(
  policy: RemovalPolicy = RemovalPolicy.PROTECT,
  ignoreChanges?: string[],
): TerraformResourceLifecycle {
  return {
    preventDestroy: policy === RemovalPolicy.PROTECT,
    ...(ignoreChanges && ignoreChanges.length > 0 ? { ignoreChanges } : {}),
  };
}
