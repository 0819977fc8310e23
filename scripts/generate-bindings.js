#!/usr/bin/env node
// Generates the TypeScript bindings for aliyun/alicloud into .gen/ from the vendored schema, offline, with the
// active engine's official generator (loaded by scripts/binding-generator.js; the code path of `cdktf get`, so the
// output is identical to what a user with network gets). Skips work when the schema and generator are unchanged.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const { bindingGeneratorId, loadBindingGenerator } = require("./binding-generator");

const root = path.resolve(__dirname, "..");
const schemaFile = path.join(root, "providers/alicloud/schema.json");
const outdir = path.join(root, ".gen");
const stampFile = path.join(outdir, ".stamp");
const cdktfConfig = JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8"));

function stamp(schemaText) {
  return crypto
    .createHash("sha256")
    .update(schemaText)
    .update(bindingGeneratorId())
    .update(JSON.stringify(cdktfConfig.terraformProviders))
    .digest("hex");
}

async function main() {
  const schemaText = fs.readFileSync(schemaFile, "utf8");
  const wanted = stamp(schemaText);
  const force = process.argv.includes("--force");
  if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === wanted) {
    console.log("bindings up to date in .gen/ (use --force to regenerate)");
    return;
  }

  // The engine's commons package runs `terraform version` when loaded; the generator does not need terraform, but a
  // TF_CLI_CONFIG_FILE naming a missing file makes terraform warn and cdktf log that warning as [ERROR].
  if (process.env.TF_CLI_CONFIG_FILE && !fs.existsSync(process.env.TF_CLI_CONFIG_FILE)) {
    delete process.env.TF_CLI_CONFIG_FILE;
  }
  const {
    TerraformProviderGenerator,
    sanitizeProviderSchema,
    ConstructsMakerProviderTarget,
    TerraformProviderConstraint,
    Language,
    CodeMaker,
  } = loadBindingGenerator();

  const started = Date.now();
  const schema = sanitizeProviderSchema(JSON.parse(schemaText));
  fs.rmSync(outdir, { recursive: true, force: true });
  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, schema);
  for (const spec of cdktfConfig.terraformProviders) {
    const [source, version] = spec.split("@");
    const name = source.split("/").pop();
    const constraint = new TerraformProviderConstraint({ name, source, version });
    generator.generate(new ConstructsMakerProviderTarget(constraint, Language.TYPESCRIPT));
  }
  await generator.save(outdir);
  fs.writeFileSync(stampFile, wanted);
  console.log(
    `generated bindings for ${cdktfConfig.terraformProviders.join(", ")} into .gen/ in ${Date.now() - started} ms`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
