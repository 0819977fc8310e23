import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { MANAGED_BY_LABELS } from "../chart-support";
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

/** API group/version and kind of the Image Updater 1.x custom resource. */
export const IMAGE_UPDATER_API_VERSION = "argocd-image-updater.argoproj.io/v1alpha1";
export const IMAGE_UPDATER_KIND = "ImageUpdater";

/**
 * Image Updater releases whose CRD requires `spec.namespace` (the namespace searched for Applications): v1.0.0-1.0.2
 * and v1.1.0. It became optional and ignored in v1.0.3 and v1.1.1 (PR #1490) and was removed in v1.2.0 (PR #1590),
 * where a manifest carrying it is rejected under strict field validation (`config/crd/bases/...imageupdaters.yaml`
 * at each tag).
 */
export const NAMESPACE_REQUIRED_VERSIONS: readonly string[] = ["1.0.0", "1.0.1", "1.0.2", "1.1.0"];

/** Applications (in the ImageUpdater's namespace) whose images are followed. */
export interface ImageUpdaterApplicationRef {
  /** Glob over Application names, e.g. `payments-*`. */
  readonly namePattern: string;
  /** Images to follow in those Applications. */
  readonly images: readonly ImageUpdaterImage[];
  /**
   * Write-back for these Applications.
   * @default - the resource's writeBackConfig
   */
  readonly writeBackConfig?: WriteBackConfig;
}

/** Properties of {@link ImageUpdater}. */
export interface ImageUpdaterProps {
  /** Name of the resource. */
  readonly name: string;
  /**
   * Namespace; Image Updater (v1.0.3+/v1.1.1+) looks Applications up in the resource's own namespace.
   * @default "argocd"
   */
  readonly namespace?: string;
  /** Applications and their images. */
  readonly applicationRefs: readonly ImageUpdaterApplicationRef[];
  /**
   * Write-back for every application ref.
   * @default - Image Updater's default (`argocd`)
   */
  readonly writeBackConfig?: WriteBackConfig;
  /**
   * The Image Updater release installed in the cluster (`X.Y.Z`, 1.0.0 or later), when it is older than the
   * floor: for v1.0.0-1.0.2 and v1.1.0 ({@link NAMESPACE_REQUIRED_VERSIONS}) `spec.namespace` is rendered, because
   * their CRD requires it.
   * @default - v1.0.3 or later (v1.1.1 or later on 1.1.x): no `spec.namespace`, valid on every release from then on
   */
  readonly controllerVersion?: string;
}

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)$/;

/** True when `version` is a release whose CRD requires `spec.namespace`. */
function requiresNamespace(version: string | undefined): boolean {
  const match = version === undefined ? null : VERSION.exec(version);
  return match !== null && NAMESPACE_REQUIRED_VERSIONS.includes(match.slice(1).map(Number).join("."));
}

/** Every problem of `props`. */
export function validateImageUpdaterProps(props: ImageUpdaterProps): string[] {
  const check = new Checks();
  checkNoTokens(check, "", props);
  if (check.problems.length > 0) return check.messages();
  const namespace = props.namespace ?? "argocd";
  if (typeof props.name !== "string") check.fail("name", props.name, "is required");
  check.name("name", props.name, DNS_SUBDOMAIN);
  check.name("namespace", props.namespace, DNS_LABEL);
  checkWriteBack(check, "writeBackConfig", props.writeBackConfig, namespace);
  if (props.controllerVersion !== undefined) {
    const match = VERSION.exec(props.controllerVersion);
    if (match === null) check.fail("controllerVersion", props.controllerVersion, "must be a release, X.Y.Z");
    else if (Number(match[1]) < 1) {
      check.fail(
        "controllerVersion",
        props.controllerVersion,
        "has no ImageUpdater resource (0.x): use imageUpdaterAnnotations() on the Applications",
      );
    }
  }
  if (!Array.isArray(props.applicationRefs) || props.applicationRefs.length === 0) {
    check.fail("applicationRefs", props.applicationRefs, "must list at least one application ref");
    return check.messages();
  }
  props.applicationRefs.forEach((ref, i) => {
    const f = `applicationRefs[${i}]`;
    if (!check.object<ImageUpdaterApplicationRef>(f, ref, { required: true })) return;
    if (typeof ref.namePattern !== "string" || ref.namePattern === "" || /\s/.test(ref.namePattern)) {
      check.fail(`${f}.namePattern`, ref.namePattern, "is required: a glob over Application names");
    }
    checkImages(check, `${f}.images`, ref.images);
    checkWriteBack(check, `${f}.writeBackConfig`, ref.writeBackConfig, namespace);
  });
  return check.messages();
}

