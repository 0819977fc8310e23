// App entry of `npm run synth` and `cdktf synth|diff|deploy` (cdktf.json "app").
import { synthesizeApp } from "../constructs";
import { App } from "../constructs/engine";
import { defineExamplePlatform } from "./example-platform";

// No stack traces in the manifest: they hold absolute paths and would make output differ per checkout.
const app = new App({ context: { "@cdktf/disable_stack_trace_in_metadata": true } });
defineExamplePlatform(app);
try {
  synthesizeApp(app);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
