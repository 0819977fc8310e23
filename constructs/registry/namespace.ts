import { Construct, IConstruct } from "constructs";
import { Arn } from "../access/arn";
import { CrEeNamespace } from "../../.gen/providers/alicloud/cr-ee-namespace";
import { FieldChecks } from "../validation/field-checks";
import type { IEnterpriseRegistry } from "./enterprise-registry";
import { checkRemovalPolicy, dataLifecycle, RemovalPolicy } from "./removal-policy";
import { checkRegistry } from "./references";
import { DeliveryChain, DeliveryChainOptions } from "./delivery-chain";
import { ReplicationRule, ReplicationRuleOptions, ReplicationTarget } from "./replication-rule";
import { IRepository, Repository, RepositoryBase, RepositoryOptions } from "./repository";
import { RetentionRule, RetentionRuleOptions } from "./retention-rule";
import { UpstreamMirror, UpstreamMirrorOptions } from "./upstream-mirror";
import { IRepositoryScope, RepositoryScope } from "./repository-scope";
import { claimName } from "../validation/unique-names";
import { declaredOrReference } from "./declared-or-reference";
import { EE_NAMESPACE_NAME } from "../../validation/rules";

/** Who may pull from a repository without credentials. */
export type Visibility = "PRIVATE" | "PUBLIC";

/** An image namespace of an Enterprise Edition instance, created here or imported. */
export interface INamespace extends IConstruct, IRepositoryScope {
  /** The instance the namespace belongs to. */
  readonly registry: IEnterpriseRegistry;
  /** Namespace name. */
  readonly namespaceName: string;
  /** The Terraform resource when the namespace is created here; repositories depend on it. */
  readonly resource?: CrEeNamespace;
  /** Adds an image repository to this namespace. */
  addRepository(id: string, options: RepositoryOptions): Repository;
  /**
   * The repository `name` of this namespace: the one declared with {@link addRepository}, else a reference to it
   * (for a namespace declared here, that is a problem unless it creates repositories on push).
   */
  repository(name: string): IRepository;
  /** Replicates this namespace (or one of its repositories) to another region or account. */
  replicateTo(
    id: string,
    target: ReplicationTarget,
    options?: Omit<ReplicationRuleOptions, "namespace">,
  ): ReplicationRule;
  /** Adds a tag retention rule for this namespace (or one of its repositories). */
  addRetentionRule(id: string, options: RetentionRuleOptions): RetentionRule;
  /** Mirrors an upstream public image (Docker Hub, GCR, Quay) into a repository of this namespace. */
  addUpstreamMirror(id: string, options: UpstreamMirrorOptions): UpstreamMirror;
  /** Adds a delivery chain (build, scan, block, distribute) for a repository of this namespace. */
  addDeliveryChain(id: string, options: DeliveryChainOptions): DeliveryChain;
}

/** Options of a namespace added with `registry.addNamespace()`. */
export interface NamespaceOptions {
  /** Namespace name: 2-120 lowercase letters and digits, separators `_ - .` inside. */
  readonly name: string;
  /**
   * Let `docker push` create repositories that are not declared in code.
   * @default false - every repository is declared, reviewed and protected
   */
  readonly autoCreateRepositories?: boolean;
  /**
   * Visibility of repositories that pushes create automatically.
   * @default "PRIVATE"
   */
  readonly defaultVisibility?: Visibility;
  /**
   * What may happen to the namespace and its images on destroy or replacement.
   * @default RemovalPolicy.PROTECT
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Properties of a {@link Namespace}. */
export interface NamespaceProps extends NamespaceOptions {
  /** The instance to create the namespace in. */
  readonly registry: IEnterpriseRegistry;
}

/** Shared behaviour of created and imported namespaces; props that take a namespace check for this class. */
export abstract class NamespaceBase extends RepositoryScope implements INamespace {
  public abstract readonly registry: IEnterpriseRegistry;
  public abstract readonly namespaceName: string;
  public abstract readonly resource?: CrEeNamespace;

  public get repositoryArns(): string[] {
    const { region, accountId, instanceId } = this.registry;
    return [Arn.crAllRepositoriesInNamespace(region, accountId, instanceId, this.namespaceName)];
  }

