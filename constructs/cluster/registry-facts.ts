// The bridge from constructs to charts: the only place where registry values leave the cdktf world, and only
// when they are concrete strings.
import {
  RegistryAccessFacts,
  RegistryFacts,
  REGISTRY_OUTPUT_SUFFIXES,
  validateRegistryFacts,
} from "../../charts/registry-facts";
import { TerraformStack, Token } from "../engine";
import { IEnterpriseRegistry } from "../registry/enterprise-registry";

/**
 * The plain facts of `registry` for the Kubernetes charts, plus optional cross-account / RRSA `extras`.
 *
 * Works when every value is concrete at synth: instances imported with
 * `EnterpriseRegistry.fromInstanceAttributes`, or the domains of a new instance in a stack whose provider has a
 * literal region. A new instance's id is only known after apply; then this throws an Error that names each
 * unknown value and how to provide it (deploy with `--outputs-file` and use `registryFactsFromOutputs`, or
 * import the instance with literal attributes).
 *
 * @throws Error when a value is an unresolved token, or when the facts break a rule
 */
export function registryFactsOf(registry: IEnterpriseRegistry, extras: RegistryAccessFacts = {}): RegistryFacts {
  const candidate: Record<keyof RegistryFacts, unknown> = {
    instanceId: registry.instanceId,
    regionId: registry.region,
    publicDomain: registry.publicDomain,
    vpcDomain: registry.vpcDomain,
    assumeRoleArn: extras.assumeRoleArn,
    sessionDurationSeconds: extras.sessionDurationSeconds,
    rrsaRoleArn: extras.rrsaRoleArn,
    rrsaOidcProviderRoleArn: extras.rrsaOidcProviderRoleArn,
  };
  const path = registry.node.path;
  const unknown = Object.entries(candidate)
    .filter(([, value]) => value !== undefined && Token.isUnresolved(value))
    .map(([name]) => name);
  if (unknown.length > 0) {
    const stack = TerraformStack.of(registry).node.id;
    const fromRegistry = unknown.filter((name) => name in REGISTRY_OUTPUT_SUFFIXES);
    const lines = unknown.map((name) => `${name} of ${path} is only known after apply`);
    const how = [
      ...(fromRegistry.length > 0
        ? [
            `deploy with \`cdktf deploy ${stack} --outputs-file outputs.json\` (the stack must call ` +
              `exportRegistry() for it) and use registryFactsFromOutputs("outputs.json", "${stack}", ` +
              `"${registry.node.id}")`,
            "or import the existing instance with literal attributes via EnterpriseRegistry.fromInstanceAttributes()",
          ]
        : []),
      ...(fromRegistry.length < unknown.length
        ? ["pass the access extras (role ARNs, durations) as literal values"]
        : []),
    ];
    throw new Error(`${lines.join("; ")}. To provide it: ${how.join(", ")}.`);
  }
  const facts = Object.fromEntries(
    Object.entries(candidate).filter(([, value]) => value !== undefined),
  ) as unknown as RegistryFacts;
  const problems = validateRegistryFacts(facts);
  if (problems.length > 0) throw new Error(`registry facts of ${path}:\n  ${problems.join("\n  ")}`);
  return facts;
}
