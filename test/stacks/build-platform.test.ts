import { Testing } from "../../constructs/engine";
import { buildPlatform, stackName } from "../../stacks/platform/build-platform";
import { PlatformDefinition } from "../../stacks/platform/definition";
import { problemsOf, synthJson, TerraformJson } from "../support/synth";

const BASE: PlatformDefinition = {
  name: "acme",
  owner: "platform-team",
  accounts: {
    main: { accountId: "1111222233334444" },
    other: { accountId: "5555666677778888", deployRoleArn: "acs:ram::5555666677778888:role/deployer" },
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
        {
          id: "Singapore",
          account: "main",
          region: "ap-southeast-1",
          instance: { kind: "existing", instanceId: "cri-sg0example", instanceName: "acme-sg" },
          namespaces: [{ name: "apps", repositories: ["api"] }],
        },
      ],
      clusters: [
        {
          name: "edge",
          account: "other",
          region: "ap-southeast-1",
          workerRoleName: "edge-worker",
          pullsFrom: ["Singapore"],
        },
      ],
    },
    {
      name: "dev",
      registries: [
        {
          id: "Dev",
          account: "other",
          region: "cn-hangzhou",
          instance: { kind: "existing", instanceId: "cri-dev0example", instanceName: "acme-dev" },
          namespaces: [{ name: "sandbox", repositories: ["api"] }],
        },
      ],
    },
  ],
};

function build(definition: PlatformDefinition) {
  const app = Testing.app();
  const built = buildPlatform(app, definition);
  const json = Object.fromEntries(built.stacks.map((s) => [s.node.id, synthJson(s)])) as Record<string, TerraformJson>;
  return { app, built, json };
}

