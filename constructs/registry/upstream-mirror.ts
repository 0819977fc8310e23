import { Construct } from "constructs";
import { CrArtifactSubscriptionRule } from "../../.gen/providers/alicloud/cr-artifact-subscription-rule";
import { Annotations } from "../engine";
import { FieldChecks, isUnresolved } from "../validation/field-checks";
import { forceNewAttributes } from "../validation/provider-constraints";
import type { IEnterpriseRegistry } from "./enterprise-registry";
import type { INamespace } from "./namespace";
import type { IRepository } from "./repository";
import {
  checkRegex,
  checkScope,
  namespaceNameOf,
  nonEmpty,
  repositoryNameOf,
  scopeDependencies,
} from "./policy-support";
import { claimName } from "../validation/unique-names";
import { listOrEmpty } from "../validation/references";
import type { NameRule } from "../../validation/problems";

const SUBSCRIPTION_RULE_TYPE = "alicloud_cr_artifact_subscription_rule";

/**
 * Public registry to mirror from (`source_provider`). Values from the CreateArtifactSubscriptionRule API docs;
 * constraints.json records none.
 */
export type UpstreamProvider = "DOCKER_HUB" | "GCR" | "QUAY";

const PROVIDERS: readonly UpstreamProvider[] = ["DOCKER_HUB", "GCR", "QUAY"];

/** Most tags one rule syncs: 30, and 5 for Docker Hub (ACR "Subscribe to image tags" guide). */
const MAX_TAGS = 30;
const MAX_DOCKER_HUB_TAGS = 5;

// A path component of a Docker image name (distribution reference grammar): lowercase alphanumerics with
// single separators `.`, `_`, `__` or runs of `-` inside.
const IMAGE_PATH_COMPONENT: NameRule = {
  pattern: /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/,
  minLength: 1,
  maxLength: 255,
  description: "must be a public image path component: lowercase letters and digits, separators . _ - inside",
};
const PLATFORM = /^[a-z0-9]+\/[a-z0-9]+(?:\/[a-z0-9]+)?$/;

/** The public image to mirror. */
export interface UpstreamImage {
  /**
   * The public registry.
   * @default "DOCKER_HUB"
   */
  readonly provider?: UpstreamProvider;
  /**
   * Namespace in the public registry, e.g. `library` for Docker Hub official images.
   * @default - none (the repository alone names the image)
   */
  readonly namespace?: string;
  /** Repository in the public registry, e.g. `nginx`. */
  readonly repository: string;
}

/** Options of an upstream mirror added with `namespace.addUpstreamMirror()`. */
export interface UpstreamMirrorOptions {
  /** The public image to mirror, e.g. `{ namespace: "library", repository: "nginx" }`. */
  readonly source: UpstreamImage;
  /** Repository in this namespace that receives the images; declare it so the rule is created after it. */
  readonly repository: IRepository;
  /**
   * Regular expression of the source tags to mirror.
   * @default ".*" - every tag
   */
  readonly tagFilter?: string;
  /**
   * How many of the most recent matching tags to mirror: 1-30 (at most 5 take effect for Docker Hub).
   * @default 5
   */
  readonly tagCount?: number;
  /**
   * Overwrite a tag that already exists in the target repository. Leave off for repositories with tag
   * immutability (the default of `Repository`).
   * @default false
   */
  readonly overwriteTags?: boolean;
  /**
   * The provider's `accelerate` flag ("whether to enable acceleration"; what it accelerates is not documented).
   * @default false
   */
  readonly accelerate?: boolean;
  /**
   * `os/arch[/variant]` platforms to mirror from multi-arch images.
   * @default ["linux/amd64"]
   */
  readonly platforms?: readonly string[];
}

/** Properties of an {@link UpstreamMirror}. */
export interface UpstreamMirrorProps extends UpstreamMirrorOptions {
  /** The instance to mirror into (Basic, Standard or Advanced edition per the ACR guide). */
  readonly registry: IEnterpriseRegistry;
  /** The namespace of the target repository. */
  readonly namespace: INamespace;
}

