// The example exercises every construct of the public API, so that `npm run validate`, `npm run validate:k8s` and
// terraform (check.sh against the stand-in) see each of them. The list is derived from the exports of
// constructs/index.ts and charts/index.ts: every exported construct class must be instantiated while the example is
// built, and every public method and static factory of those classes must be called. What is not a construct is
// listed below with the reason it needs no place in the example; a new export must be added to one of the lists.
import { Chart } from "cdk8s";
import { Construct, Node } from "constructs";
import * as charts from "../../charts";
import * as constructs from "../../constructs";
import { App } from "../../constructs/engine";
import { exampleClusters } from "../../stacks/example-clusters";
import { defineExamplePlatform } from "../../stacks/example-platform";
import { DEV, PROD } from "../charts/support";

/** Exports that are not constructs, by kind: values, helpers and steps the constructs or the app entry use. */
const NOT_CONSTRUCTS: Record<string, readonly string[]> = {
  // Builders of values that constructs and charts take; the example uses them where it needs those values.
  builders: [
    "ScanScope",
    "ChainStep",
    "Grantee",
    // What a grant returns.
    "Grant",
    "PolicyDocument",
    "PolicyStatement",
    "Arn",
    "RemovalPolicy",
    "enterpriseRegistryEntry",
    "personalEditionEntry",
    "imageUpdaterRegistry",
    "enterpriseDomains",
  ],
  // Steps of synthesis that the app entry (stacks/main.ts) and buildPlatform run, not things a platform declares.
  synthesis: [
    "synthesizeApp",
    "applyGuardrails",
    "applyTags",
    "registryFactsOf",
    "deployedRegistryFacts",
    "registryFactsFromOutputs",
    "renderClusterManifests",
    "clusterManifestOutput",
    "synthClusterManifests",
    "collectChartWarnings",
    "releaseProtected",
  ],
  // Validation, rendering and parsing helpers that the constructs and charts call themselves.
  internals: [
    "dataLifecycle",
    "arnFormat",
    "parseArn",
    "validateArn",
    "attachCustomPolicy",
    "grantChartPull",
    "checkAccessFacts",
    "parseEnterpriseDomain",
    "validateRegistryFacts",
    "renderEntry",
    "renderServiceAccounts",
    "renderWatchNamespaces",
    "validateCredentialHelperConfig",
    "renderAcrConfigurationData",
    "renderManagedAddonConfig",
    "dockerRegistrySecretCommand",
    "validatePullSecretProps",
    "validateDockerRegistrySecretCommandOptions",
    "checkCredentialSource",
    "checkImage",
    "checkImages",
    "checkRegexp",
    "checkWriteBack",
    "renderCredentialSource",
    "renderWriteBackMethod",
    "renderRegistriesConf",
    "validateRegistriesConfig",
    "renderImageUpdaterSpec",
    "validateImageUpdaterProps",
    "applicationAnnotationPatch",
    "apiObjectsOf",
    "checkGrantee",
    "isGrantee",
    "registerGrantee",
    "checkRemovalPolicy",
  ],
  // Constants and error classes.
  constants: [
    "ConfigurationError",
    "DEFAULT_LINKED_VPC_QUOTA",
    "CONDITION_OPERATORS",
    "MAX_POLICY_DOCUMENT_LENGTH",
    "GET_AUTHORIZATION_TOKEN",
    "ALL_RESOURCE_ACTIONS",
    "MAX_CUSTOM_POLICIES_PER_IDENTITY",
    "TOKEN_VALUE_BOUND",
    "CREDENTIAL_HELPER_ALL_RESOURCE_ACTIONS",
    "MANAGED_ACR_ROLE_NAME",
    "MANAGED_CREDENTIAL_HELPER_ADDON",
    "MANAGED_BY_LABELS",
    "REGISTRY_OUTPUT_SUFFIXES",
    "CREDENTIAL_HELPER_DEFAULTS",
    "CredentialHelperConfigError",
    "ACR_CONFIGURATION",
    "MANAGED_CONFIG_KEYS",
    "ALIAS_PATTERN",
    "UPDATE_STRATEGIES",
    "DEFAULT_CREDS_EXPIRE",
    "IMAGE_UPDATER_CONFIG_MAP",
    "IMAGE_UPDATER_API_VERSION",
    "IMAGE_UPDATER_KIND",
    "NAMESPACE_REQUIRED_VERSIONS",
    "ANNOTATION_PREFIX",
    "ClusterManifestError",
    "PullSecretCommandError",
  ],
  // Documented, and deliberately not in the example (their own tests cover them):
  notInExample: [
    // A registry password needs a secret input at plan time (a sensitive variable or KMS ciphertext); the example
    // plans with no input, and its clients use temporary tokens (the documented default).
    "RegistryPassword",
    // Image Updater 0.x annotations go on Argo CD Applications, which live in the application repositories, not in
    // dist/; the example's prod cluster runs 1.x with the ImageUpdater resource, and one cluster runs one of the two.
    "imageUpdaterAnnotations",
  ],
};

