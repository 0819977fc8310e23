import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import type { FieldChecks } from "./field-checks";

// Props that name an alicloud provider. Resources only ever receive a real provider construct: anything else would
// break synthesis (or validation, which renders the resources) instead of being reported.

/** `value` when it is an {@link AlicloudProvider}, else `undefined` (the stack's default provider). */
export function providerOrDefault(value: unknown): AlicloudProvider | undefined {
  return value instanceof AlicloudProvider ? value : undefined;
}

/** `value` must be unset or an {@link AlicloudProvider} (a construct, not its configuration). */
export function checkProvider(check: FieldChecks, field: string, value: unknown, required = false): void {
  check.instanceOf(field, value, AlicloudProvider, "an AlicloudProvider construct", { required });
}

/** `value` when it is a list, else an empty list: constructors read lists before validation reports them. */
export function listOrEmpty<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}
