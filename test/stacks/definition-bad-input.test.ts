import { Testing } from "../../constructs/engine";
import { buildPlatform } from "../../stacks/platform/build-platform";
import { PlatformDefinition } from "../../stacks/platform/definition";
import { problemsOf } from "../support/synth";

// One bad value per field of the platform definition. Definition problems name their definition path; values that a
// construct checks name the construct path. Either way the app reports exactly that problem: nothing throws, and
// nothing that failed (or depends on what failed) is built, so there is no follow-on.

const ACCOUNT = "1111222233334444";
const OTHER = "5555666677778888";
const BASE: PlatformDefinition = {
  name: "acme",
  owner: "platform-team",
  accounts: {
    main: { accountId: ACCOUNT },
    other: { accountId: OTHER, deployRoleArn: `acs:ram::${OTHER}:role/deployer` },
  },
  environments: [
    {
      name: "prod",
      registries: [
        {
          id: "Hangzhou",
          account: "main",
          region: "cn-hangzhou",
          instance: { kind: "new", instanceName: "acme-prod", edition: "Basic" },
          namespaces: [{ name: "apps", repositories: ["api"] }],
        },
      ],
      clusters: [
        { name: "edge", account: "main", region: "cn-hangzhou", workerRoleName: "w", pullsFrom: ["Hangzhou"] },
      ],
      ciPrincipals: [
        {
          roleName: "ci",
          trustedPrincipalArns: [`acs:ram::${ACCOUNT}:user/runner`],
          pushTo: { registry: "Hangzhou", namespaces: ["apps"] },
        },
      ],
    },
  ],
};
const STACK = "prod-main-cn-hangzhou";
/** A complete OSS backend, so that each state case has one bad field. */
const OSS = {
  kind: "oss",
  bucket: "b",
  region: "cn-hangzhou",
  prefix: "p",
  lockTable: "t",
  lockTableEndpoint: "https://t",
};
const ENV = "definition.environments[0]";
/** A replication target the namespace "apps" may name. */
const DR = { instanceId: "cri-dr", region: "cn-shanghai", namespace: "apps" };
const REG = `${ENV}.registries[0]`;

type Edit = (d: Mutable) => void;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Mutable = any;

/** The problems of an app built from BASE after `edit` changed a deep copy of it. */
function problemsAfter(edit: Edit): string[] {
  const definition = structuredClone(BASE) as Mutable;
  edit(definition);
  const app = Testing.app();
  buildPlatform(app, definition);
  return problemsOf(app);
}

const env = (d: Mutable) => d.environments[0];
const reg = (d: Mutable) => d.environments[0].registries[0];
const cluster = (d: Mutable) => d.environments[0].clusters[0];
const ci = (d: Mutable) => d.environments[0].ciPrincipals[0];
const secondRegistry = (d: Mutable, changes: object) => env(d).registries.push({ ...reg(d), id: "Second", ...changes });

