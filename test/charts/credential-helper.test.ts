import { App, Chart } from "cdk8s";
import { parse } from "yaml";
import {
  AcrConfiguration,
  ACR_CONFIGURATION,
  CredentialHelperConfig,
  enterpriseRegistryEntry,
  personalEditionEntry,
  renderAcrConfigurationData,
  validateCredentialHelperConfig,
} from "../../charts";
import { collectChartProblems, collectChartWarnings } from "../../charts/chart-support";
import { DEV, OIDC_PROVIDER, OWNER_ROLE, PROD, RRSA_ROLE } from "./support";

interface Rendered {
  problems: string[];
  warnings: string[];
  data: Record<string, string>;
  metadata: { name: string; namespace: string };
}

function render(config: CredentialHelperConfig): Rendered {
  const app = new App({ outdir: "unused" });
  const chart = new Chart(app, "cluster");
  new AcrConfiguration(chart, "AcrConfiguration", config);
  const found = collectChartProblems(app);
  // cdk8s validates in toJson(): a chart with problems cannot be serialized at all.
  if (found.length > 0) expect(() => chart.toJson()).toThrow(/Validation failed/);
  const [object] = found.length > 0 ? [{ data: {}, metadata: {} }] : chart.toJson();
  return { problems: found, warnings: collectChartWarnings(app), data: object.data, metadata: object.metadata };
}

function problems(config: CredentialHelperConfig): string[] {
  return validateCredentialHelperConfig(config, "self-managed").problems;
}

/** The `acr-registry-info` string parsed as YAML: must be a list of entries. */
function registryInfo(data: Record<string, string>): Record<string, unknown>[] {
  const parsed = parse(data["acr-registry-info"]);
  expect(Array.isArray(parsed)).toBe(true);
  return parsed;
}

