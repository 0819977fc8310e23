// cdktf requires `archiver` (about a third of its import time) for zipping assets, which these stacks never use.
// A side-effect module, imported before cdktf: import statements run in order, the body of engine.ts does not.
import { deferModuleLoad } from "./defer-module-load";

deferModuleLoad("archiver");
