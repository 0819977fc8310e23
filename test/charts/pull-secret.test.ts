import { App, Chart } from "cdk8s";
import { dockerRegistrySecretCommand, ServiceAccountPullSecrets, validatePullSecretProps } from "../../charts";
import { collectChartProblems } from "../../charts/chart-support";

describe("ServiceAccountPullSecrets", () => {
  test("one ServiceAccount per wired account, referencing the Secret by name; the Secret is not rendered", () => {
    const app = new App({ outdir: "unused" });
    const chart = new Chart(app, "cluster");
    const wiring = new ServiceAccountPullSecrets(chart, "Pull", {
      secretName: "acr-pull",
      registryServer: "acme-dev-registry-vpc.cn-shanghai.cr.aliyuncs.com",
      namespaces: [{ namespace: "legacy" }, { namespace: "batch", serviceAccounts: ["runner", "default"] }],
    });
    expect(collectChartProblems(app)).toEqual([]);
    const objects = chart.toJson();
    expect(objects.map((o) => o.kind)).toEqual(["ServiceAccount", "ServiceAccount", "ServiceAccount"]);
    expect(objects.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      "legacy/default",
      "batch/runner",
      "batch/default",
    ]);
    for (const o of objects) expect(o.imagePullSecrets).toEqual([{ name: "acr-pull" }]);
    expect(wiring.wiredAccounts).toEqual(["legacy/default", "batch/runner", "batch/default"]);
    expect(wiring.secretCommands()).toEqual([
      "kubectl create secret docker-registry acr-pull --namespace legacy " +
        "--docker-server=acme-dev-registry-vpc.cn-shanghai.cr.aliyuncs.com " +
        '--docker-username="$ACR_PULL_USERNAME" --docker-password="$ACR_PULL_PASSWORD"',
      expect.stringContaining("--namespace batch "),
    ]);
  });

  test("the command reads credentials from the variables you name", () => {
    expect(
      dockerRegistrySecretCommand({
        secretName: "s",
        namespace: "n",
        registryServer: "r.example.com",
        usernameVariable: "U",
        passwordVariable: "P",
      }),
    ).toBe(
      'kubectl create secret docker-registry s --namespace n --docker-server=r.example.com --docker-username="$U" --docker-password="$P"',
    );
  });

  test("bad names are rejected all at once", () => {
    expect(
      validatePullSecretProps({
        secretName: "ACR_Pull",
        registryServer: "https://acme.example.com/v2",
        namespaces: [{ namespace: "Legacy", serviceAccounts: ["ok", "ok", ""] }, { namespace: "Legacy" }],
      }),
    ).toEqual([
      expect.stringMatching(/^secretName = "ACR_Pull": must be a DNS-1123 subdomain/),
      'registryServer = "https://acme.example.com/v2": must be a registry host name without scheme or path',
      expect.stringMatching(/^namespaces\[0\]\.namespace = "Legacy": must be a DNS-1123 label/),
      expect.stringMatching(/^namespaces\[0\]\.serviceAccounts\[2\] = "": must be a DNS-1123 subdomain/),
      'namespaces[0].serviceAccounts = "ok": duplicate ServiceAccount',
      expect.stringMatching(/^namespaces\[1\]\.namespace = "Legacy": must be a DNS-1123 label/),
      'namespaces = "Legacy": duplicate namespace',
    ]);
    expect(validatePullSecretProps({ secretName: "a", registryServer: "r.example.com", namespaces: [] })).toEqual([
      "namespaces = []: must list at least one namespace",
    ]);
  });
});
