import { Checks } from "../validation";
import { DNS_LABEL, DNS_SUBDOMAIN } from "../../validation/rules";

/**
 * Shared model of Argo CD Image Updater settings, rendered both as the 1.x `ImageUpdater` resource and as the 0.x
 * Application annotations. Source: argoproj-labs/argocd-image-updater docs (configuration/images.md,
 * basics/update-strategies.md, basics/authentication.md, configuration/migration.md) and
 * api/v1alpha1/imageupdater_types.go.
 */

/** Update strategies (renamed in v0.13.0; the old names `latest` and `name` are refused here). */
export const UPDATE_STRATEGIES = ["semver", "newest-build", "alphabetical", "digest"] as const;
export type UpdateStrategy = (typeof UPDATE_STRATEGIES)[number];

const DEPRECATED_STRATEGIES: Record<string, UpdateStrategy> = { latest: "newest-build", name: "alphabetical" };

/** Image alias pattern of the CRD (`images[].alias`). */
export const ALIAS_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9-._]*$/;

/** Where Image Updater gets registry credentials (`pull-secret` / `credentials` syntax). */
export type CredentialSource =
  /** `pullsecret:<ns>/<name>`: a `kubernetes.io/dockerconfigjson` Secret (uses `.dockerconfigjson`). */
  | { readonly kind: "pullsecret"; readonly namespace: string; readonly name: string }
  /** `secret:<ns>/<name>#<field>`: a field of a generic Secret holding `<user>:<password>`. */
  | { readonly kind: "secret"; readonly namespace: string; readonly name: string; readonly field: string }
  /** `env:<VARIABLE>`: an environment variable of the Image Updater Pod holding `<user>:<password>`. */
  | { readonly kind: "env"; readonly variable: string }
  /** `ext:<script>`: a script in the Image Updater Pod that prints `<user>:<password>` (e.g. an ACR token). */
  | { readonly kind: "ext"; readonly script: string };

/** The credential source as Image Updater's string syntax. */
export function renderCredentialSource(source: CredentialSource): string {
  switch (source.kind) {
    case "pullsecret":
      return `pullsecret:${source.namespace}/${source.name}`;
    case "secret":
      return `secret:${source.namespace}/${source.name}#${source.field}`;
    case "env":
      return `env:${source.variable}`;
    case "ext":
      return `ext:${source.script}`;
  }
}

/** Checks a credential source's parts. */
export function checkCredentialSource(check: Checks, field: string, source: CredentialSource | undefined): void {
  if (!check.object(field, source)) return;
  switch (source.kind) {
    case "pullsecret":
    case "secret":
      check.name(`${field}.namespace`, source.namespace, DNS_LABEL);
      check.name(`${field}.name`, source.name, DNS_SUBDOMAIN);
      // The type first: RegExp.test would accept a number as its text.
      if (source.kind === "secret" && (typeof source.field !== "string" || !/^[-._a-zA-Z0-9]+$/.test(source.field))) {
        check.fail(`${field}.field`, source.field, "must be a Secret data key (letters, digits, '-', '_', '.')");
      }
      return;
    case "env":
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(source.variable ?? "")) {
        check.fail(`${field}.variable`, source.variable, "must be an environment variable name");
      }
      return;
    case "ext":
      if (!/^\/\S+$/.test(source.script ?? "")) {
        check.fail(`${field}.script`, source.script, "must be an absolute path of a script in the Image Updater Pod");
      }
      return;
    default:
      check.fail(`${field}.kind`, (source as { kind: unknown }).kind, "must be pullsecret, secret, env or ext");
  }
}

/** Which tags may be considered. */
export type AllowTags = "any" | { readonly regexp: string };

/** Where the new tag is written in the Application's source. */
export type ManifestTarget =
  /** Helm parameter names. @default name `image.name`, tag `image.tag` (Image Updater's defaults) */
  | { readonly helm: { readonly name?: string; readonly tag?: string } }
  /** The original image name to replace in the Kustomization. */
  | { readonly kustomize: { readonly name: string } };

