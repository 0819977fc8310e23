import * as fs from "node:fs";
import {
  Checks,
  checkNoTokens,
  OIDC_PROVIDER_ARN_RULE,
  oidcProviderArnAccount,
  ROLE_ARN_RULE,
  roleArnAccount,
} from "./validation";
import { INSTANCE_ID, REGION_ID } from "../validation/rules";

/**
 * What a cluster needs to know about one ACR Enterprise Edition instance, as plain strings. Charts take these
 * instead of constructs, so they never see a Terraform token: get them from `registryFactsOf()` in
 * `constructs/cluster` when the values are concrete at synth, or from {@link registryFactsFromOutputs} after
 * `cdktf deploy --outputs-file`.
 */
export interface RegistryFacts {
  /** Instance id, `cri-...`. */
  readonly instanceId: string;
  /** Region id of the instance, e.g. `cn-hangzhou`. */
  readonly regionId: string;
  /** Internet registry domain, `<name>-registry.<region>.cr.aliyuncs.com`. */
  readonly publicDomain: string;
  /** VPC registry domain, `<name>-registry-vpc.<region>.cr.aliyuncs.com`. */
  readonly vpcDomain: string;
  /**
   * Cross-account pull: ARN of the role in the registry owner's account that the cluster assumes
   * (`acs:ram::<uid>:role/<name>`).
   * @default - same account: no role assumption
   */
  readonly assumeRoleArn?: string;
  /**
   * Maximum session duration of {@link assumeRoleArn} in seconds (3600-43200), so the credential lifetime
   * (`expireDuration`) can be checked against it.
   * @default - unknown: only the absolute range 900-43200 is checked
   */
  readonly sessionDurationSeconds?: number;
  /**
   * RRSA: ARN of the role in the cluster owner's account that the credential helper's ServiceAccount assumes
   * through the cluster's OIDC provider.
   * @default - no RRSA
   */
  readonly rrsaRoleArn?: string;
  /**
   * RRSA: the cluster's OIDC provider ARN, `acs:ram::<uid>:oidc-provider/ack-rrsa-<clusterId>`.
   * @default - no RRSA
   */
  readonly rrsaOidcProviderRoleArn?: string;
}

/** The optional access extras of {@link RegistryFacts}: cross-account role assumption and RRSA. */
export type RegistryAccessFacts = Pick<
  RegistryFacts,
  "assumeRoleArn" | "sessionDurationSeconds" | "rrsaRoleArn" | "rrsaOidcProviderRoleArn"
>;

/** The Terraform outputs `RegistryStack.exportRegistry` writes per registry, by fact. */
export const REGISTRY_OUTPUT_SUFFIXES = {
  instanceId: "instance_id",
  regionId: "region",
  publicDomain: "public_domain",
  vpcDomain: "vpc_domain",
} as const;

const EE_DOMAIN = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)-registry(-vpc)?\.([a-z0-9-]+)\.cr\.aliyuncs\.com$/;

/** Instance name, endpoint and region of an Enterprise Edition registry domain, or `undefined`. */
export function parseEnterpriseDomain(
  domain: string,
): { instanceName: string; vpc: boolean; regionId: string } | undefined {
  const m = EE_DOMAIN.exec(domain);
  return m ? { instanceName: m[1], vpc: m[2] !== undefined, regionId: m[3] } : undefined;
}

/**
 * Every problem in `facts` as `field = value: rule` messages: id and region shapes, domains that match the
 * Enterprise Edition patterns for the region and name the same instance, ARN shapes, the session range, and
 * no unresolved tokens anywhere.
 */
export function validateRegistryFacts(facts: RegistryFacts, prefix = ""): string[] {
  const check = new Checks();
  checkNoTokens(check, "", facts);
  if (check.problems.length > 0) return prefixed(check, prefix);
  for (const key of ["instanceId", "regionId", "publicDomain", "vpcDomain"] as const) {
    if (typeof facts[key] !== "string" || facts[key] === "") check.fail(key, facts[key], "is required");
  }
  check.name("instanceId", facts.instanceId, INSTANCE_ID);
  const before = check.problems.length;
  check.name("regionId", facts.regionId, REGION_ID);
  // The domains are checked against the region only when it is one (else every domain would be a follow-on).
  const regionOk = check.problems.length === before && typeof facts.regionId === "string";
  const names = new Set<string>();
  for (const [key, vpc] of [
    ["publicDomain", false],
    ["vpcDomain", true],
  ] as const) {
    const domain = facts[key];
    if (typeof domain !== "string" || domain === "" || !regionOk) continue;
    const parsed = parseEnterpriseDomain(domain);
    const shape = `<instanceName>-registry${vpc ? "-vpc" : ""}.${facts.regionId}.cr.aliyuncs.com`;
    if (!parsed || parsed.vpc !== vpc || parsed.regionId !== facts.regionId) {
      check.fail(key, domain, `must be ${shape} (the Enterprise Edition ${vpc ? "VPC" : "Internet"} domain)`);
    } else {
      names.add(parsed.instanceName);
    }
  }
  if (names.size > 1) check.fail("vpcDomain", facts.vpcDomain, "must name the same instance as publicDomain");
  checkAccessFacts(check, facts);
  return prefixed(check, prefix);
}

