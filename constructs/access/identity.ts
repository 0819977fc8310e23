import type { IConstruct } from "constructs";
import { TerraformStack } from "../engine";
import { isUnresolved } from "../validation/field-checks";
import type { IGrantee } from "./grantee";

/**
 * One RAM identity as this code sees it: a kind and a name in one account (the provider of one stack). Several
 * grantee constructs may stand for it (`Grantee.fromRoleName` twice, or in two constructs); RAM's limits count per
 * identity, so the custom policies this code attaches are tallied here, whichever construct attached them.
 */
export interface IdentityRecord {
  /** The first grantee construct seen for the identity; its default policies live below it. */
  readonly grantee: IGrantee;
  /** The identity's name in RAM, or the grantee's construct path when the name is a token. */
  readonly name: string;
  /** `role "ci-builder"` (with ` in account alicloud.<alias>` for an aliased provider), for messages. */
  readonly label: string;
  /** Construct paths of every custom-policy attachment made to the identity, in the order they were made. */
  readonly attachments: string[];
}

const records = new WeakMap<IConstruct, Map<string, IdentityRecord>>();

/**
 * The record of `grantee`'s identity. A name that is a token cannot be compared with others, so such a grantee is
 * an identity of its own.
 */
export function identityOf(grantee: IGrantee): IdentityRecord {
  const stack = TerraformStack.of(grantee);
  let byKey = records.get(stack);
  if (!byKey) records.set(stack, (byKey = new Map()));
  const alias = grantee.provider?.alias;
  const name = isUnresolved(grantee.granteeName) ? grantee.node.path : grantee.granteeName;
  const key = `${alias ?? ""}\u0000${grantee.granteeKind}\u0000${isUnresolved(grantee.granteeName)}\u0000${name}`;
  let record = byKey.get(key);
  if (!record) {
    const label = `${grantee.granteeKind} "${name}"${alias ? ` in account alicloud.${alias}` : ""}`;
    byKey.set(key, (record = { grantee, name, label, attachments: [] }));
  }
  return record;
}

/** Records that `path` attaches a custom policy to `grantee`'s identity. */
export function recordAttachment(grantee: IGrantee, path: string): void {
  identityOf(grantee).attachments.push(path);
}
