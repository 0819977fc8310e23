import "./lazy-archiver";

// The only module that imports the CDK for Terraform engine. cdktf was archived upstream (Dec 2025); its
// continuation CDK Terrain publishes the same API as `cdktn`, so switching engines is a change to this file.
export {
  AnnotationMetadataEntryType,
  Annotations,
  Aspects,
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
