import {
  dockerRegistrySecretCommand,
  DockerRegistrySecretCommandOptions,
  enterpriseRegistryEntry,
  personalEditionEntry,
  PersonalEditionEntryOptions,
  PullSecretCommandError,
  RegistryFacts,
  validateCredentialHelperConfig,
} from "../../charts";
import { withProp } from "../support/bad-input";

// One bad value per argument of the charts' helper functions: the registry entry helpers (their mistakes surface
// when the configuration is validated, as registries[i].<option>) and the pull Secret command (which refuses to
// build a shell command from them).

const FACTS: RegistryFacts = {
  instanceId: "cri-abc",
  regionId: "cn-hangzhou",
  publicDomain: "acme-registry.cn-hangzhou.cr.aliyuncs.com",
  vpcDomain: "acme-registry-vpc.cn-hangzhou.cr.aliyuncs.com",
};
const ROLE = "acs:ram::1234567890123456:role/puller";

/** The problems of a self-managed configuration whose only instance is `entry`. */
const withEntry = (entry: () => unknown) => () =>
  validateCredentialHelperConfig({ clusterRegionId: "cn-hangzhou", registries: [entry() as never] }, "self-managed")
    .problems;
const enterprise = (facts: unknown, options?: unknown) =>
  withEntry(() => enterpriseRegistryEntry(facts as RegistryFacts, options as never));
const personal = (prop: string, value: unknown) =>
  withEntry(() =>
    personalEditionEntry(withProp<PersonalEditionEntryOptions>({ regionId: "cn-shanghai" }, prop, value)),
  );

const COMMAND: DockerRegistrySecretCommandOptions = {
  secretName: "acr-pull",
  namespace: "payments",
  registryServer: FACTS.vpcDomain,
};
const command = (prop: string, value: unknown) => () => {
  try {
    dockerRegistrySecretCommand(withProp(COMMAND, prop, value));
    return [];
  } catch (error) {
    if (error instanceof PullSecretCommandError) return [...error.problems];
    throw error;
  }
};

const VARIABLE_RULE = "must be an environment variable name: letters, digits and _, not starting with a digit";

const cases: [string, () => readonly string[], string][] = [
  ["enterprise facts: missing", enterprise(undefined), "registries[0].facts = (not set): is required"],
  ["enterprise facts: a string", enterprise("cri-abc"), 'registries[0].facts = "cri-abc": must be an object'],
  [
    "enterprise facts.instanceId: malformed",
    enterprise({ ...FACTS, instanceId: "abc" }),
    'registries[0].instanceId = "abc": must be an Enterprise Edition instance id: cri- followed by lowercase letters and digits',
  ],
  ["enterprise options: a string", enterprise(FACTS, "vpc"), 'registries[0].options = "vpc": must be an object'],
  [
    "enterprise endpoints: unknown (used to fall through to both domains)",
    enterprise(FACTS, { endpoints: "internet" }),
    'registries[0].endpoints = "internet": must be one of vpc, public, both',
  ],
  [
    "enterprise endpoints: a number",
    enterprise(FACTS, { endpoints: 1 }),
    "registries[0].endpoints = 1: must be a string",
  ],
  [
    "enterprise expireDurationSeconds: below STS's minimum",
    enterprise({ ...FACTS, assumeRoleArn: ROLE }, { expireDurationSeconds: 60 }),
    "registries[0].expireDurationSeconds = 60: must be an integer from 900 to 43200",
  ],
  [
    "enterprise expireDurationSeconds: without a role to assume",
    enterprise(FACTS, { expireDurationSeconds: 3600 }),
    "registries[0].expireDurationSeconds = 3600: applies only to cross-account entries (assumeRoleArn)",
  ],
  [
    "personal options: missing",
    withEntry(() => personalEditionEntry(undefined as never)),
    "registries[0].options = (not set): is required",
  ],
  [
    "personal regionId: missing (no silent cluster region)",
    personal("regionId", undefined),
    "registries[0].regionId = (not set): is required",
  ],
  [
    "personal regionId: malformed (no follow-on domain problem)",
    personal("regionId", "Shanghai"),
    'registries[0].regionId = "Shanghai": must be an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1',
  ],
  [
    "personal international: a string",
    personal("international", "yes"),
    'registries[0].international = "yes": must be true or false',
  ],
  [
    "personal domains: an Enterprise Edition domain",
    personal("domains", [FACTS.vpcDomain]),
    `registries[0].domains[0] = "${FACTS.vpcDomain}": must be a Personal Edition domain registry[-vpc].cn-shanghai.aliyuncs.com or registry-intl.cn-shanghai.aliyuncs.com`,
  ],
  [
    "command secretName: a shell injection",
    command("secretName", "x; rm -rf ~"),
    "secretName = \"x; rm -rf ~\": must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', alphanumeric at both ends",
  ],
  ["command secretName: missing", command("secretName", undefined), "secretName = (not set): is required"],
  [
    "command namespace: uppercase",
    command("namespace", "Payments"),
    "namespace = \"Payments\": must be a DNS-1123 label: 1-63 lowercase letters, digits and '-', starting and ending alphanumeric",
  ],
  [
    "command registryServer: with a scheme",
    command("registryServer", `https://${FACTS.vpcDomain}`),
    `registryServer = "https://${FACTS.vpcDomain}": must be a registry host name without scheme or path`,
  ],
  ["command registryServer: a number", command("registryServer", 5000), "registryServer = 5000: must be a string"],
  [
    "command usernameVariable: a command substitution",
    command("usernameVariable", "$(id)"),
    `usernameVariable = "$(id)": ${VARIABLE_RULE}`,
  ],
  [
    "command passwordVariable: starts with a digit",
    command("passwordVariable", "1PASSWORD"),
    `passwordVariable = "1PASSWORD": ${VARIABLE_RULE}`,
  ],
  [
    "command: a token (the command is run by hand, never by Terraform)",
    command("namespace", "${TfToken[TOKEN.1]}"),
    'namespace = "${...}": holds an unresolved Terraform token (known only after apply); pass concrete registry facts: deploy with `cdktf deploy <stack> --outputs-file outputs.json` and use registryFactsFromOutputs(), or import the instance with EnterpriseRegistry.fromInstanceAttributes()',
  ],
];

describe("bad arguments to the charts' helper functions", () => {
  test.each(cases)("%s", (_title, run, problem) => {
    expect(run()).toEqual([problem]);
  });

  test("every mistake of one command is listed in one error", () => {
    expect(() => dockerRegistrySecretCommand({ secretName: "A", namespace: "B", registryServer: "c" })).toThrow(
      /3 problem\(s\):\n {2}secretName = "A".*\n {2}namespace = "B".*\n {2}registryServer = "c"/,
    );
  });

  test("valid options still give exactly the domains asked for", () => {
    expect(enterpriseRegistryEntry(FACTS, { endpoints: "public" }).domains).toEqual([FACTS.publicDomain]);
    expect(personalEditionEntry({ regionId: "cn-shanghai", international: true }).domains).toEqual([
      "registry-intl.cn-shanghai.aliyuncs.com",
      "registry-intl-vpc.cn-shanghai.aliyuncs.com",
    ]);
  });
});
