import { validateArn } from "../../constructs";
import { FieldChecks } from "../../constructs/validation/field-checks";
import {
  ACCOUNT_ID,
  ACR_REGIONS,
  DEFINITION_ALIAS,
  DEFINITION_REGISTRY_ID,
  DNS_LABEL,
  RAM_ROLE_NAME,
  REGION_ID,
} from "../../validation/rules";
import type {
  ChartNamespaceDefinition,
  CiPrincipalDefinition,
  ClusterDefinition,
  EnvironmentDefinition,
  NamespaceDefinition,
  PlatformDefinition,
  RegistryDefinition,
} from "./definition";
import { checkImportExisting } from "./import-existing";
import { checkDefinitionSettings, stackName } from "./validate-settings";

/** What {@link checkDefinition} found: every problem, and the part of the definition that can be built. */
export interface DefinitionCheck {
  /** Every problem, as `definition.<path> = <value>: <rule>`. */
  readonly problems: readonly string[];
  /**
   * The definition without the entities that failed (and without those that depend on one), so that building it
   * adds only the constructs' own problems, never a follow-on of a definition problem.
   */
  readonly usable: PlatformDefinition;
  /** False when `owner` failed: the `owner` tag is then neither written nor required. */
  readonly ownerOk: boolean;
}

/**
 * Every inconsistency of a platform definition, found before any construct is built: the shape a JavaScript caller
 * may get wrong (missing or mistyped fields), unknown account aliases and registry ids, duplicate names (which
 * would otherwise collide as construct ids), malformed ids and ARNs, regions without ACR, CI pushing to namespaces
 * that are not declared, cross-account clusters whose account Terraform cannot reach. Rules of single values that a
 * construct checks itself (instance names, editions, quotas, CIDRs) are left to the construct, which reports them
 * under its construct path.
 */
export function checkDefinition(definition: PlatformDefinition): DefinitionCheck {
  const check = new FieldChecks();
  if (!check.object("definition", definition, { required: true })) {
    return { problems: check.messages(), usable: EMPTY, ownerOk: false };
  }
  check.name("definition.name", definition.name, DNS_LABEL, { required: true });
  const ownerBefore = check.problems.length;
  check.length("definition.owner", definition.owner, 1, 128, { required: true });
  const ownerOk = check.problems.length === ownerBefore;
  const accounts = checkAccounts(check, definition.accounts);
  const environments = check.list("definition.environments", definition.environments, { required: true }) ?? [];
  const refs: References = {
    accounts,
    declaredAccounts: check.problems.some((p) => p.field === "definition.accounts")
      ? undefined
      : new Set(Object.keys(definition.accounts)),
    deployRoles: new Set(
      Object.entries(definition.accounts ?? {})
        .filter(([, a]) => (a as { deployRoleArn?: unknown } | null)?.deployRoleArn !== undefined)
        .map(([alias]) => alias),
    ),
    registries: new Map(),
    registryIds: new Set(),
    allRegistriesKnown: true,
    clusterNames: new Set(),
    ciRoles: new Set(),
  };
  const environmentNames = new Set<string>();
  const checked = environments.flatMap((environment, e) => {
    const at = `definition.environments[${e}]`;
    if (!check.object(at, environment, { required: true })) return [];
    const env = environment as unknown as EnvironmentDefinition;
    const nameOk = claim(check, `${at}.name`, env.name, DEFINITION_ALIAS, environmentNames, "environment name");
    // What an environment that failed holds is checked too (every problem at once), but not built.
    if (!Array.isArray(env.registries)) refs.allRegistriesKnown = false;
    const registries = listAt(check, `${at}.registries`, env.registries, true).flatMap((r, i) =>
      checkRegistry(check, `${at}.registries[${i}]`, r, nameOk ? env.name : undefined, refs),
    );
    return [{ env, at, registries, nameOk }];
  });
  // Clusters and CI may name a registry of any environment, so they are checked once every registry is known.
  const built = checked.flatMap(({ env, at, registries, nameOk }) => {
    const clusters = listAt(check, `${at}.clusters`, env.clusters).flatMap((c, i) =>
      checkCluster(check, `${at}.clusters[${i}]`, c, refs),
    );
    const ciPrincipals = listAt(check, `${at}.ciPrincipals`, env.ciPrincipals).flatMap((ci, i) =>
      checkCiPrincipal(check, `${at}.ciPrincipals[${i}]`, ci, refs),
    );
    return nameOk ? [{ ...env, registries, clusters, ciPrincipals }] : [];
  });
  // Every stack the definition declares, built or not: an exception naming a stack whose registry failed is not stale.
  const stackNames = [
    ...new Set(
      declaredRegistries(definition).map(({ environment, registry: r }) =>
        stackName(environment as string, r.account, r.region),
      ),
    ),
  ];
  const settings = checkDefinitionSettings(check, definition, stackNames);
  const usableAccounts = Object.fromEntries(
    Object.entries(definition.accounts ?? {}).filter(([alias]) => accounts.has(alias)),
  );
  return {
    problems: check.messages(),
    usable: { ...definition, ...settings, accounts: usableAccounts, environments: built },
    ownerOk,
  };
}

