import {
  parseEnterpriseDomain,
  RegistryAccessFacts,
  RegistryFacts,
  registryFactsFromOutputs,
} from "../../charts/registry-facts";
import type { DeployOutputs } from "../../output/deploy-outputs";
import { TerraformStack, Token } from "../engine";
import { IEnterpriseRegistry } from "../registry/enterprise-registry";
import { registryFactsOf } from "./registry-facts";

/**
 * The facts of a registry for the charts, or why there are none:
 * - `known`: concrete in the code, or read from deploy outputs that agree with the code;
 * - `missing`: a new instance whose stack has not been deployed with `--outputs-file` yet;
 * - `stale`: deploy outputs exist but name another instance or region than the code (renamed since the deploy).
 */
export type RegistryFactsLookup =
  | { readonly kind: "known"; readonly facts: RegistryFacts }
  | { readonly kind: "missing" | "stale"; readonly reason: string };

/**
 * Looks up the facts of `registry`: from the construct when every value is concrete at synth, else from the deploy
 * outputs of its stack, checked against the instance name and region the code declares.
 *
 * @throws Error when concrete facts in the code break a rule (a bug in the code, not a deploy that is missing)
 */
export function deployedRegistryFacts(
  registry: IEnterpriseRegistry,
  outputs: DeployOutputs,
  extras: RegistryAccessFacts = {},
): RegistryFactsLookup {
  const values = [registry.instanceId, registry.region, registry.publicDomain, registry.vpcDomain];
  if (!values.some((value) => Token.isUnresolved(value))) {
    return { kind: "known", facts: registryFactsOf(registry, extras) };
  }
  const stack = TerraformStack.of(registry).node.id;
  const id = registry.node.id;
  const deployed = outputs.forStack(stack);
  const deploy = `deploy it with \`cdktf deploy ${stack} --outputs-file outputs.json\``;
  if (deployed === undefined) {
    return { kind: "missing", reason: `stack "${stack}" has no deploy outputs yet: ${deploy}` };
  }
  let facts: RegistryFacts;
  try {
    facts = registryFactsFromOutputs({ [stack]: deployed.outputs }, stack, id, extras);
  } catch (err) {
    return { kind: "missing", reason: `${deployed.source}: ${(err as Error).message}` };
  }
  const deployedName = parseEnterpriseDomain(facts.publicDomain)?.instanceName;
  const differences = [
    ["instance name", deployedName, registry.instanceName],
    ["region", facts.regionId, registry.region],
  ].filter(([, was, now]) => !Token.isUnresolved(now) && was !== now);
  if (differences.length === 0) return { kind: "known", facts };
  const what = differences.map(
    ([name, was, now]) => `${name} ${JSON.stringify(was)} where the code has ${JSON.stringify(now)}`,
  );
  return {
    kind: "stale",
    reason:
      `the deploy outputs of ${registry.node.path} in ${deployed.source} name ${what.join(" and ")} ` +
      `(changed since the last deploy); ${deploy} to refresh them`,
  };
}
