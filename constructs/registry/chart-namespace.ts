import { Construct, IConstruct } from "constructs";
import { CrChartNamespace } from "../../.gen/providers/alicloud/cr-chart-namespace";
import { Arn } from "../access/arn";
import type { Grant } from "../access/grant";
import type { IGrantee } from "../access/grantee";
import { grantRepositoryAccess } from "../access/repository-grant";
import { FieldChecks } from "../validation/field-checks";
import { ChartRepository, ChartRepositoryBase, ChartRepositoryOptions, IChartRepository } from "./chart-repository";
import type { IEnterpriseRegistry } from "./enterprise-registry";
import type { Visibility } from "./namespace";
import { checkRemovalPolicy, dataLifecycle, RemovalPolicy } from "./removal-policy";
import { checkRegistry } from "./references";
import { claimName } from "../validation/unique-names";
import { declaredOrReference } from "./declared-or-reference";
import { EE_NAMESPACE_NAME } from "../../validation/rules";

/** Options of a Helm chart namespace added with `registry.addChartNamespace()`. */
export interface ChartNamespaceOptions {
  /** Chart namespace name: 2-120 lowercase letters and digits, separators `_ - .` inside. */
  readonly name: string;
  /**
   * Let `helm push` create chart repositories that are not declared in code.
   * @default false
   */
  readonly autoCreateRepositories?: boolean;
  /**
   * Visibility of automatically created chart repositories.
   * @default "PRIVATE"
   */
  readonly defaultVisibility?: Visibility;
  /**
   * What may happen to the chart namespace on destroy or replacement.
   * @default RemovalPolicy.PROTECT
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Properties of a {@link ChartNamespace}. */
export interface ChartNamespaceProps extends ChartNamespaceOptions {
  /** The instance to create the chart namespace in. */
  readonly registry: IEnterpriseRegistry;
}

/** A Helm chart namespace of an Enterprise Edition instance, created here or a reference to one that exists. */
export interface IChartNamespace extends IConstruct {
  /** The instance the chart namespace belongs to. */
  readonly registry: IEnterpriseRegistry;
  /** Chart namespace name. */
  readonly namespaceName: string;
  /** The Terraform resource when the chart namespace is created here; its repositories depend on it. */
  readonly resource?: CrChartNamespace;
  /** The chart ARNs that stand for the whole chart namespace in RAM policies. */
  readonly chartArns: string[];
  /** Adds a Helm chart repository to this namespace. */
  addRepository(id: string, options: ChartRepositoryOptions): ChartRepository;
  /** The chart repository `name` of this namespace: the one declared here, else a reference to it. */
  repository(name: string): IChartRepository;
  /** Grants pulling every chart of the namespace (`helm pull`): its default policy gets the statements. */
  grantPull(grantee: IGrantee): Grant;
}

/** Shared behaviour of created and referenced chart namespaces; props that take one check for this class. */
export abstract class ChartNamespaceBase extends Construct implements IChartNamespace {
  public abstract readonly registry: IEnterpriseRegistry;
  public abstract readonly namespaceName: string;
  public abstract readonly resource?: CrChartNamespace;

  public get chartArns(): string[] {
    const { region, accountId, instanceId } = this.registry;
    return [Arn.crAllChartsInNamespace(region, accountId, instanceId, this.namespaceName)];
  }

  public addRepository(id: string, options: ChartRepositoryOptions): ChartRepository {
    return new ChartRepository(this, id, { ...options, namespace: this });
  }

  public repository(name: string): IChartRepository {
    return declaredOrReference(this, "chart repository name", name, ChartRepositoryBase, (id) =>
      ChartRepository.fromChartRepositoryName(this, id, { namespace: this, name }),
    );
  }

  public grantPull(grantee: IGrantee): Grant {
    return grantChartPull(this, grantee, this.chartArns);
  }
}

/**
 * Grants `helm pull` on `chartArns`: the CR API reference maps the chart APIs to the repository actions on
 * `chart/...` ARNs (GetChartRepository is authorised as `cr:GetRepository`), so a chart pull is `cr:PullRepository`
 * there, with `cr:GetAuthorizationToken` on `*` for the login.
 */
export function grantChartPull(scope: Construct, grantee: IGrantee, chartArns: readonly string[]): Grant {
  return grantRepositoryAccess(scope, grantee, { access: "pull", resourceArns: chartArns });
}

/** A Helm chart namespace of an Enterprise Edition instance (`alicloud_cr_chart_namespace`). */
export class ChartNamespace extends ChartNamespaceBase {
  /** Refers to a chart namespace that exists in `registry`, to grant on it or add chart repositories to it. */
  public static fromChartNamespaceName(
    scope: Construct,
    id: string,
    registry: IEnterpriseRegistry,
    name: string,
  ): IChartNamespace {
    return new ImportedChartNamespace(scope, id, registry, name);
  }

  /** The underlying Terraform resource, for overrides. */
  public readonly resource: CrChartNamespace;
  /** The instance the chart namespace belongs to. */
  public readonly registry: IEnterpriseRegistry;
  /** Chart namespace name. */
  public readonly namespaceName: string;

  public constructor(scope: Construct, id: string, props: ChartNamespaceProps) {
    super(scope, id);
    this.registry = props.registry;
    this.namespaceName = props.name;
    this.resource = new CrChartNamespace(this, "Resource", {
      instanceId: props.registry?.instanceId,
      namespaceName: props.name,
      autoCreateRepo: props.autoCreateRepositories ?? false,
      defaultRepoType: props.defaultVisibility ?? "PRIVATE",
      lifecycle: dataLifecycle(props.removalPolicy),
    });
    const duplicates = claimName(props.registry, "chart namespace name", props.name, this);
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("name", props.name, EE_NAMESPACE_NAME, { required: true });
        checkRegistry(check, props.registry);
        check.boolean("autoCreateRepositories", props.autoCreateRepositories);
        check.provider(
          "defaultVisibility",
          props.defaultVisibility,
          "alicloud_cr_chart_namespace",
          "default_repo_type",
        );
        checkRemovalPolicy(check, props.removalPolicy);
        return [...check.messages(), ...duplicates()];
      },
    });
  }
}

class ImportedChartNamespace extends ChartNamespaceBase {
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