/** One image Image Updater follows for an Application. */
export interface ImageUpdaterImage {
  /** Alias, `^[a-zA-Z0-9][a-zA-Z0-9-._]*$`, unique per application. */
  readonly alias: string;
  /**
   * Full image name with registry host, e.g. `acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com/payments/api`,
   * optionally with a version constraint or (for `digest`) the tag to follow: `...:1.x`, `...:latest`.
   */
  readonly imageName: string;
  /**
   * Update strategy.
   * @default "semver" (Image Updater's default; not written)
   */
  readonly updateStrategy?: UpdateStrategy;
  /**
   * Tags to consider: a regular expression (Go RE2 syntax, rendered `regexp:<re>`) or `any`.
   * @default - any tag
   */
  readonly allowTags?: AllowTags;
  /**
   * Glob patterns of tags to ignore.
   * @default - none
   */
  readonly ignoreTags?: readonly string[];
  /**
   * Credentials for this image.
   * @default - the matching registry's `credentials` in registries.conf
   */
  readonly pullSecret?: CredentialSource;
  /**
   * Update even when the image is not currently deployed by the application.
   * @default false (not written)
   */
  readonly forceUpdate?: boolean;
  /**
   * Platforms the new image must support, e.g. `linux/amd64`.
   * @default - Image Updater's default
   */
  readonly platforms?: readonly string[];
  /**
   * Where the new version is written.
   * @default - Image Updater's default for the application's source type
   */
  readonly manifestTarget?: ManifestTarget;
}

/** How Image Updater writes back the new version. */
export interface WriteBackConfig {
  /** `argocd` (imperative, parameter override on the Application) or `git` (a commit). */
  readonly method: "argocd" | "git";
  /**
   * Git credentials: Argo CD's repository credentials, or a Secret (in the ImageUpdater's namespace for 1.x).
   * @default "repocreds" (Image Updater's default for git)
   */
  readonly gitCredentials?: "repocreds" | { readonly namespace: string; readonly name: string };
  /**
   * Repository to write to.
   * @default - the Application's source repository
   */
  readonly repository?: string;
  /**
   * Branch, `base[:target]` (templating allowed).
   * @default - the Application's target revision
   */
  readonly branch?: string;
  /**
   * Target file: `kustomization[:<path>]` or `helmvalues[:<path>]`.
   * @default - `.argocd-source-<appName>.yaml`
   */
  readonly writeBackTarget?: string;
}

/** `write-back-method` / `writeBackConfig.method` string. */
export function renderWriteBackMethod(config: WriteBackConfig): string {
  if (config.method === "argocd") return "argocd";
  const creds = config.gitCredentials;
  if (creds === undefined) return "git";
  return creds === "repocreds" ? "git:repocreds" : `git:secret:${creds.namespace}/${creds.name}`;
}

/** Checks write-back settings; `crNamespace` is the ImageUpdater's namespace (1.x), if any. */
export function checkWriteBack(
  check: Checks,
  field: string,
  config: WriteBackConfig | undefined,
  crNamespace?: string,
): void {
  if (!check.object(field, config)) return;
  if (config.method !== "argocd" && config.method !== "git") {
    check.fail(`${field}.method`, config.method, "must be argocd or git");
    return;
  }
  if (config.method === "argocd") {
    for (const key of ["gitCredentials", "repository", "branch", "writeBackTarget"] as const) {
      if (config[key] !== undefined) check.fail(`${field}.${key}`, config[key], "applies only to method git");
    }
    return;
  }
  const creds = config.gitCredentials;
  if (creds !== undefined && creds !== "repocreds") {
    check.name(`${field}.gitCredentials.namespace`, creds.namespace, DNS_LABEL);
    check.name(`${field}.gitCredentials.name`, creds.name, DNS_SUBDOMAIN);
    if (crNamespace !== undefined && creds.namespace !== crNamespace) {
      check.fail(
        `${field}.gitCredentials.namespace`,
        creds.namespace,
        `must be the ImageUpdater's namespace ${crNamespace} (cross-namespace git secrets are rejected)`,
      );
    }
  }
  const target = config.writeBackTarget;
  if (target !== undefined && !/^(?:kustomization|helmvalues)(?::\S+)?$/.test(target)) {
    check.fail(`${field}.writeBackTarget`, target, "must be kustomization[:<path>] or helmvalues[:<path>]");
  }
  if (config.branch !== undefined && (config.branch === "" || /\s/.test(config.branch))) {
    check.fail(`${field}.branch`, config.branch, "must be a branch name, base[:target]");
  }
}

