// The seam between this project and its CDK for Terraform engine: the only module that imports the engine package.
// cdktf 0.21 (archived upstream in Dec 2025) is the default; its continuation CDK Terrain publishes the same API as
// `cdktn`. `npm run engine -- cdktn` rewrites the package name below (and nothing else in the sources), so every
// other file imports the engine from here. What is not the engine's public API is used in this file only, behind
// the named functions at the end, and test/engine/engine-internals.test.ts fails when an engine upgrade breaks it.
export {
  AnnotationMetadataEntryType,
  Annotations,
  Aspects,
  Fn,
  LocalBackend,
  OssBackend,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Testing,
  Token,
  Tokenization,
} from "cdktf";
export type { IAspect, IResolvable, IResolveContext, ITerraformResource, TerraformResourceLifecycle } from "cdktf";

import * as fs from "node:fs";
import * as path from "node:path";
import type { Construct, IConstruct } from "constructs";
import { App as EngineApp, AppConfig, Manifest, TerraformResource, TerraformStack as EngineStack } from "cdktf";

/**
 * The engine's `App`, whose output folders exist before it is built: the engine creates `<outdir>` and
 * `<outdir>/stacks` with a non-recursive mkdir after checking that they are missing, which fails (EEXIST) when two
 * synths of one checkout start at the same moment. Writing the output is then serialized by the synth lock.
 */
export class App extends EngineApp {
  public constructor(config: AppConfig = {}) {
    fs.mkdirSync(path.join(config.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out", "stacks"), { recursive: true });
    super(config);
  }
}
// Not exported from the package index (the same path in cdktf 0.21 and cdktn 0.24).
import { invokeAspects as engineInvokeAspects } from "cdktf/lib/synthesize/synthesizer";
// Not exported either (cdktf 0.21; test/engine/engine-internals.test.ts fails if an engine moves or changes it).
import { makeUniqueId } from "cdktf/lib/private/unique";

/**
 * Terraform's built-in `terraform_data` resource (Terraform >= 1.4) holding `input`. Used instead of the engine's
 * `DataResource`, whose validation runs `terraform version` during synthesis: synthesis must work without a terraform
 * binary, and the output's `required_version` (>= 1.7) already makes Terraform refuse a binary that is too old.
 */
export class TerraformDataResource extends TerraformResource {
  private readonly input: Record<string, unknown>;

  public constructor(scope: Construct, id: string, config: { readonly input: Record<string, unknown> }) {
    super(scope, id, {
      terraformResourceType: "terraform_data",
      terraformGeneratorMetadata: { providerName: "terraform" },
    });
    this.input = config.input;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { input: this.input };
  }
}

/** Runs every aspect under `root` once, as synthesis does first, so that validation sees the tree synthesis writes. */
export function invokeAspects(root: IConstruct): void {
  engineInvokeAspects(root);
}

/** The engine version the app writes into `manifest.json` and each stack's metadata (`cdktfVersion` context). */
export function engineVersion(app: EngineApp): string {
  return String(app.node.tryGetContext("cdktfVersion"));
}

/**
 * Writes the Terraform output of every stack of `app` (manifest.json, stacks/<stack>/cdk.tf.json, assets) into
 * `outdir` instead of `app.outdir`, the way `App.synth()` does, without running validation again (the caller has:
 * `skipValidation` in the synthesis session is what `App.synth` passes when validation is turned off), so that the
 * output can be staged and then committed atomically.
 */
export function synthesizeStacksInto(app: EngineApp, outdir: string): void {
  const manifest = new Manifest(engineVersion(app), outdir, app.hclOutput);
  const session = { outdir, skipValidation: true, manifest };
  const stacks = app.node.findAll().filter((c): c is EngineStack => EngineStack.isStack(c));
  for (const stack of stacks) stack.prepareStack();
  for (const stack of stacks) stack.synthesizer.synthesize(session);
  manifest.writeToFile();
}

/** A resource of the tree with its Terraform type and its arguments as they will be synthesized. */
export interface SynthesizedResource {
  readonly resource: TerraformResource;
  readonly type: string;
  /** Arguments by their Terraform name (`instance_id`); literal values are literal, references stay tokens. */
  readonly arguments: Readonly<Record<string, unknown>>;
}

/** Every resource under `scope` (its own subtree), in construct order, with its synthesized arguments. */
export function resourcesUnder(scope: IConstruct): SynthesizedResource[] {
  return scope.node
    .findAll()
    .filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c))
    .map((resource) => {
      const blocks = resource.toTerraform().resource as Record<string, Record<string, Record<string, unknown>>>;
      const type = resource.terraformResourceType;
      return { resource, type, arguments: blocks[type][resource.friendlyUniqueId] };
    });
}

/**
 * Has Terraform import `resource` from the cloud object `id` (an `import` block), as the engine's `importFrom` does
 * but without the validation that it adds to each resource: that runs `terraform version`, and synthesis must work
 * without a terraform binary (and would start one per adopted repository). The output's `required_version`
 * (>= 1.7) already makes Terraform refuse a binary without import blocks (>= 1.5).
 */
export function importExisting(resource: TerraformResource, id: string): void {
  (resource as unknown as { _imported?: { id: string } })._imported = { id };
}

/**
 * The logical id (the name part of the Terraform address) the engine gives a resource at construct path `path`
 * below its stack, e.g. `["Registry", "Grant-pull-Ci", "Policy"]`: what `TerraformStack.allocateLogicalId` computes
 * for a resource that is there. Used to name, in `moved` blocks, resources that an earlier layout of the code had.
 */
export function logicalIdAt(path: readonly string[]): string {
  return makeUniqueId([...path]);
}
