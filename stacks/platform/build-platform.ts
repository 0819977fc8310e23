import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import {
  applyGuardrails,
  applyTags,
  CiPushPrincipal,
  ClusterPullAccess,
  GuardrailOptions,
  CrossAccountPull,
  EnterpriseRegistry,
  IEnterpriseRegistry,
  INamespace,
  releaseProtected,
} from "../../constructs";
import { App } from "../../constructs/engine";
import { DEFAULT_REQUIRED_TAGS } from "../../constructs/guardrails/rules";
import { RegistryStack } from "../registry-stack";
import { ClusterDefinition, PlatformDefinition, RegistryDefinition } from "./definition";
import { importRegistryContent } from "./import-existing";
import { checkDefinition } from "./validate-definition";
import { stackName, stackOfRelease } from "./validate-settings";

/** A registry as built: its construct, stack and namespaces by name. */
export interface BuiltRegistry {
  readonly definition: RegistryDefinition;
  readonly stack: RegistryStack;
  readonly registry: IEnterpriseRegistry;
  readonly namespaces: Readonly<Record<string, INamespace>>;
}

/** What {@link buildPlatform} created, for cluster manifests and tests. */
export interface BuiltPlatform {
  /** One stack per (environment, account, region), named `<environment>-<account>-<region>`. */
  readonly stacks: readonly RegistryStack[];
  /** Registries by their definition id. */
  readonly registries: ReadonlyMap<string, BuiltRegistry>;
  /** Cross-account pulls by `<cluster>/<registry id>`. */
  readonly crossAccountPulls: ReadonlyMap<string, CrossAccountPull>;
}

export { stackName } from "./validate-settings";

/**
 * Builds the platform's stacks in `app`: one per (environment, account, region) that holds a registry, each with
 * its own provider (region, and `assume_role` into the account when a deploy role is given) and state backend.
 * Everything about a registry lives in the registry's stack — its content, the pull grants of same-account clusters,
 * the cross-account roles for clusters elsewhere (through an aliased provider per consumer account), CI push — so no
 * stack reads another's state and each can be planned on its own. Every stack gets the platform tags and guardrails.
 *
 * Nothing throws for a bad definition: its problems are checked before any construct is built and reported by
 * `synthesizeApp` first, together with the problems of the constructs, in one report. What failed (and what depends
 * on it) is not built, so the report holds no follow-on of a definition problem.
 */
export function buildPlatform(app: App, given: PlatformDefinition): BuiltPlatform {
  const { problems, usable: definition, ownerOk } = checkDefinition(given);
  if (problems.length > 0) app.node.addValidation({ validate: () => [...problems] });

  const stacks = new Map<string, RegistryStack>();
  const registries = new Map<string, BuiltRegistry>();
  const crossAccountPulls = new Map<string, CrossAccountPull>();
  const stackFor = (environment: string, account: string, region: string): RegistryStack => {
    const name = stackName(environment, account, region);
    let stack = stacks.get(name);
    if (!stack) {
      stack = new RegistryStack(app, name, {
        region,
        deployRoleArn: definition.accounts[account].deployRoleArn,
        state: definition.state,
      });
      stacks.set(name, stack);
    }
    return stack;
  };

  for (const environment of definition.environments) {
    for (const registryDefinition of environment.registries) {
      const { account, region } = registryDefinition;
      const stack = stackFor(environment.name, account, region);
      const built = buildRegistry(stack, registryDefinition, definition.accounts[account].accountId);
      registries.set(registryDefinition.id, built);
    }
    for (const cluster of environment.clusters ?? []) {
      grantClusterPulls(definition, cluster, registries, crossAccountPulls);
    }
    for (const ci of environment.ciPrincipals ?? []) {
      const target = registries.get(ci.pushTo.registry) as BuiltRegistry;
      new CiPushPrincipal(target.stack, `Ci-${ci.roleName}`, {
        namespaces: ci.pushTo.namespaces.map((name) => target.namespaces[name]),
        role: { roleName: ci.roleName, trustedPrincipalArns: ci.trustedPrincipalArns },
      });
    }
    for (const stack of stacks.values()) {
      if (!stack.node.id.startsWith(`${environment.name}-`)) continue;
      applyTags(stack, {
        environment: environment.name,
        ...(ownerOk ? { owner: definition.owner } : {}),
        "managed-by": "acr-platform",
      });
    }
  }
  // An owner that failed is reported once, at definition.owner, not as a missing tag on every resource.
  const guardrails = ownerOk ? definition.guardrails : withoutOwnerTag(definition.guardrails);
  for (const stack of stacks.values()) applyGuardrails(stack, guardrails);
  for (const entry of definition.protection?.release ?? []) {
    const stack = stacks.get(stackOfRelease(entry));
    if (stack !== undefined) releaseProtected(stack, entry);
  }
  return { stacks: [...stacks.values()], registries, crossAccountPulls };
}

