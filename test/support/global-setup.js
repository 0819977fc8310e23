// Bindings are generated on install; regenerate here too so `npm test` works after a schema change.
const { execFileSync } = require("node:child_process");
const path = require("node:path");

module.exports = async () => {
  process.env.ACR_TEST_STARTED = String(Date.now());
  execFileSync(process.execPath, [path.join(__dirname, "../../scripts/generate-bindings.js")], { stdio: "inherit" });
};