/** Checks the cross-account and RRSA extras (shared with the credential-helper entries). */
export function checkAccessFacts(check: Checks, facts: RegistryAccessFacts): void {
  if (facts.assumeRoleArn !== undefined && roleArnAccount(facts.assumeRoleArn) === undefined) {
    check.fail("assumeRoleArn", facts.assumeRoleArn, ROLE_ARN_RULE);
  }
  // RAM: a role's maximum session duration is 3600-43200 seconds.
  check.integer("sessionDurationSeconds", facts.sessionDurationSeconds, 3600, 43200);
  if (facts.sessionDurationSeconds !== undefined && facts.assumeRoleArn === undefined) {
    check.fail("sessionDurationSeconds", facts.sessionDurationSeconds, "applies only with assumeRoleArn");
  }
  const rrsaRole = facts.rrsaRoleArn;
  const oidc = facts.rrsaOidcProviderRoleArn;
  if (rrsaRole !== undefined && roleArnAccount(rrsaRole) === undefined)
    check.fail("rrsaRoleArn", rrsaRole, ROLE_ARN_RULE);
  if (oidc !== undefined && oidcProviderArnAccount(oidc) === undefined) {
    check.fail("rrsaOidcProviderRoleArn", oidc, OIDC_PROVIDER_ARN_RULE);
  }
  if ((rrsaRole === undefined) !== (oidc === undefined)) {
    const [field, value] = rrsaRole === undefined ? ["rrsaRoleArn", rrsaRole] : ["rrsaOidcProviderRoleArn", oidc];
    check.fail(field, value, "rrsaRoleArn and rrsaOidcProviderRoleArn are set together (RRSA needs both)");
  }
  const roleUid = rrsaRole !== undefined ? roleArnAccount(rrsaRole) : undefined;
  const oidcUid = oidc !== undefined ? oidcProviderArnAccount(oidc) : undefined;
  if (roleUid !== undefined && oidcUid !== undefined && roleUid !== oidcUid) {
    check.fail("rrsaRoleArn", rrsaRole, `must be a role of the cluster's account ${oidcUid} (the OIDC provider's)`);
  }
}

function prefixed(check: Checks, prefix: string): string[] {
  return check.messages().map((m) => `${prefix}${m}`);
}

/** Shape of the file `cdktf deploy --outputs-file` writes: outputs by stack, then by output id. */
export type DeployOutputs = Record<string, Record<string, unknown>>;

/**
 * Reads a registry's facts from the outputs that `cdktf deploy <stack> --outputs-file <file>` writes
 * (`{ "<stack>": { "<RegistryId>_instance_id": "cri-...", ... } }`, one set per `RegistryStack.exportRegistry`).
 *
 * @param outputs the parsed outputs object, or the path of the outputs file
 * @param stack the stack id, e.g. `prod`
 * @param registryId the registry's construct id, e.g. `ProdRegistry`
 * @param extras cross-account / RRSA facts to add (they are not Terraform outputs of the registry stack)
 * @throws Error naming the file, the stack and every missing or malformed output
 */
export function registryFactsFromOutputs(
  outputs: object | string,
  stack: string,
  registryId: string,
  extras: RegistryAccessFacts = {},
): RegistryFacts {
  const source = typeof outputs === "string" ? `outputs file ${outputs}` : "deploy outputs";
  let parsed: unknown = outputs;
  if (typeof outputs === "string") {
    let text: string;
    try {
      text = fs.readFileSync(outputs, "utf8");
    } catch (err) {
      throw new Error(
        `cannot read ${source} (${(err as NodeJS.ErrnoException).code ?? String(err)}): run ` +
          `\`cdktf deploy ${stack} --outputs-file ${outputs}\` first`,
      );
    }
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(`${source} is not valid JSON: ${(err as Error).message}`);
    }
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error(`${source} must be a JSON object of outputs by stack`);
  }
  const stacks = parsed as DeployOutputs;
  const stackOutputs = stacks[stack];
  if (stackOutputs === null || typeof stackOutputs !== "object") {
    const known = Object.keys(stacks).sort().join(", ") || "none";
    throw new Error(
      `${source} has no outputs for stack "${stack}" (stacks in the file: ${known}); ` +
        `deploy it with \`cdktf deploy ${stack} --outputs-file <file>\``,
    );
  }
  const values: Partial<Record<keyof typeof REGISTRY_OUTPUT_SUFFIXES, string>> = {};
  const missing: string[] = [];
  for (const [fact, suffix] of Object.entries(REGISTRY_OUTPUT_SUFFIXES) as [
    keyof typeof REGISTRY_OUTPUT_SUFFIXES,
    string,
  ][]) {
    const id = `${registryId}_${suffix}`;
    const value = stackOutputs[id];
    if (typeof value !== "string" || value === "") missing.push(`${id}${value === undefined ? "" : " (not a string)"}`);
    else values[fact] = value;
  }
  if (missing.length > 0) {
    throw new Error(
      `${source}: stack "${stack}" lacks output(s) ${missing.join(", ")}; does the stack call ` +
        `exportRegistry() for "${registryId}", and was it deployed with --outputs-file after that?`,
    );
  }
  const facts: RegistryFacts = {
    instanceId: values.instanceId!,
    regionId: values.regionId!,
    publicDomain: values.publicDomain!,
    vpcDomain: values.vpcDomain!,
    ...extras,
  };
  const problems = validateRegistryFacts(facts);
  if (problems.length > 0) {
    throw new Error(`${source}, stack "${stack}", registry "${registryId}":\n  ${problems.join("\n  ")}`);
  }
  return facts;
}