/** Public methods and static factories (as `Owner.method`) the example need not call, with the reason. */
const METHODS_NOT_IN_EXAMPLE: Record<string, string> = {
  "RepositoryBase.uriForTag": "returns an image URI string and renders nothing",
  "RepositoryBase.uriForDigest": "returns an image URI string and renders nothing",
  "RepositoryBase.uriFor": "returns an image URI string and renders nothing",
  "ChartNamespaceBase.grantPull": "the code path of ChartRepositoryBase.grantPull (grantChartPull), on all charts",
  "GranteePolicy.problems": "its validation, which synthesizeApp runs (test/stacks/example-platform.test.ts)",
  "RepositoryScope.grantPush": "grantPull's code path (RepositoryScope.grant) with push actions; push-only is rare",
  "ServiceAccountPullSecrets.secretCommands": "prints the kubectl commands for the out-of-band Secret",
};

type Class = abstract new (...args: never[]) => unknown;
// Type-only exports (interfaces re-exported by name) have no runtime value.
const exportsOf = (module: object) => Object.entries(module).filter(([, value]) => value !== undefined);
const API = [...exportsOf(constructs), ...exportsOf(charts)];
const isConstructClass = (value: unknown): value is Class =>
  typeof value === "function" && value.prototype instanceof Construct;
const CONSTRUCT_CLASSES = API.filter((entry): entry is [string, Class] => isConstructClass(entry[1]));

/** `Owner.method` for every public method the project defines on `cls` and its project base classes. */
function methodsOf(cls: Class): { owner: object; name: string; key: string }[] {
  const methods = Object.getOwnPropertyNames(cls)
    .filter((name) => typeof (cls as unknown as Record<string, unknown>)[name] === "function")
    .map((name) => ({ owner: cls as object, name, key: `${cls.name}.${name}` }));
  // Stop at the frameworks' own classes: their methods are not this project's API.
  for (let p = cls.prototype; p !== Construct.prototype && p !== Chart.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) {
      const descriptor = Object.getOwnPropertyDescriptor(p, name);
      if (name === "constructor" || typeof descriptor?.value !== "function") continue;
      methods.push({ owner: p, name, key: `${p.constructor.name}.${name}` });
    }
  }
  return methods;
}

/** Builds the example (its stacks and its clusters' manifests) and records constructs created and methods called. */
function exerciseExample(): { created: readonly object[]; called: ReadonlySet<string> } {
  const created: object[] = [];
  const called = new Set<string>();
  const restore: (() => void)[] = [];
  const wrap = (owner: object, name: string, record: (self: unknown, args: unknown[]) => void) => {
    const target = owner as Record<string, (...args: unknown[]) => unknown>;
    const original = target[name];
    target[name] = function (this: unknown, ...args: unknown[]) {
      record(this, args);
      return original.apply(this, args);
    };
    restore.push(() => (target[name] = original));
  };
  // Every construct, of cdktf and cdk8s alike, is added to its scope through Node.addChild.
  wrap(Node.prototype, "addChild", (_self, [child]) => created.push(child as object));
  for (const { owner, name, key } of new Map(
    CONSTRUCT_CLASSES.flatMap(([, cls]) => methodsOf(cls)).map((m) => [m.key, m]),
  ).values()) {
    wrap(owner, name, () => called.add(key));
  }
  try {
    defineExamplePlatform(new App({ outdir: "unused" }));
    const analyticsAccess = { assumeRoleArn: "acs:ram::1000000000000001:role/acr-pull", sessionDurationSeconds: 7200 };
    charts.renderClusterManifests(exampleClusters({ prod: PROD, dev: DEV, analyticsAccess }));
  } finally {
    for (const undo of restore.reverse()) undo();
  }
  return { created, called };
}

describe("the example uses every construct of the public API", () => {
  const { created, called } = exerciseExample();

  test("every export is a construct or listed as a helper", () => {
    const listed = Object.values(NOT_CONSTRUCTS).flat();
    const others = API.filter(([, value]) => !isConstructClass(value)).map(([name]) => name);
    expect([...others].sort()).toEqual([...listed].sort());
  });

  test.each(CONSTRUCT_CLASSES.map(([name, cls]) => [name, cls] as const))("%s is instantiated", (_name, cls) => {
    expect(created.some((construct) => construct instanceof cls)).toBe(true);
  });

  test("every public method and static factory is called, except the listed ones", () => {
    const all = [...new Set(CONSTRUCT_CLASSES.flatMap(([, cls]) => methodsOf(cls).map((m) => m.key)))].sort();
    const uncalled = all.filter((key) => !called.has(key));
    expect(uncalled).toEqual(Object.keys(METHODS_NOT_IN_EXAMPLE).sort());
  });
});
