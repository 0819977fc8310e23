import {
  enterpriseRegistryEntry,
  MANAGED_CONFIG_KEYS,
  personalEditionEntry,
  renderManagedAddonConfig,
} from "../../charts";
import { EnterpriseRegistry } from "../../constructs";
import { ManagedCredentialHelper, MANAGED_CREDENTIAL_HELPER_ADDON } from "../../constructs/cluster";
import { onlyResource, problemsOf, synthJson, testStack, warningsOf } from "../support/synth";
import { OIDC_PROVIDER, OWNER_ROLE, PROD, RRSA_ROLE } from "../charts/support";

const ADDON = "alicloud_cs_kubernetes_addon";

describe("ManagedCredentialHelper", () => {
  test("same account: only the confirmed keys, with defaults; console-label keys left empty as the docs say", () => {
    const { app, stack } = testStack();
    new ManagedCredentialHelper(stack, "AcrHelper", {
      clusterId: "c0123456789abcdef",
      clusterRegionId: "cn-hangzhou",
      registries: [enterpriseRegistryEntry(PROD, { endpoints: "vpc" })],
      watchNamespaces: ["payments"],
    });
    expect(problemsOf(app)).toEqual([]);
    const addon = onlyResource(synthJson(stack), ADDON);
    expect(addon).toMatchObject({ name: MANAGED_CREDENTIAL_HELPER_ADDON, cluster_id: "c0123456789abcdef" });
    expect(MANAGED_CREDENTIAL_HELPER_ADDON).toBe("managed-aliyun-acr-credential-helper");
    const config = addon.config as string;
    expect(config).toBe(
      JSON.stringify({
        AcrInstanceInfo: [{ instanceId: PROD.instanceId, regionId: "cn-hangzhou" }],
        enableRRSA: false,
        expiringThreshold: "15m",
        serviceAccount: "default",
        watchNamespace: "payments",
      }),
    );
    expect(Object.keys(JSON.parse(config))).toEqual([...MANAGED_CONFIG_KEYS]);
  });

  test("an empty registry list is refused (it would clear AcrInstanceInfo)", () => {
    expect(() => renderManagedAddonConfig({ clusterRegionId: "cn-hangzhou", registries: [] })).toThrow(
      /managed credential helper: 1 configuration problem\(s\):\n {2}registries = \[\]: must list at least one instance/,
    );
  });

  test("RRSA cross-account, Personal + Enterprise, all namespaces: rendered as a real JSON array", () => {
    const config = renderManagedAddonConfig({
      clusterRegionId: "cn-beijing",
      registries: [
        personalEditionEntry({ regionId: "cn-beijing" }),
        enterpriseRegistryEntry({
          ...PROD,
          assumeRoleArn: OWNER_ROLE,
          rrsaRoleArn: RRSA_ROLE,
          rrsaOidcProviderRoleArn: OIDC_PROVIDER,
        }),
      ],
      rrsa: true,
      watchAllNamespaces: true,
      serviceAccounts: "*",
      notifyEmail: "platform@example.com",
    });
    expect(config.enableRRSA).toBe(true);
    expect(config.watchNamespace).toBe("all");
    expect(config.serviceAccount).toBe("*");
    expect(config.notifyEmail).toBe("platform@example.com");
    expect(config.AcrInstanceInfo).toEqual([
      { instanceId: "", regionId: "cn-beijing" },
      {
        instanceId: PROD.instanceId,
        regionId: "cn-hangzhou",
        domains: expect.stringContaining(PROD.publicDomain),
        assumeRoleARN: OWNER_ROLE,
        expireDuration: 3600,
        rrsaRoleARN: RRSA_ROLE,
        rrsaOIDCProviderRoleARN: OIDC_PROVIDER,
      },
    ]);
  });

  test("managed-edition limits: cross-account needs RRSA; webhook and acr-api-version are self-managed only", () => {
    const { app, stack } = testStack();
    new ManagedCredentialHelper(stack, "AcrHelper", {
      clusterId: "c1",
      clusterRegionId: "cn-hangzhou",
      registries: [enterpriseRegistryEntry({ ...PROD, assumeRoleArn: OWNER_ROLE })],
      webhook: { enable: true },
      acrApiVersion: "2018-12-01",
      watchAllNamespaces: true,
    });
    expect(problemsOf(app)).toEqual([
      '[test/AcrHelper] registries[0].assumeRoleArn = "acs:ram::1000000000000001:role/acr-puller": the managed edition pulls across accounts with RRSA only: also set rrsaRoleArn and rrsaOidcProviderRoleArn',
      '[test/AcrHelper] webhook = {"enable":true}: is self-managed only; for the managed edition install the add-on acr-credential-helper-webhook',
      '[test/AcrHelper] acrApiVersion = "2018-12-01": is self-managed only (acr-api-version)',
    ]);
    expect(warningsOf(app)).toEqual([expect.stringMatching(/^\[test\/AcrHelper\] watchAllNamespaces: /)]);
    expect(onlyResource(synthJson(stack), ADDON)).not.toHaveProperty("config");
  });

  test("a new instance in the same stack: its id token is resolved by Terraform inside the JSON string", () => {
    const { app, stack } = testStack("cn-hangzhou");
    const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme-prod", edition: "Basic" });
    new ManagedCredentialHelper(stack, "AcrHelper", {
      clusterId: "c1",
      clusterRegionId: "cn-hangzhou",
      registries: [{ instanceId: registry.instanceId, regionId: registry.region, domains: [registry.vpcDomain] }],
    });
    expect(problemsOf(app)).toEqual([]);
    const config = onlyResource(synthJson(stack), ADDON).config as string;
    expect(config).toContain('"instanceId":"${alicloud_cr_ee_instance.Registry_');
    expect(JSON.parse(config.replace(/\$\{[^}]+\}/g, "ID")).AcrInstanceInfo).toEqual([
      { instanceId: "ID", regionId: "cn-hangzhou" },
    ]);
  });
});
