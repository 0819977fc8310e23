// End-to-end tests (`npm run test:e2e`): the real cdktf CLI and terraform in a temporary copy of the project. Not
// part of `npm test`; .ci/run runs them when terraform and the stand-in provider are present.
const base = require("../../jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: "../..",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.e2e.ts"],
  // One budget for each step (a cdktf command takes 4-6 s here); the whole loop stays well under 3 minutes.
  testTimeout: 90_000,
  globalSetup: undefined,
  globalTeardown: undefined,
};
