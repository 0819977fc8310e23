import { Construct } from "constructs";
import {
  CrChain,
  CrChainChainConfigNodes,
  CrChainChainConfigNodesNodeConfigDenyPolicy,
  CrChainChainConfigRouters,
} from "../../.gen/providers/alicloud/cr-chain";
import { FieldChecks } from "../validation/field-checks";
import { forceNewAttributes, resourceConstraint } from "../validation/provider-constraints";
import type { IEnterpriseRegistry } from "./enterprise-registry";
import type { INamespace } from "./namespace";
import type { IRepository } from "./repository";
import {
  checkAtLeast,
  checkScope,
  namespaceNameOf,
  nonEmpty,
  repositoryNameOf,
  scopeDependencies,
} from "./policy-support";
import { claimName } from "../validation/unique-names";
import { listOrEmpty } from "../validation/references";
import { POLICY_RULE_NAME } from "../../validation/rules";

const CHAIN_TYPE = "alicloud_cr_chain";

/** A node of an ACR delivery chain (`chain_config.nodes.node_name`). */
export type DeliveryChainNode =
  | "DOCKER_IMAGE_BUILD"
  | "DOCKER_IMAGE_PUSH"
  | "VULNERABILITY_SCANNING"
  | "ACTIVATE_REPLICATION"
  | "TRIGGER"
  | "SNAPSHOT"
  | "TRIGGER_SNAPSHOT";

/** Vulnerability level that counts towards blocking (`deny_policy.issue_level`). */
export type VulnerabilitySeverity = "LOW" | "MEDIUM" | "HIGH" | "UNKNOWN";

/**
 * What a failed scan does (`deny_policy.action`), per the provider docs: `BLOCK` stops the chain, `BLOCK_RETAG`
 * blocks overwriting the pushed tag, `BLOCK_DELETE_TAG` deletes the tag (the docs' wording is ambiguous:
 * UNCONFIRMED whether it blocks deleting or deletes).
 */
export type ScanBlockAction = "BLOCK" | "BLOCK_RETAG" | "BLOCK_DELETE_TAG";

/** When a scan step blocks the image (`node_config.deny_policy` of `VULNERABILITY_SCANNING`). */
export interface ScanBlockPolicy {
  /** Vulnerability level that counts. */
  readonly severity: VulnerabilitySeverity;
  /**
   * Number of vulnerabilities at that level that triggers the block.
   * @default 1
   */
  readonly minIssueCount?: number;
  /**
   * How level and count combine (`AND` / `OR`; the exact semantics are not documented).
   * @default "AND" - as in the provider's example
   */
  readonly logic?: "AND" | "OR";
  /**
   * What happens to a blocked image.
   * @default "BLOCK"
   */
  readonly action?: ScanBlockAction;
}

/** One enabled step of a delivery chain; build them with {@link ChainStep}. */
export interface DeliveryChainStep {
  /** The chain node this step enables. */
  readonly node: DeliveryChainNode;
  /** Blocking rule; required on `VULNERABILITY_SCANNING` and only there. */
  readonly blockOn?: ScanBlockPolicy;
}

/** Typed constructors of {@link DeliveryChainStep}s, in chain order. */
export class ChainStep {
  /** Build the image from source (`DOCKER_IMAGE_BUILD`); optional, leave out when CI pushes images. */
  public static build(): DeliveryChainStep {
    return { node: "DOCKER_IMAGE_BUILD" };
  }
  /** The image push that starts the chain (`DOCKER_IMAGE_PUSH`). */
  public static push(): DeliveryChainStep {
    return { node: "DOCKER_IMAGE_PUSH" };
  }
  /** Scan the pushed image and block it per `blockOn` (`VULNERABILITY_SCANNING`). */
  public static scan(blockOn: ScanBlockPolicy): DeliveryChainStep {
    return { node: "VULNERABILITY_SCANNING", blockOn };
  }
  /** Distribute the image that passed the scan with the instance's replication rules (`ACTIVATE_REPLICATION`). */
  public static distribute(): DeliveryChainStep {
    return { node: "ACTIVATE_REPLICATION" };
  }
  /** Fire the repository's triggers (webhooks) after distribution (`TRIGGER`). */
  public static trigger(): DeliveryChainStep {
    return { node: "TRIGGER" };
  }
  /** Take a snapshot after the scan (`SNAPSHOT`; not described in the docs we have). */
  public static snapshot(): DeliveryChainStep {
    return { node: "SNAPSHOT" };
  }
  /** Fire triggers after the snapshot (`TRIGGER_SNAPSHOT`; not described in the docs we have). */
  public static triggerSnapshot(): DeliveryChainStep {
    return { node: "TRIGGER_SNAPSHOT" };
  }

