#!/usr/bin/env node
// Refreshes providers/alicloud/schema.json from the real provider (needs network and a terraform binary):
// `terraform init` downloads aliyun/alicloud at the version pinned in cdktf.json, `terraform providers schema
// -json` prints its schema, and the subset listed in providers/alicloud/types.json is written back. Run
// `npm run get` afterwards to regenerate the bindings. constraints.json is not derived from this output (the
// JSON schema format carries no ForceNew, ranges or allowed values); it is reported, not rewritten.
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const dir = path.join(root, "providers/alicloud");
const [source, version] = JSON.parse(
  fs.readFileSync(path.join(root, "cdktf.json"), "utf8"),
).terraformProviders[0].split("@");
const types = JSON.parse(fs.readFileSync(path.join(dir, "types.json"), "utf8"));
const fqpn = `registry.terraform.io/${source}`;

const work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-schema-"));
try {
  const config = { terraform: { required_providers: { alicloud: { source, version } } } };
  fs.writeFileSync(path.join(work, "main.tf.json"), JSON.stringify(config));
  const run = (args) => execFileSync("terraform", args, { cwd: work, maxBuffer: 1 << 30, encoding: "utf8" });
  console.log(`terraform init (downloads ${source} ${version})...`);
  run(["init", "-input=false", "-no-color"]);
  const full = JSON.parse(run(["providers", "schema", "-json"]));
  const provider = full.provider_schemas[fqpn];
  if (!provider) throw new Error(`terraform returned no schema for ${fqpn}`);

  const pick = (all, names, kind) =>
    Object.fromEntries(
      names.map((name) => {
        if (!all[name])
          throw new Error(`${kind} ${name} (providers/alicloud/types.json) is not in ${source} ${version}`);
        return [name, all[name]];
      }),
    );
  const subset = {
    format_version: full.format_version,
    provider_schemas: {
      [fqpn]: {
        provider: provider.provider,
        resource_schemas: pick(provider.resource_schemas, types.resources, "resource"),
        data_source_schemas: pick(provider.data_source_schemas, types.data_sources, "data source"),
      },
    },
  };
  fs.writeFileSync(path.join(dir, "schema.json"), `${JSON.stringify(subset, null, 2)}\n`);

  const constraints = JSON.parse(fs.readFileSync(path.join(dir, "constraints.json"), "utf8"));
  const uncovered = types.resources.filter((t) => !constraints.resource_schemas[t]);
  console.log(
    `wrote providers/alicloud/schema.json for ${source} ${version}: ${types.resources.length} resources, ${types.data_sources.length} data sources`,
  );
  if (uncovered.length > 0) console.log(`constraints.json has no entry for: ${uncovered.join(", ")}`);
  console.log("constraints.json is unchanged: update it from the provider source of this version if rules changed.");
  console.log("next: npm run get -- --force && npm test");
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
