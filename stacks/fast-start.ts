// Imported first by every app entry (stacks/main.ts, the bench's generated-platform synth), never by the library:
// import statements run in order, so this runs before the engine loads. Patching the module loader is the entry's
// choice, not something a consumer of the constructs should get by importing them.
import * as nodeModule from "node:module";
import { deferModuleLoad } from "./defer-module-load";

// cdktf 0.21 requires `archiver` (about a third of its import time) for zipping assets, which these stacks never use.
deferModuleLoad("archiver");

// Node >= 22.1 keeps the compiled code of every module loaded from here on in an on-disk cache (in the OS temp
// folder, or NODE_COMPILE_CACHE), so later runs skip compiling cdktf, cdk8s and the bindings. Node 20 has no cache.
const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
enableCompileCache?.();
