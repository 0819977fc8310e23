// The managed add-on's config key check, evaluated by the real terraform CLI against the stand-in provider (the
// test is skipped, saying why, where terraform or the stand-in is missing). The stand-in answers a data source with
// placeholders, so `config_schema` is a string like "config-schema-3bde21b292": the plain plan shows that the lookup
// is planned and read, and that its postcondition fails the plan on a schema it cannot read. The pass and fail paths
// on a real JSON Schema use `terraform test` with `override_data`, which replaces what the provider returns. Neither
// shows what the real add-on's schema contains: only a plan against Alibaba Cloud does.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { enterpriseRegistryEntry } from "../../charts";
import { ManagedCredentialHelper, MANAGED_CREDENTIAL_HELPER_ADDON } from "../../constructs/cluster";
import { addonConfigKeys, addonConfigSchemaPostcondition } from "../../constructs/cluster/addon-config-schema-check";
import { e2eUnavailable, TFSTUB_DIR } from "../e2e/project-copy";
import { PROD } from "../charts/support";
import { onlyResource, synthJson, testStack } from "../support/synth";

const VERSION = "v24.01.29.1-5318af4-aliyun";
const METADATA = "alicloud_cs_kubernetes_addon_metadata";

function helperStack(version?: string) {
  const { stack } = testStack();
  const helper = new ManagedCredentialHelper(stack, "AcrHelper", {
    clusterId: "c0123456789abcdef",
    clusterRegionId: "cn-hangzhou",
    registries: [enterpriseRegistryEntry(PROD)],
    watchNamespaces: ["payments"],
    version,
  });
  return { json: synthJson(stack), helper };
}

describe("config schema check (pure)", () => {
  test("only with a version: the lookup needs one, and the add-on waits for it", () => {
    expect(helperStack().json.data?.[METADATA]).toBeUndefined();
    const { json } = helperStack(VERSION);
    const lookup = Object.entries(json.data?.[METADATA] ?? {});
    expect(lookup).toHaveLength(1);
    const [id, config] = lookup[0];
    expect(config).toMatchObject({
      cluster_id: "c0123456789abcdef",
      name: MANAGED_CREDENTIAL_HELPER_ADDON,
      version: VERSION,
    });
    expect(onlyResource(json, "alicloud_cs_kubernetes_addon").depends_on).toEqual([`data.${METADATA}.${id}`]);
  });

  test("the keys checked are the keys written", () => {
    const { helper } = helperStack(VERSION);
    expect(addonConfigKeys(helper.addonConfig!)).toEqual({
      topLevel: ["AcrInstanceInfo", "enableRRSA", "expiringThreshold", "serviceAccount", "watchNamespace"],
      entry: ["instanceId", "regionId"],
    });
    const { condition } = addonConfigSchemaPostcondition("a", "v1", { topLevel: ["k"], entry: ["e"] });
    expect(condition).toBe(
      '${can(jsondecode(self.config_schema)) && length(setsubtract(["k"], try(keys(jsondecode(self.config_schema).properties), ["k"]))) == 0 && length(setsubtract(["e"], try(keys(jsondecode(self.config_schema).properties.AcrInstanceInfo.items.properties), ["e"]))) == 0}',
    );
  });
});

const unavailable = e2eUnavailable();
const withTerraform = unavailable === undefined ? describe : describe.skip;

withTerraform(`config schema check with terraform${unavailable ? ` (skipped: ${unavailable})` : ""}`, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let lookupAddress: string;
  const terraform = (...args: string[]) => {
    const result = spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8" });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "addon-schema-"));
    const { json } = helperStack(VERSION);
    lookupAddress = `data.${METADATA}.${Object.keys(json.data?.[METADATA] ?? {})[0]}`;
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json, null, 2));
    const mirror = path.join(dir, "mirror");
    const schema = path.resolve(__dirname, "../../providers/alicloud/schema.json");
    const install = spawnSync(path.join(TFSTUB_DIR, "install-mirror.sh"), [mirror, "1.289.0"], {
      env: { ...process.env, TFSTUB_SCHEMA: schema },
      encoding: "utf8",
    });
    expect(install.status).toBe(0);
    env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: path.join(mirror, "terraformrc"),
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
    };
    const init = terraform("init", "-input=false", "-no-color");
    expect([init.status, init.output]).toEqual([0, expect.any(String)]);
  }, 60_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the stand-in's placeholder is no schema: the lookup is read at plan time and fails the plan", () => {
    const plan = terraform("plan", "-input=false", "-no-color", "-lock=false");
    expect(plan.status).toBe(1);
    expect(plan.output).toContain("Resource postcondition failed");
    expect(plan.output.replace(/\s+/g, " ")).toContain(
      `Add-on ${MANAGED_CREDENTIAL_HELPER_ADDON} ${VERSION} publishes no readable config schema`,
    );
  }, 60_000);

  test("terraform test: a schema that declares every key passes; a missing key or an empty schema fails", () => {
    const schema = (top: string[], entry: string[]) =>
      JSON.stringify({
        type: "object",
        properties: {
          ...Object.fromEntries(top.map((key) => [key, { type: "string" }])),
          AcrInstanceInfo: {
            type: "array",
            items: { type: "object", properties: Object.fromEntries(entry.map((key) => [key, { type: "string" }])) },
          },
        },
      });
    const all = ["enableRRSA", "expiringThreshold", "serviceAccount", "watchNamespace"];
    const run = (name: string, configSchema: string, fails: boolean) => `
run "${name}" {
  command = plan
  override_data {
    target = ${lookupAddress}
    values = { config_schema = ${JSON.stringify(configSchema)} }
  }
  ${fails ? `expect_failures = [${lookupAddress}]` : ""}
}`;
    fs.mkdirSync(path.join(dir, "tests"), { recursive: true });
    fs.writeFileSync(
      path.join(dir, "tests", "schema.tftest.hcl"),
      [
        run("declared", schema(all, ["instanceId", "regionId", "domains"]), false),
        run(
          "top_level_key_missing",
          schema(["expiringThreshold", "serviceAccount", "watchNamespace"], ["instanceId", "regionId"]),
          true,
        ),
        run("entry_key_missing", schema(all, ["instanceId"]), true),
        run("empty_schema", "", true),
      ].join("\n"),
    );
    const result = terraform("test", "-no-color", "-filter=tests/schema.tftest.hcl");
    expect([result.status, result.output]).toEqual([0, expect.stringContaining("4 passed, 0 failed")]);

    // The same failure, not expected: the plan's error names the undeclared keys.
    fs.writeFileSync(
      path.join(dir, "tests", "message.tftest.hcl"),
      run("undeclared", schema(["expiringThreshold", "serviceAccount", "watchNamespace"], ["instanceId"]), false),
    );
    const failed = terraform("test", "-no-color", "-filter=tests/message.tftest.hcl");
    expect(failed.status).toBe(1);
    expect(failed.output.replace(/\s+/g, " ")).toContain(
      'does not declare: top level ["enableRRSA"], AcrInstanceInfo entries ["regionId"].',
    );
  }, 60_000);
});