// Without a usable owner the tags this function writes are environment and managed-by; those are what is required.
function withoutOwnerTag(options: GuardrailOptions = {}): GuardrailOptions {
  return {
    ...options,
    requiredTags: (options.requiredTags ?? DEFAULT_REQUIRED_TAGS).filter((t) => t !== "owner"),
  };
}

function buildRegistry(stack: RegistryStack, definition: RegistryDefinition, accountId: string): BuiltRegistry {
  const instance = definition.instance;
  const registry =
    instance.kind === "new"
      ? new EnterpriseRegistry(stack, definition.id, {
          instanceName: instance.instanceName,
          edition: instance.edition,
          paymentType: instance.paymentType,
          periodMonths: instance.periodMonths,
          autoRenewMonths: instance.autoRenewMonths,
          imageScanner: instance.imageScanner,
          accountId,
        })
      : EnterpriseRegistry.fromInstanceAttributes(stack, definition.id, {
          instanceId: instance.instanceId,
          instanceName: instance.instanceName,
          region: definition.region,
          accountId,
        });
  const namespaces: Record<string, INamespace> = {};
  for (const ns of definition.namespaces) {
    const namespace = registry.addNamespace(ns.name, {
      name: ns.name,
      autoCreateRepositories: ns.autoCreateRepositories,
      defaultVisibility: ns.defaultVisibility,
    });
    namespaces[ns.name] = namespace;
    for (const repository of ns.repositories) {
      const options = typeof repository === "string" ? { name: repository } : repository;
      namespace.addRepository(options.name, options);
    }
    if (ns.keepLastTags !== undefined) namespace.addRetentionRule("Retention", { keepLastTags: ns.keepLastTags });
    for (const { ruleName, tagFilter, automatic, ...target } of ns.replicateTo ?? []) {
      namespace.replicateTo(`ReplicateTo-${target.region}-${target.instanceId}`, target, {
        ruleName,
        tagFilter,
        automatic,
      });
    }
  }
  for (const chartNamespace of definition.chartNamespaces ?? []) {
    const { repositories, ...options } = chartNamespace;
    const charts = registry.addChartNamespace(chartNamespace.name, options);
    for (const repository of repositories) {
      const repositoryOptions = typeof repository === "string" ? { name: repository } : repository;
      charts.addRepository(repositoryOptions.name, repositoryOptions);
    }
  }
  if (definition.vpcLinks?.length) {
    registry.connectVpc("VpcAccess", {
      links: definition.vpcLinks,
      modules: definition.vpcModules,
      existingLinks: definition.importExisting !== undefined,
    });
  }
  if (definition.internetAllowList) {
    registry.enablePublicEndpoint("InternetAccess", { allowList: definition.internetAllowList });
  }
  if (definition.importExisting) importRegistryContent(registry, definition.importExisting);
  definition.customize?.(registry, namespaces);
  stack.exportRegistry(registry);
  return { definition, stack, registry, namespaces };
}

// Same account: one worker-role policy per registry stack. Another account: a role in the registry's account that
// trusts the cluster's worker role, plus the consumer side's right to assume it (through an aliased provider).
function grantClusterPulls(
  definition: PlatformDefinition,
  cluster: ClusterDefinition,
  registries: ReadonlyMap<string, BuiltRegistry>,
  crossAccountPulls: Map<string, CrossAccountPull>,
): void {
  const sameAccount = new Map<RegistryStack, IEnterpriseRegistry[]>();
  for (const id of cluster.pullsFrom) {
    const built = registries.get(id) as BuiltRegistry;
    if (built.definition.account === cluster.account) {
      sameAccount.set(built.stack, [...(sameAccount.get(built.stack) ?? []), built.registry]);
      continue;
    }
    const consumer = definition.accounts[cluster.account];
    const pull = new CrossAccountPull(built.stack, `Pull-${cluster.name}-${id}`, {
      registry: built.registry,
      registryAccountProvider: built.stack.provider,
      consumerAccountProvider: consumerProvider(built.stack, cluster.account, cluster.region, consumer.deployRoleArn),
      consumerAccountId: consumer.accountId,
      consumerRoleName: cluster.workerRoleName as string,
      roleName: `acr-pull-${cluster.name}-${built.definition.instance.instanceName}`.slice(0, 64),
      maxSessionDurationSeconds: cluster.crossAccountSessionSeconds,
    });
    crossAccountPulls.set(`${cluster.name}/${id}`, pull);
  }
  for (const [stack, pulled] of sameAccount) {
    new ClusterPullAccess(stack, `Pull-${cluster.name}`, {
      registries: pulled,
      workerRoleName: cluster.workerRoleName,
      tokenMode: cluster.tokenMode,
    });
  }
}

function consumerProvider(stack: RegistryStack, account: string, region: string, deployRoleArn?: string) {
  const id = `account-${account}`;
  const existing = stack.node.tryFindChild(id);
  if (existing instanceof AlicloudProvider) return existing;
  return new AlicloudProvider(stack, id, {
    alias: id,
    region,
    ...(deployRoleArn ? { assumeRole: { roleArn: deployRoleArn, sessionName: "acr-platform" } } : {}),
  });
}
