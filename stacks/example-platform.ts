import { ChainStep, Repository, ScanScope } from "../constructs";
import { App } from "../constructs/engine";
import { BuiltPlatform, buildPlatform } from "./platform/build-platform";
import { PlatformDefinition } from "./platform/definition";

/**
 * The embedded example: prod and dev environments in two regions of the platform account, and an analytics cluster
 * in a second account that pulls prod images across accounts. Synthesizes with no network and no credentials.
 */
export const EXAMPLE_PLATFORM: PlatformDefinition = {
  name: "acme",
  owner: "platform-team",
  accounts: {
    // Deployed with the credentials in the environment.
    platform: { accountId: "1000000000000001" },
    // Reached by assuming a deploy role, for the analytics cluster's side of the cross-account pull.
    analytics: { accountId: "1000000000000002", deployRoleArn: "acs:ram::1000000000000002:role/terraform-deployer" },
  },
  guardrails: {
    // CI runners outside Alibaba Cloud push over the Internet endpoint, restricted to their egress ranges.
    allowInternetEndpoint: ["prod-platform-cn-hangzhou/ProdRegistry/InternetAccess"],
  },
  environments: [
    {
      name: "prod",
      registries: [
        {
          id: "ProdRegistry",
          account: "platform",
          region: "cn-hangzhou",
          instance: {
            kind: "new",
            instanceName: "acme-prod",
            edition: "Advanced",
            autoRenewMonths: 12,
            imageScanner: "ACR",
          },
          namespaces: [
            {
              name: "payments",
              repositories: ["payments-api", "payments-worker", "ledger"],
              replicateTo: [{ instanceId: "cri-acmedr0example", region: "cn-shanghai", namespace: "payments" }],
            },
            { name: "storefront", repositories: ["web", "checkout", "catalog-api"], keepLastTags: 30 },
            { name: "platform", repositories: ["base-node", "base-python", "ingress-gateway"] },
            { name: "mirrors", repositories: [{ name: "nginx", summary: "Docker Hub library/nginx mirror" }] },
          ],
          chartNamespaces: [{ name: "charts", repositories: ["platform-charts"] }],
          vpcLinks: [
            { vpcId: "vpc-bp1prodcluster01", vswitchId: "vsw-bp1prodzonea01" },
            { vpcId: "vpc-bp1prodcluster01", vswitchId: "vsw-bp1prodzoneb01" },
          ],
          vpcModules: ["Registry", "Chart"],
          internetAllowList: [
            { cidr: "203.0.113.0/28", description: "CI runner egress (NAT)" },
            { cidr: "198.51.100.7/32", description: "release bastion" },
            { cidr: "192.0.2.0/27", description: "analytics cluster egress (cn-beijing)" },
          ],
          // Supply chain: scan release tags, block payments-api images with high findings, mirror nginx.
          customize: (registry, namespaces) => {
            registry.addScanRule("ScanReleases", {
              ruleName: "scan-releases",
              scope: ScanScope.instance(),
              tagFilter: "^v.*",
            });
            const repository = (ns: string, name: string) => namespaces[ns].node.findChild(name) as Repository;
            namespaces.payments.addDeliveryChain("PaymentsApiRelease", {
              name: "payments-api-release",
              repository: repository("payments", "payments-api"),
              steps: [ChainStep.push(), ChainStep.scan({ severity: "HIGH" }), ChainStep.distribute()],
            });
            namespaces.mirrors.addUpstreamMirror("Nginx", {
              source: { namespace: "library", repository: "nginx" },
              repository: repository("mirrors", "nginx"),
            });
          },
        },
      ],
      clusters: [
        {
          name: "prod",
          account: "platform",
          region: "cn-hangzhou",
          workerRoleName: "KubernetesWorkerRole-prod0example",
          pullsFrom: ["ProdRegistry"],
        },
        {
          name: "analytics",
          account: "analytics",
          region: "cn-beijing",
          workerRoleName: "KubernetesWorkerRole-analytics0example",
          pullsFrom: ["ProdRegistry"],
          crossAccountSessionSeconds: 7200,
        },
      ],
      ciPrincipals: [
        {
          roleName: "ci-image-push",
          trustedPrincipalArns: ["acs:ram::1000000000000001:user/gitlab-runner"],
          pushTo: { registry: "ProdRegistry", namespaces: ["payments", "storefront"] },
        },
      ],
    },
    {
      name: "dev",
      registries: [
        {
          id: "DevRegistry",
          account: "platform",
          region: "cn-shanghai",
          instance: { kind: "existing", instanceId: "cri-acmedev0example", instanceName: "acme-dev" },
          namespaces: [
            {
              name: "sandbox",
              repositories: ["payments-api", "web", "experiments"].map((name) => ({ name, tagImmutability: false })),
            },
          ],
          vpcLinks: [{ vpcId: "vpc-uf6devcluster01", vswitchId: "vsw-uf6devzonea01" }],
        },
      ],
      clusters: [
        {
          name: "dev",
          account: "platform",
          region: "cn-shanghai",
          tokenMode: "managedRole",
          pullsFrom: ["DevRegistry"],
        },
      ],
    },
  ],
};

/** Builds the example platform's stacks in `app`. */
export function defineExamplePlatform(app: App): BuiltPlatform {
  return buildPlatform(app, EXAMPLE_PLATFORM);
}
