import { App } from "../constructs/engine";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import {
  ChainStep,
  CiPushPrincipal,
  ClusterPullAccess,
  CrossAccountPull,
  EnterpriseRegistry,
  IEnterpriseRegistry,
  Namespace,
  Repository,
  ScanScope,
} from "../constructs";
import { RegistryStack } from "./registry-stack";

/** What the example defines, for the cluster manifests and tests. */
export interface ExamplePlatform {
  readonly stacks: readonly RegistryStack[];
  readonly prodRegistry: IEnterpriseRegistry;
  readonly devRegistry: IEnterpriseRegistry;
  /** How the analytics cluster (another account) pulls from prod. */
  readonly analyticsPull: CrossAccountPull;
}

/** The example's accounts: the platform account owns the registries, analytics runs a cluster of its own. */
const PLATFORM_ACCOUNT = "1000000000000001";
const ANALYTICS_ACCOUNT = "1000000000000002";

/**
 * The embedded example: a new production Enterprise Edition instance in cn-hangzhou, and the development instance
 * that the team already owns in cn-shanghai, imported by its attributes. Synthesizes with no network and no
 * credentials.
 */
export function defineExamplePlatform(app: App): ExamplePlatform {
  const prod = new RegistryStack(app, "prod", { region: "cn-hangzhou" });
  const prodRegistry = new EnterpriseRegistry(prod, "ProdRegistry", {
    instanceName: "acme-prod",
    edition: "Advanced",
    paymentType: "Subscription",
    periodMonths: 12,
    autoRenewMonths: 12,
    imageScanner: "ACR",
    accountId: PLATFORM_ACCOUNT,
    tags: { environment: "prod", owner: "platform-team", "managed-by": "acr-platform" },
  });
  const services = {
    payments: ["payments-api", "payments-worker", "ledger"],
    storefront: ["web", "checkout", "catalog-api"],
    platform: ["base-node", "base-python", "ingress-gateway"],
  };
  const namespaces: Record<string, Namespace> = {};
  const repositories: Record<string, Repository> = {};
  for (const [namespace, names] of Object.entries(services)) {
    namespaces[namespace] = prodRegistry.addNamespace(namespace, { name: namespace });
    for (const name of names) {
      repositories[name] = namespaces[namespace].addRepository(name, { name, summary: `${namespace}/${name} images` });
    }
  }
  // Supply chain: scan every release tag, block payments-api images with high findings before distribution,
  // keep the last 30 storefront tags, replicate payments to the DR instance, mirror nginx from Docker Hub.
  prodRegistry.addScanRule("ScanReleases", {
    ruleName: "scan-releases",
    scope: ScanScope.instance(),
    tagFilter: "^v.*",
  });
  namespaces.payments.addDeliveryChain("PaymentsApiRelease", {
    name: "payments-api-release",
    repository: repositories["payments-api"],
    steps: [ChainStep.push(), ChainStep.scan({ severity: "HIGH" }), ChainStep.distribute()],
  });
  namespaces.storefront.addRetentionRule("KeepRecentTags", { keepLastTags: 30 });
  namespaces.payments.replicateTo("ToDisasterRecovery", {
    instanceId: "cri-acmedr0example",
    region: "cn-shanghai",
    namespace: "payments",
  });
  const mirrors = prodRegistry.addNamespace("mirrors", { name: "mirrors" });
  mirrors.addUpstreamMirror("Nginx", {
    source: { namespace: "library", repository: "nginx" },
    repository: mirrors.addRepository("nginx", { name: "nginx", summary: "Docker Hub library/nginx mirror" }),
  });
  prodRegistry
    .addChartNamespace("charts", { name: "charts" })
    .addRepository("platform-charts", { name: "platform-charts", summary: "Helm charts of the platform team" });
  // The prod cluster's VPC reaches images and charts privately; the Internet endpoint is open to CI only.
  prodRegistry.connectVpc("ProdClusterVpc", {
    links: [
      { vpcId: "vpc-bp1prodcluster01", vswitchId: "vsw-bp1prodzonea01" },
      { vpcId: "vpc-bp1prodcluster01", vswitchId: "vsw-bp1prodzoneb01" },
    ],
    modules: ["Registry", "Chart"],
  });
  prodRegistry.enablePublicEndpoint("CiRunners", {
    allowList: [
      { cidr: "203.0.113.0/28", description: "CI runner egress (NAT)" },
      { cidr: "198.51.100.7/32", description: "release bastion" },
    ],
  });
  prod.exportRegistry(prodRegistry);

  // Access. The prod cluster (same account) pulls with its worker role, narrowed to this instance.
  new ClusterPullAccess(prod, "ProdClusterPull", {
    registries: [prodRegistry],
    workerRoleName: "KubernetesWorkerRole-prod0example",
  });
  // The analytics cluster runs in another account: it assumes a role here that trusts only its worker role.
  const analyticsAccount = new AlicloudProvider(prod, "analytics", {
    alias: "analytics",
    region: "cn-beijing",
    assumeRole: { roleArn: `acs:ram::${ANALYTICS_ACCOUNT}:role/terraform-deployer`, sessionName: "acr-platform" },
  });
  const analyticsPull = new CrossAccountPull(prod, "AnalyticsPull", {
    registry: prodRegistry,
    registryAccountProvider: prod.provider,
    consumerAccountProvider: analyticsAccount,
    consumerAccountId: ANALYTICS_ACCOUNT,
    consumerRoleName: "KubernetesWorkerRole-analytics0example",
    roleName: "acr-puller-analytics",
    maxSessionDurationSeconds: 7200,
    namespaces: [namespaces.payments, namespaces.platform],
  });
  // CI builds and pushes payments and storefront images, assuming a role trusted by the runner's RAM user.
  new CiPushPrincipal(prod, "CiPush", {
    namespaces: [namespaces.payments, namespaces.storefront],
    role: { roleName: "ci-image-push", trustedPrincipalArns: [`acs:ram::${PLATFORM_ACCOUNT}:user/gitlab-runner`] },
  });

  const dev = new RegistryStack(app, "dev", { region: "cn-shanghai" });
  const devRegistry = EnterpriseRegistry.fromInstanceAttributes(dev, "DevRegistry", {
    instanceId: "cri-acmedev0example",
    instanceName: "acme-dev",
    region: "cn-shanghai",
    accountId: PLATFORM_ACCOUNT,
  });
  const sandbox = devRegistry.addNamespace("sandbox", { name: "sandbox" });
  for (const repository of ["payments-api", "web", "experiments"]) {
    sandbox.addRepository(repository, {
      name: repository,
      tagImmutability: false,
      summary: `dev build of ${repository}`,
    });
  }
  // The dev cluster's credential helper uses ACK's AliyunCSManagedAcrRole: checked at plan, no custom policy.
  new ClusterPullAccess(dev, "DevClusterPull", { registries: [devRegistry], tokenMode: "managedRole" });
  devRegistry.connectVpc("DevClusterVpc", {
    links: [{ vpcId: "vpc-uf6devcluster01", vswitchId: "vsw-uf6devzonea01" }],
  });
  dev.exportRegistry(devRegistry);

  return { stacks: [prod, dev], prodRegistry, devRegistry, analyticsPull };
}
