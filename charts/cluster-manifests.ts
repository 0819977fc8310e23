import * as path from "node:path";
import { ApiObject, App, Chart, Yaml } from "cdk8s";
import { Construct } from "constructs";
import { CompanionOutput, writeSynthOutput } from "../output/synth-output";
import { ImageUpdater, ImageUpdaterProps } from "./argocd-image-updater/image-updater";
import {
  ImageUpdaterRegistriesConfig,
  ImageUpdaterRegistriesConfigProps,
} from "./argocd-image-updater/registries-config";
import { collectChartProblems, collectChartWarnings } from "./chart-support";
import { AcrConfiguration } from "./credential-helper/acr-configuration";
import { CredentialHelperConfig } from "./credential-helper/config";
import { ServiceAccountPullSecrets, ServiceAccountPullSecretsProps } from "./pull-secret/service-account-pull-secrets";
import { Checks, TOKEN_RULE, tokenMarkerPaths } from "./validation";
import { DNS_LABEL, REGION_ID } from "../validation/rules";

/** What one cluster runs from this repository. Every part is optional; an empty cluster renders no file. */
export interface ClusterManifestDefinition {
  /** Cluster name, a DNS-1123 label: the manifests go to `<outdir>/<name>.k8s.yaml`. */
  readonly name: string;
  /** Region id of the cluster, e.g. `cn-hangzhou`. */
  readonly regionId: string;
  /**
   * Self-managed aliyun-acr-credential-helper: ConfigMap `kube-system/acr-configuration`. For the managed edition
   * use `ManagedCredentialHelper` (constructs/cluster) in a cdktf stack instead.
   * @default - none
   */
  readonly credentialHelper?: Omit<CredentialHelperConfig, "clusterRegionId">;
  /**
   * Image pull Secret wiring for clusters (or namespaces) without the credential helper.
   * @default - none
   */
  readonly pullSecrets?: readonly ServiceAccountPullSecretsProps[];
  /**
   * Argo CD Image Updater: `registries.conf` and 1.x `ImageUpdater` resources.
   * @default - none
   */
  readonly imageUpdater?: {
    readonly registries?: ImageUpdaterRegistriesConfigProps;
    readonly resources?: readonly ImageUpdaterProps[];
  };
}

/** One cluster's chart: the objects of a {@link ClusterManifestDefinition}. */
export class ClusterChart extends Chart {
  public constructor(scope: Construct, definition: ClusterManifestDefinition) {
    super(scope, definition.name, { disableResourceNameHashes: true });
    const check = new Checks();
    check.name("name", definition.name, DNS_LABEL);
    check.name("regionId", definition.regionId, REGION_ID);
    // Each part is read only when it has its type (a JavaScript caller may pass anything); the rest is reported.
    const helper = check.object("credentialHelper", definition.credentialHelper)
      ? definition.credentialHelper
      : undefined;
    if (helper !== undefined) {
      new AcrConfiguration(this, "AcrConfiguration", { ...helper, clusterRegionId: definition.regionId });
    }
    (check.list("pullSecrets", definition.pullSecrets) ?? []).forEach((props, i) => {
      const wiring = new ServiceAccountPullSecrets(this, `PullSecrets${i}`, props as ServiceAccountPullSecretsProps);
      if (helper !== undefined) checkNotMixed(check, `pullSecrets[${i}]`, wiring.wiredAccounts, helper);
    });
    const updater = check.object("imageUpdater", definition.imageUpdater) ? definition.imageUpdater : undefined;
    if (updater?.registries !== undefined)
      new ImageUpdaterRegistriesConfig(this, "ImageUpdaterRegistries", updater.registries);
    (check.list("imageUpdater.resources", updater?.resources) ?? []).forEach((props) => {
      const resource = props as ImageUpdaterProps;
      new ImageUpdater(this, `ImageUpdater-${resource?.name}`, resource);
    });
    const problems = check.messages();
    this.node.addValidation({ validate: () => problems });
  }
}

