import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import {
  ChainStep,
  ChartNamespace,
  ChartRepository,
  ClusterPullAccess,
  DeliveryChain,
  EnterpriseRegistry,
  Grantee,
  Namespace,
  PersonalNamespace,
  PersonalRepository,
  PublicEndpoint,
  RegistryPassword,
  ReplicationRule,
  RetentionRule,
  ScanRule,
  ScanScope,
  UpstreamMirror,
  VpcEndpointAccess,
} from "../../constructs";
import { CiPushPrincipal } from "../../constructs/patterns/ci-push-principal";
import { CrossAccountPull } from "../../constructs/patterns/cross-account-pull";
import { RamRole } from "../../constructs/access/ram-role";
import { RamUser } from "../../constructs/access/ram-user";
import { PolicyDocument, PolicyStatement } from "../../constructs/access/policy-document";
import { TerraformStack, TerraformVariable } from "../../constructs/engine";
import { problemsOfStack } from "../support/bad-input";

// Every prop that takes a string, number or list gets an unresolved variable of that kind: no construct may report
// a problem for a value it can only know at plan time (tokens are not validated as literals).

function vars(stack: TerraformStack) {
  let n = 0;
  const next = () => `v${++n}`;
  return {
    s: () => new TerraformVariable(stack, next(), { type: "string" }).stringValue,
    n: () => new TerraformVariable(stack, next(), { type: "number" }).numberValue,
    l: () => new TerraformVariable(stack, next(), { type: "list(string)" }).listValue,
    b: () => new TerraformVariable(stack, next(), { type: "bool" }).booleanValue as unknown as boolean,
  };
}

function tokenRegistry(stack: TerraformStack) {
  const v = vars(stack);
  const password = new TerraformVariable(stack, "password", { type: "string", sensitive: true });
  const registry = new EnterpriseRegistry(stack, "Registry", {
    instanceName: v.s(),
    edition: v.s() as never,
    paymentType: "Subscription",
    periodMonths: v.n(),
    autoRenewMonths: v.n(),
    imageScanner: v.s() as never,
    customOssBucket: v.s(),
    extraNamespaceQuota: v.n(),
    extraRepositoryQuota: v.n(),
    extraVpcQuota: v.n(),
    resourceGroupId: v.s(),
    tags: { environment: v.s() },
    password: RegistryPassword.fromSensitiveVariable(password),
    accountId: v.s(),
  });
  const namespace = registry.addNamespace("Ns", {
    name: v.s(),
    autoCreateRepositories: v.b(),
    defaultVisibility: v.s() as never,
  });
  const repository = namespace.addRepository("Repo", {
    name: v.s(),
    visibility: v.s() as never,
    summary: v.s(),
    detail: v.s(),
    tagImmutability: v.b(),
  });
  return { v, registry, namespace, repository };
}

