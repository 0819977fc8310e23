#!/usr/bin/env node
// Generates the TypeScript bindings for aliyun/alicloud into .gen/ from the vendored schema, offline, with
// the official cdktf generator (the same code path as `cdktf get`, so the output is identical to what a user
// with network gets). Skips work when the schema and generator are unchanged since the last run.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");

const root = path.resolve(__dirname, "..");
const schemaFile = path.join(root, "providers/alicloud/schema.json");
const outdir = path.join(root, ".gen");
const stampFile = path.join(outdir, ".stamp");
const cdktfConfig = JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8"));

function generatorVersion() {
  return require("@cdktf/provider-generator/package.json").version;
}

function stamp(schemaText) {
  return crypto
    .createHash("sha256")
    .update(schemaText)
    .update(generatorVersion())
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

  // @cdktf/commons runs `terraform version` when loaded; the generator does not need terraform, but a
  // TF_CLI_CONFIG_FILE naming a missing file makes terraform warn and cdktf log that warning as [ERROR].
  if (process.env.TF_CLI_CONFIG_FILE && !fs.existsSync(process.env.TF_CLI_CONFIG_FILE)) {
    delete process.env.TF_CLI_CONFIG_FILE;
  }
  // The package index of @cdktf/provider-generator pulls in jsii-pacmak; the generator module itself does not.
  const { TerraformProviderGenerator } = require("@cdktf/provider-generator/lib/get/generator/provider-generator");
  const { sanitizeProviderSchema } = require("@cdktf/provider-schema/src/provider-schema");
  const { ConstructsMakerProviderTarget, TerraformProviderConstraint, Language } = require("@cdktf/commons");
  const { CodeMaker } = require("codemaker");

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
