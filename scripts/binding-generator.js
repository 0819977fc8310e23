// The adapter between scripts/generate-bindings.js and the active engine's provider binding generator: the one
// place that loads the generator's modules (by deep paths that differ per engine, see scripts/engines.js).
"use strict";

const path = require("node:path");
const { ENGINES, activeEngine } = require("./engines");

const root = path.resolve(__dirname, "..");

/** Where the active engine's generator package is installed, and the module paths it keeps its parts at. */
function activeGenerator() {
  const engine = ENGINES[activeEngine(require(path.join(root, "package.json")))];
  const dir = path.dirname(require.resolve(`${engine.generator.package}/package.json`, { paths: [root] }));
  return { ...engine.generator, dir };
}

/** `<package>@<version>` of the active engine's generator: part of the bindings' stamp; loads none of it. */
function bindingGeneratorId() {
  const { package: name, dir } = activeGenerator();
  return `${name}@${require(path.join(dir, "package.json")).version}`;
}

/**
 * The classes that `cdktf get` / `cdktn get` generate bindings with, from the active engine. `CodeMaker` comes from
 * the generator's own `codemaker` dependency, so the project pins no codemaker version of its own.
 */
function loadBindingGenerator() {
  const { generator, schema, commons, dir } = activeGenerator();
  const load = (request, from = root) => require(require.resolve(request, { paths: [from] }));
  const { ConstructsMakerProviderTarget, TerraformProviderConstraint, Language } = load(commons);
  return {
    TerraformProviderGenerator: load(generator).TerraformProviderGenerator,
    sanitizeProviderSchema: load(schema).sanitizeProviderSchema,
    ConstructsMakerProviderTarget,
    TerraformProviderConstraint,
    Language,
    CodeMaker: load("codemaker", dir).CodeMaker,
  };
}

module.exports = { bindingGeneratorId, loadBindingGenerator };