const EMPTY: PlatformDefinition = { name: "", owner: "", accounts: {}, environments: [] };

/** What the checks of later entities may refer to: only entities that passed their own checks. */
interface References {
  /** Account aliases that passed their checks. */
  readonly accounts: ReadonlySet<string>;
  /** Every declared account alias, passed or not; `undefined` when `accounts` itself failed (nothing is known). */
  readonly declaredAccounts?: ReadonlySet<string>;
  /** Declared account aliases that name a deploy role (well-formed or not: a malformed one is reported there). */
  readonly deployRoles: ReadonlySet<string>;
  /** Registries that passed, by id: their account, stack and namespace names. */
  readonly registries: Map<string, { account: string; stack: string; namespaces: ReadonlySet<string> }>;
  /** Every registry id claimed so far, passed or not (duplicates are found among all of them). */
  readonly registryIds: Set<string>;
  /** False when a list of registries failed: an id not found may be in it, so none is called unknown. */
  allRegistriesKnown: boolean;
  readonly clusterNames: Set<string>;
  /** `<stack>/<role name>` of the CI roles: one construct id per stack. */
  readonly ciRoles: Set<string>;
}

function checkAccounts(check: FieldChecks, accounts: unknown): Set<string> {
  const usable = new Set<string>();
  if (!check.object("definition.accounts", accounts, { required: true })) return usable;
  for (const [alias, account] of Object.entries(accounts)) {
    const at = `definition.accounts.${alias}`;
    const before = check.problems.length;
    check.name(at, alias, DEFINITION_ALIAS);
    if (check.object(at, account, { required: true })) {
      check.name(`${at}.accountId`, account.accountId, { ...ACCOUNT_ID, description: "must be 16 digits" }, REQUIRED);
      if (check.string(`${at}.deployRoleArn`, account.deployRoleArn)) {
        for (const rule of validateArn(account.deployRoleArn, "ram-role")) {
          check.fail(`${at}.deployRoleArn`, account.deployRoleArn, rule);
        }
      }
    }
    if (check.problems.length === before) usable.add(alias);
  }
  return usable;
}

const REQUIRED = { required: true } as const;

function checkRegistry(
  check: FieldChecks,
  at: string,
  given: unknown,
  environment: string | undefined,
  refs: References,
): RegistryDefinition[] {
  if (!check.object(at, given, REQUIRED)) return [];
  const registry = given as unknown as RegistryDefinition;
  const before = check.problems.length;
  const idOk = claim(check, `${at}.id`, registry.id, DEFINITION_REGISTRY_ID, refs.registryIds, "registry id");
  const accountOk = knownAccount(check, `${at}.account`, registry.account, refs);
  if (check.string(`${at}.region`, registry.region, REQUIRED) && !ACR_REGIONS.has(registry.region)) {
    check.fail(`${at}.region`, registry.region, "not a region with Container Registry");
  }
  checkInstance(check, `${at}.instance`, registry.instance);
  checkImportExisting(check, at, registry);
  const customizeOk = registry.customize === undefined || typeof registry.customize === "function";
  if (!customizeOk) {
    check.fail(`${at}.customize`, typeof registry.customize, "must be a function (registry, namespaces) => void");
  }
  // The registry's own fields decide whether it is built; a problem of one namespace drops only that namespace.
  const ownOk = check.problems.length === before && Array.isArray(registry.namespaces);
  const namespaces = listAt(check, `${at}.namespaces`, registry.namespaces, true);
  const names = new Set<string>();
  const usableNamespaces = namespaces.flatMap((ns, i) => checkNamespace(check, `${at}.namespaces[${i}]`, ns, names));
  const chartNames = new Set<string>();
  const charts = listAt(check, `${at}.chartNamespaces`, registry.chartNamespaces).flatMap((c, i) => {
    const path = `${at}.chartNamespaces[${i}]`;
    if (!check.object(path, c, REQUIRED)) return [];
    const chart = c as unknown as ChartNamespaceDefinition;
    if (!claim(check, `${path}.name`, chart.name, undefined, chartNames, "chart namespace name")) return [];
    const repositories = uniqueNames(check, `${path}.repositories`, chart.repositories, "chart repository name");
    return [{ ...chart, repositories: repositories as ChartNamespaceDefinition["repositories"] }];
  });
  if (!idOk || !accountOk || !ownOk || environment === undefined) return [];
  const stack = stackName(environment, registry.account, registry.region);
  refs.registries.set(registry.id, { account: registry.account, stack, namespaces: names });
  return [{ ...registry, namespaces: usableNamespaces, chartNamespaces: charts }];
}