// The credential helper and a hand-made pull Secret must not be mixed on one ServiceAccount [ACR-nosecret].
function checkNotMixed(
  check: Checks,
  field: string,
  wired: readonly string[],
  helper: Omit<CredentialHelperConfig, "clusterRegionId">,
): void {
  const namespaces = helper.watchAllNamespaces === true ? undefined : (helper.watchNamespaces ?? ["default"]);
  const accounts = helper.serviceAccounts === "*" ? undefined : (helper.serviceAccounts ?? ["default"]);
  for (const account of wired) {
    const [ns, sa] = account.split("/");
    if ((namespaces === undefined || namespaces.includes(ns)) && (accounts === undefined || accounts.includes(sa))) {
      check.fail(
        field,
        account,
        "is also wired by the credential helper; do not mix a manual pull Secret with it on one ServiceAccount",
      );
    }
  }
}

/** Thrown when cluster manifests have problems; nothing is written. Lists every problem. */
export class ClusterManifestError extends Error {
  public constructor(public readonly problems: readonly string[]) {
    super(`${problems.length} cluster manifest problem(s); nothing was written:\n  ${problems.join("\n  ")}`);
    this.name = "ClusterManifestError";
  }
}

/** Rendered manifests: YAML text by file name, and the warnings to show. */
export interface RenderedClusterManifests {
  readonly files: Record<string, string>;
  readonly warnings: string[];
}

/**
 * Builds one chart per cluster, validates everything, refuses any unresolved token or Secret in the output, and
 * returns the YAML per file (`<cluster>.k8s.yaml`) without writing.
 *
 * @throws ClusterManifestError with every problem of every cluster
 */
export function renderClusterManifests(clusters: readonly ClusterManifestDefinition[]): RenderedClusterManifests {
  const app = new App({ outdir: "unused" });
  const problems: string[] = [];
  const names = new Set<string>();
  for (const cluster of clusters) {
    if (names.has(cluster.name)) problems.push(`name = ${JSON.stringify(cluster.name)}: duplicate cluster name`);
    else new ClusterChart(app, cluster);
    names.add(cluster.name);
  }
  problems.push(...collectChartProblems(app));
  if (problems.length > 0) throw new ClusterManifestError(problems);

  const files: Record<string, string> = {};
  for (const chart of app.charts) {
    const objects = chart.toJson() as Record<string, unknown>[];
    // Last line of defence: whatever the inputs, no placeholder and no Secret reaches a manifest.
    objects.forEach((object, i) => {
      for (const where of tokenMarkerPaths(object))
        problems.push(`[${chart.node.path}] objects[${i}].${where}: ${TOKEN_RULE}`);
      if (object.kind === "Secret") {
        problems.push(
          `[${chart.node.path}] objects[${i}]: Secrets are never rendered; create them outside the repository`,
        );
      }
    });
    if (objects.length > 0) files[`${chart.node.id}.k8s.yaml`] = Yaml.stringify(...objects);
  }
  if (problems.length > 0) throw new ClusterManifestError(problems);
  return { files, warnings: collectChartWarnings(app) };
}

/**
 * The rendered manifests as output of a synth: `<outdir>/<cluster>.k8s.yaml` per cluster, owning every `*.k8s.yaml` of
 * `outdir`, so the file of a cluster no longer defined is removed and `kubectl apply -f <outdir>/` never applies it.
 */
export function clusterManifestOutput(rendered: RenderedClusterManifests, outdir = "dist"): CompanionOutput {
  return { dir: outdir, files: rendered.files, owns: (name) => name.endsWith(".k8s.yaml") };
}

/**
 * Writes `<outdir>/<cluster>.k8s.yaml` for every cluster that has objects, after validating all of them (nothing
 * is written when anything is wrong), in one commit: the files of a cluster no longer defined are removed in the same
 * step (see {@link clusterManifestOutput}). Inside a cdktf app, pass {@link clusterManifestOutput} to `synthesizeApp`'s
 * `companions` instead, so manifests and Terraform output change together. Warnings go to `log`.
 *
 * @returns the paths written, sorted
 * @throws ClusterManifestError with every problem of every cluster
 */
export function synthClusterManifests(
  clusters: readonly ClusterManifestDefinition[],
  outdir = "dist",
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): string[] {
  const rendered = renderClusterManifests(clusters);
  for (const warning of rendered.warnings) log(`warning: ${warning}`);
  writeSynthOutput(outdir, { companions: [clusterManifestOutput(rendered, outdir)], log });
  return Object.keys(rendered.files)
    .sort()
    .map((name) => path.join(outdir, name));
}

/** Every API object of a chart, for tests and tools. */
export function apiObjectsOf(chart: Chart): ApiObject[] {
  return chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
}
