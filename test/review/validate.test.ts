import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../review/validate-cli";
import {
  type AttributeConstraints,
  type ConstraintsFile,
  type Finding,
  type RuleId,
  formatReport,
  loadProviderSchema,
  suggestName,
  SynthOutputError,
  validateSynthOutput,
  validateTerraformJson,
  type ValidateOptions,
} from "../../review/validate";

const { schema, constraints } = loadProviderSchema();

function check(config: object, options: ValidateOptions = {}, extra: ConstraintsFile = constraints): Finding[] {
  return validateTerraformJson(config, "test", schema, extra, options);
}

function resource(type: string, name: string, body: object): object {
  return { resource: { [type]: { [name]: body } } };
}

/** Vendored constraints plus extra attribute rules, for rules no vendored attribute uses yet (regex, elem, ...). */
function withResourceConstraints(type: string, extra: Record<string, AttributeConstraints>): ConstraintsFile {
  return {
    ...constraints,
    resource_schemas: {
      ...constraints.resource_schemas,
      [type]: { ...constraints.resource_schemas[type], ...extra },
    },
  };
}

/** The one finding of `rule`, failing with the full list when there is not exactly one. */
function only(findings: Finding[], rule: RuleId): Finding {
  const matching = findings.filter((f) => f.rule === rule);
  if (matching.length !== 1) throw new Error(`expected one ${rule} finding, got ${JSON.stringify(findings, null, 2)}`);
  return matching[0];
}

const instance = { instance_name: "acr-prod", instance_type: "Advanced", payment_type: "Subscription" };
const scanRule = {
  instance_id: "${alicloud_cr_ee_instance.main.id}",
  repo_tag_filter_pattern: ".*",
  rule_name: "all",
  scan_scope: "NAMESPACE",
  scan_type: "VUL",
  trigger_type: "AUTO",
};

