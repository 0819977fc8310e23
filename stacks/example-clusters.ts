import { ClusterManifestDefinition } from "../charts/cluster-manifests";
import { enterpriseRegistryEntry, personalEditionEntry } from "../charts/credential-helper/config";
import { imageUpdaterRegistry } from "../charts/argocd-image-updater/registries-config";
import { RegistryFacts } from "../charts/registry-facts";

/**
 * Registry facts the example clusters need. `prod`'s instance id is only known after
 * `cdktf deploy prod-platform-cn-hangzhou --outputs-file outputs.json`; until then it is `undefined`.
 */
export interface ExampleRegistryFacts {
  readonly prod: RegistryFacts | undefined;
  readonly dev: RegistryFacts | undefined;
  /** The role the analytics cluster assumes in the registry account, and its session limit. */
  readonly analyticsAccess: Required<Pick<RegistryFacts, "assumeRoleArn" | "sessionDurationSeconds">>;
}

/**
 * The example's clusters (placeholders for real ones):
 * - `prod` (cn-hangzhou, same account as acme-prod): credential helper over the VPC domain for the business
 *   namespaces, Argo CD Image Updater following payments-api.
 * - `analytics` (cn-beijing, another account): pulls acme-prod across regions and accounts by assuming
 *   the role `CrossAccountPull` creates (expireDuration 3600 s, within the role's session limit).
 * - `dev` (cn-shanghai): the region's Personal Edition instance and the acme-dev Enterprise instance together,
 *   plus a pull-Secret wiring for a legacy namespace the helper does not watch.
 * A cluster whose registry facts are `undefined` is left out. The platform's fourth cluster, `batch`, has no
 * manifests here: its credential helper is ACK's managed add-on, declared in the prod stack (stacks/example-platform.ts).
 */
export function exampleClusters(facts: ExampleRegistryFacts): ClusterManifestDefinition[] {
  return [
    ...(facts.prod ? prodClusters(facts.prod, facts.analyticsAccess) : []),
    ...(facts.dev ? [devCluster(facts.dev)] : []),
  ];
}

function prodClusters(
  prod: RegistryFacts,
  analyticsAccess: ExampleRegistryFacts["analyticsAccess"],
): ClusterManifestDefinition[] {
  const clusters: ClusterManifestDefinition[] = [];
  clusters.push({
    name: "prod",
    regionId: "cn-hangzhou",
    credentialHelper: {
      registries: [enterpriseRegistryEntry(prod, { endpoints: "vpc" })],
      watchNamespaces: ["payments", "storefront", "platform"],
      serviceAccounts: ["default"],
      expiringThreshold: "15m",
    },
    imageUpdater: {
      registries: {
        registries: [
          imageUpdaterRegistry(prod, {
            name: "acme-prod",
            credentials: { kind: "pullsecret", namespace: "argocd", name: "acr-image-updater" },
            default: true,
          }),
        ],
      },
      resources: [
        {
          name: "payments",
          applicationRefs: [
            {
              namePattern: "payments-*",
              images: [
                {
                  alias: "api",
                  imageName: `${prod.vpcDomain}/payments/payments-api`,
                  updateStrategy: "semver",
                  allowTags: { regexp: "^v?[0-9]+\\.[0-9]+\\.[0-9]+$" },
                  ignoreTags: ["*-rc*"],
                  manifestTarget: { helm: { name: "image.repository", tag: "image.tag" } },
                },
              ],
            },
          ],
          writeBackConfig: {
            method: "git",
            gitCredentials: { namespace: "argocd", name: "git-write-back" },
            branch: "main",
            writeBackTarget: "helmvalues:values-prod.yaml",
          },
        },
      ],
    },
  });
  clusters.push({
    name: "analytics",
    regionId: "cn-beijing",
    credentialHelper: {
      registries: [
        enterpriseRegistryEntry({ ...prod, ...analyticsAccess }, { endpoints: "public", expireDurationSeconds: 3600 }),
      ],
      watchNamespaces: ["analytics"],
    },
  });
  return clusters;
}

function devCluster(dev: RegistryFacts): ClusterManifestDefinition {
  return {
    name: "dev",
    regionId: "cn-shanghai",
    credentialHelper: {
      registries: [personalEditionEntry({ regionId: "cn-shanghai" }), enterpriseRegistryEntry(dev)],
      watchNamespaces: ["sandbox", "experiments"],
      serviceAccounts: "*",
      webhook: { enable: true, failurePolicy: "Ignore", timeoutSeconds: 10 },
    },
    pullSecrets: [
      {
        secretName: "acr-pull",
        registryServer: dev.vpcDomain,
        namespaces: [{ namespace: "legacy", serviceAccounts: ["default", "batch"] }],
      },
    ],
  };
}
