import { App, Chart } from "cdk8s";
import { parse } from "yaml";
import {
  ALIAS_PATTERN,
  applicationAnnotationPatch,
  IMAGE_UPDATER_API_VERSION,
  ImageUpdater,
  ImageUpdaterImage,
  imageUpdaterAnnotations,
  imageUpdaterRegistry,
  ImageUpdaterRegistriesConfig,
  renderRegistriesConf,
  validateImageUpdaterProps,
  validateRegistriesConfig,
} from "../../charts";
import { collectChartProblems, collectChartWarnings } from "../../charts/chart-support";
import { PROD } from "./support";

const API: ImageUpdaterImage = {
  alias: "api",
  imageName: `${PROD.vpcDomain}/payments/payments-api`,
  updateStrategy: "semver",
  allowTags: { regexp: "^v[0-9]+\\.[0-9]+\\.[0-9]+$" },
  ignoreTags: ["*-rc*", "latest"],
  pullSecret: { kind: "pullsecret", namespace: "argocd", name: "acr-image-updater" },
  manifestTarget: { helm: { name: "image.repository", tag: "image.tag" } },
};

describe("registries.conf", () => {
  test("ConfigMap argocd/argocd-image-updater-config with one entry per registry, VPC domain by default", () => {
    const app = new App({ outdir: "unused" });
    const chart = new Chart(app, "cluster");
    new ImageUpdaterRegistriesConfig(chart, "Registries", {
      registries: [
        imageUpdaterRegistry(PROD, {
          credentials: { kind: "secret", namespace: "argocd", name: "acr", field: "creds" },
          default: true,
        }),
        imageUpdaterRegistry(PROD, {
          endpoint: "public",
          credentials: { kind: "ext", script: "/scripts/acr-token.sh" },
          credsExpire: "30m",
        }),
      ],
    });
    expect(collectChartProblems(app)).toEqual([]);
    const [cm] = chart.toJson();
    expect(cm.metadata).toMatchObject({ name: "argocd-image-updater-config", namespace: "argocd" });
    expect(Object.keys(cm.data)).toEqual(["registries.conf"]);
    expect(parse(cm.data["registries.conf"])).toEqual({
      registries: [
        {
          name: "cri-prod0example-vpc",
          api_url: "https://acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com",
          prefix: "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com",
          default: true,
          credentials: "secret:argocd/acr#creds",
          credsexpire: "50m",
        },
        {
          name: "cri-prod0example-public",
          api_url: "https://acme-prod-registry.cn-hangzhou.cr.aliyuncs.com",
          prefix: "acme-prod-registry.cn-hangzhou.cr.aliyuncs.com",
          credentials: "ext:/scripts/acr-token.sh",
          credsexpire: "30m",
        },
      ],
    });
  });

  test("credential sources render in Image Updater's syntax", () => {
    const conf = parse(
      renderRegistriesConf([
        { name: "a", domain: "a.example.com", credentials: { kind: "pullsecret", namespace: "argocd", name: "p" } },
        { name: "b", domain: "b.example.com", credentials: { kind: "env", variable: "ACR_CREDS" } },
        { name: "c", domain: "c.example.com", insecure: true, defaultNamespace: "library", limit: 5 },
      ]),
    );
    expect(conf.registries.map((r: { credentials?: string }) => r.credentials)).toEqual([
      "pullsecret:argocd/p",
      "env:ACR_CREDS",
      undefined,
    ]);
    expect(conf.registries[2]).toEqual({
      name: "c",
      api_url: "https://c.example.com",
      prefix: "c.example.com",
      defaultns: "library",
      insecure: true,
      limit: 5,
    });
  });

  test("bad registries are rejected; insecure and long ext credential caching warn", () => {
    const check = validateRegistriesConfig({
      namespace: "Argo",
      registries: [
        { name: "a", domain: "https://a.example.com", default: true, credsExpire: "1h" },
        {
          name: "a",
          domain: "b.example.com",
          default: true,
          insecure: true,
          credentials: { kind: "ext", script: "x.sh" },
        },
        { name: "c", domain: "c.example.com", credentials: { kind: "ext", script: "/x.sh" }, credsExpire: "2h" },
      ],
    });
    expect(check.messages()).toEqual([
      expect.stringMatching(/^namespace = "Argo": must be a DNS-1123 label/),
      'registries[0].domain = "https://a.example.com": must be a registry host name without scheme or path',
      'registries[0].credsExpire = "1h": applies only with credentials',
      'registries[1].credentials.script = "x.sh": must be an absolute path of a script in the Image Updater Pod',
      'registries.name = "a": duplicate registry name',
      "registries.default = true: at most one registry can be the default",
    ]);
    expect(check.warnings).toEqual([
      "registries[1].insecure: TLS verification is off for b.example.com",
      "registries[2].credsExpire 2h: ACR temporary tokens expire after 1 hour; re-read them sooner",
    ]);
  });

  test("warnings reach the chart", () => {
    const app = new App({ outdir: "unused" });
    new ImageUpdaterRegistriesConfig(new Chart(app, "c"), "R", {
      registries: [{ name: "a", domain: "a.example.com", insecure: true }],
    });
    expect(collectChartWarnings(app)).toEqual([
      "[c/R] registries[0].insecure: TLS verification is off for a.example.com",
    ]);
  });
});

