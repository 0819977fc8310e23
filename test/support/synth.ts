import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { App, invokeAspects, TerraformOutput, TerraformStack, Testing } from "../../constructs/engine";
import { collectProblems, collectWarnings } from "../../constructs/validation/synthesize";

/** A synthesized stack as Terraform JSON: the shape terraform reads from cdk.tf.json. */
export interface TerraformJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown }>;
  provider?: Record<string, Record<string, unknown>[]>;
  variable?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** A fresh app with one stack (`name`) whose default alicloud provider is in `region` (`null`: no region set). */
export function testStack(region: string | null = "cn-hangzhou", name = "test"): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, name);
  new AlicloudProvider(stack, "alicloud", { region: region ?? undefined });
  return { app, stack };
}

/** The stack's Terraform JSON, exactly as `cdk.tf.json` would hold it (with construct-path metadata). */
export function synthJson(stack: TerraformStack): TerraformJson {
  invokeAspects(stack);
  return JSON.parse(JSON.stringify(stack.toTerraform())) as TerraformJson;
}

let probes = 0;
/** How `value` (possibly a token) is written into Terraform JSON, read back through a probe output. */
export function rendered(stack: TerraformStack, value: string): unknown {
  const id = `probe_${++probes}`;
  new TerraformOutput(stack, id, { value });
  return synthJson(stack).output?.[id]?.value;
}

/** All resources of `type` in the stack's JSON, keyed by their construct path (without the stack name). */
export function resourcesOf(json: TerraformJson, type: string): Record<string, Record<string, unknown>> {
  const byPath: Record<string, Record<string, unknown>> = {};
  for (const resource of Object.values(json.resource?.[type] ?? {})) {
    const path = (resource["//"] as { metadata: { path: string } }).metadata.path;
    byPath[path.split("/").slice(1).join("/")] = resource;
  }
  return byPath;
}

/** The only resource of `type`; fails when there is not exactly one. */
export function onlyResource(json: TerraformJson, type: string): Record<string, unknown> {
  const all = Object.values(resourcesOf(json, type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

export { collectProblems as problemsOf, collectWarnings as warningsOf };
