import { IConstruct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { TerraformStack, Token } from "../engine";

/** Registry hostnames of an Enterprise Edition instance (format: ../../README.md#registry-endpoints). */
export interface RegistryDomains {
  /** Internet endpoint, `<instanceName>-registry.<region>.cr.aliyuncs.com`. */
  readonly publicDomain: string;
  /** VPC endpoint, `<instanceName>-registry-vpc.<region>.cr.aliyuncs.com`. */
  readonly vpcDomain: string;
}

/** The public and VPC domains of the Enterprise Edition instance `instanceName` in `region` (tokens allowed). */
export function enterpriseDomains(instanceName: string, region: string): RegistryDomains {
  return {
    publicDomain: `${instanceName}-registry.${region}.cr.aliyuncs.com`,
    vpcDomain: `${instanceName}-registry-vpc.${region}.cr.aliyuncs.com`,
  };
}

/**
 * The region of the stack's default (un-aliased) alicloud provider when it is a literal, so registry facts such
 * as domains stay concrete for the Kubernetes charts; `undefined` when the region is only known at plan time.
 */
export function literalProviderRegion(scope: IConstruct, provider?: AlicloudProvider): string | undefined {
  const candidates = provider
    ? [provider]
    : TerraformStack.of(scope).node.children.filter(
        (c): c is AlicloudProvider => c instanceof AlicloudProvider && !c.alias,
      );
  const region = candidates.length === 1 ? candidates[0].region : undefined;
  return region !== undefined && !Token.isUnresolved(region) ? region : undefined;
}