describe("ImageUpdater resource (1.x)", () => {
  test("renders the documented spec shape", () => {
    const app = new App({ outdir: "unused" });
    const chart = new Chart(app, "cluster");
    new ImageUpdater(chart, "Payments", {
      name: "payments",
      applicationRefs: [
        {
          namePattern: "payments-*",
          images: [
            API,
            {
              alias: "web",
              imageName: `${PROD.vpcDomain}/storefront/web:latest`,
              updateStrategy: "digest",
              manifestTarget: { kustomize: { name: "web" } },
            },
          ],
        },
      ],
      writeBackConfig: {
        method: "git",
        gitCredentials: { namespace: "argocd", name: "git" },
        branch: "main",
        writeBackTarget: "kustomization:overlays/prod",
      },
    });
    expect(collectChartProblems(app)).toEqual([]);
    const [cr] = chart.toJson();
    expect(cr.apiVersion).toBe(IMAGE_UPDATER_API_VERSION);
    expect(cr.kind).toBe("ImageUpdater");
    expect(cr.metadata).toMatchObject({ name: "payments", namespace: "argocd" });
    expect(cr.spec).toEqual({
      applicationRefs: [
        {
          namePattern: "payments-*",
          images: [
            {
              alias: "api",
              imageName: "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com/payments/payments-api",
              commonUpdateSettings: {
                updateStrategy: "semver",
                allowTags: "regexp:^v[0-9]+\\.[0-9]+\\.[0-9]+$",
                ignoreTags: ["*-rc*", "latest"],
                pullSecret: "pullsecret:argocd/acr-image-updater",
              },
              manifestTargets: { helm: { name: "image.repository", tag: "image.tag" } },
            },
            {
              alias: "web",
              imageName: "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com/storefront/web:latest",
              commonUpdateSettings: { updateStrategy: "digest" },
              manifestTargets: { kustomize: { name: "web" } },
            },
          ],
        },
      ],
      writeBackConfig: {
        method: "git:secret:argocd/git",
        gitConfig: { branch: "main", writeBackTarget: "kustomization:overlays/prod" },
      },
    });
    for (const image of cr.spec.applicationRefs[0].images) expect(image.alias).toMatch(ALIAS_PATTERN);
  });

  test("validates strategies, aliases, regular expressions, targets and write-back", () => {
    expect(
      validateImageUpdaterProps({
        name: "Payments",
        applicationRefs: [
          {
            namePattern: "",
            images: [
              { ...API, alias: "-api", updateStrategy: "latest" as "semver" },
              { ...API, alias: "b", updateStrategy: "fastest" as "semver", allowTags: { regexp: "^v(" } },
              { ...API, alias: "c", allowTags: { regexp: "^(?!rc).*$" }, imageName: "payments-api" },
              { ...API, alias: "d", updateStrategy: "digest" },
              { ...API, alias: "d", manifestTarget: { helm: { name: "image name" } } },
            ],
          },
          { namePattern: "x", images: [], writeBackConfig: { method: "argocd", branch: "main" } },
        ],
        writeBackConfig: {
          method: "git",
          gitCredentials: { namespace: "ci", name: "git" },
          writeBackTarget: "values.yaml",
        },
      }),
    ).toEqual([
      expect.stringMatching(/^name = "Payments": must be a DNS-1123 subdomain/),
      'writeBackConfig.gitCredentials.namespace = "ci": must be the ImageUpdater\'s namespace argocd (cross-namespace git secrets are rejected)',
      'writeBackConfig.writeBackTarget = "values.yaml": must be kustomization[:<path>] or helmvalues[:<path>]',
      'applicationRefs[0].namePattern = "": is required: a glob over Application names',
      'applicationRefs[0].images[0].alias = "-api": must match ^[a-zA-Z0-9][a-zA-Z0-9-._]*$',
      'applicationRefs[0].images[0].updateStrategy = "latest": is deprecated; use newest-build',
      'applicationRefs[0].images[1].updateStrategy = "fastest": must be one of semver, newest-build, alphabetical, digest',
      expect.stringMatching(
        /^applicationRefs\[0\]\.images\[1\]\.allowTags\.regexp = "\^v\(": must be a valid regular expression/,
      ),
      'applicationRefs[0].images[2].imageName = "payments-api": must be <registry host>/<repository>[:<constraint or tag>], the host with a dot or port (e.g. the VPC domain)',
      'applicationRefs[0].images[2].allowTags.regexp = "^(?!rc).*$": uses lookaround or backreferences, which Go\'s RE2 (used by Image Updater) lacks',
      'applicationRefs[0].images[3].imageName = "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com/payments/payments-api": must name the tag to follow (<image>:<tag>) with strategy digest',
      'applicationRefs[0].images[4].manifestTarget.helm.name = "image name": must be a Helm parameter name such as image.tag',
      'applicationRefs[0].images = "d": duplicate alias',
      "applicationRefs[1].images = []: must list at least one image",
      'applicationRefs[1].writeBackConfig.branch = "main": applies only to method git',
    ]);
  });
});

