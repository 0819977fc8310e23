#!/usr/bin/env node
// `npm run engine -- cdktn|cdktf [--no-install] [--refresh-lock]`: switches the project to the other engine.
// Rewrites the engine's packages and `engines.node` in package.json (scripts/engines.js says what differs), swaps
// in the lockfile kept for that engine (the one being left is parked as engines/<engine>.package-lock.json, so each
// engine's `npm ci` stays exact), renames the engine module in constructs/engine.ts (the only source that names
// it), then installs exactly (`npm ci`) and regenerates the bindings with that engine's generator.
// --no-install: rewrite the files only. --refresh-lock: `npm install` instead of `npm ci`, to bring the lockfile
// of the engine switched to up to date after a shared dependency changed.
"use strict";

const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { ENGINES, activeEngine } = require("./engines");

const root = path.resolve(__dirname, "..");
const packageFile = path.join(root, "package.json");
const lockFile = path.join(root, "package-lock.json");
const seamFile = path.join(root, "constructs/engine.ts");
const parkedLock = (engine) => path.join(root, "engines", `${engine}.package-lock.json`);

/** `deps` without the packages of engine `from`, with those of engine `to`, sorted as npm writes them. */
function swapped(deps, from, to) {
  const kept = Object.entries(deps ?? {}).filter(([name]) => !(name in from));
  return Object.fromEntries([...kept, ...Object.entries(to)].sort(([a], [b]) => a.localeCompare(b, "en")));
}

/** package.json switched from engine `from` to engine `to`. */
function switchedPackage(pkg, from, to) {
  return {
    ...pkg,
    engines: { ...pkg.engines, node: ENGINES[to].node },
    dependencies: swapped(pkg.dependencies, ENGINES[from].dependencies, ENGINES[to].dependencies),
    devDependencies: swapped(pkg.devDependencies, ENGINES[from].devDependencies, ENGINES[to].devDependencies),
  };
}

/** The seam's source with every import of engine `from` (the package and its deep paths) naming `to` instead. */
function switchedSeam(source, from, to) {
  const pattern = new RegExp(`(from ")${ENGINES[from].module}(["/])`, "g");
  const result = source.replace(pattern, `$1${ENGINES[to].module}$2`);
  if (result === source) throw new Error(`constructs/engine.ts imports nothing from ${ENGINES[from].module}`);
  return result;
}

function run(command, args) {
  console.error(`> ${command} ${args.join(" ")}`);
  execFileSync(command, args, { cwd: root, stdio: "inherit" });
}

function main() {
  const args = process.argv.slice(2);
  const to = args.find((a) => !a.startsWith("--"));
  if (!(to in ENGINES)) {
    console.error(`usage: npm run engine -- ${Object.keys(ENGINES).join("|")} [--no-install] [--refresh-lock]`);
    process.exit(2);
  }
  const pkg = JSON.parse(fs.readFileSync(packageFile, "utf8"));
  const from = activeEngine(pkg);
  if (from !== to) {
    // Everything is computed before anything is written, so a refused switch leaves the files as they were.
    const seam = switchedSeam(fs.readFileSync(seamFile, "utf8"), from, to);
    const switched = `${JSON.stringify(switchedPackage(pkg, from, to), null, 2)}\n`;
    fs.mkdirSync(path.dirname(parkedLock(from)), { recursive: true });
    fs.renameSync(lockFile, parkedLock(from));
    if (fs.existsSync(parkedLock(to))) fs.renameSync(parkedLock(to), lockFile);
    fs.writeFileSync(packageFile, switched);
    fs.writeFileSync(seamFile, seam);
    console.error(`switched from ${from} to ${to}: package.json, package-lock.json, constructs/engine.ts`);
  } else {
    console.error(`already on ${to}`);
  }
  if (args.includes("--no-install")) return;
  const exact = fs.existsSync(lockFile) && !args.includes("--refresh-lock");
  run("npm", exact ? ["ci", "--no-audit", "--no-fund"] : ["install", "--no-audit", "--no-fund"]);
  run("npm", ["run", "get", "--", "--force"]);
  console.error(`now on ${to}: its CLI is \`npx ${ENGINES[to].cli}\`; Node ${ENGINES[to].node}`);
}

main();
