// App entry of `npm run synth` and `cdktf synth|diff|deploy` (cdktf.json "app"): Terraform JSON for every stack
// into cdktf.out/, then Kubernetes manifests for every example cluster into dist/.
import * as fs from "node:fs";
import { RegistryFacts, registryFactsFromOutputs, synthClusterManifests } from "../charts";
import { CrossAccountPull, IEnterpriseRegistry, synthesizeApp } from "../constructs";
import { registryFactsOf } from "../constructs/cluster";
import { App, TerraformStack } from "../constructs/engine";
import { exampleClusters } from "./example-clusters";
import { defineExamplePlatform } from "./example-platform";
import { BuiltRegistry } from "./platform/build-platform";

// Values known only after apply (a new instance's id) come from `cdktf deploy --outputs-file outputs.json`.
// The example ships the outputs of a deploy of itself, so a fresh clone renders every cluster.
const OUTPUTS_FILE =
  process.env.ACR_OUTPUTS_FILE ?? (fs.existsSync("outputs.json") ? "outputs.json" : "stacks/example-outputs.json");

/** Concrete facts of a registry: from the construct when known at synth, else from the outputs file. */
function factsOf(registry: IEnterpriseRegistry): RegistryFacts {
  try {
    return registryFactsOf(registry);
  } catch (notConcrete) {
    if (!fs.existsSync(OUTPUTS_FILE)) throw notConcrete;
    return registryFactsFromOutputs(OUTPUTS_FILE, TerraformStack.of(registry).node.id, registry.node.id);
  }
}

// No stack traces in the manifest: they hold absolute paths and would make output differ per checkout.
const app = new App({ context: { "@cdktf/disable_stack_trace_in_metadata": true } });
try {
  const platform = defineExamplePlatform(app);
  synthesizeApp(app);
  const registry = (id: string) => (platform.registries.get(id) as BuiltRegistry).registry;
  const { assumeRoleArn, sessionDurationSeconds } = platform.crossAccountPulls.get(
    "analytics/ProdRegistry",
  ) as CrossAccountPull;
  synthClusterManifests(
    exampleClusters({
      prod: factsOf(registry("ProdRegistry")),
      dev: factsOf(registry("DevRegistry")),
      analyticsAccess: { assumeRoleArn, sessionDurationSeconds },
    }),
  );
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
