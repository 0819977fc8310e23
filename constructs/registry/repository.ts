import { Construct, IConstruct } from "constructs";
import { Arn } from "../access/arn";
import { CrEeRepo } from "../../.gen/providers/alicloud/cr-ee-repo";
import { FieldChecks } from "../validation/field-checks";
import type { INamespace, Visibility } from "./namespace";
import { checkRemovalPolicy, dataLifecycle, RemovalPolicy } from "./removal-policy";
import { checkNamespace } from "./references";
import { IRepositoryScope, RepositoryScope } from "./repository-scope";
import { claimName } from "../validation/unique-names";
import { EE_REPOSITORY_NAME } from "../../validation/rules";

/** Which registry endpoint an image reference uses. */
export type RegistryEndpoint = "vpc" | "public";

/** An image repository of an Enterprise Edition instance: created here, or a reference to one that exists. */
export interface IRepository extends IConstruct, IRepositoryScope {
  /** The namespace holding the repository. */
  readonly namespace: INamespace;
  /** Repository name. */
  readonly repositoryName: string;
  /** The Terraform resource when the repository is created here; rules on it are created after it. */
  readonly resource?: CrEeRepo;
  /** `<public domain>/<namespace>/<repository>`, the image name to use from outside a VPC. */
  readonly repositoryUri: string;
  /** `<VPC domain>/<namespace>/<repository>`, the image name for clusters in a linked VPC. */
  readonly vpcRepositoryUri: string;
  /** The full image reference of `tag` on the chosen endpoint. */
  uriForTag(tag: string, endpoint?: RegistryEndpoint): string;
  /** The full image reference of `digest` (`sha256:...`) on the chosen endpoint. */
  uriForDigest(digest: string, endpoint?: RegistryEndpoint): string;
}

/** What {@link Repository.fromRepositoryName} needs: the namespace and the repository's name in it. */
export interface RepositoryReference {
  /** The namespace holding the repository (created here, or `Namespace.fromNamespaceName` for another instance). */
  readonly namespace: INamespace;
  /** Repository name. */
  readonly name: string;
}

/** Options of a repository added with `namespace.addRepository()`. */
export interface RepositoryOptions {
  /** Repository name: 2-64 lowercase letters and digits, separators `_ - .` inside. */
  readonly name: string;
  /**
   * `PUBLIC` lets anyone who reaches the endpoint pull without credentials.
   * @default "PRIVATE"
   */
  readonly visibility?: Visibility;
  /**
   * One-line description shown in the console (1-100 characters).
   * @default "Managed by acr-platform"
   */
  readonly summary?: string;
  /**
   * Longer description (Markdown), up to 2000 characters.
   * @default - none
   */
  readonly detail?: string;
  /**
   * Refuse pushes that would overwrite an existing tag, so a tag always names the same image.
   * @default true
   */
  readonly tagImmutability?: boolean;
  /**
   * What may happen to the repository and its images on destroy or replacement.
   * @default RemovalPolicy.PROTECT
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Properties of a {@link Repository}. */
export interface RepositoryProps extends RepositoryOptions {
  /** The namespace to create the repository in. */
  readonly namespace: INamespace;
}

/** Shared behaviour of created and referenced repositories; props that take a repository check for this class. */
export abstract class RepositoryBase extends RepositoryScope implements IRepository {
  public abstract readonly namespace: INamespace;
  public abstract readonly repositoryName: string;
  public abstract readonly resource?: CrEeRepo;

  public get repositoryArns(): string[] {
    const { region, accountId, instanceId } = this.namespace.registry;
    return [Arn.crRepository(region, accountId, instanceId, this.namespace.namespaceName, this.repositoryName)];
  }

  public get repositoryUri(): string {
    return this.uriFor("public");
  }

  public get vpcRepositoryUri(): string {
    return this.uriFor("vpc");
  }

  public uriForTag(tag: string, endpoint: RegistryEndpoint = "vpc"): string {
    return `${this.uriFor(endpoint)}:${tag}`;
  }

  public uriForDigest(digest: string, endpoint: RegistryEndpoint = "vpc"): string {
    return `${this.uriFor(endpoint)}@${digest}`;
  }

  private uriFor(endpoint: RegistryEndpoint): string {
    const registry = this.namespace.registry;
    const domain = endpoint === "vpc" ? registry.vpcDomain : registry.publicDomain;
    return `${domain}/${this.namespace.namespaceName}/${this.repositoryName}`;
  }
}

/** An image repository of an Enterprise Edition instance (`alicloud_cr_ee_repo`). */
export class Repository extends RepositoryBase {
  /**
   * Refers to a repository that exists already (pushed by an auto-creating namespace, made by hand, or declared in
   * another stack or app), to grant on it or name it in rules. For another instance, pass a namespace of
   * `EnterpriseRegistry.fromInstanceAttributes(...)` through `Namespace.fromNamespaceName`.
   */
  public static fromRepositoryName(scope: Construct, id: string, reference: RepositoryReference): IRepository {
    return new ImportedRepository(scope, id, reference);
  }

  /** The underlying Terraform resource, for overrides. */
  public readonly resource: CrEeRepo;
  /** The namespace holding the repository. */
  public readonly namespace: INamespace;
  /** Repository name. */
  public readonly repositoryName: string;

  public constructor(scope: Construct, id: string, props: RepositoryProps) {
    super(scope, id);
    this.namespace = props.namespace;
    this.repositoryName = props.name;
    this.resource = new CrEeRepo(this, "Resource", {
      instanceId: props.namespace?.registry?.instanceId,
      namespace: props.namespace?.namespaceName,
      name: props.name,
      repoType: props.visibility ?? "PRIVATE",
      summary: props.summary ?? "Managed by acr-platform",
      detail: props.detail,
      tagImmutability: props.tagImmutability ?? true,
      dependsOn: props.namespace?.resource ? [props.namespace.resource] : undefined,
      lifecycle: dataLifecycle(props.removalPolicy),
    });
    const duplicates = claimName(props.namespace, "repository name", props.name, this);
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("name", props.name, EE_REPOSITORY_NAME, { required: true });
        checkNamespace(check, "namespace", props.namespace, { required: true });
        check.provider("visibility", props.visibility, "alicloud_cr_ee_repo", "repo_type");
        check.length("summary", props.summary, 1, 100);
        check.length("detail", props.detail, 0, 2000);
        check.boolean("tagImmutability", props.tagImmutability);
        checkRemovalPolicy(check, props.removalPolicy);
        return [...check.messages(), ...duplicates()];
      },
    });
  }
}

class ImportedRepository extends RepositoryBase {
  public readonly resource = undefined;
  public readonly namespace: INamespace;
  public readonly repositoryName: string;

  public constructor(scope: Construct, id: string, reference: RepositoryReference) {
    super(scope, id);
    this.namespace = reference?.namespace;
    this.repositoryName = reference?.name;
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("name", reference?.name, EE_REPOSITORY_NAME, { required: true });
        checkNamespace(check, "namespace", reference?.namespace, { required: true });
        return check.messages();
      },
    });
  }
}
