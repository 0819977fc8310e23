import { IConstruct } from "constructs";
import { isUnresolved } from "./field-checks";

// Names claimed per owner (a registry, a namespace...) and kind, so a second construct with the same name in the
// same scope fails validation even when its construct id differs.
const claims = new WeakMap<object, Map<string, IConstruct[]>>();

/**
 * Records that `claimant` uses `name` for a `kind` (e.g. "namespace name") inside `owner`, and returns a check
 * that reports a duplicate as a problem of `field`.
 * Unresolved tokens cannot be compared and are never duplicates.
 */
export function claimName(
  owner: unknown,
  kind: string,
  name: unknown,
  claimant: IConstruct,
  field = "name",
): () => string[] {
  // Bad names and owners are reported by the claimant's own checks; they cannot collide meaningfully.
  if (typeof name !== "string" || isUnresolved(name) || typeof owner !== "object" || owner === null) return () => [];
  let byName = claims.get(owner);
  if (!byName) claims.set(owner, (byName = new Map()));
  const key = `${kind}\u0000${name}`;
  const holders = byName.get(key) ?? [];
  holders.push(claimant);
  byName.set(key, holders);
  return () => {
    const others = holders.filter((h) => h !== claimant).map((h) => h.node.path);
    return others.length === 0
      ? []
      : [`${field} = "${name}": duplicate ${kind} in the same scope (also used by ${others.join(", ")})`];
  };
}

/** The constructs that claimed `name` for a `kind` inside `owner`, in the order they claimed it. */
export function claimantsOf(owner: object, kind: string, name: string): readonly IConstruct[] {
  return claims.get(owner)?.get(`${kind}\u0000${name}`) ?? [];
}
