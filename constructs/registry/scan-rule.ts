import { Construct } from "constructs";
import { CrScanRule } from "../../.gen/providers/alicloud/cr-scan-rule";
import { FieldChecks, isUnresolved } from "../validation/field-checks";
import { forceNewAttributes } from "../validation/provider-constraints";
import type { IEnterpriseRegistry } from "./enterprise-registry";
import type { INamespace } from "./namespace";
import { checkRegex, ScopeResource, namespaceNameOf, nonEmpty, scopeDependencies } from "./policy-support";
import { claimName } from "../validation/unique-names";
import { checkNamespace, checkRegistry } from "./references";
import { EE_REPOSITORY_NAME, POLICY_RULE_NAME } from "../../validation/rules";

const SCAN_RULE_TYPE = "alicloud_cr_scan_rule";

// From the provider docs and the CreateScanRule API enum; constraints.json records no allowed values for scan_type.
const SCAN_TYPES: readonly ScanType[] = ["VUL", "SBOM"];

/** When a scan rule runs (`trigger_type`): on every matching push, or only when started by hand. */
export type ScanTrigger = "AUTO" | "MANUAL";

/** What a scan produces (`scan_type`): `VUL` vulnerability scan, `SBOM` artifact content analysis. */
export type ScanType = "VUL" | "SBOM";

/** Which images a {@link ScanRule} covers; maps to `scan_scope`, `namespaces` and `repo_names`. */
export class ScanScope {
  /** Every repository of the instance (`scan_scope = INSTANCE`). */
  public static instance(): ScanScope {
    return new ScanScope("INSTANCE", [], []);
  }

  /** Every repository of these namespaces (`scan_scope = NAMESPACE`); at least one. */
  public static namespaces(...namespaces: INamespace[]): ScanScope {
    return new ScanScope("NAMESPACE", namespaces, []);
  }

  /** These repositories of one namespace (`scan_scope = REPO`; the provider allows exactly one namespace). */
  public static repositories(namespace: INamespace, ...repositories: string[]): ScanScope {
    return new ScanScope("REPO", [namespace], repositories);
  }

  private constructor(
    /** The provider's `scan_scope` value. */
    public readonly scanScope: "INSTANCE" | "NAMESPACE" | "REPO",
    /** The namespaces, as given (each checked by class: its name is its own construct's to report). */
    public readonly namespaces: readonly INamespace[],
    /** Repository names (`repo_names`). */
    public readonly repositoryNames: readonly string[],
  ) {}

  /** Namespace names (`namespaces`). */
  public get namespaceNames(): readonly string[] {
    return this.namespaces.map(namespaceNameOf);
  }

  /** Namespaces created in this app that the rule must be created after. */
  public get dependencies(): readonly ScopeResource[] {
    return this.namespaces.flatMap((n) => scopeDependencies(n));
  }
}

/** Options of a scan rule added with `registry.addScanRule()`. */
export interface ScanRuleOptions {
  /** Rule name, 1-64 lowercase letters, digits and `_ - .`; unique in the instance. */
  readonly ruleName: string;
  /**
   * Which repositories the rule covers.
   * @default ScanScope.instance()
   */
  readonly scope?: ScanScope;
  /**
   * Regular expression of the tags whose push triggers a scan (`repo_tag_filter_pattern`).
   * @default ".*" - every tag
   */
  readonly tagFilter?: string;
  /**
   * `AUTO` scans each matching image when it is pushed; `MANUAL` only when started by hand.
   * @default "AUTO"
   */
  readonly trigger?: ScanTrigger;
  /**
   * Vulnerability scan or SBOM (content analysis). ForceNew: changing it replaces the rule.
   * @default "VUL"
   */
  readonly scanType?: ScanType;
}

/** Properties of a {@link ScanRule}. */
export interface ScanRuleProps extends ScanRuleOptions {
  /** The instance whose images are scanned. */
  readonly registry: IEnterpriseRegistry;
}