// Go's RE2 (which Image Updater uses) has no lookaround and no backreferences; JavaScript would accept them.
const RE2_UNSUPPORTED = /\(\?<?[=!]|\\[1-9]|\\k</;

/** Checks a regular expression: it must compile and stay within Go RE2 syntax. */
export function checkRegexp(check: Checks, field: string, pattern: string): void {
  try {
    new RegExp(pattern);
  } catch (err) {
    check.fail(field, pattern, `must be a valid regular expression (${(err as Error).message})`);
    return;
  }
  if (RE2_UNSUPPORTED.test(pattern)) {
    check.fail(field, pattern, "uses lookaround or backreferences, which Go's RE2 (used by Image Updater) lacks");
  }
}

// The first component is a registry host only when it has a dot or a port, or is localhost (Docker's reference
// grammar); `payments/api` would be read as Docker Hub's `docker.io/payments/api`.
const IMAGE_NAME =
  /^(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::[0-9]+)?\/[a-z0-9._/-]+(?::[A-Za-z0-9._*^~<>=|, -]+)?$/;
const HELM_PARAMETER = /^[A-Za-z0-9_.[\]-]+$/;

/** Checks one image; `field` is its path in the props. */
export function checkImage(check: Checks, field: string, given: unknown): void {
  if (!check.object(field, given, { required: true })) return;
  const image = given as unknown as ImageUpdaterImage;
  if (typeof image.alias !== "string" || !ALIAS_PATTERN.test(image.alias)) {
    check.fail(`${field}.alias`, image.alias, "must match ^[a-zA-Z0-9][a-zA-Z0-9-._]*$");
  }
  if (typeof image.imageName !== "string" || !IMAGE_NAME.test(image.imageName)) {
    check.fail(
      `${field}.imageName`,
      image.imageName,
      "must be <registry host>/<repository>[:<constraint or tag>], the host with a dot or port (e.g. the VPC domain)",
    );
  }
  const strategy = image.updateStrategy;
  if (strategy !== undefined && !(UPDATE_STRATEGIES as readonly string[]).includes(strategy)) {
    const renamed = DEPRECATED_STRATEGIES[strategy];
    check.fail(
      `${field}.updateStrategy`,
      strategy,
      renamed ? `is deprecated; use ${renamed}` : `must be one of ${UPDATE_STRATEGIES.join(", ")}`,
    );
  }
  if (strategy === "digest" && !/\/[^:]+:[^:]+$/.test(image.imageName ?? "")) {
    check.fail(
      `${field}.imageName`,
      image.imageName,
      "must name the tag to follow (<image>:<tag>) with strategy digest",
    );
  }
  const allow = image.allowTags;
  if (allow !== undefined && allow !== "any" && check.object(`${field}.allowTags`, allow)) {
    if (check.string(`${field}.allowTags.regexp`, allow.regexp, { required: true })) {
      checkRegexp(check, `${field}.allowTags.regexp`, allow.regexp);
    }
  }
  (check.list(`${field}.ignoreTags`, image.ignoreTags) ?? []).forEach((glob, i) => {
    if (typeof glob !== "string" || glob === "" || /[,\s]/.test(glob)) {
      check.fail(`${field}.ignoreTags[${i}]`, glob, "must be one glob pattern");
    }
  });
  check.boolean(`${field}.forceUpdate`, image.forceUpdate);
  (check.list(`${field}.platforms`, image.platforms) ?? []).forEach((p, i) => {
    if (typeof p !== "string" || !/^[a-z0-9]+\/[a-z0-9]+(?:\/[a-z0-9]+)?$/.test(p)) {
      check.fail(`${field}.platforms[${i}]`, p, "must be <os>/<arch>[/<variant>]");
    }
  });
  checkCredentialSource(check, `${field}.pullSecret`, image.pullSecret);
  const target = image.manifestTarget;
  if (check.object(`${field}.manifestTarget`, target)) {
    if ("helm" in target && "kustomize" in target) {
      check.fail(`${field}.manifestTarget`, Object.keys(target), "must be either helm or kustomize");
    } else if ("helm" in target) {
      if (check.object(`${field}.manifestTarget.helm`, target.helm)) {
        for (const key of ["name", "tag"] as const) {
          const value: unknown = target.helm[key];
          // A number would pass the pattern as its text, so the type is checked first.
          if (value !== undefined && (typeof value !== "string" || !HELM_PARAMETER.test(value))) {
            check.fail(`${field}.manifestTarget.helm.${key}`, value, "must be a Helm parameter name such as image.tag");
          }
        }
      }
    } else if (!("kustomize" in target) || typeof target.kustomize.name !== "string" || target.kustomize.name === "") {
      check.fail(`${field}.manifestTarget.kustomize.name`, undefined, "is required (the original image name)");
    }
  }
}

/** Checks a list of images of one application: each image, and unique aliases. */
export function checkImages(check: Checks, field: string, images: readonly ImageUpdaterImage[]): void {
  if (!Array.isArray(images) || images.length === 0) {
    check.fail(field, images, "must list at least one image");
    return;
  }
  images.forEach((image, i) => checkImage(check, `${field}[${i}]`, image));
  check.unique(
    field,
    images.map((i) => i?.alias),
    "alias",
  );
}