/**
 * Mirrors a public image (Docker Hub, GCR, Quay) into a repository of an Enterprise Edition instance
 * (`alicloud_cr_artifact_subscription_rule`, ACR "artifact subscription"), so clusters pull it from ACR over the
 * VPC instead of from the Internet. One rule per target repository; a second one is refused.
 *
 * Only `instance_id` is ForceNew ({@link UpstreamMirror.FORCE_NEW_ATTRIBUTES}); everything else updates in place.
 */
export class UpstreamMirror extends Construct {
  /** Arguments whose change replaces the rule (provider 1.289.0, from `constraints.json`). */
  public static readonly FORCE_NEW_ATTRIBUTES: readonly string[] = forceNewAttributes(SUBSCRIPTION_RULE_TYPE);

  /** The underlying Terraform resource, for overrides. */
  public readonly resource: CrArtifactSubscriptionRule;
  /** The instance mirrored into. */
  public readonly registry: IEnterpriseRegistry;

  public constructor(scope: Construct, id: string, props: UpstreamMirrorProps) {
    super(scope, id);
    this.registry = props.registry;
    const namespaceName = namespaceNameOf(props.namespace);
    const repositoryName = repositoryNameOf(props.repository) ?? "";
    // A missing source is reported below; the resource is still built so that every other problem shows too.
    const source = props.source ?? ({} as UpstreamImage);
    const provider = source.provider ?? "DOCKER_HUB";
    const tagCount = props.tagCount ?? 5;
    const platforms = props.platforms ?? ["linux/amd64"];

    this.resource = new CrArtifactSubscriptionRule(this, "Resource", {
      instanceId: props.registry?.instanceId,
      sourceProvider: provider,
      sourceNamespaceName: source.namespace,
      sourceRepoName: source.repository,
      namespaceName,
      repoName: repositoryName,
      tagRegexp: props.tagFilter ?? ".*",
      tagCount,
      override: props.overwriteTags ?? false,
      accelerate: props.accelerate ?? false,
      platform: [...listOrEmpty(platforms)],
      dependsOn: nonEmpty(scopeDependencies(props.namespace, props.repository)),
    });

    if (
      provider === "DOCKER_HUB" &&
      !isUnresolved(tagCount) &&
      tagCount > MAX_DOCKER_HUB_TAGS &&
      tagCount <= MAX_TAGS
    ) {
      Annotations.of(this).addWarning(
        `tagCount is ${tagCount}: ACR syncs at most ${MAX_DOCKER_HUB_TAGS} tags from Docker Hub`,
      );
    }
    const duplicates = claimName(
      props.registry,
      "upstream mirror target",
      `${namespaceName}/${repositoryName}`,
      this,
      "repository",
    );
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        checkScope(check, props.registry, props.namespace, props.repository, undefined, {
          namespace: true,
          repository: true,
        });
        if (check.object("source", props.source, { required: true })) checkSource(check, props.source);
        checkRegex(check, "tagFilter", props.tagFilter);
        check.integer("tagCount", props.tagCount, 1, MAX_TAGS);
        check.boolean("overwriteTags", props.overwriteTags);
        check.boolean("accelerate", props.accelerate);
        checkPlatforms(check, check.list("platforms", platforms));
        return [...check.messages(), ...duplicates()];
      },
    });
  }
}

function checkSource(check: FieldChecks, source: UpstreamImage): void {
  check.oneOf("source.provider", source.provider, PROVIDERS);
  check.name("source.namespace", source.namespace, IMAGE_PATH_COMPONENT);
  check.name("source.repository", source.repository, IMAGE_PATH_COMPONENT, { required: true });
}

function checkPlatforms(check: FieldChecks, platforms: readonly unknown[] | undefined): void {
  if (platforms === undefined) return;
  if (platforms.length === 0) check.fail("platforms", [], "must list at least one platform");
  platforms.forEach((p, i) => {
    if (!check.string(`platforms[${i}]`, p, { required: true })) return;
    if (!PLATFORM.test(p)) check.fail(`platforms[${i}]`, p, "must be os/arch or os/arch/variant, e.g. linux/arm64");
    else if (platforms.indexOf(p) !== i) check.fail(`platforms[${i}]`, p, "is listed more than once");
  });
}
