import * as fs from "node:fs";
import * as path from "node:path";
import {
  ClusterManifestDefinition,
  ClusterManifestError,
  enterpriseRegistryEntry,
  renderClusterManifests,
  synthClusterManifests,
} from "../../charts";
import { exampleClusters } from "../../stacks/example-clusters";
import { DEV, findObject, parseDocs, PROD, schemaCheck, tempDir } from "./support";

const ANALYTICS_ACCESS = {
  assumeRoleArn: "acs:ram::1000000000000001:role/acr-puller-analytics",
  sessionDurationSeconds: 7200,
};
const EXAMPLE_FACTS = { prod: PROD, dev: DEV, analyticsAccess: ANALYTICS_ACCESS };
const EXAMPLE = exampleClusters(EXAMPLE_FACTS);

describe("synthClusterManifests", () => {
  test("one file per cluster, deterministic, every object valid against the Kubernetes schemas", () => {
    const dir = tempDir();
    const lines: string[] = [];
    const written = synthClusterManifests(EXAMPLE, dir, (l) => lines.push(l));
    expect(written.map((f) => path.basename(f))).toEqual(["analytics.k8s.yaml", "dev.k8s.yaml", "prod.k8s.yaml"]);
    expect(lines).toEqual([]);
    const first = written.map((f) => fs.readFileSync(f, "utf8"));
    synthClusterManifests(exampleClusters(EXAMPLE_FACTS), dir, () => undefined);
    expect(written.map((f) => fs.readFileSync(f, "utf8"))).toEqual(first);

    const { results, exitCode } = schemaCheck(written);
    expect(exitCode).toBe(0);
    const byStatus = (status: string) => results.filter((r) => r.status === status).map((r) => `${r.kind}/${r.name}`);
    expect(byStatus("invalid")).toEqual([]);
    // ImageUpdater is a CRD kubernetes-models does not cover; its shape is checked in argocd-image-updater.test.ts.
    expect(byStatus("unchecked")).toEqual(["ImageUpdater/payments"]);
    expect(byStatus("valid").sort()).toEqual([
      "ConfigMap/acr-configuration",
      "ConfigMap/acr-configuration",
      "ConfigMap/acr-configuration",
      "ConfigMap/argocd-image-updater-config",
      "ServiceAccount/batch",
      "ServiceAccount/default",
    ]);
  });

  test("no token marker, no Secret and nothing secret-looking in any rendered file", () => {
    const { files } = renderClusterManifests(EXAMPLE);
    for (const text of Object.values(files)) {
      expect(text).not.toContain("${");
      expect(text).not.toContain("TfToken");
      expect(text).not.toMatch(/^kind: Secret$/m);
      expect(text).not.toMatch(/LTAI[0-9A-Za-z]{12,}|password|customAccessKey|\.dockerconfigjson/i);
    }
  });

  test("the four credential-helper scenarios of the example", () => {
    const { files } = renderClusterManifests(EXAMPLE);
    const info = (file: string) => {
      const cm = findObject(parseDocs(files[file]), "ConfigMap", "acr-configuration");
      expect(cm.metadata.namespace).toBe("kube-system");
      return parseDocs(cm.data!["acr-registry-info"])[0] as unknown as Record<string, unknown>[];
    };
    expect(info("prod.k8s.yaml")).toEqual([
      { instanceId: PROD.instanceId, regionId: "cn-hangzhou", domains: PROD.vpcDomain },
    ]);
    // analytics: another region (regionId cn-hangzhou from cn-beijing) and another account (AssumeRole).
    expect(info("analytics.k8s.yaml")).toEqual([
      {
        instanceId: PROD.instanceId,
        regionId: "cn-hangzhou",
        domains: PROD.publicDomain,
        assumeRoleARN: "acs:ram::1000000000000001:role/acr-puller-analytics",
        expireDuration: 3600,
      },
    ]);
    expect(info("dev.k8s.yaml").map((e) => e.instanceId)).toEqual(["", DEV.instanceId]);
  });

  test("all problems of all clusters at once; nothing written; stale files of removed clusters are removed", () => {
    const dir = tempDir();
    synthClusterManifests(EXAMPLE, dir, () => undefined);
    const bad: ClusterManifestDefinition[] = [
      { name: "Prod", regionId: "cn-hangzhou", credentialHelper: { registries: [] } },
      {
        name: "dev",
        regionId: "cn-shanghai",
        credentialHelper: { registries: [{ instanceId: "${TfToken[TOKEN.1]}" }] },
      },
      { name: "dev", regionId: "cn-shanghai" },
    ];
    let error: unknown;
    try {
      synthClusterManifests(bad, dir, () => undefined);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ClusterManifestError);
    expect((error as ClusterManifestError).problems).toEqual([
      'name = "dev": duplicate cluster name',
      expect.stringMatching(/^\[Prod\] name = "Prod": must be a DNS-1123 label/),
      expect.stringMatching(/^\[Prod\/AcrConfiguration\] registries = \[\]: must list at least one instance/),
      expect.stringMatching(
        /^\[dev\/AcrConfiguration\] registries\[0\]\.instanceId = "\$\{\.\.\.\}": holds an unresolved/,
      ),
    ]);
    expect(fs.readdirSync(dir).sort()).toEqual(["analytics.k8s.yaml", "dev.k8s.yaml", "prod.k8s.yaml"]);

    const devOnly = exampleClusters(EXAMPLE_FACTS).filter((cluster) => cluster.name === "dev");
    synthClusterManifests(devOnly, dir, () => undefined);
    expect(fs.readdirSync(dir)).toEqual(["dev.k8s.yaml"]);
  });

  test("a manual pull Secret and the credential helper on the same ServiceAccount are refused", () => {
    expect(() =>
      renderClusterManifests([
        {
          name: "c",
          regionId: "cn-hangzhou",
          credentialHelper: {
            registries: [enterpriseRegistryEntry(PROD)],
            watchNamespaces: ["apps"],
            serviceAccounts: "*",
          },
          pullSecrets: [
            {
              secretName: "pull",
              registryServer: PROD.vpcDomain,
              namespaces: [{ namespace: "apps" }, { namespace: "other" }],
            },
          ],
        },
      ]),
    ).toThrow(
      '[c] pullSecrets[0] = "apps/default": is also wired by the credential helper; do not mix a manual pull Secret ' +
        "with it on one ServiceAccount",
    );
  });

  test("warnings are logged, and a cluster without objects writes no file", () => {
    const dir = tempDir();
    const lines: string[] = [];
    const written = synthClusterManifests(
      [
        {
          name: "a",
          regionId: "cn-hangzhou",
          credentialHelper: { registries: [enterpriseRegistryEntry(PROD)], watchAllNamespaces: true },
        },
        { name: "empty", regionId: "cn-hangzhou" },
      ],
      dir,
      (l) => lines.push(l),
    );
    expect(written.map((f) => path.basename(f))).toEqual(["a.k8s.yaml"]);
    expect(lines).toEqual([expect.stringMatching(/^warning: \[a\/AcrConfiguration\] watchAllNamespaces: /)]);
  });
});

describe("scripts/validate-manifests.mjs", () => {
  test("reports schema violations with exit code 1", () => {
    const file = path.join(tempDir(), "bad.k8s.yaml");
    fs.writeFileSync(
      file,
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {n: 1}\n---\n" +
        "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: b}\nimagePullSecrets: acr-pull\n",
    );
    const { results, exitCode } = schemaCheck([file]);
    expect(exitCode).toBe(1);
    expect(results.map((r) => [r.kind, r.status, r.errors])).toEqual([
      ["ConfigMap", "invalid", ["/data/n must be string"]],
      ["ServiceAccount", "invalid", ["/imagePullSecrets must be array"]],
    ]);
  });
});