describe("validateTerraformJson", () => {
  test("a valid configuration has no findings", () => {
    const config = {
      "//": { metadata: { backend: "local", stackName: "prod", version: "0.21.0" } },
      terraform: { required_providers: { alicloud: { source: "aliyun/alicloud", version: "1.289.0" } } },
      provider: { alicloud: [{ region: "cn-hangzhou" }, { alias: "sh", region: "cn-shanghai" }] },
      resource: {
        alicloud_cr_ee_instance: {
          main: {
            ...instance,
            namespace_quota: 500,
            repo_quota: "5000",
            image_scanner: "ACR",
            tags: { team: "platform" },
            timeouts: { create: "30m", update: "1h30m" },
          },
        },
        alicloud_cr_ee_namespace: {
          apps: { instance_id: "${alicloud_cr_ee_instance.main.id}", name: "apps", auto_create: "false" },
        },
        alicloud_cr_ee_repo: {
          prod_app_api: {
            instance_id: "${alicloud_cr_ee_instance.main.id}",
            namespace: "${alicloud_cr_ee_namespace.apps.name}",
            name: "api",
            repo_type: "PRIVATE",
            summary: 42, // Terraform converts numbers to strings
          },
        },
        alicloud_cr_internet_endpoint: {
          public: {
            instance_id: "${alicloud_cr_ee_instance.main.id}",
            entries: [{ entry: "10.0.0.0/8", comment: "office" }, { entry: "192.168.0.0/16" }],
          },
        },
        alicloud_cr_storage_domain_routing_rule: {
          routing: {
            instance_id: "${alicloud_cr_ee_instance.main.id}",
            routes: [{ endpoint_type: "Internet", instance_domain: "a.example.com", storage_domain: "b.example.com" }],
          },
        },
        null_resource: { other_provider: { triggers: { anything: "goes" } } },
      },
      data: { alicloud_cr_ee_instances: { all: { name_regex: "^acr-.*$", enable_details: true } } },
      output: { instance_id: { value: "${alicloud_cr_ee_instance.main.id}" } },
    };
    expect(check(config)).toEqual([]);
  });

  test("unknown resource and data source types are errors with a suggestion; other providers are not checked", () => {
    const findings = check({
      resource: {
        alicloud_cr_ee_instanse: { main: instance },
        kubernetes_namespace: { ns: { metadata: { name: "x" } } },
      },
      data: { alicloud_cr_ee_repo: { one: {} } },
    });
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({
      address: "alicloud_cr_ee_instanse.main",
      path: "",
      rule: "unknown-resource-type",
      severity: "error",
    });
    expect(findings[0].message).toContain('"alicloud_cr_ee_instanse"');
    expect(findings[0].message).toContain('did you mean "alicloud_cr_ee_instance"?');
    expect(findings[1]).toMatchObject({ address: "data.alicloud_cr_ee_repo.one", rule: "unknown-resource-type" });
    expect(findings[1].message).toContain('did you mean "alicloud_cr_ee_repos"?');
  });

  test("unknown attributes suggest the nearest valid name", () => {
    const findings = check(resource("alicloud_cr_ee_instance", "main", { ...instance, image_scaner: "ACR" }));
    const f = only(findings, "unknown-attribute");
    expect(f).toMatchObject({ address: "alicloud_cr_ee_instance.main", path: "image_scaner", severity: "error" });
    expect(f.message).toBe(
      'unknown attribute "image_scaner" in alicloud_cr_ee_instance; did you mean "image_scanner"?',
    );
  });

  test("suggestions handle camelCase and whole-word matches, and give up on unrelated names", () => {
    const names = ["instance_name", "instance_type", "payment_type"];
    expect(suggestName("instanceName", names)).toBe("instance_name");
    expect(suggestName("instance_nmae", names)).toBe("instance_name");
    expect(suggestName("payment", names)).toBe("payment_type");
    expect(suggestName("entry", ["comment", "entries"])).toBe("entries");
    expect(suggestName("zzzzzz", names)).toBeUndefined();
  });

  test("unknown attributes inside repeated blocks carry the block index in the path", () => {
    const findings = check(
      resource("alicloud_cr_internet_endpoint", "public", {
        instance_id: "cri-123",
        entries: [{ entry: "10.0.0.0/8" }, { entyr: "192.168.0.0/16" }],
      }),
    );
    const f = only(findings, "unknown-attribute");
    expect(f.path).toBe("entries[1].entyr");
    expect(f.message).toContain('did you mean "entry"?');
  });

  test("unknown blocks, including timeouts on a type that declares none", () => {
    const findings = check({
      resource: {
        alicloud_cr_ee_repo: {
          app: {
            instance_id: "cri-1",
            namespace: "ns",
            name: "app",
            repo_type: "PRIVATE",
            summary: "app",
            timeouts: { create: "5m" },
          },
        },
        alicloud_cr_internet_endpoint: { public: { instance_id: "cri-1", entry: [{ entry: "10.0.0.0/8" }] } },
      },
    });
    expect(findings.map((f) => [f.address, f.path, f.rule])).toEqual([
      ["alicloud_cr_ee_repo.app", "timeouts", "unknown-block"],
      ["alicloud_cr_internet_endpoint.public", "entry", "unknown-block"],
    ]);
    expect(findings[0].message).toContain("declares no timeouts");
    expect(findings[1].message).toContain('did you mean "entries"?');
  });

  test("missing required attributes and blocks", () => {
    const findings = check({
      resource: {
        alicloud_cr_ee_instance: { main: { instance_name: "acr", instance_type: "Basic" } },
        alicloud_cr_storage_domain_routing_rule: { routing: { instance_id: "cri-1" } },
      },
    });
    expect(findings.map((f) => [f.address, f.path, f.rule])).toEqual([
      ["alicloud_cr_ee_instance.main", "payment_type", "missing-required"],
      ["alicloud_cr_storage_domain_routing_rule.routing", "routes", "missing-required"],
    ]);
    expect(findings[0].message).toBe('required attribute "payment_type" is not set');
    expect(findings[1].message).toContain('required block "routes" is missing');
  });

  test("missing required attributes inside nested blocks", () => {
    const findings = check(
      resource("alicloud_cr_storage_domain_routing_rule", "routing", {
        instance_id: "cri-1",
        routes: [{ endpoint_type: "Internet", instance_domain: "a.example.com" }],
      }),
    );
    expect(only(findings, "missing-required").path).toBe("routes[0].storage_domain");
  });

  test("a required provider attribute is satisfied by its environment variable", () => {
    const config = { provider: { alicloud: [{ region: "cn-hangzhou", assume_role: [{ session_name: "ci" }] }] } };
    const f = only(check(config), "missing-required");
    expect(f).toMatchObject({ address: "provider.alicloud[0]", path: "assume_role[0].role_arn" });
    expect(f.message).toContain("ALICLOUD_ASSUME_ROLE_ARN");
    expect(check(config, { env: { ALICLOUD_ASSUME_ROLE_ARN: "acs:ram::1:role/ci" } })).toEqual([]);
  });

  test("computed-only attributes cannot be set", () => {
    const f = only(
      check(resource("alicloud_cr_ee_instance", "main", { ...instance, status: "RUNNING" })),
      "computed-only",
    );
    expect(f.path).toBe("status");
    expect(f.message).toBe('attribute "status" is computed by the provider and cannot be set (value "RUNNING")');
  });

  test("types: numbers and bools given as strings must parse; numbers are accepted as strings", () => {
    const ok = check({
      resource: {
        alicloud_cr_ee_instance: { main: { ...instance, instance_name: 123, namespace_quota: "12", repo_quota: 1000 } },
        alicloud_cr_ee_namespace: { ns: { instance_id: "cri-1", name: "ns", auto_create: "true" } },
      },
    });
    expect(ok).toEqual([]);

    const findings = check({
      resource: {
        alicloud_cr_ee_instance: { main: { ...instance, namespace_quota: "lots", repo_quota: true, tags: ["a"] } },
        alicloud_cr_ee_namespace: { ns: { instance_id: "cri-1", name: "ns", auto_create: "yes" } },
      },
    });
    expect(findings.map((f) => [f.address, f.path, f.rule])).toEqual([
      ["alicloud_cr_ee_instance.main", "namespace_quota", "type"],
      ["alicloud_cr_ee_instance.main", "repo_quota", "type"],
      ["alicloud_cr_ee_instance.main", "tags", "type"],
      ["alicloud_cr_ee_namespace.ns", "auto_create", "type"],
    ]);
    expect(findings[0].message).toBe('expected number, got string "lots"');
    expect(findings[2].message).toBe("expected map of string, got an array");
    expect(findings[3].message).toBe('expected bool, got string "yes"');
  });

  test("types of list elements are checked one by one", () => {
    const f = only(
      check(resource("alicloud_cr_scan_rule", "scan", { ...scanRule, namespaces: ["a", { b: 1 }] })),
      "type",
    );
    expect(f.path).toBe("namespaces[1]");
  });

  test("allowed values", () => {
    const f = only(
      check(resource("alicloud_cr_ee_instance", "main", { ...instance, image_scanner: "TRIVY" })),
      "allowed-values",
    );
    expect(f).toMatchObject({ path: "image_scanner", severity: "error" });
    expect(f.message).toBe('value "TRIVY" is not allowed for image_scanner; expected one of "ACR", "SAS", "DISABLE"');
  });

  test("allowed values respect allowed_ignore_case", () => {
    expect(check({ provider: { alicloud: { account_type: "domestic" } } })).toEqual([]);
    const f = only(check({ provider: { alicloud: { account_type: "Global" } } }), "allowed-values");
    expect(f).toMatchObject({ address: "provider.alicloud[0]", path: "account_type" });
    expect(f.message).toContain("(case-insensitive)");
  });

  test("skippable checks become warnings when TF_SKIP_RESOURCE_SCHEMA_VALIDATION=true", () => {
    const config = resource("alicloud_cr_ee_instance", "main", { ...instance, image_scanner: "TRIVY" });
    const f = only(check(config, { env: { TF_SKIP_RESOURCE_SCHEMA_VALIDATION: "true" } }), "allowed-values");
    expect(f.severity).toBe("warning");
  });

  test("integer ranges", () => {
    const findings = check({
      resource: {
        alicloud_cr_ee_instance: {
          a: { ...instance, namespace_quota: 200000 },
          b: { ...instance, namespace_quota: "-1" },
          c: { ...instance, namespace_quota: 1.5 },
        },
      },
    });
    expect(findings.map((f) => [f.address, f.path, f.rule])).toEqual([
      ["alicloud_cr_ee_instance.a", "namespace_quota", "range"],
      ["alicloud_cr_ee_instance.b", "namespace_quota", "range"],
      ["alicloud_cr_ee_instance.c", "namespace_quota", "type"],
    ]);
    expect(findings[0].message).toBe("value 200000 is out of range for namespace_quota: must be between 0 and 100000");
    expect(findings[2].message).toContain("whole number");
  });

  test("string length ranges", () => {
    const config = resource("alicloud_cr_namespace", "legacy", {
      name: "a",
      auto_create: false,
      default_visibility: "PRIVATE",
    });
    const f = only(check(config), "length");
    expect(f.path).toBe("name");
    expect(f.message).toBe('value "a" has length 1; name must be between 2 and 30 characters long');
  });

  test("regex and regex_not patterns", () => {
    const extra = withResourceConstraints("alicloud_cr_ee_namespace", {
      name: { regex: "^[a-z0-9][a-z0-9-]*$", regex_message: "lower case letters, digits and hyphens" },
      instance_id: { regex_not: "^cri-test" },
    });
    const findings = check(
      resource("alicloud_cr_ee_namespace", "ns", { instance_id: "cri-test1", name: "Apps" }),
      {},
      extra,
    );
    expect(findings.map((f) => [f.path, f.rule])).toEqual([
      ["instance_id", "pattern"],
      ["name", "pattern"],
    ]);
    expect(findings[0].message).toBe('value "cri-test1" of instance_id must not match the pattern ^cri-test');
    expect(findings[1].message).toBe(
      'value "Apps" of name does not match the pattern ^[a-z0-9][a-z0-9-]*$ (lower case letters, digits and hyphens)',
    );
  });

  test("timeouts must be Go durations", () => {
    const config = resource("alicloud_cr_ee_instance", "main", { ...instance, timeouts: { create: "10 minutes" } });
    const f = only(check(config), "pattern");
    expect(f.path).toBe("timeouts.create");
    expect(f.message).toContain('"10 minutes"');
  });

  test("named validators: JSON documents", () => {
    const config = resource("alicloud_ram_policy", "pull", { policy_name: "pull", policy_document: "{not json" });
    const f = only(check(config), "format");
    expect(f.path).toBe("policy_document");
    expect(f.message).toContain("not valid JSON");
  });

  test("block counts: max_items, min_items and single blocks", () => {
    const cors = Array.from({ length: 11 }, () => ({ allowed_methods: ["GET"], allowed_origins: ["*"] }));
    const findings = check({
      provider: { alicloud: [{ assume_role: [{ role_arn: "a" }, { role_arn: "b" }] }] },
      resource: {
        alicloud_oss_bucket: { charts: { bucket: "charts", cors_rule: cors } },
        alicloud_cr_storage_domain_routing_rule: { routing: { instance_id: "cri-1", routes: [] } },
        alicloud_cr_ee_instance: { main: { ...instance, timeouts: [{ create: "1m" }, { create: "2m" }] } },
      },
    });
    expect(findings.map((f) => [f.address, f.path, f.rule])).toEqual([
      ["alicloud_cr_ee_instance.main", "timeouts", "block-count"],
      ["alicloud_cr_storage_domain_routing_rule.routing", "routes", "block-count"],
      ["alicloud_oss_bucket.charts", "cors_rule", "block-count"],
      ["provider.alicloud[0]", "assume_role", "block-count"],
    ]);
    expect(findings[2].message).toBe('block "cors_rule" appears 11 times; it must appear at most 10 times');
    expect(findings[1].message).toBe('block "routes" appears 0 times; it must appear at least 1 times');
  });

  test("list blocks with max_items 1 accept an object or an array", () => {
    const asObject = resource("alicloud_oss_bucket", "b", { bucket: "acr-charts", versioning: { status: "Enabled" } });
    const asArray = resource("alicloud_oss_bucket", "b", { bucket: "acr-charts", versioning: [{ status: "Enabled" }] });
    expect(check(asObject)).toEqual([]);
    expect(check(asArray)).toEqual([]);
  });

  test("conflicts_with is reported once per pair", () => {
    const f = only(
      check(resource("alicloud_pvtz_zone", "internal", { zone_name: "acr.internal", name: "acr.internal" })),
      "conflicts",
    );
    expect(f).toMatchObject({ address: "alicloud_pvtz_zone.internal", path: "name", severity: "error" });
    expect(f.message).toBe('"name" conflicts with "zone_name": set only one of them');
  });

  test("exactly_one_of: none set and two set", () => {
    const findings = check({
      resource: {
        alicloud_vswitch: {
          none: { vpc_id: "vpc-1", cidr_block: "10.0.0.0/24" },
          both: {
            vpc_id: "vpc-1",
            cidr_block: "10.0.1.0/24",
            zone_id: "cn-hangzhou-h",
            availability_zone: "cn-hangzhou-h",
          },
        },
      },
    });
    const rules = findings.filter((f) => f.rule === "exactly-one-of");
    expect(rules.map((f) => [f.address, f.path])).toEqual([
      ["alicloud_vswitch.both", ""],
      ["alicloud_vswitch.none", ""],
    ]);
    expect(rules[0].message).toBe(
      'only one of "availability_zone", "zone_id" may be set, but "availability_zone", "zone_id" are all set',
    );
    expect(rules[1].message).toBe('exactly one of "availability_zone", "zone_id" must be set; none is');
  });

  test("at_least_one_of and required_with", () => {
    const extra = withResourceConstraints("alicloud_cr_scan_rule", {
      namespaces: { at_least_one_of: ["namespaces", "repo_names"] },
      repo_names: { required_with: ["namespaces"] },
    });
    const none = check(resource("alicloud_cr_scan_rule", "scan", scanRule), {}, extra);
    const atLeast = only(none, "at-least-one-of");
    expect(atLeast).toMatchObject({ address: "alicloud_cr_scan_rule.scan", path: "" });
    expect(atLeast.message).toBe('at least one of "namespaces", "repo_names" must be set; none is');

    const reposOnly = check(resource("alicloud_cr_scan_rule", "scan", { ...scanRule, repo_names: ["api"] }), {}, extra);
    const requiredWith = only(reposOnly, "required-with");
    expect(requiredWith.path).toBe("repo_names");
    expect(requiredWith.message).toBe('"repo_names" is set, so "namespaces" must be set too');
    expect(reposOnly.some((f) => f.rule === "at-least-one-of")).toBe(false);
  });

  test("primitive lists: item counts and per-element limits", () => {
    const extra = withResourceConstraints("alicloud_cr_scan_rule", {
      namespaces: { max_items: 2, elem: { len_range: [2, 30], allowed: ["apps", "infra", "x"] } },
    });
    const config = resource("alicloud_cr_scan_rule", "scan", { ...scanRule, namespaces: ["apps", "x", "data"] });
    const findings = check(config, {}, extra);
    expect(findings.map((f) => [f.path, f.rule])).toEqual([
      ["namespaces", "item-count"],
      ["namespaces[1]", "length"],
      ["namespaces[2]", "allowed-values"],
    ]);
    expect(findings[0].message).toBe("namespaces has 3 items; it must have at most 2 items");
  });

  test("interpolations skip value checks but still count as set", () => {
    const findings = check({
      resource: {
        alicloud_cr_ee_instance: {
          main: {
            instance_name: "${var.name}",
            instance_type: "${var.edition}",
            payment_type: "${var.billing}",
            namespace_quota: "${var.quota * 1000}",
            tags: "${var.tags}",
          },
        },
        alicloud_cr_namespace: {
          legacy: { name: "${local.n}", auto_create: "${var.b}", default_visibility: "%{if var.p}PUBLIC%{endif}" },
        },
        alicloud_pvtz_zone: { internal: { zone_name: "${var.zone}", name: "${var.zone}" } },
      },
    });
    expect(findings.filter((f) => f.severity === "error").map((f) => [f.address, f.path, f.rule])).toEqual([
      ["alicloud_pvtz_zone.internal", "name", "conflicts"],
    ]);
  });

  test('"//" keys and meta-arguments are ignored', () => {
    const findings = check({
      "//": { note: "top" },
      provider: { alicloud: [{ alias: "hz", region: "cn-hangzhou", "//": "comment" }] },
      resource: {
        "//": "comment",
        alicloud_cr_ee_instance: {
          "//": "comment",
          main: {
            "//": { metadata: { path: "prod/registry/instance", uniqueId: "instance" } },
            ...instance,
            tags: { "//": "ignored", team: "platform" },
            count: 1,
            for_each: "${var.instances}",
            depends_on: ["alicloud_vpc.main"],
            provider: "alicloud.hz",
            lifecycle: { prevent_destroy: true, ignore_changes: ["tags"] },
            provisioner: [{ "local-exec": { command: "echo hi" } }],
            connection: { type: "ssh" },
            timeouts: { "//": "comment", create: "1h" },
          },
        },
      },
      data: { alicloud_cr_ee_instances: { all: { count: 1, depends_on: [], "//": "x" } } },
    });
    expect(findings).toEqual([]);
  });

  test("cdktf dynamic blocks are validated through their content", () => {
    const ok = check(
      resource("alicloud_cr_internet_endpoint", "public", {
        instance_id: "cri-1",
        dynamic: { entries: { for_each: "${var.cidrs}", iterator: "each", content: { entry: "${each.value}" } } },
      }),
    );
    expect(ok).toEqual([]);
    const bad = check(
      resource("alicloud_cr_storage_domain_routing_rule", "r", {
        instance_id: "cri-1",
        dynamic: { route: { for_each: "${var.routes}", content: {} } },
      }),
    );
    expect(bad.map((f) => [f.path, f.rule])).toEqual([
      ["dynamic.route", "unknown-block"],
      ["routes", "missing-required"],
    ]);
    expect(bad[0].message).toContain('did you mean "routes"?');
  });

  test("deprecated attributes and resource types are warnings, not errors", () => {
    const findings = check({
      resource: {
        alicloud_vpc: { main: { name: "acr-vpc", cidr_block: "10.0.0.0/16" } },
        alicloud_cr_namespace: { legacy: { name: "legacy", auto_create: false, default_visibility: "PRIVATE" } },
      },
    });
    expect(findings.map((f) => [f.address, f.path, f.rule, f.severity])).toEqual([
      ["alicloud_cr_namespace.legacy", "", "deprecated", "warning"],
      ["alicloud_vpc.main", "name", "deprecated", "warning"],
    ]);
    expect(findings[0].message).toContain("alicloud_cr_ee_namespace");
    expect(findings[1].message).toContain("vpc_name");
  });

  test("findings are sorted by stack, address and path (indexes numerically), whatever the input order", () => {
    const entries = Array.from({ length: 12 }, (_, i) =>
      i === 2 || i === 10 ? { bogus: i } : { entry: `10.${i}.0.0/16` },
    );
    const body = { instance_id: "cri-1", entries };
    const forward = check({
      resource: {
        alicloud_cr_internet_endpoint: { b: body, a: body },
        alicloud_cr_ee_instance: { z: { ...instance, status: "x", image_scanner: "NO" } },
      },
    });
    const reversed = check({
      resource: {
        alicloud_cr_ee_instance: { z: { image_scanner: "NO", status: "x", ...instance } },
        alicloud_cr_internet_endpoint: { a: body, b: body },
      },
    });
    expect(reversed).toEqual(forward);
    expect(forward.map((f) => `${f.address} ${f.path}`)).toEqual([
      "alicloud_cr_ee_instance.z image_scanner",
      "alicloud_cr_ee_instance.z status",
      "alicloud_cr_internet_endpoint.a entries[2].bogus",
      "alicloud_cr_internet_endpoint.a entries[10].bogus",
      "alicloud_cr_internet_endpoint.b entries[2].bogus",
      "alicloud_cr_internet_endpoint.b entries[10].bogus",
    ]);
  });
});