  public addRepository(id: string, options: RepositoryOptions): Repository {
    return new Repository(this, id, { ...options, namespace: this });
  }

  public repository(name: string): IRepository {
    return declaredOrReference(this, "repository name", name, RepositoryBase, (id) => {
      const reference = Repository.fromRepositoryName(this, id, { namespace: this, name });
      reference.node.addValidation({
        // Judged at validation, so a repository declared after the lookup counts.
        validate: () =>
          reference !== this.repository(name) || !this.repositoriesMustBeDeclared
            ? []
            : [
                `name = ${JSON.stringify(name)}: no repository of that name is declared in namespace ` +
                  `${JSON.stringify(this.namespaceName)} (${this.node.path}), which does not create repositories ` +
                  "on push; declare it with addRepository, or use Repository.fromRepositoryName for one made elsewhere",
              ],
      });
      return reference;
    });
  }

  /** Whether every repository of the namespace must be declared here, so a lookup of another name is a mistake. */
  protected get repositoriesMustBeDeclared(): boolean {
    return false;
  }

  public replicateTo(
    id: string,
    target: ReplicationTarget,
    options: Omit<ReplicationRuleOptions, "namespace"> = {},
  ): ReplicationRule {
    return new ReplicationRule(this, id, { ...options, target, namespace: this, registry: this.registry });
  }

  public addRetentionRule(id: string, options: RetentionRuleOptions): RetentionRule {
    return new RetentionRule(this, id, { ...options, namespace: this, registry: this.registry });
  }

  public addUpstreamMirror(id: string, options: UpstreamMirrorOptions): UpstreamMirror {
    return new UpstreamMirror(this, id, { ...options, namespace: this, registry: this.registry });
  }

  public addDeliveryChain(id: string, options: DeliveryChainOptions): DeliveryChain {
    return new DeliveryChain(this, id, { ...options, namespace: this, registry: this.registry });
  }
}

/** An image namespace of an Enterprise Edition instance (`alicloud_cr_ee_namespace`). */
export class Namespace extends NamespaceBase {
  /** Refers to a namespace that already exists in `registry`, to add repositories or grants to it. */
  public static fromNamespaceName(
    scope: Construct,
    id: string,
    registry: IEnterpriseRegistry,
    name: string,
  ): INamespace {
    return new ImportedNamespace(scope, id, registry, name);
  }

  public readonly registry: IEnterpriseRegistry;
  public readonly namespaceName: string;
  public readonly resource: CrEeNamespace;
  private readonly autoCreateRepositories: boolean;

  public constructor(scope: Construct, id: string, props: NamespaceProps) {
    super(scope, id);
    this.autoCreateRepositories = props.autoCreateRepositories ?? false;
    this.registry = props.registry;
    this.namespaceName = props.name;
    this.resource = new CrEeNamespace(this, "Resource", {
      instanceId: props.registry?.instanceId,
      name: props.name,
      autoCreate: this.autoCreateRepositories,
      defaultVisibility: props.defaultVisibility ?? "PRIVATE",
      lifecycle: dataLifecycle(props.removalPolicy),
    });
    const duplicates = claimName(props.registry, "namespace name", props.name, this);
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("name", props.name, EE_NAMESPACE_NAME, { required: true });
        checkRegistry(check, props.registry);
        check.boolean("autoCreateRepositories", props.autoCreateRepositories);
        check.provider("defaultVisibility", props.defaultVisibility, "alicloud_cr_ee_namespace", "default_visibility");
        checkRemovalPolicy(check, props.removalPolicy);
        return [...check.messages(), ...duplicates()];
      },
    });
  }

  public get createsRepositoriesOnPush(): boolean {
    return this.autoCreateRepositories;
  }

  protected get repositoriesMustBeDeclared(): boolean {
    return !this.autoCreateRepositories;
  }
}

class ImportedNamespace extends NamespaceBase {
  public readonly resource = undefined;

  public constructor(
    scope: Construct,
    id: string,
    public readonly registry: IEnterpriseRegistry,
    public readonly namespaceName: string,
  ) {
    super(scope, id);
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("name", namespaceName, EE_NAMESPACE_NAME, { required: true });
        checkRegistry(check, registry);
        return check.messages();
      },
    });
  }
}
