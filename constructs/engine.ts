import "./lazy-archiver";

// The only module that imports the CDK for Terraform engine. cdktf was archived upstream (Dec 2025); its
// continuation CDK Terrain publishes the same API as `cdktn`, so switching engines is a change to this file.
export {
  AnnotationMetadataEntryType,
  Annotations,
  Aspects,
  DataResource,
  App,
  Fn,
  LocalBackend,
  OssBackend,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Token,
} from "cdktf";
// Not exported from cdktf's index: runs aspects so validation sees the tree synthesis will write.
export { invokeAspects } from "cdktf/lib/synthesize/synthesizer";
export type { IAspect, IResolvable, ITerraformResource, TerraformResourceLifecycle } from "cdktf";

import { App as EngineApp, Manifest, TerraformStack as EngineStack } from "cdktf";

/**
 * Writes the Terraform output of every stack of `app` (manifest.json, stacks/<stack>/cdk.tf.json, assets) into
 * `outdir` instead of `app.outdir`, the way `App.synth()` does, without running validation again (the caller has).
 * Built from cdktf's public synthesis API (`prepareStack`, the stack synthesizer, `Manifest`), so that the output can
 * be staged and then committed atomically.
 */
export function synthesizeStacksInto(app: EngineApp, outdir: string): void {
  const version = String(app.node.tryGetContext("cdktfVersion"));
  const manifest = new Manifest(version, outdir, app.hclOutput);
  const session = { outdir, skipValidation: true, manifest };
  const stacks = app.node.findAll().filter((c): c is EngineStack => EngineStack.isStack(c));
  for (const stack of stacks) stack.prepareStack();
  for (const stack of stacks) stack.synthesizer.synthesize(session);
  manifest.writeToFile();
}
