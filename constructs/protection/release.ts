import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "../engine";

const RELEASES_ID = "ProtectionReleases";

// Holds a stack's release list; a construct so that it lives and dies with the stack it belongs to.
class ProtectionReleases extends Construct {
  public readonly entries: string[] = [];
}

/**
 * Lets protected resources that were removed from `stack`'s code really be deleted: for each, synthesis then emits no
 * `removed` block, so the next plan deletes it (and `npm run plan-review` reports the data loss unless allowed).
 * Without a release, a protected resource removed from the code stays in the cloud and leaves Terraform management.
 *
 * @param entries the resources, each by construct path (`<stack>/<path>` or the path below the stack, as the
 *   protection record lists it) or by Terraform address (`alicloud_cr_ee_repo.<name>`). An entry that names nothing
 *   removed from the code (still in the code, or not in the record) is reported as a problem.
 */
export function releaseProtected(stack: TerraformStack, ...entries: string[]): void {
  const holder =
    (stack.node.tryFindChild(RELEASES_ID) as ProtectionReleases | undefined) ??
    new ProtectionReleases(stack, RELEASES_ID);
  holder.entries.push(...entries);
}

/** The release entries of `stack`. */
export function releasesOf(stack: IConstruct): readonly string[] {
  return (stack.node.tryFindChild(RELEASES_ID) as ProtectionReleases | undefined)?.entries ?? [];
}
