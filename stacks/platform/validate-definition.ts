import { validateArn } from "../../constructs";
import { ACR_REGIONS } from "../../validation/rules";
import { PlatformDefinition } from "./definition";

/**
 * Every inconsistency of a platform definition, as `definition.<path> = <value>: <rule>`: unknown account aliases
 * and registry ids, duplicate names, malformed ids and ARNs, regions without ACR, CI pushing to namespaces that are
 * not declared, cross-account clusters whose account Terraform cannot reach. Construct-level rules (names, quotas)
 * are checked by the constructs themselves.
 */
export function validateDefinition(definition: PlatformDefinition): string[] {
  const problems: string[] = [];
  const fail = (path: string, value: unknown, rule: string) =>
    problems.push(`definition.${path} = ${JSON.stringify(value)}: ${rule}`);
  const seen = (kind: string) => {
    const names = new Set<string>();
    return (path: string, name: string) => {
      if (names.has(name)) fail(path, name, `duplicate ${kind}`);
      names.add(name);
    };
  };

  for (const [alias, account] of Object.entries(definition.accounts)) {
    if (!/^[a-z][a-z0-9]*$/.test(alias))
      fail(`accounts.${alias}`, alias, "account aliases are lowercase letters and digits");
    if (!/^\d{16}$/.test(account.accountId))
      fail(`accounts.${alias}.accountId`, account.accountId, "must be 16 digits");
    if (account.deployRoleArn !== undefined) {
      for (const rule of validateArn(account.deployRoleArn, "ram-role"))
        fail(`accounts.${alias}.deployRoleArn`, account.deployRoleArn, rule);
    }
  }
  const account = (path: string, alias: string) => {
    if (!definition.accounts[alias])
      fail(path, alias, `unknown account; declared: ${Object.keys(definition.accounts).join(", ")}`);
  };
  const region = (path: string, id: string) => {
    if (!ACR_REGIONS.has(id)) fail(path, id, "not a region with Container Registry");
  };

  const environmentName = seen("environment");
  const registryId = seen("registry id");
  const clusterName = seen("cluster name");
  const registries = new Map(
    definition.environments.flatMap((e) => e.registries.map((r) => [r.id, { ...r, environment: e.name }])),
  );
  definition.environments.forEach((environment, e) => {
    const at = `environments[${e}]`;
    environmentName(`${at}.name`, environment.name);
    if (!/^[a-z][a-z0-9]*$/.test(environment.name))
      fail(`${at}.name`, environment.name, "lowercase letters and digits");
    environment.registries.forEach((registry, r) => {
      const path = `${at}.registries[${r}]`;
      registryId(`${path}.id`, registry.id);
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(registry.id))
        fail(`${path}.id`, registry.id, "letters and digits, starting with a letter");
      account(`${path}.account`, registry.account);
      region(`${path}.region`, registry.region);
    });
    (environment.clusters ?? []).forEach((cluster, c) => {
      const path = `${at}.clusters[${c}]`;
      clusterName(`${path}.name`, cluster.name);
      account(`${path}.account`, cluster.account);
      region(`${path}.region`, cluster.region);
      if ((cluster.tokenMode ?? "workerRole") === "workerRole" && !cluster.workerRoleName) {
        fail(`${path}.workerRoleName`, cluster.workerRoleName, "required with tokenMode workerRole");
      }
      cluster.pullsFrom.forEach((id, i) => {
        const target = registries.get(id);
        if (!target) {
          fail(`${path}.pullsFrom[${i}]`, id, "unknown registry id");
        } else if (target.account !== cluster.account && cluster.tokenMode === "managedRole") {
          fail(
            `${path}.tokenMode`,
            cluster.tokenMode,
            `pulls across accounts from ${id}: use workerRole (role assumption)`,
          );
        } else if (target.account !== cluster.account && !definition.accounts[cluster.account]?.deployRoleArn) {
          fail(
            `${path}.account`,
            cluster.account,
            `pulls across accounts from ${id}, so its account needs a deployRoleArn (the registry's stack manages the cluster side's AssumeRole permission)`,
          );
        }
      });
    });
    (environment.ciPrincipals ?? []).forEach((ci, i) => {
      const path = `${at}.ciPrincipals[${i}].pushTo`;
      const target = registries.get(ci.pushTo.registry);
      if (!target) {
        fail(`${path}.registry`, ci.pushTo.registry, "unknown registry id");
        return;
      }
      const declared = new Set(target.namespaces.map((ns) => ns.name));
      ci.pushTo.namespaces.forEach((ns, n) => {
        if (!declared.has(ns)) fail(`${path}.namespaces[${n}]`, ns, `not a namespace of ${ci.pushTo.registry}`);
      });
    });
  });
  if (definition.state?.kind === "oss") {
    for (const key of ["bucket", "prefix", "lockTable", "lockTableEndpoint"] as const) {
      if (!definition.state[key]) fail(`state.${key}`, definition.state[key], "required for the OSS backend");
    }
  }
  return problems;
}
