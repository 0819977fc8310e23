#!/usr/bin/env node
// Validates Kubernetes manifests offline against the OpenAPI schemas bundled in kubernetes-models (ESM-only, so
// this is a child-process script rather than a jest import). Catches wrong types and missing required fields;
// upstream schemas allow extra properties, so misspelled fields pass. Kinds without a model (CRDs such as
// ImageUpdater) are reported as "unchecked".
//
// Usage: node scripts/validate-manifests.mjs [--json] <file.yaml>...   (no files: reads YAML from stdin)
// Exit code: 0 all valid (or unchecked), 1 any invalid or unparsable document, 2 usage error.
import * as fs from "node:fs";
import { parseAllDocuments } from "yaml";

const args = process.argv.slice(2);
const json = args.includes("--json");
const files = args.filter((a) => a !== "--json");

async function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Za-z0-9.\/-]+$/.test(apiVersion)) {
    return undefined;
  }
  try {
    const mod = await import(`kubernetes-models/${apiVersion}`);
    return typeof mod[kind] === "function" ? mod[kind] : undefined;
  } catch {
    return undefined;
  }
}

async function validateText(source, text) {
  const results = [];
  const docs = parseAllDocuments(text);
  let index = 0;
  for (const doc of docs) {
    const at = { source, index: index++ };
    if (doc.errors.length > 0) {
      results.push({ ...at, status: "invalid", errors: doc.errors.map((e) => e.message) });
      continue;
    }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue;
    const id = {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      name: obj.metadata?.name,
      namespace: obj.metadata?.namespace,
    };
    const Model = await modelFor(obj.apiVersion, obj.kind);
    if (!Model) {
      results.push({ ...at, ...id, status: "unchecked", errors: [] });
      continue;
    }
    try {
      new Model(obj).validate();
      results.push({ ...at, ...id, status: "valid", errors: [] });
    } catch (err) {
      const details = Array.isArray(err?.errors)
        ? err.errors.map((e) => `${e.instancePath || "/"} ${e.message}`)
        : [String(err?.message ?? err)];
      results.push({ ...at, ...id, status: "invalid", errors: details });
    }
  }
  return results;
}

async function main() {
  const inputs =
    files.length > 0 ? files.map((f) => [f, fs.readFileSync(f, "utf8")]) : [["<stdin>", fs.readFileSync(0, "utf8")]];
  const results = [];
  for (const [source, text] of inputs) results.push(...(await validateText(source, text)));
  const invalid = results.filter((r) => r.status === "invalid");
  if (json) {
    process.stdout.write(`${JSON.stringify({ results, invalid: invalid.length }, null, 2)}\n`);
  } else {
    for (const r of results) {
      const what = `${r.source}#${r.index} ${r.kind ?? "?"} ${r.namespace ? `${r.namespace}/` : ""}${r.name ?? ""}`;
      process.stdout.write(`${r.status.padEnd(9)} ${what}${r.errors.length ? `: ${r.errors.join("; ")}` : ""}\n`);
    }
  }
  process.exitCode = invalid.length > 0 ? 1 : 0;
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exitCode = 2;
});
