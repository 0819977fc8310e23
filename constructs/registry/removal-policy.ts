import { TerraformResourceLifecycle } from "../engine";
import type { FieldChecks } from "../validation/field-checks";

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

/**
 * The Terraform lifecycle block for a data-holding resource under `policy`. Only {@link RemovalPolicy.DESTROY}
 * lifts the protection: a value that is not the enum (a JavaScript caller's `"DESTROY"`) keeps the resource
 * protected, and {@link checkRemovalPolicy} reports it.
 */
export function dataLifecycle(policy?: RemovalPolicy, ignoreChanges?: string[]): TerraformResourceLifecycle {
  return {
    preventDestroy: policy !== RemovalPolicy.DESTROY,
    ...(ignoreChanges && ignoreChanges.length > 0 ? { ignoreChanges } : {}),
  };
}

/** `value` must be unset or a {@link RemovalPolicy} member; anything else is an error, never a silent default. */
export function checkRemovalPolicy(check: FieldChecks, value: unknown): void {
  if (value === undefined || Object.values<unknown>(RemovalPolicy).includes(value)) return;
  check.fail(
    "removalPolicy",
    value,
    "must be RemovalPolicy.PROTECT or RemovalPolicy.DESTROY (the enum, not a string); the resource stays protected",
  );
}
