import { ClusterManifestDefinition } from "../charts/cluster-manifests";
import { enterpriseRegistryEntry, personalEditionEntry } from "../charts/credential-helper/config";
import { imageUpdaterRegistry } from "../charts/argocd-image-updater/registries-config";
import { RegistryFacts } from "../charts/registry-facts";

/** Registry facts the example clusters need; `prod`'s instance id is only known after `cdktf deploy prod --outputs-file`. */
export interface ExampleRegistryFacts {
  readonly prod: RegistryFacts;
  readonly dev: RegistryFacts;
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
 */
export function exampleClusters(facts: ExampleRegistryFacts): ClusterManifestDefinition[] {
  const clusters: ClusterManifestDefinition[] = [];
  const prod = facts.prod;
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
        enterpriseRegistryEntry(
          { ...prod, ...facts.analyticsAccess },
          { endpoints: "public", expireDurationSeconds: 3600 },
        ),
      ],
      watchNamespaces: ["analytics"],
    },
  });
  clusters.push({
    name: "dev",
    regionId: "cn-shanghai",
    credentialHelper: {
      registries: [personalEditionEntry({ regionId: "cn-shanghai" }), enterpriseRegistryEntry(facts.dev)],
      watchNamespaces: ["sandbox", "experiments"],
      serviceAccounts: "*",
      webhook: { enable: true, failurePolicy: "Ignore", timeoutSeconds: 10 },
    },
    pullSecrets: [
      {
        secretName: "acr-pull",
        registryServer: facts.dev.vpcDomain,
        namespaces: [{ namespace: "legacy", serviceAccounts: ["default", "batch"] }],
      },
    ],
  });
  return clusters;
}
