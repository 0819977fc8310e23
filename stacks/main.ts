// App entry of `npm run synth` and `cdktf synth|diff|deploy` (cdktf.json "app"): Terraform JSON for every stack
// into cdktf.out/, and Kubernetes manifests for every example cluster into dist/, committed together.
import "./fast-start";
import { clusterManifestOutput, renderClusterManifests } from "../charts";
import { CrossAccountPull, IEnterpriseRegistry, synthesizeApp } from "../constructs";
import { deployedRegistryFacts } from "../constructs/cluster";
import { App } from "../constructs/engine";
import { DeployOutputs } from "../output/deploy-outputs";
import { exampleClusters } from "./example-clusters";
import { defineExamplePlatform } from "./example-platform";
import { BuiltRegistry } from "./platform/build-platform";

// `--require-manifests` (or ACR_REQUIRE_MANIFESTS=1): a job that publishes dist/ fails, writing nothing, when a
// cluster's manifests cannot be rendered. Without it they are left out with a message, so that `cdktf deploy` — the
// step that produces the missing outputs — still runs.
const REQUIRE_MANIFESTS = process.argv.includes("--require-manifests") || process.env.ACR_REQUIRE_MANIFESTS === "1";

const log = (line: string) => process.stderr.write(`${line}\n`);

// No stack traces in the manifest: they hold absolute paths and would make output differ per checkout.
const app = new App({ context: { "@cdktf/disable_stack_trace_in_metadata": true } });
try {
  const platform = defineExamplePlatform(app);
  // A new instance's id exists only after apply: it comes from `cdktf deploy --outputs-file outputs.json`, merged
  // over the outputs of earlier deploys. The example ships the outputs of a deploy of itself, so that a fresh clone
  // renders every cluster.
  const outputs = DeployOutputs.load({
    cliFile: process.env.ACR_OUTPUTS_FILE ?? "outputs.json",
    fallbackFile: "stacks/example-outputs.json",
  });
  const unavailable: string[] = [];
  const factsOf = (registry: IEnterpriseRegistry, clusters: string) => {
    const lookup = deployedRegistryFacts(registry, outputs);
    if (lookup.kind === "known") return lookup.facts;
    unavailable.push(`${lookup.kind === "stale" ? "error" : "warning"}: ${clusters} not rendered: ${lookup.reason}`);
    return undefined;
  };
  const registry = (id: string) => (platform.registries.get(id) as BuiltRegistry).registry;
  synthesizeApp(app, {
    log,
    // Runs once the app has validated: a broken definition builds no registries, and is reported before this.
    companions: () => {
      const { assumeRoleArn, sessionDurationSeconds } = platform.crossAccountPulls.get(
        "analytics/ProdRegistry",
      ) as CrossAccountPull;
      const rendered = renderClusterManifests(
        exampleClusters({
          prod: factsOf(registry("ProdRegistry"), "manifests of clusters prod and analytics"),
          dev: factsOf(registry("DevRegistry"), "manifests of cluster dev"),
          analyticsAccess: { assumeRoleArn, sessionDurationSeconds },
        }),
      );
      if (REQUIRE_MANIFESTS && unavailable.length > 0) {
        throw new Error(`${unavailable.join("\n")}\n--require-manifests: nothing was written`);
      }
      for (const line of [...rendered.warnings.map((w) => `warning: ${w}`), ...unavailable]) log(line);
      return [clusterManifestOutput(rendered), ...outputs.companions()];
    },
  });
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
