import * as path from "node:path";
import { assertedProblems } from "./asserted-problems";
import { publicProps } from "./public-props";

// The "done when": every public prop of every construct, chart and the platform definition has a negative
// test. The props are listed by the compiler; each input type names the test files whose asserted problems cover
// it, and a prop counts as covered only when one of those problems names it in its field path
// (`[test/R] links[0].vswitchId = ...` covers `VpcLink.vswitchId`). A new prop without a negative test fails here.

const MODULES = ["constructs/index.ts", "charts/index.ts", "stacks/platform/definition.ts"];

/** Exported types that callers never pass in (results, construct references): they have no bad input. */
const NOT_INPUT: Record<string, string> = {
  IRepository: "a construct reference",
  IChartNamespace: "a construct reference",
  IChartRepository: "a construct reference",
  DocumentLength: "a result of PolicyDocument.length",
  IEnterpriseRegistry: "a construct reference",
  INamespace: "a construct reference",
  IRepositoryScope: "a construct reference",
  IGrantee: "a construct reference",
  RegistryDomains: "a result of enterpriseDomains",
  ParsedArn: "a result of parseArn",
  ParseArnResult: "a result of parseArn",
  RegistryFactsLookup: "a result of deployedRegistryFacts",
  EntryHelperCall: "written by the entry helpers (builtBy), checked as their arguments",
  ConfigValidation: "a result of validateCredentialHelperConfig",
  RenderedEntry: "a result of renderEntry",
  ManagedAcrInstanceInfo: "a result of renderManagedAddonConfig",
  ManagedCredentialHelperAddonConfig: "a result of renderManagedAddonConfig",
  ApplicationAnnotationPatch: "a result of applicationAnnotationPatch",
  "ApplicationAnnotationPatch.metadata": "a result of applicationAnnotationPatch",
  RenderedClusterManifests: "a result of renderClusterManifests",
};

const REGISTRY = ["registry/registry-bad-input"];
const POLICIES = ["registry/policy-rules-bad-input"];
const NETWORK = ["network/network-bad-input"];
const ACCESS = ["access/access-bad-input", "access/grant-bad-input", "access/grants"];
const POLICY_DOCUMENT = ["access/policy-document"];
const CHARTS = ["charts/charts-bad-input", "charts/chart-parts-bad-input"];
const HELPERS = ["charts/entry-helpers-bad-input"];
const DEFINITION = ["stacks/definition-bad-input"];

/** Each input type: the test files (under test/, without `.test.ts`) whose problems must name its props. */
const COVERED_IN: Record<string, readonly string[]> = {
  EnterpriseRegistryProps: REGISTRY,
  EnterpriseRegistryAttributes: REGISTRY,
  NamespaceOptions: REGISTRY,
  NamespaceProps: REGISTRY,
  RepositoryOptions: REGISTRY,
  RepositoryReference: REGISTRY,
  RepositoryProps: REGISTRY,
  ChartNamespaceOptions: REGISTRY,
  ChartNamespaceProps: REGISTRY,
  ChartRepositoryOptions: REGISTRY,
  ChartRepositoryReference: REGISTRY,
  ChartRepositoryProps: REGISTRY,
  PersonalNamespaceProps: REGISTRY,
  PersonalRepositoryOptions: REGISTRY,
  PersonalRepositoryProps: REGISTRY,
  ReplicationTarget: POLICIES,
  ReplicationRuleOptions: POLICIES,
  ReplicationRuleProps: POLICIES,
  ScanRuleOptions: POLICIES,
  ScanRuleProps: POLICIES,
  ScanBlockPolicy: [...POLICIES, "registry/delivery-chain"],
  DeliveryChainStep: [...POLICIES, "registry/delivery-chain"],
  DeliveryChainOptions: POLICIES,
  DeliveryChainProps: POLICIES,
  RetentionRuleOptions: POLICIES,
  RetentionRuleProps: POLICIES,
  UpstreamImage: POLICIES,
  UpstreamMirrorOptions: POLICIES,
  UpstreamMirrorProps: POLICIES,
  VpcLink: NETWORK,
  VpcEndpointAccessOptions: NETWORK,
  VpcEndpointAccessProps: NETWORK,
  AllowListEntry: NETWORK,
  PublicEndpointOptions: NETWORK,
  PublicEndpointProps: NETWORK,
  Principal: POLICY_DOCUMENT,
  PolicyStatementProps: POLICY_DOCUMENT,
  PolicyDocumentProps: ["access/grant-bad-input"],
  RamRoleProps: ACCESS,
  RamUserProps: ACCESS,
  ClusterPullAccessProps: [...ACCESS, "patterns/cluster-pull-access"],
  CrossAccountPullProps: [...ACCESS, "patterns/cross-account-pull"],
  CiPushRoleOptions: [...ACCESS, "patterns/ci-push-principal"],
  CiPushUserOptions: [...ACCESS, "patterns/ci-push-principal"],
  CiPushPrincipalProps: [...ACCESS, "patterns/ci-push-principal"],
  GuardrailExceptions: ["guardrails/guardrails", ...DEFINITION],
  GuardrailOptions: ["guardrails/guardrails", ...DEFINITION],
  ManagedCredentialHelperProps: ["cluster/managed-credential-helper-bad-input"],
  RegistryFacts: CHARTS,
  RegistryAccessFacts: CHARTS,
  AcrRegistryInfoEntry: [...CHARTS, ...HELPERS],
  WebhookConfiguration: CHARTS,
  CredentialHelperConfig: CHARTS,
  AcrConfigurationProps: CHARTS,
  EnterpriseRegistryEntryOptions: HELPERS,
  PersonalEditionEntryOptions: HELPERS,
  PullSecretNamespace: CHARTS,
  ServiceAccountPullSecretsProps: CHARTS,
  DockerRegistrySecretCommandOptions: HELPERS,
  CredentialSource: [...CHARTS, "charts/argocd-image-updater"],
  AllowTags: CHARTS,
  ManifestTarget: [...CHARTS, "charts/argocd-image-updater"],
  "ManifestTarget.helm": [...CHARTS, "charts/argocd-image-updater"],
  "ManifestTarget.kustomize": CHARTS,
  ImageUpdaterImage: CHARTS,
  WriteBackConfig: CHARTS,
  ImageUpdaterRegistry: CHARTS,
  ImageUpdaterRegistryOptions: CHARTS,
  ImageUpdaterRegistriesConfigProps: CHARTS,
  ImageUpdaterApplicationRef: CHARTS,
  ImageUpdaterProps: CHARTS,
  ImageUpdaterAnnotationsOptions: [...CHARTS, "charts/argocd-image-updater"],
  ClusterManifestDefinition: [...CHARTS, "charts/cluster-manifests"],
  "ClusterManifestDefinition.imageUpdater": CHARTS,
  PlatformDefinition: DEFINITION,
  "PlatformDefinition.protection": DEFINITION,
  AccountDefinition: DEFINITION,
  StateDefinition: DEFINITION,
  EnvironmentDefinition: DEFINITION,
  NewInstanceDefinition: DEFINITION,
  ExistingInstanceDefinition: DEFINITION,
  NamespaceDefinition: DEFINITION,
  ChartNamespaceDefinition: DEFINITION,
  ImportExistingDefinition: DEFINITION,
  NamespaceReplicationDefinition: DEFINITION,
  RegistryDefinition: DEFINITION,
  ClusterDefinition: DEFINITION,
  CiPrincipalDefinition: DEFINITION,
  "CiPrincipalDefinition.pushTo": DEFINITION,
};

