#!/usr/bin/env node
// Transpiles the project's TypeScript into lib/ with swc (no type checking: `npm test` and CI run `tsc --noEmit`),
// only the files whose source is newer than their output, and copies the vendored provider JSON the code reads.
// tsc needs ~2.5 s even when nothing changed; this takes ~0.1 s then, which is what `npm run synth` pays. Then it
// bundles the app entry (scripts/bundle-app.js) when the bundle is stale.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { bundleApp } = require("./bundle-app");

const root = path.resolve(__dirname, "..");
const outRoot = path.join(root, "lib");
const SOURCE_DIRS = ["constructs", "charts", "output", "validation", "stacks", "review", "bench", "adopt", ".gen"];
const DATA_FILES = ["providers/alicloud/schema.json", "providers/alicloud/constraints.json"];
const OPTIONS = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs" },
  sourceMaps: false,
  swcrc: false,
};

function* typescriptFiles(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* typescriptFiles(full);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) yield full;
  }
}

function isStale(source, output) {
  return !fs.existsSync(output) || fs.statSync(output).mtimeMs < fs.statSync(source).mtimeMs;
}

function* javascriptFiles(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* javascriptFiles(full);
    else if (entry.name.endsWith(".js")) yield full;
  }
}

// An output whose source was deleted or moved must go: lib/x/rules.js would shadow a new lib/x/rules/index.js.
function removeOrphans() {
  for (const dir of SOURCE_DIRS) {
    for (const output of javascriptFiles(path.join(outRoot, dir))) {
      const source = path.join(root, path.relative(outRoot, output)).replace(/\.js$/, ".ts");
      if (!fs.existsSync(source)) fs.rmSync(output);
    }
  }
}

async function main() {
  removeOrphans();
  let swc; // loaded only when something is stale: its native binding costs more than checking every file
  let transpiled = 0;
  for (const dir of SOURCE_DIRS) {
    for (const source of typescriptFiles(path.join(root, dir))) {
      const output = path.join(outRoot, path.relative(root, source)).replace(/\.ts$/, ".js");
      if (!isStale(source, output)) continue;
      swc ??= require("@swc/core");
      fs.mkdirSync(path.dirname(output), { recursive: true });
      fs.writeFileSync(output, swc.transformFileSync(source, { ...OPTIONS, filename: source }).code);
      transpiled++;
    }
  }
  for (const file of DATA_FILES) {
    const output = path.join(outRoot, file);
    if (!isStale(path.join(root, file), output)) continue;
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.copyFileSync(path.join(root, file), output);
  }
  const bundled = await bundleApp(root);
  if (process.argv.includes("--verbose")) {
    console.error(`build: ${transpiled} file(s) transpiled into lib/${bundled ? ", app bundled" : ""}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
