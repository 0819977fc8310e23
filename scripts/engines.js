// The engines this project runs on, and what differs between them: the packages (the library, the CLI users deploy
// with, the provider binding generator), where the generator keeps its modules, and the Node versions the set runs
// on. Everything not listed here is shared by both engines and pinned once in package.json (constructs 10.7.x is
// the line both accept: cdktf 0.21 wants ^10.4.2, cdktn 0.24 >=10.6.0 <10.8.0). Read by scripts/engine.js (the
// switch) and scripts/binding-generator.js (the generator adapter).
"use strict";

/** @typedef {{ module: string, cli: string, node: string, dependencies: Record<string, string>,
 *   devDependencies: Record<string, string>, generator: { package: string, generator: string, schema: string,
 *   commons: string } }} Engine */

/** @type {Record<"cdktf" | "cdktn", Engine>} */
const ENGINES = {
  // CDK for Terraform, archived upstream in December 2025: the default while users deploy with cdktf-cli.
  cdktf: {
    module: "cdktf",
    cli: "cdktf",
    node: "20.x || 22.x",
    dependencies: { cdktf: "0.21.0" },
    devDependencies: {
      "@cdktf/commons": "0.21.0",
      "@cdktf/provider-generator": "0.21.0",
      "@cdktf/provider-schema": "0.21.0",
      "cdktf-cli": "0.21.0",
    },
    // The generator package's index pulls in jsii-pacmak; the generator module itself does not.
    generator: {
      package: "@cdktf/provider-generator",
      generator: "@cdktf/provider-generator/lib/get/generator/provider-generator",
      schema: "@cdktf/provider-schema/src/provider-schema",
      commons: "@cdktf/commons",
    },
  },
  // CDK Terrain, cdktf's maintained continuation: the same API under new names; its CLI needs Node >= 22.19.
  cdktn: {
    module: "cdktn",
    cli: "cdktn",
    node: ">=22.19.0 <23",
    dependencies: { cdktn: "0.24.0" },
    devDependencies: {
      "@cdktn/commons": "0.24.0",
      "@cdktn/provider-generator": "0.24.0",
      "@cdktn/provider-schema": "0.24.0",
      "cdktn-cli": "0.24.0",
    },
    generator: {
      package: "@cdktn/provider-generator",
      generator: "@cdktn/provider-generator/build/get/generator/provider-generator",
      schema: "@cdktn/provider-schema/build/provider-schema",
      commons: "@cdktn/commons",
    },
  },
};

/** The engine whose library package.json `pkg` depends on; throws when it names none or both. */
function activeEngine(pkg) {
  const names = Object.keys(ENGINES).filter((name) => (pkg.dependencies ?? {})[ENGINES[name].module]);
  if (names.length !== 1) throw new Error(`package.json must depend on exactly one engine, found: ${names}`);
  return names[0];
}

module.exports = { ENGINES, activeEngine };