/** Props whose problem names them as the document they render to (a policy's `Effect`, not `effect`). */
const FIELD_NAME: Record<string, string> = {
  "PolicyStatementProps.effect": "Effect",
  "PolicyStatementProps.actions": "Action",
  "PolicyStatementProps.notActions": "NotAction",
  "PolicyStatementProps.resources": "Resource",
  "PolicyStatementProps.conditions": "Condition",
  "PolicyStatementProps.principal": "Principal",
  // The helper call an entry keeps: its arguments are reported as the entry's (`registries[0].options = ...`).
  "AcrRegistryInfoEntry.builtBy": "options",
  // Reported by the grantee CrossAccountPull makes of it (`[.../ConsumerRole] roleName = ...`).
  "CrossAccountPullProps.consumerRoleName": "roleName",
  // Definition fields that a construct checks are named by the construct's prop.
  "RegistryDefinition.vpcLinks": "links",
  "RegistryDefinition.vpcModules": "modules",
  "RegistryDefinition.internetAllowList": "allowList",
  "ClusterDefinition.crossAccountSessionSeconds": "maxSessionDurationSeconds",
};

/** Props without a negative test yet, each with the reason. */
const NOT_YET: Record<string, string> = {};

/** The segments of a problem's field path: `[test/R] links[0].vswitchId = ...` has `links` and `vswitchId`. */
function fieldSegments(problem: string): string[] {
  const field = /^(?:\[[^\]]*\] )?([^\s=]+) = /.exec(problem)![1];
  return field.replace(/\[[^\]]*\]/g, "").split(".");
}

const props = publicProps(MODULES);
const inputs = props.filter((p) => !(p.owner in NOT_INPUT));
const segmentsOf = new Map<string, Set<string>>();
function segmentsIn(files: readonly string[]): Set<string> {
  const key = files.join(",");
  if (!segmentsOf.has(key)) {
    const problems = files.flatMap((f) => assertedProblems(path.join(__dirname, "..", `${f}.test.ts`)));
    segmentsOf.set(key, new Set(problems.flatMap(fieldSegments)));
  }
  return segmentsOf.get(key)!;
}
const covered = (owner: string, prop: string) =>
  segmentsIn(COVERED_IN[owner] ?? []).has(FIELD_NAME[`${owner}.${prop}`] ?? prop);

describe("every public prop has a negative test", () => {
  test("the compiler lists the public types and their props", () => {
    expect(props.length).toBeGreaterThan(400);
    expect(props).toContainEqual({ owner: "VpcLink", prop: "vswitchId" });
    expect(props).toContainEqual({ owner: "PlatformDefinition.protection", prop: "release" });
  });

  test("every exported type is an input with its test files, or named as no input", () => {
    const owners = [...new Set(props.map((p) => p.owner))];
    expect(owners.filter((o) => !(o in COVERED_IN) && !(o in NOT_INPUT))).toEqual([]);
    expect(Object.keys(COVERED_IN).filter((o) => !owners.includes(o))).toEqual([]);
  });

  test("every input prop is named by a problem its tests assert", () => {
    const missing = inputs.filter((p) => !(`${p.owner}.${p.prop}` in NOT_YET) && !covered(p.owner, p.prop));
    expect(missing.map((p) => `${p.owner}.${p.prop}`)).toEqual([]);
  });

  test("the list of props not yet covered holds only uncovered, existing props", () => {
    const names = new Set(inputs.map((p) => `${p.owner}.${p.prop}`));
    const stale = Object.keys(NOT_YET).filter(
      (k) => !names.has(k) || covered(...(k.split(/\.(?=[^.]*$)/) as [string, string])),
    );
    expect(stale).toEqual([]);
  });
});
