// One temp folder per jest run: os.tmpdir() of the workers (and of the processes they start) points into it, so the
// teardown removes exactly what this run created, and runs side by side never delete each other's folders.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

module.exports = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-jest-"));
  process.env.ACR_TEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
