#!/usr/bin/env node
// `node scripts/compare-engine-output.js <outputA> <outputB>`: fails (exit 1, listing each difference) unless two
// synth outputs (each a folder holding cdktf.out/ and dist/) are the same apart from engine metadata: the engine
// version in manifest.json and in each stack's `//.metadata`. JSON is compared parsed, because the engines format
// empty arrays differently; every other file byte for byte. CI runs it on the example synthesized by cdktf and cdktn.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

/** Relative paths of the files under `dir`, sorted. */
function filesUnder(dir) {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => fs.statSync(path.join(dir, file)).isFile())
    .sort();
}

/** `json` without what only says which engine wrote it. */
function withoutEngineMetadata(json) {
  if (json === null || typeof json !== "object") return json;
  const copy = { ...json };
  if (typeof copy.version === "string" && "stacks" in copy) delete copy.version; // manifest.json
  if (copy["//"]?.metadata) copy["//"] = { ...copy["//"], metadata: { ...copy["//"].metadata, version: undefined } };
  return copy;
}

/** The first JSON path at which `a` and `b` differ, or undefined when they are equal. */
function firstDifference(a, b, at = "$") {
  if (a === b) return undefined;
  if (
    a === null ||
    b === null ||
    typeof a !== "object" ||
    typeof b !== "object" ||
    Array.isArray(a) !== Array.isArray(b)
  ) {
    return at;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const found = firstDifference(a[key], b[key], Array.isArray(a) ? `${at}[${key}]` : `${at}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/** Every difference between outputs `a` and `b` other than engine metadata, as readable lines. */
function compareOutputs(a, b) {
  const filesA = filesUnder(a);
  const filesB = filesUnder(b);
  const problems = [
    ...filesA.filter((f) => !filesB.includes(f)).map((f) => `${f}: only in ${a}`),
    ...filesB.filter((f) => !filesA.includes(f)).map((f) => `${f}: only in ${b}`),
  ];
  for (const file of filesA.filter((f) => filesB.includes(f))) {
    const [textA, textB] = [a, b].map((dir) => fs.readFileSync(path.join(dir, file), "utf8"));
    if (!file.endsWith(".json")) {
      if (textA !== textB) problems.push(`${file}: differs`);
      continue;
    }
    const [jsonA, jsonB] = [textA, textB].map((text) => withoutEngineMetadata(JSON.parse(text)));
    const at = firstDifference(jsonA, jsonB);
    if (at) problems.push(`${file}: differs at ${at}`);
  }
  return problems;
}

if (require.main === module) {
  const [a, b] = process.argv.slice(2);
  if (!a || !b) {
    console.error("usage: node scripts/compare-engine-output.js <outputA> <outputB>");
    process.exit(2);
  }
  const problems = compareOutputs(a, b);
  for (const line of problems) console.error(line);
  console.log(
    problems.length === 0
      ? `same output apart from engine metadata: ${filesUnder(a).length} files`
      : `${problems.length} difference(s) beyond engine metadata`,
  );
  process.exit(problems.length === 0 ? 0 : 1);
}

module.exports = { compareOutputs };
