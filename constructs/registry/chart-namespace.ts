import { Construct } from "constructs";
import { CrChartNamespace } from "../../.gen/providers/alicloud/cr-chart-namespace";
import { FieldChecks } from "../validation/field-checks";
import { ChartRepository, ChartRepositoryOptions } from "./chart-repository";
import type { IEnterpriseRegistry } from "./enterprise-registry";
import type { Visibility } from "./namespace";
import { checkRemovalPolicy, dataLifecycle, RemovalPolicy } from "./removal-policy";
import { checkRegistry } from "./references";
import { claimName } from "../validation/unique-names";
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

/** A Helm chart namespace of an Enterprise Edition instance (`alicloud_cr_chart_namespace`). */
export class ChartNamespace extends Construct {
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

  /** Adds a Helm chart repository to this namespace. */
  public addRepository(id: string, options: ChartRepositoryOptions): ChartRepository {
    return new ChartRepository(this, id, { ...options, namespace: this });
  }
}