describe("validateSynthOutput and the CLI", () => {
  let outdir: string;

  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-test-"));
  });

  afterEach(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  function writeSynth(stacks: Record<string, object>): void {
    const manifest = {
      version: "0.21.0",
      stacks: Object.fromEntries(
        Object.keys(stacks).map((name) => [name, { name, synthesizedStackPath: `stacks/${name}/cdk.tf.json` }]),
      ),
    };
    fs.writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify(manifest));
    for (const [name, config] of Object.entries(stacks)) {
      fs.mkdirSync(path.join(outdir, "stacks", name), { recursive: true });
      fs.writeFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), JSON.stringify(config));
    }
  }

  function runCli(args: string[]): { status: number; stdout: string; stderr: string } {
    let stdout = "";
    let stderr = "";
    const out = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
    const err = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    try {
      return { status: main(args, {}), stdout, stderr };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }

  test("reads the manifest, validates each stack and reports per stack", () => {
    writeSynth({
      x: {
        provider: { alicloud: [{ region: "cn-hangzhou" }] },
        resource: {
          alicloud_cr_ee_instance: { main: { ...instance, image_scanner: "TRIVY" } },
          alicloud_cr_namespace: { legacy: { name: "legacy", auto_create: false, default_visibility: "PRIVATE" } },
        },
        data: { alicloud_cr_ee_instances: { all: {} } },
      },
    });
    const reports = validateSynthOutput(outdir);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ stack: "x", file: "stacks/x/cdk.tf.json", resources: 2, dataSources: 1 });
    expect(reports[0].findings.map((f) => [f.stack, f.address, f.rule, f.severity])).toEqual([
      ["x", "alicloud_cr_ee_instance.main", "allowed-values", "error"],
      ["x", "alicloud_cr_namespace.legacy", "deprecated", "warning"],
    ]);
    const text = formatReport(reports);
    expect(text).toContain("stack x (stacks/x/cdk.tf.json, 2 resources): 1 error, 1 warning");
    expect(text.split("\n").pop()).toBe("validate: 1 stack, 2 resources, 1 error, 1 warning");

    const cli = runCli([outdir]);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain("validate: 1 stack, 2 resources, 1 error, 1 warning");
  });

  test("the CLI exits 0 when there are only warnings", () => {
    writeSynth({
      a: { resource: { alicloud_vpc: { main: { name: "vpc" } } } },
      b: { resource: { alicloud_cr_ee_instance: { main: instance } } },
    });
    const cli = runCli([outdir]);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain("stack b (stacks/b/cdk.tf.json, 1 resource): ok");
    expect(cli.stdout.trim().split("\n").pop()).toBe("validate: 2 stacks, 2 resources, 0 errors, 1 warning");
  });

  test("a missing output directory or manifest asks to run the synth first", () => {
    const missing = path.join(outdir, "nope");
    expect(() => validateSynthOutput(missing)).toThrow(SynthOutputError);
    expect(() => validateSynthOutput(missing)).toThrow("run `npm run synth` first");
    expect(() => validateSynthOutput(outdir)).toThrow(/manifest\.json does not exist; run `npm run synth` first/);
    const cli = runCli([outdir]);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain("npm run synth");
  });
});