describe("tokens everywhere: no construct validates an unresolved value as a literal", () => {
  test("EnterpriseRegistry (and fromInstanceAttributes, fromInstanceId), Namespace, Repository", () => {
    expect(
      problemsOfStack((stack) => {
        const { v } = tokenRegistry(stack);
        EnterpriseRegistry.fromInstanceAttributes(stack, "Imported", {
          instanceId: v.s(),
          instanceName: v.s(),
          region: v.s(),
          accountId: v.s(),
        });
        const byId = EnterpriseRegistry.fromInstanceId(stack, "ById", v.s());
        Namespace.fromNamespaceName(stack, "ImportedNs", byId, v.s());
      }),
    ).toEqual([]);
  });

  test("chart namespaces and repositories, Personal Edition", () => {
    expect(
      problemsOfStack((stack) => {
        const { v, registry } = tokenRegistry(stack);
        const charts = new ChartNamespace(stack, "Charts", {
          registry,
          name: v.s(),
          autoCreateRepositories: v.b(),
          defaultVisibility: v.s() as never,
        });
        new ChartRepository(stack, "Chart", {
          namespace: charts,
          name: v.s(),
          visibility: v.s() as never,
          summary: v.s(),
        });
        const personal = new PersonalNamespace(stack, "Personal", {
          name: v.s(),
          autoCreateRepositories: v.b(),
          defaultVisibility: v.s() as never,
        });
        new PersonalRepository(stack, "PersonalRepo", {
          namespace: personal,
          name: v.s(),
          visibility: v.s() as never,
          summary: v.s(),
          detail: v.s(),
        });
      }),
    ).toEqual([]);
  });

  test("replication, scanning, retention, delivery chains, upstream mirrors", () => {
    expect(
      problemsOfStack((stack) => {
        const { v, registry, namespace, repository } = tokenRegistry(stack);
        new ReplicationRule(stack, "Replication", {
          registry,
          namespace,
          repository,
          tagFilter: v.s(),
          ruleName: v.s(),
          automatic: false,
          target: { instanceId: v.s(), region: v.s(), namespace: v.s(), repository: v.s(), accountId: v.s() },
        });
        new ScanRule(stack, "Scan", {
          registry,
          ruleName: v.s(),
          scope: ScanScope.repositories(namespace, v.s()),
          tagFilter: v.s(),
          trigger: v.s() as never,
          scanType: v.s() as never,
        });
        new RetentionRule(stack, "Retention", {
          registry,
          namespace,
          repository,
          keepLastTags: v.n(),
          tagFilter: v.s(),
          schedule: v.s() as never,
          automatic: v.b(),
        });
        new DeliveryChain(stack, "Chain", {
          registry,
          namespace,
          repository,
          name: v.s(),
          description: v.s(),
          steps: [ChainStep.push(), ChainStep.scan({ severity: v.s() as never, minIssueCount: v.n() })],
        });
        new UpstreamMirror(stack, "Mirror", {
          registry,
          namespace,
          repository,
          source: { provider: v.s() as never, namespace: v.s(), repository: v.s() },
          tagFilter: v.s(),
          tagCount: v.n(),
          overwriteTags: v.b(),
          accelerate: v.b(),
          platforms: v.l(),
        });
      }),
    ).toEqual([]);
  });

  test("VPC and Internet access", () => {
    expect(
      problemsOfStack((stack) => {
        const { v, registry } = tokenRegistry(stack);
        new VpcEndpointAccess(stack, "Vpc", {
          registry,
          links: [{ vpcId: v.s(), vswitchId: v.s(), key: "zone-a" }],
          modules: v.l() as never,
          privateZoneDns: v.b(),
        });
        new PublicEndpoint(stack, "Internet", { registry, allowList: [{ cidr: v.s(), description: v.s() }] });
      }),
    ).toEqual([]);
  });

  test("grants, RAM roles and users, cluster pulls, cross-account pulls, CI push", () => {
    expect(
      problemsOfStack((stack) => {
        const { v, registry, namespace, repository } = tokenRegistry(stack);
        repository.grantPull(Grantee.fromRoleName(stack, "Role", v.s()));
        namespace.grantPush(Grantee.fromUserName(stack, "User", v.s()));
        registry.grantPullPush(Grantee.fromGroupName(stack, "Group", v.s()));
        new RamRole(stack, "Ram", {
          roleName: v.s(),
          trustPolicy: PolicyDocument.trust(
            PolicyStatement.allow({ actions: ["sts:AssumeRole"], principal: { RAM: [v.s()] } }),
          ),
          maxSessionDurationSeconds: v.n(),
          description: v.s(),
        });
        new RamUser(stack, "RamUser", { userName: v.s(), displayName: v.s(), comments: v.s() });
        new ClusterPullAccess(stack, "ClusterPull", { registries: [registry], workerRoleName: v.s() });
        const consumer = new AlicloudProvider(stack, "consumer", { alias: "consumer", region: "cn-beijing" });
        new CrossAccountPull(stack, "CrossAccount", {
          registry,
          registryAccountProvider: stack.node.findChild("alicloud") as AlicloudProvider,
          consumerAccountProvider: consumer,
          consumerAccountId: v.s(),
          consumerRoleName: v.s(),
          roleName: v.s(),
          maxSessionDurationSeconds: v.n(),
          registryAccountId: v.s(),
          namespaces: [namespace],
        });
        new CiPushPrincipal(stack, "Ci", {
          namespaces: [namespace],
          role: { roleName: v.s(), trustedPrincipalArns: [v.s()], maxSessionDurationSeconds: v.n() },
        });
      }),
    ).toEqual([]);
  });
});
