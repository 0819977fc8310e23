// Removes this run's temp folder (see global-setup.js): cdktf's and cdk8s's Testing.app() and the tests write there.
const fs = require("node:fs");

module.exports = async () => {
  const dir = process.env.ACR_TEST_TMPDIR;
  if (dir !== undefined && dir.includes("acr-platform-jest-")) fs.rmSync(dir, { recursive: true, force: true });
};
