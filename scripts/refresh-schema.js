#!/usr/bin/env node
// Refreshes providers/alicloud/schema.json from the real provider (needs network and a terraform binary):
// `terraform init` downloads aliyun/alicloud at the version pinned in cdktf.json, `terraform providers schema
// -json` prints its schema, and the subset listed in providers/alicloud/types.json is written back. Run
// `npm run get` afterwards to regenerate the bindings. constraints.json is not derived from this output (the
// JSON schema format carries no ForceNew, ranges or allowed values); it is reported, not rewritten.
// `--out FILE` writes elsewhere. Without network or terraform it ends with one line saying so and exit status 1,
// and writes nothing.
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
const outIndex = process.argv.indexOf("--out");
const out = outIndex === -1 ? path.join(dir, "schema.json") : path.resolve(process.argv[outIndex + 1] ?? "");

/** The indentation of the vendored file (`terraform providers schema -json` piped through a formatter), so identical
 * content rewrites to identical bytes. */
function indentOf(file) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  return (/\n( +)"/.exec(text) ?? [null, "  "])[1].length;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-schema-"));

/** Exits with one line naming what failed, instead of a stack trace (process.exit skips `finally`: clean up here). */
function fail(message) {
  fs.rmSync(work, { recursive: true, force: true });
  console.error(`schema:refresh: ${message}; ${path.relative(root, out) || out} is unchanged`);
  process.exit(1);
}

try {
  const config = { terraform: { required_providers: { alicloud: { source, version } } } };
  fs.writeFileSync(path.join(work, "main.tf.json"), JSON.stringify(config));
  const run = (args, what) => {
    try {
      return execFileSync("terraform", args, {
        cwd: work,
        maxBuffer: 1 << 30,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (error) {
      if (error.code === "ENOENT") fail("terraform is not on PATH (it is needed to download the provider)");
      const detail = String(error.stderr ?? "")
        .split("\n")
        .map((line) => line.replace(/^[│╷╵\s]+/, "").trim())
        .find((line) => line.startsWith("Error:"));
      return fail(`${what} failed${detail ? ` (${detail})` : ""}: needs network access to the Terraform registry`);
    }
  };
  console.log(`terraform init (downloads ${source} ${version})...`);
  run(["init", "-input=false", "-no-color"], `terraform init of ${source} ${version}`);
  const full = JSON.parse(run(["providers", "schema", "-json"], "terraform providers schema"));
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
  fs.writeFileSync(out, `${JSON.stringify(subset, null, indentOf(out))}\n`);

  const constraints = JSON.parse(fs.readFileSync(path.join(dir, "constraints.json"), "utf8"));
  const uncovered = types.resources.filter((t) => !constraints.resource_schemas[t]);
  console.log(
    `wrote ${path.relative(root, out) || out} for ${source} ${version}: ${types.resources.length} resources, ${types.data_sources.length} data sources`,
  );
  if (uncovered.length > 0) console.log(`constraints.json has no entry for: ${uncovered.join(", ")}`);
  console.log("constraints.json is unchanged: update it from the provider source of this version if rules changed.");
  console.log("next: npm run get -- --force && npm test");
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
