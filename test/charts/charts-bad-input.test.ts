import {
  CredentialHelperConfig,
  ImageUpdaterProps,
  ImageUpdaterRegistriesConfigProps,
  RegistryFacts,
  renderClusterManifests,
  ServiceAccountPullSecretsProps,
  validateCredentialHelperConfig,
  validateImageUpdaterProps,
  validatePullSecretProps,
  validateRegistriesConfig,
  validateRegistryFacts,
} from "../../charts";
import { ClusterManifestError } from "../../charts/cluster-manifests";
import { withProp } from "../support/bad-input";

// One bad value per public prop of the charts' inputs (registry facts, credential helper, pull Secrets, Image
// Updater, cluster manifests): each gives exactly its own problem, with field, value and rule.

const DOMAIN = "acme-registry-vpc.cn-hangzhou.cr.aliyuncs.com";
const FACTS: RegistryFacts = {
  instanceId: "cri-abc",
  regionId: "cn-hangzhou",
  publicDomain: "acme-registry.cn-hangzhou.cr.aliyuncs.com",
  vpcDomain: DOMAIN,
};
const ROLE = "acs:ram::1234567890123456:role/puller";
const facts = (prop: string, value: unknown) => () => validateRegistryFacts(withProp(FACTS, prop, value));
const crossAccount = (prop: string, value: unknown) => () =>
  validateRegistryFacts(withProp({ ...FACTS, assumeRoleArn: ROLE }, prop, value));

const ENTRY = { instanceId: "cri-abc", domains: [DOMAIN] };
const HELPER: CredentialHelperConfig = { clusterRegionId: "cn-hangzhou", registries: [ENTRY] };
const helper = (prop: string, value: unknown) => () =>
  validateCredentialHelperConfig(withProp(HELPER, prop, value), "self-managed").problems;
const entry = (prop: string, value: unknown, base: object = ENTRY) =>
  helper("registries", [withProp(base, prop, value)]);
const webhook = (prop: string, value: unknown) => helper("webhook", withProp({}, prop, value));

const PULL: ServiceAccountPullSecretsProps = {
  secretName: "acr-pull",
  registryServer: DOMAIN,
  namespaces: [{ namespace: "payments" }],
};
const pull = (prop: string, value: unknown) => () => validatePullSecretProps(withProp(PULL, prop, value));
const pullNamespace = (prop: string, value: unknown) =>
  pull("namespaces", [withProp({ namespace: "payments" }, prop, value)]);

const REGISTRY = { name: "prod", domain: DOMAIN };
const registries = (prop: string, value: unknown) => () =>
  validateRegistriesConfig(
    withProp({ registries: [REGISTRY] } as ImageUpdaterRegistriesConfigProps, prop, value),
  ).messages();
const registry = (prop: string, value: unknown, base: object = REGISTRY) =>
  registries("registries", [withProp(base, prop, value)]);

const IMAGE = { alias: "api", imageName: `${DOMAIN}/payments/api` };
const UPDATER: ImageUpdaterProps = {
  name: "payments",
  applicationRefs: [{ namePattern: "payments-*", images: [IMAGE] }],
};
const updater = (prop: string, value: unknown) => () => validateImageUpdaterProps(withProp(UPDATER, prop, value));
const ref = (prop: string, value: unknown) =>
  updater("applicationRefs", [withProp(UPDATER.applicationRefs[0], prop, value)]);
const image = (prop: string, value: unknown) => ref("images", [withProp(IMAGE, prop, value)]);
const writeBack = (prop: string, value: unknown) =>
  updater("writeBackConfig", withProp({ method: "git" }, prop, value));

const manifests = (definition: object) => () => {
  try {
    renderClusterManifests([definition as never]);
    return [];
  } catch (error) {
    if (error instanceof ClusterManifestError) return [...error.problems];
    throw error;
  }
};

