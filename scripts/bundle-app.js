// Bundles the app entry (swc's lib/stacks/main.js) and everything it requires into one file, lib/bundle/main.js, which
// lib/stacks/run-bundled.js runs with a V8 code cache (kept beside it). One file instead of ~400 saves Node's module
// resolution (stat, realpath, package.json reads per require) and lets one code cache cover the whole app. The bundle
// is made from the transpiled JavaScript, not the TypeScript: it runs exactly the code `node lib/stacks/main.js` runs.
"use strict";

const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

/** Modules left to Node's loader: the app entry defers `archiver` through it (stacks/defer-module-load.ts). */
const EXTERNAL = ["archiver"];
/** First line of the bundle; run-bundled.ts reads the hash from it to name the code cache. */
const HEADER = "// acr-platform app bundle ";

/**
 * A package module that finds files next to itself (`__dirname`, `__filename`: cdktf zips an asset by running its own
 * file with node, cdk8s loads a helper script beside it) gets the location it has in node_modules, relative to the
 * bundle, instead of the bundle's.
 */
const ownLocation = (outdir) => ({
  name: "own-location",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.js$/ }, (args) => {
      const contents = fs.readFileSync(args.path, "utf8");
      if (!/\b__(dirname|filename)\b/.test(contents)) return undefined;
      const relative = JSON.stringify(path.relative(outdir, args.path));
      const located =
        `var __filename = require("path").join(__bundleDir, ${relative}), ` +
        `__dirname = require("path").dirname(__filename);\n`;
      return { contents: located + contents, loader: "js", resolveDir: path.dirname(args.path) };
    });
  },
});

function writeWhole(file, text) {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

/**
 * A JSON file becomes `JSON.parse` of its text, as Node's require does, instead of an object literal in the code:
 * V8 parses JSON several times faster than script, and the vendored provider schema is 176 KB of it.
 */
const jsonAsJson = {
  name: "json-as-json",
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, (args) => {
      const text = fs.readFileSync(args.path, "utf8");
      JSON.parse(text); // fails the build on a broken file, as the bundler's own JSON loader would
      return { contents: `module.exports = JSON.parse(${JSON.stringify(text)});`, loader: "js" };
    });
  },
};

/**
 * A package that another package bundles a copy of (cdk8s ships its own `yaml`) resolves to the project's copy when
 * both are the same name and version and the package depends on nothing: then it is the same code throughout, loaded
 * and compiled once. (A package with dependencies of its own could meet other versions of them at the top.)
 */
const oneCopyPerVersion = (root) => ({
  name: "one-copy-per-version",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.resolving || !args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const resolve = (resolveDir) =>
        build.resolve(args.path, { kind: args.kind, resolveDir, pluginData: { resolving: true } });
      const [nested, top] = [await resolve(args.resolveDir), await resolve(root)];
      if (nested.errors.length > 0 || top.errors.length > 0 || nested.path === top.path) return undefined;
      const [a, b] = [packageOf(nested.path), packageOf(top.path)];
      const same = a !== undefined && b !== undefined && a.id === b.id && !a.hasDependencies;
      return same ? { path: top.path } : undefined;
    });
  },
});

// The package a resolved file belongs to: name@version, and whether it depends on other packages.
function packageOf(file) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (!fs.existsSync(manifest)) continue;
    const { name, version, dependencies = {}, peerDependencies = {} } = JSON.parse(fs.readFileSync(manifest, "utf8"));
    if (name === undefined) continue; // a folder's {"type": ...} marker, not the package
    const hasDependencies = Object.keys(dependencies).length + Object.keys(peerDependencies).length > 0;
    return { id: `${name}@${version}`, hasDependencies };
  }
  return undefined;
}

/** The inputs recorded by the last bundle, relative to the project root; none when there is no bundle. */
function recordedInputs(inputsFile) {
  try {
    return fs.readFileSync(inputsFile, "utf8").split("\n").filter(Boolean);
  } catch {
    return undefined;
  }
}

// Stale when any input changed since (a transpiled source, a dependency reinstalled by `npm ci` or an engine switch)
// or is gone, or when this script changed.
function isStale(root, bundle, inputs) {
  if (inputs === undefined || !fs.existsSync(bundle)) return true;
  const built = fs.statSync(bundle).mtimeMs;
  return [...inputs, path.relative(root, __filename)].some((input) => {
    const stat = fs.statSync(path.join(root, input), { throwIfNoEntry: false });
    return stat === undefined || stat.mtimeMs > built;
  });
}

/**
 * Writes `lib/bundle/main.js` when it is missing or stale, and removes the code caches of earlier bundles. Not in a
 * folder of transpiled sources: the build removes outputs there that have no source.
 * @param {string} root the project root
 * @returns {Promise<boolean>} whether it bundled
 */
async function bundleApp(root) {
  const outdir = path.join(root, "lib/bundle");
  const bundle = path.join(outdir, "main.js");
  const inputsFile = `${bundle}.inputs`;
  if (!isStale(root, bundle, recordedInputs(inputsFile))) return false;
  const esbuild = require("esbuild");
  // esbuild runs plugins in its asynchronous API only.
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, "lib/stacks/main.js")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    charset: "ascii",
    external: EXTERNAL,
    banner: { js: "var __bundleDir = __dirname;" },
    plugins: [ownLocation(outdir), jsonAsJson, oneCopyPerVersion(root)],
    metafile: true,
    write: false,
    logLevel: "error",
  });
  // All ASCII, so that run-bundled.ts can decode it as latin1, several times faster than UTF-8 for the same string:
  // esbuild escapes every other character of the code (charset ascii); the comments it keeps get the same escapes,
  // which in a string, template or regular expression would also mean the same character.
  const code = result.outputFiles[0].text.replace(
    /[^\x00-\x7f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  const hash = crypto.createHash("sha256").update(code).digest("hex").slice(0, 16);
  // Renamed into place, and caches of other bundles removed only then: a synth running meanwhile keeps a whole file.
  fs.mkdirSync(outdir, { recursive: true });
  writeWhole(bundle, `${HEADER}${hash}\n${code}`);
  writeWhole(inputsFile, `${Object.keys(result.metafile.inputs).sort().join("\n")}\n`);
  for (const name of fs.readdirSync(outdir)) {
    if (name.endsWith(".cache") && !name.includes(hash)) fs.rmSync(path.join(outdir, name), { force: true });
  }
  return true;
}

module.exports = { bundleApp };
