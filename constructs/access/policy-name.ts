import { createHash } from "node:crypto";

/**
 * A RAM custom policy name (1-128 letters, digits and hyphens, unique per account): `acr-<purpose>-<readable>`
 * from the given parts, plus a hash of `uniqueKey` (usually a construct path) so names are stable across synths
 * and distinct per construct even when the readable part is cut.
 */
export function customPolicyName(purpose: string, readableParts: readonly string[], uniqueKey: string): string {
  const hash = createHash("sha256").update(uniqueKey).digest("hex").slice(0, 8);
  const readable = readableParts
    .join("-")
    .replace(/[^A-Za-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  return `acr-${purpose}-${readable}`.slice(0, 128 - hash.length - 1) + `-${hash}`;
}