const cases: [string, () => readonly string[], string][] = [
  ["facts instanceId: missing", facts("instanceId", undefined), "instanceId = (not set): is required"],
  [
    "facts regionId: malformed",
    facts("regionId", "Hangzhou"),
    'regionId = "Hangzhou": must be an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1',
  ],
  [
    "facts publicDomain: a VPC domain",
    facts("publicDomain", DOMAIN),
    `publicDomain = "${DOMAIN}": must be <instanceName>-registry.cn-hangzhou.cr.aliyuncs.com (the Enterprise Edition Internet domain)`,
  ],
  [
    "facts vpcDomain: another region",
    facts("vpcDomain", "acme-registry-vpc.cn-beijing.cr.aliyuncs.com"),
    'vpcDomain = "acme-registry-vpc.cn-beijing.cr.aliyuncs.com": must be <instanceName>-registry-vpc.cn-hangzhou.cr.aliyuncs.com (the Enterprise Edition VPC domain)',
  ],
  [
    "facts assumeRoleArn: a user ARN",
    facts("assumeRoleArn", "acs:ram::1234567890123456:user/x"),
    'assumeRoleArn = "acs:ram::1234567890123456:user/x": must be a RAM role ARN acs:ram::<16-digit account uid>:role/<roleName>',
  ],
  [
    "facts sessionDurationSeconds: too short",
    crossAccount("sessionDurationSeconds", 60),
    "sessionDurationSeconds = 60: must be an integer from 3600 to 43200",
  ],
  [
    "facts rrsaRoleArn: without the OIDC provider",
    facts("rrsaRoleArn", ROLE),
    `rrsaOidcProviderRoleArn = (not set): rrsaRoleArn and rrsaOidcProviderRoleArn are set together (RRSA needs both)`,
  ],
  [
    "facts rrsaOidcProviderRoleArn: malformed (with its role)",
    () => validateRegistryFacts({ ...FACTS, rrsaRoleArn: ROLE, rrsaOidcProviderRoleArn: ROLE }),
    `rrsaOidcProviderRoleArn = "${ROLE}": must be the cluster's RRSA OIDC provider ARN acs:ram::<16-digit account uid>:oidc-provider/ack-rrsa-<clusterId>`,
  ],
  ["helper clusterRegionId: a number", helper("clusterRegionId", 1), "clusterRegionId = 1: must be a string"],
  [
    "helper registries: empty",
    helper("registries", []),
    "registries = []: must list at least one instance (enterpriseRegistryEntry(facts) or personalEditionEntry({ regionId }))",
  ],
  [
    "helper serviceAccounts: a string",
    helper("serviceAccounts", "default"),
    'serviceAccounts = "default": must be a non-empty list of ServiceAccount names, or "*"',
  ],
  [
    "helper watchNamespaces: all",
    helper("watchNamespaces", ["all"]),
    'watchNamespaces[0] = "all": use watchAllNamespaces: true to watch every namespace',
  ],
  [
    "helper watchAllNamespaces: a string",
    helper("watchAllNamespaces", "yes"),
    'watchAllNamespaces = "yes": must be true or false',
  ],
  [
    "helper expiringThreshold: not a duration",
    helper("expiringThreshold", "soon"),
    'expiringThreshold = "soon": must be a positive duration of whole h/m/s parts, such as 15m or 1h',
  ],
  ["helper rrsa: a string", helper("rrsa", "true"), 'rrsa = "true": must be true or false'],
  ["helper webhook: a string", helper("webhook", "on"), 'webhook = "on": must be an object'],
  ["helper webhook.enable: a string", webhook("enable", "true"), 'webhook.enable = "true": must be true or false'],
  [
    "helper webhook.failurePolicy: unknown",
    webhook("failurePolicy", "Retry"),
    'webhook.failurePolicy = "Retry": must be Ignore or Fail',
  ],
  [
    "helper webhook.timeoutSeconds: above 30",
    webhook("timeoutSeconds", 31),
    "webhook.timeoutSeconds = 31: must be an integer from 1 to 30",
  ],
  [
    "helper acrApiVersion: not a date",
    helper("acrApiVersion", "v2"),
    'acrApiVersion = "v2": must be an API version date such as 2018-12-01',
  ],
  [
    "helper notifyEmail: two addresses",
    helper("notifyEmail", "a@x.io,b@x.io"),
    'notifyEmail = "a@x.io,b@x.io": must be one e-mail address',
  ],
  [
    "entry instanceId: missing",
    entry("instanceId", undefined),
    'registries[0].instanceId = (not set): is required: cri-... for Enterprise Edition, "" for Personal',
  ],
  [
    "entry regionId: malformed",
    entry("regionId", "HZ"),
    'registries[0].regionId = "HZ": must be an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1',
  ],
  [
    "entry domains: empty",
    entry("domains", []),
    "registries[0].domains = []: must list at least one domain, or be left unset for all of them",
  ],
  [
    "entry assumeRoleArn: malformed",
    entry("assumeRoleArn", "role/puller"),
    'registries[0].assumeRoleArn = "role/puller": must be a RAM role ARN acs:ram::<16-digit account uid>:role/<roleName>',
  ],
  [
    "entry expireDurationSeconds: without assumeRoleArn",
    entry("expireDurationSeconds", 3600),
    "registries[0].expireDurationSeconds = 3600: applies only to cross-account entries (assumeRoleArn)",
  ],
  [
    "entry maxSessionDurationSeconds: too long",
    entry("maxSessionDurationSeconds", 86400),
    "registries[0].maxSessionDurationSeconds = 86400: must be an integer from 3600 to 43200",
  ],
  [
    "entry rrsaRoleArn: without rrsa on",
    entry("rrsaOidcProviderRoleArn", "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c1", {
      ...ENTRY,
      rrsaRoleArn: ROLE,
    }),
    "rrsa = (not set): must be true when an entry sets rrsaRoleArn (RRSA is off otherwise)",
  ],
  [
    "entry rrsaOidcProviderRoleArn: malformed",
    () =>
      validateCredentialHelperConfig(
        { ...HELPER, rrsa: true, registries: [{ ...ENTRY, rrsaRoleArn: ROLE, rrsaOidcProviderRoleArn: ROLE }] },
        "self-managed",
      ).problems,
    `registries[0].rrsaOidcProviderRoleArn = "${ROLE}": must be the cluster's RRSA OIDC provider ARN acs:ram::<16-digit account uid>:oidc-provider/ack-rrsa-<clusterId>`,
  ],
  [
    "entry customAccessKey: refused, never echoed",
    entry("customAccessKey", "LTAI-not-a-real-key"),
    'registries[0].customAccessKey = "<redacted>": access-key mode is refused: it stores a RAM user\'s AccessKey in plain text in the configuration (and Git); use RRSA (rrsa: true with rrsaRoleArn and rrsaOidcProviderRoleArn) or role assumption (assumeRoleArn, self-managed with tokenMode workerRole)',
  ],
  [
    "entry customAccessKeySecret: refused, never echoed",
    entry("customAccessKeySecret", "s3cret"),
    'registries[0].customAccessKeySecret = "<redacted>": access-key mode is refused: it stores a RAM user\'s AccessKey in plain text in the configuration (and Git); use RRSA (rrsa: true with rrsaRoleArn and rrsaOidcProviderRoleArn) or role assumption (assumeRoleArn, self-managed with tokenMode workerRole)',
  ],
  [
    "pull secretName: uppercase",
    pull("secretName", "ACR"),
    "secretName = \"ACR\": must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', alphanumeric at both ends",
  ],
  [
    "pull registryServer: with a scheme",
    pull("registryServer", `https://${DOMAIN}`),
    `registryServer = "https://${DOMAIN}": must be a registry host name without scheme or path`,
  ],
  [
    "pull namespaces: missing",
    pull("namespaces", undefined),
    "namespaces = (not set): must list at least one namespace",
  ],
  ["pull namespaces[]: a string", pull("namespaces", ["payments"]), 'namespaces[0] = "payments": must be an object'],
  [
    "pull namespaces[].namespace: missing",
    pullNamespace("namespace", undefined),
    "namespaces[0].namespace = (not set): is required",
  ],
  [
    "pull namespaces[].serviceAccounts: a string",
    pullNamespace("serviceAccounts", "default"),
    'namespaces[0].serviceAccounts = "default": must be a list',
  ],
  [
    "registries namespace: uppercase",
    registries("namespace", "ArgoCD"),
    "namespace = \"ArgoCD\": must be a DNS-1123 label: 1-63 lowercase letters, digits and '-', starting and ending alphanumeric",
  ],
  ["registries registries: empty", registries("registries", []), "registries = []: must list at least one registry"],
  ["registry name: missing", registry("name", undefined), "registries[0].name = (not set): is required"],
  [
    "registry domain: with a path",
    registry("domain", `${DOMAIN}/payments`),
    `registries[0].domain = "${DOMAIN}/payments": must be a registry host name without scheme or path`,
  ],
  [
    "registry credentials: a string",
    registry("credentials", "pullsecret:argocd/acr"),
    'registries[0].credentials = "pullsecret:argocd/acr": must be an object',
  ],
  [
    "registry credsExpire: without credentials",
    registry("credsExpire", "50m"),
    'registries[0].credsExpire = "50m": applies only with credentials',
  ],
  ["registry default: a string", registry("default", "true"), 'registries[0].default = "true": must be true or false'],
  [
    "registry insecure: a string",
    registry("insecure", "false"),
    'registries[0].insecure = "false": must be true or false',
  ],
  [
    "registry defaultNamespace: uppercase",
    registry("defaultNamespace", "Library"),
    'registries[0].defaultNamespace = "Library": must be a registry namespace name',
  ],
  ["registry limit: zero", registry("limit", 0), "registries[0].limit = 0: must be an integer from 1 to 10000"],
  ["updater name: missing", updater("name", undefined), "name = (not set): is required"],
  [
    "updater namespace: uppercase",
    updater("namespace", "Argo"),
    "namespace = \"Argo\": must be a DNS-1123 label: 1-63 lowercase letters, digits and '-', starting and ending alphanumeric",
  ],
  [
    "updater applicationRefs: empty",
    updater("applicationRefs", []),
    "applicationRefs = []: must list at least one application ref",
  ],
  [
    "updater controllerVersion: 0.x",
    updater("controllerVersion", "0.18.0"),
    'controllerVersion = "0.18.0": has no ImageUpdater resource (0.x): use imageUpdaterAnnotations() on the Applications',
  ],
  [
    "updater writeBackConfig.method: unknown",
    writeBack("method", "helm"),
    'writeBackConfig.method = "helm": must be argocd or git',
  ],
  [
    "updater writeBackConfig.gitCredentials: another namespace",
    writeBack("gitCredentials", { namespace: "ci", name: "git" }),
    'writeBackConfig.gitCredentials.namespace = "ci": must be the ImageUpdater\'s namespace argocd (cross-namespace git secrets are rejected)',
  ],
  [
    "updater writeBackConfig.branch: with a space",
    writeBack("branch", "main branch"),
    'writeBackConfig.branch = "main branch": must be a branch name, base[:target]',
  ],
  [
    "updater writeBackConfig.writeBackTarget: unknown",
    writeBack("writeBackTarget", "values.yaml"),
    'writeBackConfig.writeBackTarget = "values.yaml": must be kustomization[:<path>] or helmvalues[:<path>]',
  ],
  [
    "updater writeBackConfig.repository: with method argocd",
    () => validateImageUpdaterProps({ ...UPDATER, writeBackConfig: { method: "argocd", repository: "git@x:y" } }),
    'writeBackConfig.repository = "git@x:y": applies only to method git',
  ],
  [
    "ref namePattern: empty",
    ref("namePattern", ""),
    'applicationRefs[0].namePattern = "": is required: a glob over Application names',
  ],
  [
    "ref images: missing",
    ref("images", undefined),
    "applicationRefs[0].images = (not set): must list at least one image",
  ],
  [
    "image alias: with a slash",
    image("alias", "pay/api"),
    'applicationRefs[0].images[0].alias = "pay/api": must match ^[a-zA-Z0-9][a-zA-Z0-9-._]*$',
  ],
  [
    "image imageName: no registry host (would mean Docker Hub)",
    image("imageName", "payments/api"),
    'applicationRefs[0].images[0].imageName = "payments/api": must be <registry host>/<repository>[:<constraint or tag>], the host with a dot or port (e.g. the VPC domain)',
  ],
  [
    "image updateStrategy: renamed in 0.13",
    image("updateStrategy", "latest"),
    'applicationRefs[0].images[0].updateStrategy = "latest": is deprecated; use newest-build',
  ],
  [
    "image allowTags: a broken regexp",
    image("allowTags", { regexp: "v(" }),
    'applicationRefs[0].images[0].allowTags.regexp = "v(": must be a valid regular expression (Invalid regular expression: /v(/: Unterminated group)',
  ],
  [
    "image ignoreTags: a string",
    image("ignoreTags", "*-rc*"),
    'applicationRefs[0].images[0].ignoreTags = "*-rc*": must be a list',
  ],
  [
    "image pullSecret.kind: unknown",
    image("pullSecret", { kind: "vault" }),
    'applicationRefs[0].images[0].pullSecret.kind = "vault": must be pullsecret, secret, env or ext',
  ],
  [
    "image forceUpdate: a string",
    image("forceUpdate", "true"),
    'applicationRefs[0].images[0].forceUpdate = "true": must be true or false',
  ],
  [
    "image platforms: malformed",
    image("platforms", ["amd64"]),
    'applicationRefs[0].images[0].platforms[0] = "amd64": must be <os>/<arch>[/<variant>]',
  ],
  [
    "image manifestTarget: kustomize without a name",
    image("manifestTarget", { kustomize: {} }),
    "applicationRefs[0].images[0].manifestTarget.kustomize.name = (not set): is required (the original image name)",
  ],
  [
    "cluster name: uppercase",
    manifests({ name: "Prod", regionId: "cn-hangzhou" }),
    "[Prod] name = \"Prod\": must be a DNS-1123 label: 1-63 lowercase letters, digits and '-', starting and ending alphanumeric",
  ],
  [
    "cluster regionId: malformed",
    manifests({ name: "prod", regionId: "hz" }),
    '[prod] regionId = "hz": must be an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1',
  ],
  [
    "cluster credentialHelper: no registries",
    manifests({ name: "prod", regionId: "cn-hangzhou", credentialHelper: { registries: [] } }),
    "[prod/AcrConfiguration] registries = []: must list at least one instance (enterpriseRegistryEntry(facts) or personalEditionEntry({ regionId }))",
  ],
  [
    "cluster pullSecrets: a bad secret name",
    manifests({ name: "prod", regionId: "cn-hangzhou", pullSecrets: [{ ...PULL, secretName: "A" }] }),
    "[prod/PullSecrets0] secretName = \"A\": must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', alphanumeric at both ends",
  ],
  [
    "cluster imageUpdater: a bad registries namespace",
    manifests({
      name: "prod",
      regionId: "cn-hangzhou",
      imageUpdater: { registries: { namespace: "A", registries: [REGISTRY] } },
    }),
    "[prod/ImageUpdaterRegistries] namespace = \"A\": must be a DNS-1123 label: 1-63 lowercase letters, digits and '-', starting and ending alphanumeric",
  ],
];

describe("bad input to the charts", () => {
  test.each(cases)("%s", (_title, run, problem) => {
    expect(run()).toEqual([problem]);
  });
});
