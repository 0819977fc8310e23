import {
  ChainStep,
  ChartNamespace,
  CiPushPrincipal,
  EnterpriseRegistry,
  Grantee,
  ManagedCredentialHelper,
  Namespace,
  PersonalNamespace,
  Repository,
  ScanScope,
} from "../constructs";
import { App, TerraformStack } from "../constructs/engine";
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
          customize: (registry, namespaces) => {
            const stack = TerraformStack.of(registry);
            const repository = (ns: string, name: string) => namespaces[ns].repository(name);
            // Supply chain: scan release tags, block payments-api images with high findings, mirror nginx.
            registry.addScanRule("ScanReleases", {
              ruleName: "scan-releases",
              scope: ScanScope.instance(),
              tagFilter: "^v.*",
            });
            namespaces.payments.addDeliveryChain("PaymentsApiRelease", {
              name: "payments-api-release",
              repository: repository("payments", "payments-api"),
              steps: [ChainStep.push(), ChainStep.scan({ severity: "HIGH" }), ChainStep.distribute()],
            });
            namespaces.mirrors.addUpstreamMirror("Nginx", {
              source: { namespace: "library", repository: "nginx" },
              repository: repository("mirrors", "nginx"),
            });
            // Checkout must survive a region outage on its own schedule: release tags only, one repository.
            registry.replicateTo(
              "CheckoutDr",
              {
                instanceId: "cri-acmedr0example",
                region: "cn-shanghai",
                namespace: "storefront",
                repository: "checkout",
              },
              { namespace: namespaces.storefront, repository: repository("storefront", "checkout"), tagFilter: "^v.*" },
            );
            // The prod cluster also installs the platform's Helm charts: the statements join its worker role's
            // pull policy (ClusterPullAccess below), one policy for the role.
            ChartNamespace.fromChartNamespaceName(stack, "PlatformCharts", registry, "charts")
              .repository("platform-charts")
              .grantPull(Grantee.fromRoleName(stack, "ProdWorkerCharts", "KubernetesWorkerRole-prod0example"));
            // The base-image build runs on a legacy runner as a RAM user.
            new CiPushPrincipal(stack, "BaseImageCi", {
              namespaces: [namespaces.platform],
              user: { userName: "base-image-ci" },
            });
            // The batch cluster runs ACK's managed credential helper (tokenMode "managedRole" below). Unpinned, so
            // ACK keeps it current; pinning `version` adds the plan-time check of its config keys.
            new ManagedCredentialHelper(stack, "BatchCredentialHelper", {
              clusterId: "c5e1f0a2b3c4d5e6f7a8b9c0d1e2f3a4b",
              clusterRegionId: "cn-hangzhou",
              registries: [{ instanceId: registry.instanceId, regionId: registry.region }],
              watchNamespaces: ["payments"],
              serviceAccounts: ["reconciliation"],
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
        {
          // Nightly ledger reconciliation; its in-cluster side is the managed add-on in customize above.
          name: "batch",
          account: "platform",
          region: "cn-hangzhou",
          tokenMode: "managedRole",
          pullsFrom: ["ProdRegistry"],
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
          customize: (registry, namespaces) => {
            const stack = TerraformStack.of(registry);
            // Developers pull and push the whole sandbox; the external penetration test reads one image only.
            namespaces.sandbox.grantPullPush(Grantee.fromGroupName(stack, "Developers", "developers"));
            namespaces.sandbox
              .repository("payments-api")
              .grantPull(Grantee.fromUserName(stack, "PenTest", "payments-pentest"));
            // Sandbox images are throwaway: keep the newest 20 tags of every repository of the instance.
            registry.addRetentionRule("SandboxRetention", { keepLastTags: 20 });
            // Build tools still on the region's Personal Edition registry (read by the dev cluster's helper).
            new PersonalNamespace(stack, "LegacyTools", { name: "acme-legacy" }).addRepository("BuildTools", {
              name: "build-tools",
              summary: "CI build tool images, moving to acme-dev",
            });
            // DR drills run from dev: they pull the replicas in the DR instance, which the SRE team runs and which
            // this code knows only by id (name and region are read at plan time).
            const dr = EnterpriseRegistry.fromInstanceId(stack, "DrRegistry", "cri-acmedr0example");
            const drDrill = Grantee.fromRoleName(stack, "DrDrill", "dr-drill-runner");
            dr.grantPull(drDrill);
            // The drill checks the checkout replica's metadata too: a typed reference to a repository of that
            // instance, and a grant of exactly the action asked for (into the same policy as the pull).
            const drStorefront = Namespace.fromNamespaceName(stack, "DrStorefront", dr, "storefront");
            Repository.fromRepositoryName(stack, "DrCheckout", { namespace: drStorefront, name: "checkout" }).grant(
              drDrill,
              "cr:GetRepository",
            );
          },
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