  private constructor() {}
}

/**
 * The chain's fixed graph, as in the provider docs ("the from and to fields are all fixed"): each node and the
 * node it follows. Nodes are listed in the order they are emitted.
 */
const GRAPH: readonly { readonly node: DeliveryChainNode; readonly after?: DeliveryChainNode }[] = [
  { node: "DOCKER_IMAGE_BUILD" },
  { node: "DOCKER_IMAGE_PUSH", after: "DOCKER_IMAGE_BUILD" },
  { node: "VULNERABILITY_SCANNING", after: "DOCKER_IMAGE_PUSH" },
  { node: "ACTIVATE_REPLICATION", after: "VULNERABILITY_SCANNING" },
  { node: "TRIGGER", after: "ACTIVATE_REPLICATION" },
  { node: "SNAPSHOT", after: "VULNERABILITY_SCANNING" },
  { node: "TRIGGER_SNAPSHOT", after: "SNAPSHOT" },
];

/** Options of a delivery chain added with `namespace.addDeliveryChain()`. */
export interface DeliveryChainOptions {
  /** Chain name, 1-64 lowercase letters, digits and `_ - .`; unique in the instance. */
  readonly name: string;
  /** Repository whose pushes run the chain. ForceNew. */
  readonly repository: IRepository;
  /**
   * The enabled steps, in chain order (build, push, scan, distribute, trigger; snapshot and its trigger branch
   * off after the scan). Steps left out are emitted disabled.
   */
  readonly steps: readonly DeliveryChainStep[];
  /**
   * Description shown in the console.
   * @default - none
   */
  readonly description?: string;
}

/** Properties of a {@link DeliveryChain}. */
export interface DeliveryChainProps extends DeliveryChainOptions {
  /** The instance (Advanced edition in the console; UNCONFIRMED for the API). */
  readonly registry: IEnterpriseRegistry;
  /** Namespace of the repository. ForceNew. */
  readonly namespace: INamespace;
}

/**
 * An ACR delivery chain (`alicloud_cr_chain`): what happens to an image pushed to one repository, e.g. scan it,
 * block it when the scan finds vulnerabilities at a given severity, then distribute it with the instance's
 * replication rules (DevSecOps: an image that fails the scan is never replicated).
 *
 * The provider docs say the chain's structure is fixed, and provider 1.289.0 reads back every node with a
 * `node_config { deny_policy {} }`. So the construct always emits all seven nodes (the ones not in `steps` with
 * `enable = false`), each with that block, and the fixed routers between them; `steps` only switches nodes on
 * and carries the scan's blocking rule. Steps must be listed in chain order and without gaps (a step needs the
 * step it follows, except that `build` is optional).
 *
 * `instance_id`, `repo_namespace_name` and `repo_name` are ForceNew ({@link DeliveryChain.FORCE_NEW_ATTRIBUTES});
 * name, description and steps are updated in place.
 */
export class DeliveryChain extends Construct {
  /** Arguments whose change replaces the chain (provider 1.289.0, from `constraints.json`). */
  public static readonly FORCE_NEW_ATTRIBUTES: readonly string[] = forceNewAttributes(CHAIN_TYPE);

  /** The underlying Terraform resource, for overrides. */
  public readonly resource: CrChain;
  /** The instance the chain belongs to. */
  public readonly registry: IEnterpriseRegistry;