/**
 * An image security-scan rule of an Enterprise Edition instance (`alicloud_cr_scan_rule`): which pushed images
 * are scanned, and when. The scanning engine is an instance setting (`EnterpriseRegistry` `imageScanner`); a rule
 * on an instance whose scanner is `DISABLE` has nothing to run. To stop images that fail the scan from being
 * delivered, add a {@link DeliveryChain} with a blocking scan step.
 *
 * `instance_id` and `scan_type` are ForceNew ({@link ScanRule.FORCE_NEW_ATTRIBUTES}); scope, tags, trigger and
 * name are updated in place.
 */
export class ScanRule extends Construct {
  /** Arguments whose change replaces the rule (provider 1.289.0, from `constraints.json`). */
  public static readonly FORCE_NEW_ATTRIBUTES: readonly string[] = forceNewAttributes(SCAN_RULE_TYPE);

  /** The underlying Terraform resource, for overrides. */
  public readonly resource: CrScanRule;
  /** The instance whose images are scanned. */
  public readonly registry: IEnterpriseRegistry;

  public constructor(scope: Construct, id: string, props: ScanRuleProps) {
    super(scope, id);
    this.registry = props.registry;
    // A scope that is not a ScanScope is reported below; the rule is built instance-wide meanwhile.
    const ruleScope = props.scope instanceof ScanScope ? props.scope : ScanScope.instance();

    this.resource = new CrScanRule(this, "Resource", {
      instanceId: props.registry?.instanceId,
      ruleName: props.ruleName,
      scanScope: ruleScope.scanScope,
      namespaces: ruleScope.namespaceNames.length > 0 ? [...ruleScope.namespaceNames] : undefined,
      repoNames: ruleScope.repositoryNames.length > 0 ? [...ruleScope.repositoryNames] : undefined,
      repoTagFilterPattern: props.tagFilter ?? ".*",
      triggerType: props.trigger ?? "AUTO",
      scanType: props.scanType ?? "VUL",
      dependsOn: nonEmpty([...ruleScope.dependencies]),
    });

    const duplicates = claimName(props.registry, "scan rule name", props.ruleName, this, "ruleName");
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("ruleName", props.ruleName, POLICY_RULE_NAME, { required: true });
        checkRegistry(check, props.registry);
        check.instanceOf(
          "scope",
          props.scope,
          ScanScope,
          "a ScanScope (ScanScope.instance, .namespaces, .repositories)",
        );
        checkScanScope(check, ruleScope, props.registry);
        checkRegex(check, "tagFilter", props.tagFilter);
        check.provider("trigger", props.trigger, SCAN_RULE_TYPE, "trigger_type");
        // VUL and SBOM come from the provider docs; constraints.json records no allowed values for scan_type.
        check.oneOf("scanType", props.scanType, SCAN_TYPES);
        return [...check.messages(), ...duplicates()];
      },
    });
  }
}

function checkScanScope(check: FieldChecks, scope: ScanScope, registry: IEnterpriseRegistry): void {
  check.provider("scope", scope.scanScope, SCAN_RULE_TYPE, "scan_scope");
  if (scope.scanScope === "NAMESPACE" && scope.namespaceNames.length === 0) {
    check.fail("scope.namespaces", [], "must list at least one namespace");
  }
  if (scope.scanScope === "REPO" && scope.repositoryNames.length === 0) {
    check.fail("scope.repositories", [], "must list at least one repository");
  }
  scope.namespaces.forEach((n, i) => {
    if (checkNamespace(check, `scope.namespaces[${i}]`, n, { required: true }) && n.registry !== registry) {
      check.fail(`scope.namespaces[${i}]`, n.namespaceName, `belongs to another registry (${n.registry.node.path})`);
    }
  });
  scope.repositoryNames.forEach((r, i) =>
    check.name(`scope.repositories[${i}]`, r, EE_REPOSITORY_NAME, { required: true }),
  );
  for (const [field, names] of [
    ["scope.namespaces", scope.namespaceNames],
    ["scope.repositories", scope.repositoryNames],
  ] as const) {
    const literal = names.filter((n) => !isUnresolved(n));
    const repeated = literal.filter((n, i) => literal.indexOf(n) !== i);
    if (repeated.length > 0) check.fail(field, [...names], `lists ${[...new Set(repeated)].join(", ")} more than once`);
  }
}
