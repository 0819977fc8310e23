// `node lib/bench/floor.js <reference dir> <outdir>`: the floor of synthesis — a bare node process that writes the
// same files, with the same bytes, as a synth did (it reads them from a reference copy first).
import * as fs from "node:fs";
import * as path from "node:path";

const [reference, outdir] = process.argv.slice(2);
for (const file of fs.readdirSync(reference, { recursive: true, encoding: "utf8" })) {
  const source = path.join(reference, file);
  if (!fs.statSync(source).isFile()) continue;
  const target = path.join(outdir, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, fs.readFileSync(source));
}