describe("buildPlatform", () => {
  test("one stack per (environment, account, region), each with its own provider and state", () => {
    const { app, built, json } = build(BASE);
    expect(built.stacks.map((s) => s.node.id)).toEqual([
      "prod-main-cn-hangzhou",
      "prod-main-ap-southeast-1",
      "dev-other-cn-hangzhou",
    ]);
    expect(stackName("prod", "main", "cn-hangzhou")).toBe("prod-main-cn-hangzhou");
    expect(json["prod-main-cn-hangzhou"].provider?.alicloud?.[0]).toEqual({ region: "cn-hangzhou" });
    expect(json["dev-other-cn-hangzhou"].provider?.alicloud?.[0]).toEqual({
      region: "cn-hangzhou",
      assume_role: { role_arn: "acs:ram::5555666677778888:role/deployer", session_name: "acr-platform" },
    });
    for (const [name, stack] of Object.entries(json)) {
      expect(stack.terraform).toMatchObject({
        backend: { local: { path: `../../../terraform-state/${name}.tfstate` } },
      });
    }
    expect(problemsOf(app)).toEqual([]);
  });

  test("stacks never read each other's state: no remote state, no cross-stack references", () => {
    const { json } = build(BASE);
    for (const stack of Object.values(json)) {
      expect(stack.data?.terraform_remote_state).toBeUndefined();
      expect(JSON.stringify(stack)).not.toContain("cross-stack");
    }
  });

  test("a cluster in another account gets its cross-account pull in the registry's stack, via an aliased provider", () => {
    const { built, json } = build(BASE);
    const pull = built.crossAccountPulls.get("edge/Singapore");
    expect(pull?.assumeRoleArn).toBe("acs:ram::1111222233334444:role/acr-pull-edge-acme-sg");
    const sg = json["prod-main-ap-southeast-1"];
    expect(sg.provider?.alicloud?.[1]).toEqual({
      alias: "account-other",
      region: "ap-southeast-1",
      assume_role: { role_arn: "acs:ram::5555666677778888:role/deployer", session_name: "acr-platform" },
    });
    expect(Object.keys(json["prod-main-cn-hangzhou"].resource?.alicloud_ram_role ?? {})).toEqual([]);
  });

  test("platform tags on every taggable resource, per environment", () => {
    const { json } = build(BASE);
    const instance = Object.values(json["prod-main-cn-hangzhou"].resource?.alicloud_cr_ee_instance ?? {})[0];
    expect(instance.tags).toEqual({ environment: "prod", owner: "platform-team", "managed-by": "acr-platform" });
    for (const policy of Object.values(json["prod-main-ap-southeast-1"].resource?.alicloud_ram_policy ?? {})) {
      expect(policy.tags).toEqual({ environment: "prod", owner: "platform-team", "managed-by": "acr-platform" });
    }
  });

  test("OSS remote state with TableStore locking, encrypted, one prefix per stack", () => {
    const { json } = build({
      ...BASE,
      state: {
        kind: "oss",
        bucket: "acme-tfstate",
        region: "cn-hangzhou",
        prefix: "acr-platform",
        lockTableEndpoint: "https://acme-lock.cn-hangzhou.ots.aliyuncs.com",
        lockTable: "tf_lock",
        assumeRoleArn: "acs:ram::1111222233334444:role/state",
      },
    });
    expect(json["dev-other-cn-hangzhou"].terraform).toMatchObject({
      backend: {
        oss: {
          bucket: "acme-tfstate",
          region: "cn-hangzhou",
          prefix: "acr-platform/dev-other-cn-hangzhou",
          key: "terraform.tfstate",
          tablestore_endpoint: "https://acme-lock.cn-hangzhou.ots.aliyuncs.com",
          tablestore_table: "tf_lock",
          encrypt: true,
          assume_role: { role_arn: "acs:ram::1111222233334444:role/state", session_name: "acr-platform-state" },
        },
      },
    });
  });

  test("guardrails apply to every stack; an exception must name an existing stack", () => {
    const withEndpoint: PlatformDefinition = {
      ...BASE,
      environments: [
        {
          ...BASE.environments[0],
          registries: [
            {
              ...BASE.environments[0].registries[0],
              internetAllowList: [{ cidr: "203.0.113.0/28", description: "CI" }],
            },
          ],
          clusters: [],
        },
      ],
    };
    const { app } = build(withEndpoint);
    expect(problemsOf(app)).toEqual([
      '[prod-main-cn-hangzhou] guardrail: [prod-main-cn-hangzhou/Hangzhou/InternetAccess] alicloud_cr_internet_endpoint opens the registry\'s Internet endpoint; to allow it, add "prod-main-cn-hangzhou/Hangzhou/InternetAccess" to guardrails.allowInternetEndpoint',
    ]);
    const misspelt = build({
      ...withEndpoint,
      guardrails: { allowInternetEndpoint: ["prod-hangzhou/Hangzhou/InternetAccess"] },
    });
    expect(problemsOf(misspelt.app)).toEqual([
      'definition.guardrails.allowInternetEndpoint[0] = "prod-hangzhou/Hangzhou/InternetAccess": names no stack; stacks: prod-main-cn-hangzhou',
      '[prod-main-cn-hangzhou] guardrail: [prod-main-cn-hangzhou/Hangzhou/InternetAccess] alicloud_cr_internet_endpoint opens the registry\'s Internet endpoint; to allow it, add "prod-main-cn-hangzhou/Hangzhou/InternetAccess" to guardrails.allowInternetEndpoint',
    ]);
    const allowed = build({
      ...withEndpoint,
      guardrails: { allowInternetEndpoint: ["prod-main-cn-hangzhou/Hangzhou/InternetAccess"] },
    });
    expect(problemsOf(allowed.app)).toEqual([]);
  });

  test("an inconsistent definition is refused with every problem at once", () => {
    const broken: PlatformDefinition = {
      ...BASE,
      accounts: { ...BASE.accounts, bad: { accountId: "123", deployRoleArn: "arn:aws:iam::1:role/x" } },
      environments: [
        {
          name: "Prod",
          registries: [
            { ...BASE.environments[0].registries[0], account: "nobody", region: "mars-1" },
            { ...BASE.environments[0].registries[1], id: "Hangzhou" },
          ],
          clusters: [
            { name: "c1", account: "main", region: "cn-hangzhou", workerRoleName: "w", pullsFrom: ["Nowhere"] },
            { name: "c2", account: "main", region: "cn-hangzhou", pullsFrom: ["Hangzhou"] },
            { name: "c3", account: "bad", region: "cn-hangzhou", tokenMode: "managedRole", pullsFrom: ["Hangzhou"] },
          ],
          ciPrincipals: [
            { roleName: "ci", trustedPrincipalArns: [], pushTo: { registry: "Hangzhou", namespaces: ["web"] } },
          ],
        },
      ],
    };
    // Nothing throws: every definition problem is reported by synthesizeApp, before the constructs' problems, and
    // nothing that failed (or depends on what failed) is built, so no follow-on problem is reported.
    const { app } = build(broken);
    expect(problemsOf(app)).toEqual([
      'definition.accounts.bad.accountId = "123": must be 16 digits',
      "definition.accounts.bad.deployRoleArn = \"arn:aws:iam::1:role/x\": must be acs:<service>:<region>:<account-id>:<resource> (5 ':'-separated parts, got 6)",
      'definition.environments[0].name = "Prod": must be 1-32 lowercase letters and digits, starting with a letter',
      'definition.environments[0].registries[0].account = "nobody": unknown account; declared: main, other, bad',
      'definition.environments[0].registries[0].region = "mars-1": not a region with Container Registry',
      'definition.environments[0].registries[1].id = "Hangzhou": duplicate registry id',
      'definition.environments[0].clusters[0].pullsFrom[0] = "Nowhere": unknown registry id',
      "definition.environments[0].clusters[1].workerRoleName = (not set): required with tokenMode workerRole",
      // c3 pulls from "Hangzhou", which failed (twice declared): whether that crosses accounts is unknown, so its
      // tokenMode is not judged; the CI principal pushing to it is not judged either.
    ]);
  });
});