const cases: [string, Edit, string][] = [
  ["name: a number", (d) => (d.name = 1), "definition.name = 1: must be a string"],
  [
    "owner: empty (one problem, not a missing tag per resource)",
    (d) => (d.owner = ""),
    'definition.owner = "": must be 1 to 128 characters long (got 0)',
  ],
  ["accounts: missing", (d) => delete d.accounts, "definition.accounts = (not set): is required"],
  [
    "accounts alias: uppercase",
    (d) => (d.accounts.Main = { accountId: ACCOUNT }),
    'definition.accounts.Main = "Main": must be 1-32 lowercase letters and digits, starting with a letter',
  ],
  [
    "accounts.accountId: short",
    (d) => (d.accounts.other.accountId = "123"),
    'definition.accounts.other.accountId = "123": must be 16 digits',
  ],
  [
    "accounts.deployRoleArn: a user ARN",
    (d) => (d.accounts.other.deployRoleArn = `acs:ram::${OTHER}:user/x`),
    `definition.accounts.other.deployRoleArn = "acs:ram::${OTHER}:user/x": resource must start with 'role' (expected acs:ram::<uid>:role/<roleName>)`,
  ],
  ["environments: missing", (d) => delete d.environments, "definition.environments = (not set): is required"],
  ["environments[]: a string", (d) => (d.environments = ["prod"]), `${ENV} = "prod": must be an object`],
  [
    "environment name: duplicate",
    (d) => d.environments.push({ name: "prod", registries: [] }),
    'definition.environments[1].name = "prod": duplicate environment name',
  ],
  ["environment registries: missing", (d) => delete env(d).registries, `${ENV}.registries = (not set): is required`],
  ["environment clusters: not a list", (d) => (env(d).clusters = {}), `${ENV}.clusters = {}: must be a list`],
  [
    "environment ciPrincipals: not a list",
    (d) => (env(d).ciPrincipals = "ci"),
    `${ENV}.ciPrincipals = "ci": must be a list`,
  ],
  [
    "registry id: with a dash",
    (d) => secondRegistry(d, { id: "Second-1", region: "cn-shanghai" }),
    `${ENV}.registries[1].id = "Second-1": must be 1-64 letters and digits, starting with a letter`,
  ],
  [
    "registry id: duplicate",
    (d) => secondRegistry(d, { id: "Hangzhou", region: "cn-shanghai" }),
    `${ENV}.registries[1].id = "Hangzhou": duplicate registry id`,
  ],
  [
    "registry account: unknown (its cluster and CI are not judged)",
    (d) => (reg(d).account = "nobody"),
    `${REG}.account = "nobody": unknown account; declared: main, other`,
  ],
  [
    "registry region: without ACR",
    (d) => (reg(d).region = "mars-1"),
    `${REG}.region = "mars-1": not a region with Container Registry`,
  ],
  ["registry instance: missing", (d) => delete reg(d).instance, `${REG}.instance = (not set): is required`],
  [
    "registry instance.kind: unknown",
    (d) => (reg(d).instance.kind = "imported"),
    `${REG}.instance.kind = "imported": must be one of new, existing`,
  ],
  [
    "registry instance.instanceName: missing",
    (d) => delete reg(d).instance.instanceName,
    `${REG}.instance.instanceName = (not set): is required`,
  ],
  [
    "registry instance.instanceId: missing for an existing instance",
    (d) => (reg(d).instance = { kind: "existing", instanceName: "acme" }),
    `${REG}.instance.instanceId = (not set): is required`,
  ],
  [
    "registry instance.edition: unknown (construct check)",
    (d) => (reg(d).instance.edition = "Gold"),
    `[${STACK}/Hangzhou] edition = "Gold": must be one of Basic, Standard, Advanced, Economy (alicloud_cr_ee_instance.instance_type)`,
  ],
  [
    "registry instance.periodMonths: 13 (construct check)",
    (d) => (reg(d).instance.periodMonths = 13),
    `[${STACK}/Hangzhou] periodMonths = 13: must be a whole number of months: 1-12, or a multiple of 12 for yearly terms`,
  ],
  ["registry namespaces: missing", (d) => delete reg(d).namespaces, `${REG}.namespaces = (not set): is required`],
  [
    "registry instance.paymentType: unknown (construct check)",
    (d) => (reg(d).instance.paymentType = "Monthly"),
    `[${STACK}/Hangzhou] paymentType = "Monthly": must be one of Subscription, PayAsYouGo (alicloud_cr_ee_instance.payment_type)`,
  ],
  [
    "registry instance.autoRenewMonths: 13 (construct check)",
    (d) => (reg(d).instance.autoRenewMonths = 13),
    `[${STACK}/Hangzhou] autoRenewMonths = 13: must be a whole number of months: 1-12, or a multiple of 12 for yearly terms`,
  ],
  [
    "registry instance.imageScanner: unknown (construct check)",
    (d) => (reg(d).instance.imageScanner = "TRIVY"),
    `[${STACK}/Hangzhou] imageScanner = "TRIVY": must be one of ACR, SAS, DISABLE (alicloud_cr_ee_instance.image_scanner)`,
  ],
  [
    "namespace autoCreateRepositories: a string (construct check)",
    (d) => (reg(d).namespaces[0].autoCreateRepositories = "yes"),
    `[${STACK}/Hangzhou/apps] autoCreateRepositories = "yes": must be true or false`,
  ],
  [
    "internetAllowList: bad cidr (construct check)",
    (d) =>
      (reg(d).internetAllowList = [{ cidr: "10.0.0.0/33", description: "CI" }]) &&
      (d.guardrails = { allowInternetEndpoint: [`${STACK}/Hangzhou/InternetAccess`] }),
    `[${STACK}/Hangzhou/InternetAccess] allowList[0].cidr = "10.0.0.0/33": prefix length must be 0-32`,
  ],
  [
    "namespace name: duplicate (no construct id clash)",
    (d) => reg(d).namespaces.push({ name: "apps", repositories: [] }),
    `${REG}.namespaces[1].name = "apps": duplicate namespace name in this registry`,
  ],
  [
    "namespace repositories: duplicate",
    (d) => reg(d).namespaces[0].repositories.push({ name: "api" }),
    `${REG}.namespaces[0].repositories[1].name = "api": duplicate repository name in this namespace`,
  ],
  [
    "namespace keepLastTags: zero (construct check)",
    (d) => (reg(d).namespaces[0].keepLastTags = 0),
    `[${STACK}/Hangzhou/apps/Retention] keepLastTags = 0: must be a whole number, at least 1`,
  ],
  [
    "namespace replicateTo: the same target twice",
    (d) =>
      (reg(d).namespaces[0].replicateTo = [
        { instanceId: "cri-dr", region: "cn-shanghai", namespace: "apps" },
        { instanceId: "cri-dr", region: "cn-shanghai", namespace: "apps2" },
      ]),
    `${REG}.namespaces[0].replicateTo[1] = "cn-shanghai/cri-dr": duplicate replication target (region/instanceId)`,
  ],
  [
    "namespace defaultVisibility: unknown (construct check)",
    (d) => (reg(d).namespaces[0].defaultVisibility = "OPEN"),
    `[${STACK}/Hangzhou/apps] defaultVisibility = "OPEN": must be one of PUBLIC, PRIVATE (alicloud_cr_ee_namespace.default_visibility)`,
  ],
  [
    "chartNamespaces autoCreateRepositories: a string (construct check)",
    (d) => (reg(d).chartNamespaces = [{ name: "charts", repositories: [], autoCreateRepositories: "yes" }]),
    `[${STACK}/Hangzhou/charts] autoCreateRepositories = "yes": must be true or false`,
  ],
  [
    "chartNamespaces defaultVisibility: unknown (construct check)",
    (d) => (reg(d).chartNamespaces = [{ name: "charts", repositories: [{ name: "web" }], defaultVisibility: "OPEN" }]),
    `[${STACK}/Hangzhou/charts] defaultVisibility = "OPEN": must be one of PRIVATE, PUBLIC (alicloud_cr_chart_namespace.default_repo_type)`,
  ],
  [
    "importExisting: on a new instance",
    (d) => (reg(d).importExisting = {}),
    `${REG}.importExisting = {}: only for an instance of kind "existing" (instance.kind is new)`,
  ],
  [
    "importExisting retentionRuleIds: missing for a namespace that keeps the last tags",
    (d) => {
      reg(d).instance = { kind: "existing", instanceId: "cri-acme", instanceName: "acme-prod" };
      reg(d).namespaces[0].keepLastTags = 5;
      reg(d).importExisting = { retentionRuleIds: {} };
    },
    `${REG}.importExisting.retentionRuleIds.apps = (not set): required: the namespace has keepLastTags (its rule exists in the cloud; without the id a second one is created)`,
  ],
  [
    "importExisting retentionRuleIds: for a namespace without keepLastTags",
    (d) => {
      reg(d).instance = { kind: "existing", instanceId: "cri-acme", instanceName: "acme-prod" };
      reg(d).importExisting = { retentionRuleIds: { apps: "cralr-1" } };
    },
    `${REG}.importExisting.retentionRuleIds.apps = "cralr-1": no namespace of this name has keepLastTags`,
  ],
  [
    "namespace replicateTo ruleName: uppercase (construct check)",
    (d) => (reg(d).namespaces[0].replicateTo = [{ ...DR, ruleName: "To-DR" }]),
    `[${STACK}/Hangzhou/apps/ReplicateTo-cn-shanghai-cri-dr] ruleName = "To-DR": must be 1-64 characters of lowercase letters and digits, with separators _ - . allowed but not first or last`,
  ],
  [
    "namespace replicateTo tagFilter: not a regular expression (construct check)",
    (d) => (reg(d).namespaces[0].replicateTo = [{ ...DR, tagFilter: "(" }]),
    `[${STACK}/Hangzhou/apps/ReplicateTo-cn-shanghai-cri-dr] tagFilter = "(": must be a valid regular expression`,
  ],
  [
    "namespace replicateTo automatic: a string (construct check)",
    (d) => (reg(d).namespaces[0].replicateTo = [{ ...DR, automatic: "yes" }]),
    `[${STACK}/Hangzhou/apps/ReplicateTo-cn-shanghai-cri-dr] automatic = "yes": must be true or false`,
  ],
  [
    "namespace replicateTo namespace: uppercase (construct check)",
    (d) => (reg(d).namespaces[0].replicateTo = [{ ...DR, namespace: "Apps" }]),
    `[${STACK}/Hangzhou/apps/ReplicateTo-cn-shanghai-cri-dr] target.namespace = "Apps": must be 2-120 characters of lowercase letters and digits, with separators _ - . allowed but not first or last`,
  ],
  [
    "namespace replicateTo repository: without a source repository (construct check)",
    (d) => (reg(d).namespaces[0].replicateTo = [{ ...DR, repository: "api" }]),
    `[${STACK}/Hangzhou/apps/ReplicateTo-cn-shanghai-cri-dr] target.repository = "api": repository and target.repository must be set together (repository-level rule)`,
  ],
  [
    "importExisting replicationRuleIds: missing for a replicateTo entry",
    (d) => {
      reg(d).instance = { kind: "existing", instanceId: "cri-acme", instanceName: "acme-prod" };
      reg(d).namespaces[0].replicateTo = [DR];
      reg(d).importExisting = { replicationRuleIds: { apps: {} } };
    },
    `${REG}.importExisting.replicationRuleIds.apps.cn-shanghai/cri-dr = (not set): required: the namespace replicates to this target (replicateTo) (its rule exists in the cloud; without the id a second one is created)`,
  ],
  [
    "importExisting replicationRuleIds: for a target the namespace does not replicate to",
    (d) => {
      reg(d).instance = { kind: "existing", instanceId: "cri-acme", instanceName: "acme-prod" };
      reg(d).importExisting = { replicationRuleIds: { apps: { "cn-shanghai/cri-dr": "crsr-1" } } };
    },
    `${REG}.importExisting.replicationRuleIds.apps.cn-shanghai/cri-dr = "crsr-1": the namespace has no replicateTo entry for this <region>/<instanceId>`,
  ],
  [
    "chartNamespaces name: duplicate",
    (d) =>
      (reg(d).chartNamespaces = [
        { name: "charts", repositories: [] },
        { name: "charts", repositories: [] },
      ]),
    `${REG}.chartNamespaces[1].name = "charts": duplicate chart namespace name`,
  ],
  [
    "chartNamespaces repositories: duplicate",
    (d) => (reg(d).chartNamespaces = [{ name: "charts", repositories: ["web", "web"] }]),
    `${REG}.chartNamespaces[0].repositories[1] = "web": duplicate chart repository name`,
  ],
  [
    "vpcLinks: bad vpcId (construct check)",
    (d) => (reg(d).vpcLinks = [{ vpcId: "vsw-1", vswitchId: "vsw-1" }]),
    `[${STACK}/Hangzhou/VpcAccess] links[0].vpcId = "vsw-1": must be a VPC id: vpc- followed by lowercase letters and digits`,
  ],
  [
    "vpcModules: unknown (construct check)",
    (d) => (reg(d).vpcLinks = [{ vpcId: "vpc-1", vswitchId: "vsw-1" }]) && (reg(d).vpcModules = ["Helm"]),
    `[${STACK}/Hangzhou/VpcAccess] modules[0] = "Helm": must be one of Registry, Chart (alicloud_cr_vpc_endpoint_linked_vpc.module_name)`,
  ],
  [
    "customize: not a function",
    (d) => (reg(d).customize = "scan"),
    `${REG}.customize = "string": must be a function (registry, namespaces) => void`,
  ],
  [
    "cluster name: not a DNS label",
    (d) => (cluster(d).name = "Edge_1"),
    `${ENV}.clusters[0].name = "Edge_1": must be a DNS-1123 label: 1-63 lowercase letters, digits and '-', starting and ending alphanumeric`,
  ],
  [
    "cluster name: duplicate",
    (d) => env(d).clusters.push({ ...cluster(d) }),
    `${ENV}.clusters[1].name = "edge": duplicate cluster name`,
  ],
  [
    "cluster account: unknown",
    (d) => (cluster(d).account = "nobody"),
    `${ENV}.clusters[0].account = "nobody": unknown account; declared: main, other`,
  ],
  [
    "cluster region: malformed",
    (d) => (cluster(d).region = "Hangzhou"),
    `${ENV}.clusters[0].region = "Hangzhou": must be an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1`,
  ],
  [
    "cluster tokenMode: unknown",
    (d) => (cluster(d).tokenMode = "auto"),
    `${ENV}.clusters[0].tokenMode = "auto": must be one of workerRole, managedRole`,
  ],
  [
    "cluster workerRoleName: missing",
    (d) => delete cluster(d).workerRoleName,
    `${ENV}.clusters[0].workerRoleName = (not set): required with tokenMode workerRole`,
  ],
  [
    "cluster pullsFrom: unknown id",
    (d) => (cluster(d).pullsFrom = ["Nowhere"]),
    `${ENV}.clusters[0].pullsFrom[0] = "Nowhere": unknown registry id`,
  ],
  [
    "cluster pullsFrom: listed twice",
    (d) => (cluster(d).pullsFrom = ["Hangzhou", "Hangzhou"]),
    `${ENV}.clusters[0].pullsFrom[1] = "Hangzhou": is listed more than once`,
  ],
  [
    "cluster across accounts: managedRole",
    (d) => Object.assign(cluster(d), { account: "other", tokenMode: "managedRole", workerRoleName: undefined }),
    `${ENV}.clusters[0].tokenMode = "managedRole": pulls across accounts from Hangzhou: use workerRole (role assumption)`,
  ],
  [
    "cluster across accounts: no deploy role",
    (d) => (d.accounts.third = { accountId: "9999000011112222" }) && (cluster(d).account = "third"),
    `${ENV}.clusters[0].account = "third": pulls across accounts from Hangzhou, so its account needs a deployRoleArn (the registry's stack manages the cluster side's AssumeRole permission)`,
  ],
  [
    "cluster crossAccountSessionSeconds: too short (construct check)",
    (d) => Object.assign(cluster(d), { account: "other", crossAccountSessionSeconds: 60 }),
    `[${STACK}/Pull-edge-Hangzhou/Role] maxSessionDurationSeconds = 60: must be an integer from 3600 to 43200`,
  ],
  [
    "ciPrincipals roleName: with a slash",
    (d) => (ci(d).roleName = "ci/push"),
    `${ENV}.ciPrincipals[0].roleName = "ci/push": must be 1-64 characters of letters, digits, . and -`,
  ],
  [
    "ciPrincipals trustedPrincipalArns: a string",
    (d) => (ci(d).trustedPrincipalArns = "arn"),
    `${ENV}.ciPrincipals[0].trustedPrincipalArns = "arn": must be a list`,
  ],
  [
    "ciPrincipals pushTo: missing",
    (d) => delete ci(d).pushTo,
    `${ENV}.ciPrincipals[0].pushTo = (not set): is required`,
  ],
  [
    "ciPrincipals pushTo.registry: unknown",
    (d) => (ci(d).pushTo.registry = "Nowhere"),
    `${ENV}.ciPrincipals[0].pushTo.registry = "Nowhere": unknown registry id`,
  ],
  [
    "ciPrincipals pushTo.namespaces: undeclared",
    (d) => (ci(d).pushTo.namespaces = ["web"]),
    `${ENV}.ciPrincipals[0].pushTo.namespaces[0] = "web": not a namespace of Hangzhou`,
  ],
  [
    "ciPrincipals roleName: duplicate in one stack (no construct id clash)",
    (d) => env(d).ciPrincipals.push({ ...ci(d) }),
    `${ENV}.ciPrincipals[1].roleName = "ci": duplicate CI role name in stack ${STACK}`,
  ],
  ["state kind: unknown", (d) => (d.state = { kind: "s3" }), 'definition.state.kind = "s3": must be one of local, oss'],
  [
    "state (oss) bucket: missing",
    (d) =>
      (d.state = { kind: "oss", region: "cn-hangzhou", prefix: "p", lockTable: "t", lockTableEndpoint: "https://t" }),
    "definition.state.bucket = (not set): is required",
  ],
  [
    "state (oss) prefix: a number",
    (d) => (d.state = { ...OSS, prefix: 1 }),
    "definition.state.prefix = 1: must be a string",
  ],
  [
    "state (oss) lockTable: a number",
    (d) => (d.state = { ...OSS, lockTable: 1 }),
    "definition.state.lockTable = 1: must be a string",
  ],
  [
    "state (oss) lockTableEndpoint: a number",
    (d) => (d.state = { ...OSS, lockTableEndpoint: 1 }),
    "definition.state.lockTableEndpoint = 1: must be a string",
  ],
  [
    "state (oss) assumeRoleArn: a user ARN",
    (d) => (d.state = { ...OSS, assumeRoleArn: `acs:ram::${ACCOUNT}:user/x` }),
    `definition.state.assumeRoleArn = "acs:ram::${ACCOUNT}:user/x": resource must start with 'role' (expected acs:ram::<uid>:role/<roleName>)`,
  ],
  [
    "state (local) directory: a number",
    (d) => (d.state = { kind: "local", directory: 1 }),
    "definition.state.directory = 1: must be a string",
  ],
  [
    "guardrails exception: names no stack",
    (d) => (d.guardrails = { allowPublic: ["prod-hangzhou/Hangzhou"] }),
    `definition.guardrails.allowPublic[0] = "prod-hangzhou/Hangzhou": names no stack; stacks: ${STACK}`,
  ],
  [
    "guardrails requiredTags: not a list",
    (d) => (d.guardrails = { requiredTags: "owner" }),
    'definition.guardrails.requiredTags = "owner": must be a list',
  ],
  [
    "guardrails allowDestroy: names no stack",
    (d) => (d.guardrails = { allowDestroy: ["prod-hangzhou/Hangzhou"] }),
    `definition.guardrails.allowDestroy[0] = "prod-hangzhou/Hangzhou": names no stack; stacks: ${STACK}`,
  ],
  [
    "guardrails allowInternetEndpoint: names no stack",
    (d) => (d.guardrails = { allowInternetEndpoint: ["prod-hangzhou/Hangzhou"] }),
    `definition.guardrails.allowInternetEndpoint[0] = "prod-hangzhou/Hangzhou": names no stack; stacks: ${STACK}`,
  ],
  [
    "guardrails allowAnyIp: names no stack",
    (d) => (d.guardrails = { allowAnyIp: ["prod-hangzhou/Hangzhou"] }),
    `definition.guardrails.allowAnyIp[0] = "prod-hangzhou/Hangzhou": names no stack; stacks: ${STACK}`,
  ],
  [
    "guardrails allowBroadPolicies: names no stack",
    (d) => (d.guardrails = { allowBroadPolicies: ["prod-hangzhou/Hangzhou"] }),
    `definition.guardrails.allowBroadPolicies[0] = "prod-hangzhou/Hangzhou": names no stack; stacks: ${STACK}`,
  ],
  [
    "guardrails allowMissingTags: names no stack",
    (d) => (d.guardrails = { allowMissingTags: ["prod-hangzhou/Hangzhou"] }),
    `definition.guardrails.allowMissingTags[0] = "prod-hangzhou/Hangzhou": names no stack; stacks: ${STACK}`,
  ],
  [
    "protection release: names no stack",
    (d) => (d.protection = { release: ["nowhere/Hangzhou/apps"] }),
    `definition.protection.release[0] = "nowhere/Hangzhou/apps": must start with a stack name and / or : (stacks: ${STACK})`,
  ],
];

describe("bad input to the platform definition", () => {
  test("the base definition has no problem", () => {
    expect(problemsAfter(() => undefined)).toEqual([]);
  });

  test.each(cases)("%s", (_title, edit, problem) => {
    expect(problemsAfter(edit)).toEqual([problem]);
  });

  test("no definition at all", () => {
    const app = Testing.app();
    buildPlatform(app, undefined as never);
    expect(problemsOf(app)).toEqual(["definition = (not set): is required"]);
  });
});
