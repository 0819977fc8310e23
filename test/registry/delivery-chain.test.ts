import { TerraformVariable } from "../../constructs/engine";
import { ChainStep, DeliveryChain, DeliveryChainStep } from "../../constructs/registry/delivery-chain";
import { problemsOf, synthJson, TerraformJson } from "../support/synth";
import { importedProdRegistry, onlyBody, schemaErrors, nsRef, repoRef } from "../support/fixtures";

const TYPE = "alicloud_cr_chain";

const body = (json: TerraformJson) => onlyBody(json, TYPE);

const empty = [{ deny_policy: [{}] }];
const route = (from: string, to: string) => ({ from: [{ node_name: from }], to: [{ node_name: to }] });
const ROUTERS = [
  route("DOCKER_IMAGE_BUILD", "DOCKER_IMAGE_PUSH"),
  route("DOCKER_IMAGE_PUSH", "VULNERABILITY_SCANNING"),
  route("VULNERABILITY_SCANNING", "ACTIVATE_REPLICATION"),
  route("ACTIVATE_REPLICATION", "TRIGGER"),
  route("VULNERABILITY_SCANNING", "SNAPSHOT"),
  route("SNAPSHOT", "TRIGGER_SNAPSHOT"),
];

describe("DeliveryChain", () => {
  test("push, scan and block on HIGH, distribute: all nodes emitted, unused ones disabled, fixed routers", () => {
    const { app, stack, registry } = importedProdRegistry();
    const payments = registry.addNamespace("Payments", { name: "payments" });
    const api = payments.addRepository("Api", { name: "payments-api" });
    new DeliveryChain(stack, "Release", {
      registry,
      namespace: payments,
      repository: api,
      name: "payments-api-release",
      description: "scan, block HIGH, replicate",
      steps: [
        ChainStep.push(),
        ChainStep.scan({ severity: "HIGH", minIssueCount: 3, logic: "OR", action: "BLOCK_DELETE_TAG" }),
        ChainStep.distribute(),
        ChainStep.trigger(),
      ],
    });
    const json = synthJson(stack);
    const [namespaceKey] = Object.keys(json.resource?.alicloud_cr_ee_namespace ?? {});
    const [repoKey] = Object.keys(json.resource?.alicloud_cr_ee_repo ?? {});
    expect(body(json)).toEqual({
      instance_id: "cri-prod1",
      chain_name: "payments-api-release",
      description: "scan, block HIGH, replicate",
      repo_namespace_name: "payments",
      repo_name: "payments-api",
      chain_config: [
        {
          nodes: [
            { node_name: "DOCKER_IMAGE_BUILD", enable: false, node_config: empty },
            { node_name: "DOCKER_IMAGE_PUSH", enable: true, node_config: empty },
            {
              node_name: "VULNERABILITY_SCANNING",
              enable: true,
              node_config: [
                { deny_policy: [{ issue_level: "HIGH", issue_count: "3", logic: "OR", action: "BLOCK_DELETE_TAG" }] },
              ],
            },
            { node_name: "ACTIVATE_REPLICATION", enable: true, node_config: empty },
            { node_name: "TRIGGER", enable: true, node_config: empty },
            { node_name: "SNAPSHOT", enable: false, node_config: empty },
            { node_name: "TRIGGER_SNAPSHOT", enable: false, node_config: empty },
          ],
          routers: ROUTERS,
        },
      ],
      depends_on: [`alicloud_cr_ee_namespace.${namespaceKey}`, `alicloud_cr_ee_repo.${repoKey}`],
    });
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("block policy defaults: one issue, AND, BLOCK; build step and snapshot branch", () => {
    const { app, stack, registry } = importedProdRegistry();
    new DeliveryChain(stack, "Full", {
      registry,
      namespace: nsRef(registry, "payments"),
      repository: repoRef(registry, "payments", "payments-api"),
      name: "full",
      steps: [
        ChainStep.build(),
        ChainStep.push(),
        ChainStep.scan({ severity: "MEDIUM" }),
        ChainStep.snapshot(),
        ChainStep.triggerSnapshot(),
      ],
    });
    const json = synthJson(stack);
    const nodes = (body(json).chain_config as { nodes: { node_name: string; enable: boolean }[] }[])[0].nodes;
    expect(nodes.map((n) => `${n.node_name}=${n.enable}`)).toEqual([
      "DOCKER_IMAGE_BUILD=true",
      "DOCKER_IMAGE_PUSH=true",
      "VULNERABILITY_SCANNING=true",
      "ACTIVATE_REPLICATION=false",
      "TRIGGER=false",
      "SNAPSHOT=true",
      "TRIGGER_SNAPSHOT=true",
    ]);
    expect(nodes[2]).toEqual({
      node_name: "VULNERABILITY_SCANNING",
      enable: true,
      node_config: [{ deny_policy: [{ issue_level: "MEDIUM", issue_count: "1", logic: "AND", action: "BLOCK" }] }],
    });
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });

  test("FORCE_NEW_ATTRIBUTES comes from the vendored constraints", () => {
    expect(DeliveryChain.FORCE_NEW_ATTRIBUTES).toEqual(["instance_id", "repo_name", "repo_namespace_name"]);
  });

  test("node names, order, gaps, duplicates and block policies are validated", () => {
    const { app, stack, registry } = importedProdRegistry();
    const chain = (id: string, steps: DeliveryChainStep[]) =>
      new DeliveryChain(stack, id, {
        registry,
        namespace: nsRef(registry, "payments"),
        repository: repoRef(registry, "payments", "api"),
        name: id.toLowerCase(),
        steps,
      });
    chain("Order", [ChainStep.scan({ severity: "HIGH" }), ChainStep.push()]);
    chain("Gap", [ChainStep.push(), ChainStep.distribute(), ChainStep.trigger()]);
    chain("Twice", [ChainStep.push(), ChainStep.push()]);
    chain("Unknown", [ChainStep.push(), { node: "DEPLOY" as never }]);
    chain("Policies", [
      { node: "DOCKER_IMAGE_PUSH", blockOn: { severity: "HIGH" } },
      { node: "VULNERABILITY_SCANNING" },
    ]);
    chain("BadPolicy", [
      ChainStep.push(),
      ChainStep.scan({
        severity: "CRITICAL" as never,
        minIssueCount: 0,
        logic: "XOR" as never,
        action: "DROP" as never,
      }),
    ]);
    chain("Empty", []);
    expect(problemsOf(app)).toEqual([
      '[test/Order] steps[0].node = "VULNERABILITY_SCANNING": must come after DOCKER_IMAGE_PUSH (the chain\'s order is fixed)',
      '[test/Gap] steps[1].node = "ACTIVATE_REPLICATION": needs the VULNERABILITY_SCANNING step before it (the chain\'s order is fixed)',
      '[test/Twice] steps[1].node = "DOCKER_IMAGE_PUSH": is listed more than once',
      '[test/Unknown] steps[1].node = "DEPLOY": must be one of DOCKER_IMAGE_BUILD, DOCKER_IMAGE_PUSH, VULNERABILITY_SCANNING, ACTIVATE_REPLICATION, TRIGGER, SNAPSHOT, TRIGGER_SNAPSHOT (alicloud_cr_chain.chain_config.nodes.node_name)',
      '[test/Policies] steps[0].blockOn = {"severity":"HIGH"}: applies only to VULNERABILITY_SCANNING',
      "[test/Policies] steps[1].blockOn = (not set): is required on VULNERABILITY_SCANNING",
      '[test/BadPolicy] steps[1].blockOn.severity = "CRITICAL": must be one of LOW, MEDIUM, HIGH, UNKNOWN (alicloud_cr_chain.chain_config.nodes.node_config.deny_policy.issue_level)',
      '[test/BadPolicy] steps[1].blockOn.logic = "XOR": must be one of AND, OR (alicloud_cr_chain.chain_config.nodes.node_config.deny_policy.logic)',
      '[test/BadPolicy] steps[1].blockOn.action = "DROP": must be one of BLOCK, BLOCK_RETAG, BLOCK_DELETE_TAG (alicloud_cr_chain.chain_config.nodes.node_config.deny_policy.action)',
      "[test/BadPolicy] steps[1].blockOn.minIssueCount = 0: must be a whole number, at least 1",
      "[test/Empty] steps = []: must enable at least one step",
    ]);
  });

  test("bad names and scope are reported", () => {
    const { app, stack, registry } = importedProdRegistry();
    new DeliveryChain(stack, "A", {
      registry,
      namespace: nsRef(registry, "Payments"),
      repository: repoRef(registry, "Payments", "a"),
      name: "Release Chain",
      steps: [ChainStep.push()],
    });
    expect(problemsOf(app)).toEqual([
      '[test/NsRef-Payments] name = "Payments": must be 2-120 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      '[test/NsRef-Payments/Ref-a] name = "a": must be 2-64 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
      '[test/A] name = "Release Chain": must be 1-64 characters of lowercase letters and digits, with separators _ - . allowed but not first or last',
    ]);
  });

  test("unresolved tokens are not validated", () => {
    const { app, stack, registry } = importedProdRegistry();
    const count = new TerraformVariable(stack, "count", { type: "number" });
    const repo = new TerraformVariable(stack, "repo", { type: "string" });
    new DeliveryChain(stack, "A", {
      registry,
      namespace: nsRef(registry, "payments"),
      repository: repoRef(registry, "payments", repo.stringValue),
      name: "tokens",
      steps: [ChainStep.push(), ChainStep.scan({ severity: "LOW", minIssueCount: count.numberValue })],
    });
    const json = synthJson(stack);
    expect(body(json)).toMatchObject({ repo_name: "${var.repo}" });
    expect(JSON.stringify(body(json))).toContain('"issue_count":"${var.count}"');
    expect(problemsOf(app)).toEqual([]);
  });

  test("the same chain name twice in one registry is refused", () => {
    const { app, stack, registry } = importedProdRegistry();
    const props = { registry, namespace: nsRef(registry, "payments"), name: "release", steps: [ChainStep.push()] };
    new DeliveryChain(stack, "A", { ...props, repository: repoRef(registry, "payments", "api") });
    new DeliveryChain(stack, "B", { ...props, repository: repoRef(registry, "payments", "worker") });
    expect(problemsOf(app)).toEqual([
      '[test/A] name = "release": duplicate delivery chain name in the same scope (also used by test/B)',
      '[test/B] name = "release": duplicate delivery chain name in the same scope (also used by test/A)',
    ]);
  });
});
