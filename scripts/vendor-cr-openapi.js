#!/usr/bin/env node
// Copies the part of the CR OpenAPI metadata (2018-12-01) that `npm run adopt` relies on into
// adopt/cr-openapi-subset.json: for each action it calls, the parameters, the response's top-level fields with
// their types (TotalCount is a string in some actions and a number in others), the JSON example response and the
// documented error codes. Source: ../shared/reference/cr-openapi-2018-12-01.responses-2024.json, itself from
// dew-serverless/acs-sdk-php data/cr/2018-12-01/api-docs.php at commit 18902242 (2024-07-30); the two actions that
// metadata lacks (ListScanRule, ListArtifactSubscriptionRule) come with their parameters only, from
// cr-openapi-2018-12-01.json (commit 4ca78154, 2025-12-03). Run: node scripts/vendor-cr-openapi.js [shared folder]
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const shared = path.resolve(process.argv[2] ?? path.join(root, "..", "shared"));
const ACTIONS = [
  "GetInstance",
  "ListNamespace",
  "ListRepository",
  "GetRepository",
  "ListChartNamespace",
  "ListChartRepository",
  "GetInstanceVpcEndpoint",
  "GetInstanceEndpoint",
  "ListArtifactLifecycleRule",
  "ListRepoSyncRule",
  "ListScanRule",
  "ListArtifactSubscriptionRule",
  "ListChain",
];

const read = (file) => JSON.parse(fs.readFileSync(path.join(shared, "reference", file), "utf8"));
const withResponses = read("cr-openapi-2018-12-01.responses-2024.json").apis;
const current = read("cr-openapi-2018-12-01.json").apis;

const actions = {};
for (const action of ACTIONS) {
  const api = withResponses[action] ?? current[action];
  const schema = api.responses?.["200"]?.schema;
  const demos = typeof api.responseDemo === "string" ? JSON.parse(api.responseDemo) : (api.responseDemo ?? []);
  const example = demos.find((d) => d.type === "json")?.example;
  actions[action] = {
    parameters: (api.parameters ?? []).map((p) => ({
      name: p.name,
      type: p.schema?.type,
      required: !!p.schema?.required,
    })),
    responseFields: schema
      ? Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, v.type]))
      : null,
    example: example ? JSON.parse(example) : null,
    errorCodes: api.errorCodes ?? null,
  };
}
const out = {
  provenance:
    "CR OpenAPI 2018-12-01 metadata: dew-serverless/acs-sdk-php data/cr/2018-12-01/api-docs.php, commit 18902242 " +
    "(2024-07-30; responses, examples, error codes) and, for actions it lacks, commit 4ca78154 (2025-12-03; " +
    "parameters only). Extracted by scripts/vendor-cr-openapi.js.",
  actions,
};
fs.writeFileSync(path.join(root, "adopt", "cr-openapi-subset.json"), `${JSON.stringify(out, null, 1)}\n`);