function renderWriteBack(config: WriteBackConfig): Record<string, unknown> {
  const gitConfig: Record<string, string> = {};
  if (config.repository !== undefined) gitConfig.repository = config.repository;
  if (config.branch !== undefined) gitConfig.branch = config.branch;
  if (config.writeBackTarget !== undefined) gitConfig.writeBackTarget = config.writeBackTarget;
  return {
    method: renderWriteBackMethod(config),
    ...(Object.keys(gitConfig).length > 0 ? { gitConfig } : {}),
  };
}

function renderImage(image: ImageUpdaterImage): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  if (image.updateStrategy !== undefined) settings.updateStrategy = image.updateStrategy;
  if (image.forceUpdate === true) settings.forceUpdate = true;
  if (image.allowTags !== undefined) {
    settings.allowTags = image.allowTags === "any" ? "any" : `regexp:${image.allowTags.regexp}`;
  }
  if (image.ignoreTags !== undefined) settings.ignoreTags = [...image.ignoreTags];
  if (image.pullSecret !== undefined) settings.pullSecret = renderCredentialSource(image.pullSecret);
  if (image.platforms !== undefined) settings.platforms = [...image.platforms];
  const rendered: Record<string, unknown> = { alias: image.alias, imageName: image.imageName };
  if (Object.keys(settings).length > 0) rendered.commonUpdateSettings = settings;
  const target = image.manifestTarget;
  if (target !== undefined) {
    rendered.manifestTargets =
      "helm" in target ? { helm: { ...target.helm } } : { kustomize: { name: target.kustomize.name } };
  }
  return rendered;
}

/** The `spec` of the ImageUpdater resource (keys sorted). Does not validate. */
export function renderImageUpdaterSpec(props: ImageUpdaterProps): Record<string, unknown> {
  return sortKeysDeep({
    ...(requiresNamespace(props.controllerVersion) ? { namespace: props.namespace ?? "argocd" } : {}),
    applicationRefs: props.applicationRefs.map((ref) => ({
      namePattern: ref.namePattern,
      images: ref.images.map(renderImage),
      ...(ref.writeBackConfig !== undefined ? { writeBackConfig: renderWriteBack(ref.writeBackConfig) } : {}),
    })),
    ...(props.writeBackConfig !== undefined ? { writeBackConfig: renderWriteBack(props.writeBackConfig) } : {}),
  });
}

/**
 * The Argo CD Image Updater 1.x `ImageUpdater` resource (`argocd-image-updater.argoproj.io/v1alpha1`): which
 * Applications' images to follow, how to pick new tags, and how to write them back. By default it is rendered for
 * Image Updater v1.0.3 or later (v1.1.1 or later on 1.1.x), where Applications are looked up in the resource's own
 * namespace; set `controllerVersion` for v1.0.0-1.0.2 or v1.1.0, whose CRD requires `spec.namespace`. For 0.x use
 * {@link imageUpdaterAnnotations} on the Applications instead.
 */
export class ImageUpdater extends Construct {
  public readonly resource: ApiObject;

  public constructor(scope: Construct, id: string, props: ImageUpdaterProps) {
    super(scope, id);
    const problems = validateImageUpdaterProps(props);
    this.node.addValidation({ validate: () => problems });
    this.resource = new ApiObject(this, "Resource", {
      apiVersion: IMAGE_UPDATER_API_VERSION,
      kind: IMAGE_UPDATER_KIND,
      metadata: { name: props.name, namespace: props.namespace ?? "argocd", labels: { ...MANAGED_BY_LABELS } },
      spec: problems.length === 0 ? renderImageUpdaterSpec(props) : {},
    });
  }
}