  public constructor(scope: Construct, id: string, props: DeliveryChainProps) {
    super(scope, id);
    this.registry = props.registry;
    const enabled = new Map(listOrEmpty(props.steps).map((s) => [s?.node, s]));

    this.resource = new CrChain(this, "Resource", {
      instanceId: props.registry?.instanceId,
      chainName: props.name,
      description: props.description,
      repoNamespaceName: namespaceNameOf(props.namespace),
      repoName: repositoryNameOf(props.repository),
      chainConfig: [
        {
          nodes: GRAPH.map(({ node }): CrChainChainConfigNodes => {
            const step = enabled.get(node);
            return {
              nodeName: node,
              enable: step !== undefined,
              nodeConfig: [{ denyPolicy: [denyPolicyOf(step?.blockOn)] }],
            };
          }),
          routers: GRAPH.filter((g) => g.after !== undefined).map((g): CrChainChainConfigRouters => ({
            from: [{ nodeName: g.after }],
            to: [{ nodeName: g.node }],
          })),
        },
      ],
      dependsOn: nonEmpty(scopeDependencies(props.namespace, props.repository)),
    });

    const duplicates = claimName(props.registry, "delivery chain name", props.name, this);
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("name", props.name, POLICY_RULE_NAME, { required: true });
        checkScope(check, props.registry, props.namespace, props.repository, undefined, {
          namespace: true,
          repository: true,
        });
        check.provider("description", props.description, CHAIN_TYPE, "description");
        checkSteps(check, check.list("steps", props.steps, { required: true }));
        return [...check.messages(), ...duplicates()];
      },
    });
  }
}

function denyPolicyOf(policy: ScanBlockPolicy | undefined): CrChainChainConfigNodesNodeConfigDenyPolicy {
  if (policy === undefined) return {};
  return {
    issueLevel: policy.severity,
    // The schema types issue_count as a string.
    issueCount: String(policy.minIssueCount ?? 1),
    logic: policy.logic ?? "AND",
    action: policy.action ?? "BLOCK",
  };
}

function checkSteps(check: FieldChecks, given: readonly unknown[] | undefined): void {
  if (given === undefined) return;
  const allowed = resourceConstraint(CHAIN_TYPE, "chain_config.nodes.node_name").allowed ?? [];
  if (given.length === 0) check.fail("steps", [], "must enable at least one step");
  const steps = given.filter((step, i): step is DeliveryChainStep =>
    check.object(`steps[${i}]`, step, { required: true }),
  );
  const names = steps.map((s) => s.node);
  steps.forEach((step, i) => {
    const field = `steps[${given.indexOf(step)}]`;
    check.provider(`${field}.node`, step.node, CHAIN_TYPE, "chain_config.nodes.node_name", { required: true });
    if (!allowed.includes(step.node)) return;
    if (names.indexOf(step.node) !== i) {
      check.fail(`${field}.node`, step.node, "is listed more than once");
      return;
    }
    const after = GRAPH.find((g) => g.node === step.node)?.after;
    const at = after === undefined ? -1 : names.indexOf(after);
    if (after !== undefined && at > i) {
      check.fail(`${field}.node`, step.node, `must come after ${after} (the chain's order is fixed)`);
    } else if (after !== undefined && at < 0 && step.node !== "DOCKER_IMAGE_PUSH") {
      check.fail(`${field}.node`, step.node, `needs the ${after} step before it (the chain's order is fixed)`);
    }
    checkBlockPolicy(check, field, step);
  });
}

function checkBlockPolicy(check: FieldChecks, field: string, step: DeliveryChainStep): void {
  const policy = step.blockOn;
  if (step.node !== "VULNERABILITY_SCANNING") {
    if (policy !== undefined) check.fail(`${field}.blockOn`, policy, "applies only to VULNERABILITY_SCANNING");
    return;
  }
  // Provider docs: the deny_policy of VULNERABILITY_SCANNING must be filled in.
  if (policy === undefined) {
    check.fail(`${field}.blockOn`, undefined, "is required on VULNERABILITY_SCANNING");
    return;
  }
  if (!check.object(`${field}.blockOn`, policy)) return;
  const deny = "chain_config.nodes.node_config.deny_policy";
  check.provider(`${field}.blockOn.severity`, policy.severity, CHAIN_TYPE, `${deny}.issue_level`, { required: true });
  check.provider(`${field}.blockOn.logic`, policy.logic, CHAIN_TYPE, `${deny}.logic`);
  check.provider(`${field}.blockOn.action`, policy.action, CHAIN_TYPE, `${deny}.action`);
  checkAtLeast(check, `${field}.blockOn.minIssueCount`, policy.minIssueCount, 1);
}
