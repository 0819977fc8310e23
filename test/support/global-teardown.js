// cdktf's and cdk8s's Testing.app() and the tests create temp folders under the OS temp dir; remove this run's.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

module.exports = async () => {
  const started = Number(process.env.ACR_TEST_STARTED ?? 0);
  for (const entry of fs.readdirSync(os.tmpdir())) {
    if (!/^(cdktf|cdk8s)\./.test(entry) && !entry.startsWith("acr-platform-test-")) continue;
    const full = path.join(os.tmpdir(), entry);
    if (fs.statSync(full).mtimeMs >= started) fs.rmSync(full, { recursive: true, force: true });
  }
};
