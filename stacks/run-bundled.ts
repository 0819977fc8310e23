// Entry of `npm run synth`, and so of `cdktf synth|diff|deploy` (cdktf.json "app"): runs the app (stacks/main.ts) from
// the one-file bundle that scripts/build.js makes of it, with a V8 code cache. Node 20 has no compile cache of its
// own, and Node 22's (module.enableCompileCache) only covers modules loaded after the call, never the file that
// makes it; compiling cdktf, cdk8s and the bindings is about half of what loading them costs. Without a bundle (a
// build without esbuild) the unbundled entry runs: same code, slower start.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import Module, { createRequire } from "node:module";
import * as path from "node:path";
import * as vm from "node:vm";

const BUNDLE = path.join(__dirname, "../bundle/main.js");
/** scripts/bundle-app.js's first line: the hash of the bundle, which V8 does not check (it compares lengths only). */
const HEADER = /^\/\/ acr-platform app bundle ([0-9a-f]{16})\n/;

function readIfExists(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

// Per bundle, runtime and V8 flags: V8 rejects a cache made by another Node version or with other flags, so runs that
// alternate (Node 20 and 22, a profiled run) would otherwise rewrite one file every time.
function cacheFileOf(bundle: string): string {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].join(" ").trim();
  const flagsHash = flags && `-${createHash("sha256").update(flags).digest("hex").slice(0, 8)}`;
  return BUNDLE.replace(/\.js$/, `.${bundle}.${process.version}-${process.arch}${flagsHash}.cache`);
}

// After the run, so the cache holds every function the synth compiled, not just the top level. Renamed into place:
// synths running side by side never read half a file. A cache that cannot be written only costs the next run time.
function keepCache(file: string, script: vm.Script): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, script.createCachedData());
    fs.renameSync(temp, file);
  } catch {
    fs.rmSync(temp, { force: true });
  }
}

/** Runs the bundle as the module it was built from would run; false when there is none. */
function runBundle(): boolean {
  // The bundle is all ASCII (scripts/bundle-app.js): latin1 gives the same string as UTF-8, several times faster.
  const source = readIfExists(BUNDLE)?.toString("latin1");
  if (source === undefined) return false;
  const hash = HEADER.exec(source)?.[1];
  const cacheFile = hash === undefined ? undefined : cacheFileOf(hash);
  const cachedData = cacheFile === undefined ? undefined : readIfExists(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
    process.once("exit", () => keepCache(cacheFile, script));
  }
  const bundled = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(bundled.exports, createRequire(BUNDLE), bundled, BUNDLE, path.dirname(BUNDLE));
  return true;
}

// A static import would load the unbundled app even when the bundle runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (!runBundle()) require("./main");
