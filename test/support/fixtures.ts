import {
  EnterpriseRegistry,
  IEnterpriseRegistry,
  INamespace,
  IRepository,
  Namespace,
  NamespaceBase,
} from "../../constructs";
import { TerraformStack } from "../../constructs/engine";
import { ConstraintsFile, loadProviderSchema, ProviderSchemaFile, validateTerraformJson } from "../../review/validate";
import { onlyResource, resourcesOf, testStack, TerraformJson } from "./synth";

/**
 * A fresh stack in cn-hangzhou with the existing instance `cri-prod1` (`acme-prod`) imported as "Registry";
 * `accountId` is passed on only when given.
 */
export function importedProdRegistry(options: { accountId?: string } = {}) {
  const { app, stack } = testStack("cn-hangzhou");
  const registry = EnterpriseRegistry.fromInstanceAttributes(stack, "Registry", {
    instanceId: "cri-prod1",
    instanceName: "acme-prod",
    region: "cn-hangzhou",
    ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
  });
  return { app, stack, registry };
}

/** A second imported instance, "Other" (`acme-other` in cn-hangzhou), in the stack of `importedProdRegistry`. */
export function importedOtherRegistry(stack: TerraformStack, instanceId = "cri-other") {
  return EnterpriseRegistry.fromInstanceAttributes(stack, "Other", {
    instanceId,
    instanceName: "acme-other",
    region: "cn-hangzhou",
  });
}

let providerSchema: { schema: ProviderSchemaFile; constraints: ConstraintsFile } | undefined;

/** The errors the provider-schema validator (review/validate.ts) finds, as `${address} ${path}: ${message}`. */
export function schemaErrors(json: TerraformJson): string[] {
  providerSchema ??= loadProviderSchema();
  return validateTerraformJson(json, "test", providerSchema.schema, providerSchema.constraints)
    .filter((f) => f.severity === "error")
    .map((f) => `${f.address} ${f.path}: ${f.message}`);
}

/** A resource body without cdktf's `//` construct-path metadata. */
export function withoutMetadata(resource: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(resource).filter(([key]) => key !== "//"));
}

/** The body of the only resource of `type`, without cdktf's `//` metadata. */
export function onlyBody(json: TerraformJson, type: string): Record<string, unknown> {
  return withoutMetadata(onlyResource(json, type));
}

/** The bodies of all resources of `type` by construct path (as `resourcesOf`), without cdktf's `//` metadata. */
export function bodiesOf(json: TerraformJson, type: string): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(resourcesOf(json, type)).map(([path, resource]) => [path, withoutMetadata(resource)]),
  );
}

/** A statement of a RAM policy document, as far as the tests read it. */
export interface PolicyStatementJson {
  Action: string[];
  Resource: string[];
}

/** The statements of every `alicloud_ram_policy` in the stack, in resource order. */
export function policyStatements(json: TerraformJson): PolicyStatementJson[] {
  return Object.values(resourcesOf(json, "alicloud_ram_policy")).flatMap(
    (p) => (JSON.parse(p.policy_document as string) as { Statement: PolicyStatementJson[] }).Statement,
  );
}

/** A reference to namespace `name` of `registry` (`Namespace.fromNamespaceName`, one per name in the stack). */
export function nsRef(registry: IEnterpriseRegistry, name: string): INamespace {
  const stack = TerraformStack.of(registry);
  const id = `NsRef-${name}`;
  const existing = stack.node.tryFindChild(id);
  return existing instanceof NamespaceBase ? existing : Namespace.fromNamespaceName(stack, id, registry, name);
}

/** A reference to repository `name` of namespace `namespace` of `registry`. */
export function repoRef(registry: IEnterpriseRegistry, namespace: string, name: string): IRepository {
  return nsRef(registry, namespace).repository(name);
}
