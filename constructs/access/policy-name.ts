import { createHash } from "node:crypto";

/**
 * The name of the `index`-th default policy (from 1) of an identity: `acr-<kind>-<name>[-<index>]-<hash>`, 1-128
 * letters, digits and hyphens as RAM requires. The name is ForceNew, so it is built from what names the identity
 * in the cloud, never from construct ids: renaming or moving constructs keeps the policy. `uniqueKey` (the stack
 * and account the policy is created for, plus the identity) goes into the hash only, so that two stacks granting to
 * one identity in one account get distinct names (custom policy names are unique per account).
 */
export function granteePolicyName(readableName: string, index: number, uniqueKey: string): string {
  const hash = createHash("sha256").update(`${uniqueKey}\u0000${index}`).digest("hex").slice(0, 8);
  const readable = `acr-${readableName}${index > 1 ? `-${index}` : ""}`
    .replace(/[^A-Za-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/-$/, "");
  return `${readable.slice(0, 128 - hash.length - 1)}-${hash}`;
}