function checkInstance(check: FieldChecks, at: string, instance: unknown): void {
  if (!check.object(at, instance, REQUIRED)) return;
  check.oneOf(`${at}.kind`, instance.kind, ["new", "existing"], REQUIRED);
  // The construct checks the values; here only what building needs to read (its role name is derived from it).
  check.string(`${at}.instanceName`, instance.instanceName, REQUIRED);
  if (instance.kind === "existing") check.string(`${at}.instanceId`, instance.instanceId, REQUIRED);
}

function checkNamespace(check: FieldChecks, at: string, given: unknown, names: Set<string>): NamespaceDefinition[] {
  if (!check.object(at, given, REQUIRED)) return [];
  const ns = given as unknown as NamespaceDefinition;
  if (!claim(check, `${at}.name`, ns.name, undefined, names, "namespace name in this registry")) return [];
  const repositories = uniqueNames(
    check,
    `${at}.repositories`,
    ns.repositories,
    "repository name in this namespace",
  ) as NamespaceDefinition["repositories"];
  const targets = new Set<string>();
  const replicateTo = listAt(check, `${at}.replicateTo`, ns.replicateTo).filter((t, i) => {
    const path = `${at}.replicateTo[${i}]`;
    if (!check.object(path, t, REQUIRED)) return false;
    // One rule per target instance and region: the construct id is made of both.
    return claim(
      check,
      path,
      `${String(t.region)}/${String(t.instanceId)}`,
      undefined,
      targets,
      "replication target (region/instanceId)",
    );
  }) as NamespaceDefinition["replicateTo"];
  return [{ ...ns, repositories, replicateTo }];
}

function checkCluster(check: FieldChecks, at: string, given: unknown, refs: References): ClusterDefinition[] {
  if (!check.object(at, given, REQUIRED)) return [];
  const cluster = given as unknown as ClusterDefinition;
  const before = check.problems.length;
  const nameOk = claim(check, `${at}.name`, cluster.name, DNS_LABEL, refs.clusterNames, "cluster name");
  const accountOk = knownAccount(check, `${at}.account`, cluster.account, refs);
  check.name(`${at}.region`, cluster.region, REGION_ID, REQUIRED);
  check.oneOf(`${at}.tokenMode`, cluster.tokenMode, ["workerRole", "managedRole"]);
  const tokenMode = cluster.tokenMode ?? "workerRole";
  if (tokenMode === "workerRole" && cluster.workerRoleName === undefined) {
    check.fail(`${at}.workerRoleName`, cluster.workerRoleName, "required with tokenMode workerRole");
  } else {
    check.name(`${at}.workerRoleName`, cluster.workerRoleName, RAM_ROLE_NAME);
  }
  const pulls = new Set<string>();
  const pullsFrom = listAt(check, `${at}.pullsFrom`, cluster.pullsFrom, true).filter((id, i): id is string => {
    const path = `${at}.pullsFrom[${i}]`;
    if (!check.string(path, id, REQUIRED)) return false;
    const target = refs.registries.get(id);
    if (target === undefined) {
      // A registry that failed its own checks was reported there; an id never declared is this entry's problem.
      if (isUnknownRegistry(refs, id)) check.fail(path, id, "unknown registry id");
      return false;
    }
    if (pulls.has(id)) {
      check.fail(path, id, "is listed more than once");
      return false;
    }
    pulls.add(id);
    // Across accounts is known once the cluster's alias is declared, even if that account failed its own checks.
    if (!refs.declaredAccounts?.has(cluster.account) || target.account === cluster.account) return true;
    if (tokenMode === "managedRole") {
      check.fail(
        `${at}.tokenMode`,
        cluster.tokenMode,
        `pulls across accounts from ${id}: use workerRole (role assumption)`,
      );
    } else if (!refs.deployRoles.has(cluster.account)) {
      check.fail(
        `${at}.account`,
        cluster.account,
        `pulls across accounts from ${id}, so its account needs a deployRoleArn (the registry's stack manages the cluster side's AssumeRole permission)`,
      );
    }
    return true;
  });
  if (!nameOk || !accountOk || check.problems.length > before) return [];
  return [{ ...cluster, pullsFrom }];
}

