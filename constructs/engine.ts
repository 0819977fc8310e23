// The only module that imports the CDK for Terraform engine. cdktf was archived upstream (Dec 2025); its
// continuation CDK Terrain publishes the same API as `cdktn`, so switching engines is a change to this file.
export {
  AnnotationMetadataEntryType,
  Annotations,
  App,
  Fn,
  LocalBackend,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Token,
} from "cdktf";
export type { IResolvable, ITerraformResource, TerraformResourceLifecycle } from "cdktf";