describe("Application annotations (0.x)", () => {
  test("a plain map with image-list aliases and per-alias settings", () => {
    expect(
      imageUpdaterAnnotations({
        images: [
          API,
          {
            alias: "web",
            imageName: `${PROD.vpcDomain}/storefront/web`,
            updateStrategy: "newest-build",
            manifestTarget: { kustomize: { name: "web" } },
            forceUpdate: true,
            platforms: ["linux/amd64"],
          },
        ],
        writeBack: {
          method: "git",
          gitCredentials: { namespace: "argocd", name: "git" },
          branch: "main",
          writeBackTarget: "helmvalues:values.yaml",
        },
      }),
    ).toEqual({
      "argocd-image-updater.argoproj.io/image-list":
        "api=acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com/payments/payments-api," +
        "web=acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com/storefront/web",
      "argocd-image-updater.argoproj.io/api.update-strategy": "semver",
      "argocd-image-updater.argoproj.io/api.allow-tags": "regexp:^v[0-9]+\\.[0-9]+\\.[0-9]+$",
      "argocd-image-updater.argoproj.io/api.ignore-tags": "*-rc*,latest",
      "argocd-image-updater.argoproj.io/api.pull-secret": "pullsecret:argocd/acr-image-updater",
      "argocd-image-updater.argoproj.io/api.helm.image-name": "image.repository",
      "argocd-image-updater.argoproj.io/api.helm.image-tag": "image.tag",
      "argocd-image-updater.argoproj.io/web.update-strategy": "newest-build",
      "argocd-image-updater.argoproj.io/web.kustomize.image-name": "web",
      "argocd-image-updater.argoproj.io/web.force-update": "true",
      "argocd-image-updater.argoproj.io/web.platforms": "linux/amd64",
      "argocd-image-updater.argoproj.io/write-back-method": "git:secret:argocd/git",
      "argocd-image-updater.argoproj.io/write-back-target": "helmvalues:values.yaml",
      "argocd-image-updater.argoproj.io/git-branch": "main",
    });
  });

  test("keys are sorted and every value is a string; invalid input throws with every problem", () => {
    const a = imageUpdaterAnnotations({ images: [API], writeBack: { method: "argocd" } });
    expect(Object.keys(a)).toEqual([...Object.keys(a)].sort());
    for (const v of Object.values(a)) expect(typeof v).toBe("string");
    expect(a["argocd-image-updater.argoproj.io/write-back-method"]).toBe("argocd");
    expect(() =>
      imageUpdaterAnnotations({ images: [{ ...API, alias: "a b", updateStrategy: "name" as "semver" }] }),
    ).toThrow(
      "Image Updater annotations: 2 problem(s):\n" +
        '  images[0].alias = "a b": must match ^[a-zA-Z0-9][a-zA-Z0-9-._]*$\n' +
        '  images[0].updateStrategy = "name": is deprecated; use alphabetical',
    );
  });

  test("as a merge patch for an Application", () => {
    const patch = applicationAnnotationPatch("payments-prod", { images: [API] });
    expect(patch).toMatchObject({
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: { name: "payments-prod", namespace: "argocd" },
    });
    expect(patch.metadata.annotations["argocd-image-updater.argoproj.io/image-list"]).toContain("api=");
    expect(() => applicationAnnotationPatch("Bad Name", { images: [API] })).toThrow(/name = "Bad Name"/);
  });
});
