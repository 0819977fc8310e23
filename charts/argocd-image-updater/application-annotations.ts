import { Checks, checkNoTokens, sortKeysDeep } from "../validation";
import {
  checkImages,
  checkWriteBack,
  ImageUpdaterImage,
  renderCredentialSource,
  renderWriteBackMethod,
  WriteBackConfig,
} from "./image-settings";
import { DNS_LABEL, DNS_SUBDOMAIN } from "../../validation/rules";

/** Prefix of every Image Updater annotation on an Argo CD Application (0.x, and 1.x with `useAnnotations`). */
export const ANNOTATION_PREFIX = "argocd-image-updater.argoproj.io/";

/** Options of {@link imageUpdaterAnnotations}. */
export interface ImageUpdaterAnnotationsOptions {
  /** Images to follow; each gets an alias in `image-list`. */
  readonly images: readonly ImageUpdaterImage[];
  /**
   * Write-back settings.
   * @default - Image Updater's default (`argocd`)
   */
  readonly writeBack?: WriteBackConfig;
}

/** Throws with every problem of `options`. */
function assertValid(options: ImageUpdaterAnnotationsOptions): void {
  const check = new Checks();
  checkNoTokens(check, "", options);
  if (check.problems.length === 0) {
    checkImages(check, "images", options.images);
    checkWriteBack(check, "writeBack", options.writeBack);
  }
  if (check.problems.length > 0) {
    throw new Error(
      `Image Updater annotations: ${check.problems.length} problem(s):\n  ${check.messages().join("\n  ")}`,
    );
  }
}

/**
 * The Image Updater 0.x annotations for an Argo CD Application, as a plain map (keys sorted): `image-list` with
 * aliases, and per alias `update-strategy`, `allow-tags` (`regexp:...`), `ignore-tags`, `pull-secret`,
 * `force-update`, `platforms`, `helm.image-name`/`helm.image-tag` or `kustomize.image-name`; plus
 * `write-back-method`, `write-back-target` and `git-branch`. Put them on the Application's
 * `metadata.annotations` (or apply {@link applicationAnnotationPatch}).
 *
 * @throws Error listing every problem (strategies, alias pattern, regular expressions, ...)
 */
export function imageUpdaterAnnotations(options: ImageUpdaterAnnotationsOptions): Record<string, string> {
  assertValid(options);
  const a: Record<string, string> = {};
  const key = (name: string) => `${ANNOTATION_PREFIX}${name}`;
  a[key("image-list")] = options.images.map((image) => `${image.alias}=${image.imageName}`).join(",");
  for (const image of options.images) {
    const alias = (name: string) => key(`${image.alias}.${name}`);
    if (image.updateStrategy !== undefined) a[alias("update-strategy")] = image.updateStrategy;
    if (image.allowTags !== undefined) {
      a[alias("allow-tags")] = image.allowTags === "any" ? "any" : `regexp:${image.allowTags.regexp}`;
    }
    if (image.ignoreTags !== undefined) a[alias("ignore-tags")] = image.ignoreTags.join(",");
    if (image.pullSecret !== undefined) a[alias("pull-secret")] = renderCredentialSource(image.pullSecret);
    if (image.forceUpdate === true) a[alias("force-update")] = "true";
    if (image.platforms !== undefined) a[alias("platforms")] = image.platforms.join(",");
    const target = image.manifestTarget;
    if (target !== undefined && "helm" in target) {
      if (target.helm.name !== undefined) a[alias("helm.image-name")] = target.helm.name;
      if (target.helm.tag !== undefined) a[alias("helm.image-tag")] = target.helm.tag;
    } else if (target !== undefined) {
      a[alias("kustomize.image-name")] = target.kustomize.name;
    }
  }
  const writeBack = options.writeBack;
  if (writeBack !== undefined) {
    a[key("write-back-method")] = renderWriteBackMethod(writeBack);
    if (writeBack.writeBackTarget !== undefined) a[key("write-back-target")] = writeBack.writeBackTarget;
    if (writeBack.branch !== undefined) a[key("git-branch")] = writeBack.branch;
    if (writeBack.repository !== undefined) a[key("git-repository")] = writeBack.repository;
  }
  return sortKeysDeep(a);
}

/** A merge patch that sets the annotations on an Application: `kubectl patch application ... --type merge -p`. */
export interface ApplicationAnnotationPatch {
  readonly apiVersion: "argoproj.io/v1alpha1";
  readonly kind: "Application";
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly annotations: Record<string, string>;
  };
}

/**
 * The annotations as a merge patch for the Application `name` in `namespace` (default `argocd`). Not part of the
 * synthesized cluster manifests: an Application needs its whole spec, which lives wherever Applications are
 * defined. Apply it with `kubectl patch application <name> -n <namespace> --type merge -p "$(cat patch.json)"`.
 */
export function applicationAnnotationPatch(
  name: string,
  options: ImageUpdaterAnnotationsOptions,
  namespace = "argocd",
): ApplicationAnnotationPatch {
  const check = new Checks();
  check.name("name", name, DNS_SUBDOMAIN);
  check.name("namespace", namespace, DNS_LABEL);
  if (check.problems.length > 0) throw new Error(`Application patch: ${check.messages().join("; ")}`);
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: { name, namespace, annotations: imageUpdaterAnnotations(options) },
  };
}