describe("AcrConfiguration (self-managed credential helper)", () => {
  test("scenario 1, same account: exact name, every data value a string, entry with id, region and domains", () => {
    const {
      problems: found,
      data,
      metadata,
    } = render({
      clusterRegionId: "cn-hangzhou",
      registries: [enterpriseRegistryEntry(PROD)],
      watchNamespaces: ["payments", "storefront"],
    });
    expect(found).toEqual([]);
    expect(metadata).toMatchObject({ name: "acr-configuration", namespace: "kube-system" });
    expect(ACR_CONFIGURATION).toEqual({ name: "acr-configuration", namespace: "kube-system" });
    expect(Object.keys(data)).toEqual([
      "acr-registry-info",
      "expiring-threshold",
      "service-account",
      "watch-namespace",
    ]);
    for (const value of Object.values(data)) expect(typeof value).toBe("string");
    expect(data["service-account"]).toBe("default");
    expect(data["watch-namespace"]).toBe("payments,storefront");
    expect(data["expiring-threshold"]).toBe("15m");
    expect(registryInfo(data)).toEqual([
      {
        instanceId: "cri-prod0example",
        regionId: "cn-hangzhou",
        domains: "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com,acme-prod-registry.cn-hangzhou.cr.aliyuncs.com",
      },
    ]);
  });

  test("scenario 2, instance in another region: regionId is written, and required when domains say so", () => {
    const { problems: found, data } = render({
      clusterRegionId: "cn-beijing",
      registries: [enterpriseRegistryEntry(PROD, { endpoints: "vpc" })],
    });
    expect(found).toEqual([]);
    expect(registryInfo(data)[0]).toEqual({
      instanceId: "cri-prod0example",
      regionId: "cn-hangzhou",
      domains: "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com",
    });
    expect(
      problems({
        clusterRegionId: "cn-beijing",
        registries: [{ instanceId: PROD.instanceId, domains: [PROD.vpcDomain] }],
      }),
    ).toEqual([
      "registries[0].regionId = (not set): is required: the instance is in cn-hangzhou, the cluster in cn-beijing",
    ]);
    // Without regionId and without domains the instance is taken to be in the cluster's region: valid.
    expect(problems({ clusterRegionId: "cn-beijing", registries: [{ instanceId: PROD.instanceId }] })).toEqual([]);
  });

  test("scenario 3, cross-account: assumeRoleARN and expireDuration, checked against the role's session limit", () => {
    const facts = { ...PROD, assumeRoleArn: OWNER_ROLE, sessionDurationSeconds: 7200 };
    const { problems: found, data } = render({
      clusterRegionId: "cn-hangzhou",
      registries: [enterpriseRegistryEntry(facts, { endpoints: "public" })],
    });
    expect(found).toEqual([]);
    expect(registryInfo(data)).toEqual([
      {
        instanceId: "cri-prod0example",
        regionId: "cn-hangzhou",
        domains: "acme-prod-registry.cn-hangzhou.cr.aliyuncs.com",
        assumeRoleARN: OWNER_ROLE,
        expireDuration: 3600,
      },
    ]);
    expect(
      problems({
        clusterRegionId: "cn-hangzhou",
        registries: [enterpriseRegistryEntry(facts, { expireDurationSeconds: 10800 })],
      }),
    ).toEqual([
      "registries[0].expireDurationSeconds = 10800: must not exceed the assumed role's maximum session duration (7200 s)",
    ]);
    expect(
      problems({
        clusterRegionId: "cn-hangzhou",
        registries: [
          { instanceId: "cri-a1", expireDurationSeconds: 3600 },
          { instanceId: "cri-a2", assumeRoleArn: OWNER_ROLE, expireDurationSeconds: 600 },
          { instanceId: "cri-a3", assumeRoleArn: "acs:ram::123:role/x", maxSessionDurationSeconds: 60000 },
        ],
      }),
    ).toEqual([
      "registries[0].expireDurationSeconds = 3600: applies only to cross-account entries (assumeRoleArn)",
      "registries[1].expireDurationSeconds = 600: must be an integer from 900 to 43200",
      'registries[2].assumeRoleArn = "acs:ram::123:role/x": must be a RAM role ARN acs:ram::<16-digit account uid>:role/<roleName>',
      "registries[2].maxSessionDurationSeconds = 60000: must be an integer from 3600 to 43200",
    ]);
  });

  test('scenario 4, Personal Edition (instanceId "") and Enterprise Edition instances together', () => {
    const { problems: found, data } = render({
      clusterRegionId: "cn-shanghai",
      registries: [personalEditionEntry({ regionId: "cn-shanghai" }), enterpriseRegistryEntry(DEV)],
      serviceAccounts: "*",
      watchNamespaces: ["sandbox"],
    });
    expect(found).toEqual([]);
    const entries = registryInfo(data);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({
      instanceId: "",
      regionId: "cn-shanghai",
      domains: "registry.cn-shanghai.aliyuncs.com,registry-vpc.cn-shanghai.aliyuncs.com",
    });
    expect(entries[1]).toMatchObject({ instanceId: "cri-acmedev0example", regionId: "cn-shanghai" });
    expect(data["service-account"]).toBe("*");
    expect(data["acr-registry-info"]).toContain('instanceId: ""');
    const intl = personalEditionEntry({ regionId: "ap-southeast-1", international: true });
    expect(intl.domains).toEqual([
      "registry-intl.ap-southeast-1.aliyuncs.com",
      "registry-intl-vpc.ap-southeast-1.aliyuncs.com",
    ]);
    expect(problems({ clusterRegionId: "ap-southeast-1", registries: [intl] })).toEqual([]);
  });

  test("RRSA: the rrsa key is a YAML string, entries carry both ARNs of the cluster's account", () => {
    const facts = {
      ...PROD,
      assumeRoleArn: OWNER_ROLE,
      rrsaRoleArn: RRSA_ROLE,
      rrsaOidcProviderRoleArn: OIDC_PROVIDER,
    };
    const { problems: found, data } = render({
      clusterRegionId: "cn-hangzhou",
      registries: [enterpriseRegistryEntry(facts)],
      rrsa: true,
    });
    expect(found).toEqual([]);
    expect(parse(data.rrsa)).toEqual({ enable: true });
    expect(registryInfo(data)[0]).toMatchObject({
      assumeRoleARN: OWNER_ROLE,
      rrsaRoleARN: RRSA_ROLE,
      rrsaOIDCProviderRoleARN: OIDC_PROVIDER,
    });
    expect(
      problems({
        clusterRegionId: "cn-hangzhou",
        registries: [
          { instanceId: "cri-a1", rrsaRoleArn: RRSA_ROLE },
          {
            instanceId: "cri-a2",
            rrsaRoleArn: "acs:ram::3000000000000003:role/other",
            rrsaOidcProviderRoleArn: OIDC_PROVIDER,
          },
          { instanceId: "cri-a3", rrsaRoleArn: RRSA_ROLE, rrsaOidcProviderRoleArn: "acs:ram::2000000000000002:role/x" },
        ],
      }),
    ).toEqual([
      "registries[0].rrsaOidcProviderRoleArn = (not set): rrsaRoleArn and rrsaOidcProviderRoleArn are set together (RRSA needs both)",
      "registries[1].rrsaRoleArn = \"acs:ram::3000000000000003:role/other\": must be a role of the cluster's account 2000000000000002 (the OIDC provider's)",
      'registries[2].rrsaOidcProviderRoleArn = "acs:ram::2000000000000002:role/x": must be the cluster\'s RRSA OIDC provider ARN acs:ram::<16-digit account uid>:oidc-provider/ack-rrsa-<clusterId>',
      "rrsa = (not set): must be true when an entry sets rrsaRoleArn (RRSA is off otherwise)",
    ]);
  });

  test("access-key mode is refused without echoing the key or the secret", () => {
    const found = problems({
      clusterRegionId: "cn-hangzhou",
      registries: [
        {
          instanceId: "cri-a1",
          customAccessKey: "example-access-key-id",
          customAccessKeySecret: "example-access-key-secret",
        },
      ],
    });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(
      /^registries\[0\]\.customAccessKey = "<redacted>": access-key mode is refused: .*use RRSA/,
    );
    expect(found.join("\n")).not.toMatch(/example-access-key-id|example-access-key-secret/);
    const { data } = render({
      clusterRegionId: "cn-hangzhou",
      registries: [{ instanceId: "cri-a1", customAccessKeySecret: "example-access-key-secret" }],
    });
    expect(JSON.stringify(data)).not.toContain("example-access-key-secret");
  });

  test("namespaces: 'all' only by explicit choice, with a warning; names are DNS labels", () => {
    const all = render({
      clusterRegionId: "cn-hangzhou",
      registries: [enterpriseRegistryEntry(PROD)],
      watchAllNamespaces: true,
    });
    expect(all.problems).toEqual([]);
    expect(all.data["watch-namespace"]).toBe("all");
    expect(all.warnings).toEqual([
      expect.stringMatching(/watchAllNamespaces: .*Alibaba advises listing business namespaces only/),
    ]);
    expect(
      problems({
        clusterRegionId: "cn-hangzhou",
        registries: [enterpriseRegistryEntry(PROD)],
        watchNamespaces: ["all", "Payments", "payments", "payments"],
        serviceAccounts: ["default", "*", "Bad_Name"],
      }),
    ).toEqual([
      'serviceAccounts[1] = "*": use serviceAccounts: "*" alone for every account',
      "serviceAccounts[2] = \"Bad_Name\": must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', alphanumeric at both ends",
      'watchNamespaces[0] = "all": use watchAllNamespaces: true to watch every namespace',
      "watchNamespaces[1] = \"Payments\": must be a DNS-1123 label: 1-63 lowercase letters, digits and '-', starting and ending alphanumeric",
      'watchNamespaces = "payments": duplicate namespace',
    ]);
    expect(
      problems({
        clusterRegionId: "cn-hangzhou",
        registries: [enterpriseRegistryEntry(PROD)],
        watchAllNamespaces: true,
        watchNamespaces: ["a"],
      }),
    ).toEqual(['watchNamespaces = ["a"]: conflicts with watchAllNamespaces: true; set one of them']);
    const system = validateCredentialHelperConfig(
      { clusterRegionId: "cn-hangzhou", registries: [enterpriseRegistryEntry(PROD)], watchNamespaces: ["kube-system"] },
      "self-managed",
    );
    expect(system.warnings).toEqual([expect.stringContaining("kube-system is a system namespace")]);
  });

  test("webhook-configuration, acr-api-version and notify-email", () => {
    const {
      problems: found,
      warnings,
      data,
    } = render({
      clusterRegionId: "cn-hangzhou",
      registries: [enterpriseRegistryEntry(PROD)],
      webhook: { failurePolicy: "Fail", timeoutSeconds: 5 },
      acrApiVersion: "2018-12-01",
      notifyEmail: "platform@example.com",
    });
    expect(found).toEqual([]);
    expect(parse(data["webhook-configuration"])).toEqual({
      enable: true,
      "failure-policy": "Fail",
      "timeout-seconds": 5,
    });
    expect(data["acr-api-version"]).toBe("2018-12-01");
    expect(data["notify-email"]).toBe("platform@example.com");
    expect(warnings).toEqual([expect.stringContaining("failurePolicy Fail can block ServiceAccount creation")]);
    expect(
      problems({
        clusterRegionId: "cn-hangzhou",
        registries: [enterpriseRegistryEntry(PROD)],
        webhook: { failurePolicy: "Retry" as "Fail", timeoutSeconds: 60 },
        acrApiVersion: "v2",
        notifyEmail: "a@b",
      }),
    ).toEqual([
      'notifyEmail = "a@b": must be one e-mail address',
      'webhook.failurePolicy = "Retry": must be Ignore or Fail',
      "webhook.timeoutSeconds = 60: must be an integer from 1 to 30",
      'acrApiVersion = "v2": must be an API version date such as 2018-12-01',
    ]);
  });

  test("expiring-threshold: a positive duration shorter than the credential lifetime", () => {
    const base = { clusterRegionId: "cn-hangzhou", registries: [enterpriseRegistryEntry(PROD)] };
    expect(problems({ ...base, expiringThreshold: "1h" })).toEqual([
      'expiringThreshold = "1h": must be shorter than the credential lifetime (3600 s), or credentials are renewed continuously',
    ]);
    expect(problems({ ...base, expiringThreshold: "15 minutes" })).toEqual([
      'expiringThreshold = "15 minutes": must be a positive duration of whole h/m/s parts, such as 15m or 1h',
    ]);
    expect(problems({ ...base, expiringThreshold: "0m" })).toHaveLength(1);
    expect(problems({ ...base, expiringThreshold: "20m30s" })).toEqual([]);
    expect(render({ ...base, expiringThreshold: "20m" }).data["expiring-threshold"]).toBe("20m");
  });

  test("domains must match the instance's edition, region and name; new crpi Personal instances are refused", () => {
    expect(
      problems({
        clusterRegionId: "cn-hangzhou",
        registries: [
          { instanceId: "", regionId: "cn-hangzhou", domains: ["crpi-abc123.cn-hangzhou.personal.cr.aliyuncs.com"] },
          { instanceId: "cri-a1", regionId: "cn-hangzhou", domains: ["registry.cn-hangzhou.aliyuncs.com"] },
          { instanceId: "", regionId: "cn-hangzhou", domains: [PROD.vpcDomain] },
          { instanceId: "cri-a2", regionId: "cn-beijing", domains: [PROD.vpcDomain] },
          { instanceId: "cri-a3", domains: [PROD.vpcDomain, "other-registry.cn-hangzhou.cr.aliyuncs.com"] },
          { instanceId: "cri-a4", domains: [] },
        ],
      }),
    ).toEqual([
      'registries[0].domains[0] = "crpi-abc123.cn-hangzhou.personal.cr.aliyuncs.com": Personal Edition instances created from 2024-09-09 (crpi-... domains) are not supported by the credential helper; use an image pull Secret (charts/pull-secret)',
      'registries[1].domains[0] = "registry.cn-hangzhou.aliyuncs.com": must be an Enterprise Edition domain <name>-registry[-vpc].cn-hangzhou.cr.aliyuncs.com',
      'registries[2].domains[0] = "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com": must be a Personal Edition domain registry[-vpc].cn-hangzhou.aliyuncs.com or registry-intl.cn-hangzhou.aliyuncs.com',
      'registries[3].domains[0] = "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com": is in region cn-hangzhou, but regionId is cn-beijing',
      'registries[3].domains = "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com": also listed by registries[2]',
      'registries[4].domains = ["acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com","other-registry.cn-hangzhou.cr.aliyuncs.com"]: must all belong to one instance (one instance name)',
      'registries[4].domains = "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com": also listed by registries[2]',
      "registries[5].domains = []: must list at least one domain, or be left unset for all of them",
    ]);
  });

  test("instance ids: cri-... for Enterprise Edition, unique; at least one entry; region ids", () => {
    expect(
      problems({
        clusterRegionId: "Hangzhou",
        registries: [
          { instanceId: "cri-a1" },
          { instanceId: "cri-a1" },
          { instanceId: "i-123" },
          { instanceId: "cri-b", regionId: "moon" },
        ],
      }),
    ).toEqual([
      'clusterRegionId = "Hangzhou": must be an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1',
      'registries[1].instanceId = "cri-a1": duplicate of registries[0]',
      'registries[2].instanceId = "i-123": must be an Enterprise Edition instance id: cri- followed by lowercase letters and digits',
      'registries[3].regionId = "moon": must be an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1',
    ]);
    expect(problems({ clusterRegionId: "cn-hangzhou", registries: [] })).toEqual([
      expect.stringMatching(/^registries = \[\]: must list at least one instance/),
    ]);
  });

  test("an unresolved token is refused, in the chart's validation and before rendering", () => {
    const { problems: found, data } = render({
      clusterRegionId: "cn-hangzhou",
      registries: [{ ...enterpriseRegistryEntry(PROD), instanceId: "${TfToken[TOKEN.12]}" }],
    });
    expect(found).toEqual([
      expect.stringMatching(
        /registries\[0\]\.instanceId = "\$\{\.\.\.\}": holds an unresolved Terraform token .*registryFactsFromOutputs/,
      ),
    ]);
    expect(data).toEqual({});
    expect(
      problems({
        clusterRegionId: "cn-hangzhou",
        registries: [{ instanceId: "cri-a1", expireDurationSeconds: -1.8881545897087626e289 }],
      }),
    ).toEqual([expect.stringContaining("registries[0].expireDurationSeconds")]);
  });

  test("renderAcrConfigurationData is deterministic and sorted", () => {
    const config: CredentialHelperConfig = {
      clusterRegionId: "cn-hangzhou",
      registries: [enterpriseRegistryEntry(PROD)],
      rrsa: false,
      notifyEmail: "a@example.com",
    };
    const first = renderAcrConfigurationData(config);
    expect(renderAcrConfigurationData(config)).toEqual(first);
    expect(Object.keys(first)).toEqual([...Object.keys(first)].sort());
    expect(parse(first.rrsa)).toEqual({ enable: false });
  });
});
