import { IConstruct } from "constructs";
import { DataAlicloudAccount } from "../../.gen/providers/alicloud/data-alicloud-account";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { TerraformStack } from "../engine";

/**
 * The account UID of `provider` (or of the stack's default provider), read once per stack and provider with the
 * `alicloud_account` data source; ARNs built from it resolve at plan time.
 */
export function accountIdOf(scope: IConstruct, provider?: AlicloudProvider): string {
  const stack = TerraformStack.of(scope);
  const id = `AccountId${provider?.alias ? `-${provider.alias}` : ""}`;
  const existing = stack.node.tryFindChild(id);
  const lookup = existing instanceof DataAlicloudAccount ? existing : new DataAlicloudAccount(stack, id, { provider });
  return lookup.id;
}