function checkCiPrincipal(check: FieldChecks, at: string, given: unknown, refs: References): CiPrincipalDefinition[] {
  if (!check.object(at, given, REQUIRED)) return [];
  const ci = given as unknown as CiPrincipalDefinition;
  const before = check.problems.length;
  check.name(`${at}.roleName`, ci.roleName, RAM_ROLE_NAME, REQUIRED);
  check.list(`${at}.trustedPrincipalArns`, ci.trustedPrincipalArns, REQUIRED);
  if (!check.object(`${at}.pushTo`, ci.pushTo, REQUIRED)) return [];
  const pushTo = ci.pushTo;
  if (!check.string(`${at}.pushTo.registry`, pushTo.registry, REQUIRED)) return [];
  const target = refs.registries.get(pushTo.registry);
  const namespaces = listAt(check, `${at}.pushTo.namespaces`, pushTo.namespaces, true);
  if (target === undefined) {
    // A registry that failed its own checks was reported there; an id never declared is this entry's problem.
    if (isUnknownRegistry(refs, pushTo.registry)) {
      check.fail(`${at}.pushTo.registry`, pushTo.registry, "unknown registry id");
    }
    return [];
  }
  namespaces.forEach((ns, n) => {
    if (check.string(`${at}.pushTo.namespaces[${n}]`, ns, REQUIRED) && !target.namespaces.has(ns)) {
      check.fail(`${at}.pushTo.namespaces[${n}]`, ns, `not a namespace of ${pushTo.registry}`);
    }
  });
  if (check.problems.length > before) return [];
  const key = `${target.stack}/${ci.roleName}`;
  if (refs.ciRoles.has(key)) {
    check.fail(`${at}.roleName`, ci.roleName, `duplicate CI role name in stack ${target.stack}`);
    return [];
  }
  refs.ciRoles.add(key);
  return [ci];
}

/** The items of an optional (or, with `required`, mandatory) list field; a problem and no items otherwise. */
function listAt(check: FieldChecks, at: string, value: unknown, required = false): readonly unknown[] {
  return check.list(at, value, { required }) ?? [];
}

/**
 * `name` must be a string (passing `rule` when given) not yet in `names`; it is added. False, with a problem,
 * otherwise: the entity is then left out of what is built.
 */
function claim(
  check: FieldChecks,
  at: string,
  name: unknown,
  rule: typeof DNS_LABEL | undefined,
  names: Set<string>,
  what: string,
): boolean {
  const before = check.problems.length;
  if (rule !== undefined) check.name(at, name, rule, REQUIRED);
  else check.string(at, name, REQUIRED);
  if (check.problems.length > before) return false;
  if (names.has(name as string)) {
    check.fail(at, name, `duplicate ${what}`);
    return false;
  }
  names.add(name as string);
  return true;
}

/** The items of a required list of names or `{ name, ... }` options whose names are strings, each once. */
function uniqueNames(check: FieldChecks, at: string, value: unknown, what: string): readonly unknown[] {
  const names = new Set<string>();
  return listAt(check, at, value, true).filter((item, i) => {
    const path = `${at}[${i}]`;
    const name = typeof item === "object" && item !== null ? (item as { name?: unknown }).name : item;
    return claim(check, typeof item === "object" ? `${path}.name` : path, name, undefined, names, what);
  });
}

function knownAccount(check: FieldChecks, at: string, alias: unknown, refs: References): boolean {
  if (!check.string(at, alias, REQUIRED)) return false;
  if (refs.accounts.has(alias)) return true;
  // An alias that is declared but failed its own checks was reported there.
  if (refs.declaredAccounts !== undefined && !refs.declaredAccounts.has(alias)) {
    check.fail(at, alias, `unknown account; declared: ${[...refs.declaredAccounts].join(", ")}`);
  }
  return false;
}

/** True when `id` is certainly not a registry of the definition (then the reference, not the registry, is wrong). */
function isUnknownRegistry(refs: References, id: string): boolean {
  return refs.allRegistriesKnown && !refs.registryIds.has(id);
}

/** Every registry object in the definition with its environment, whether or not it passed its checks. */
function declaredRegistries(definition: PlatformDefinition): { environment: unknown; registry: RegistryDefinition }[] {
  const environments: readonly unknown[] = Array.isArray(definition.environments) ? definition.environments : [];
  return environments.flatMap((e) => {
    const env = e as Partial<EnvironmentDefinition> | null;
    const registries: readonly unknown[] = Array.isArray(env?.registries) ? env.registries : [];
    return registries
      .filter((r): r is RegistryDefinition => typeof r === "object" && r !== null)
      .map((registry) => ({ environment: env?.name, registry }));
  });
}
