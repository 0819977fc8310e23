// `node lib/bench/synth-generated.js <repositories> <outdir>`: synthesizes a generated platform, as `npm run synth`
// does for the example (same validation, guardrails, tags and writer).
import "../stacks/fast-start";
import { synthesizeApp } from "../constructs";
import { App } from "../constructs/engine";
import { buildPlatform } from "../stacks/platform/build-platform";
import { generatedPlatform } from "./generated-platform";

const [repositories, outdir] = process.argv.slice(2);
const app = new App({ outdir, context: { "@cdktf/disable_stack_trace_in_metadata": true } });
buildPlatform(app, generatedPlatform(Number(repositories)));
synthesizeApp(app, () => undefined);
