import type { Construct, IConstruct } from "constructs";
import { claimantsOf } from "../validation/unique-names";

/**
 * What a lookup by name in a namespace returns: the construct of class `type` that claimed `name` as a `kind` in
 * `owner` (declared in code), else the reference to it below `owner`, made once by `reference(id)` and returned
 * again for the same name.
 */
export function declaredOrReference<T extends IConstruct>(
  owner: Construct,
  kind: string,
  name: string,
  type: abstract new (...args: never[]) => T,
  reference: (id: string) => T,
): T {
  const declared = claimantsOf(owner, kind, name).find((c): c is T => c instanceof type);
  if (declared) return declared;
  const id = `Ref-${name}`;
  const existing = owner.node.tryFindChild(id);
  return existing instanceof type ? existing : reference(id);
}
