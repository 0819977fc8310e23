// Imported first by every app entry (stacks/main.ts, the bench's generated-platform synth), never by the library:
// import statements run in order, so this runs before the engine loads. Patching the module loader is the entry's
// choice, not something a consumer of the constructs should get by importing them.
import { deferModuleLoad } from "./defer-module-load";

// cdktf 0.21 requires `archiver` (about a third of its import time) for zipping assets, which these stacks never use.
deferModuleLoad("archiver");
