import { PlatformRule } from "./rule";
import { CONTAINER_TYPES } from "./vocabulary";

/** An instance or namespace without `prevent_destroy`: one plan could delete every repository in it. */
export const UNPROTECTED_DATA: PlatformRule = {
  id: "unprotected-data",
  severity: "error",
  description: "an instance or namespace without lifecycle.prevent_destroy: true",
  resourceTypes: CONTAINER_TYPES,
  exception: "allowDestroy",
  inPlan: false,
  check: ({ type, body }) => (isProtected(body) ? [] : [unprotectedMessage(type)]),
  examples: {
    passing: { type: "alicloud_cr_ee_namespace", body: { name: "team", lifecycle: { prevent_destroy: true } } },
    failing: { type: "alicloud_cr_ee_namespace", body: { name: "team" } },
  },
};

/** Whether a body carries `lifecycle.prevent_destroy: true`. */
export function isProtected(body: { readonly [key: string]: unknown }): boolean {
  const lifecycle = body.lifecycle as { prevent_destroy?: unknown } | undefined;
  return typeof lifecycle === "object" && lifecycle !== null && lifecycle.prevent_destroy === true;
}

/** The finding of an unprotected data-holding resource. */
export function unprotectedMessage(type: string): string {
  return `lifecycle.prevent_destroy is not set: ${type} holds images and could be deleted`;
}
