import { Construct } from "constructs";
import { CrChartRepository } from "../../.gen/providers/alicloud/cr-chart-repository";
import { FieldChecks } from "../validation/field-checks";
import { ChartNamespace } from "./chart-namespace";
import type { Visibility } from "./namespace";
import { checkRemovalPolicy, dataLifecycle, RemovalPolicy } from "./removal-policy";
import { claimName } from "../validation/unique-names";
import { EE_REPOSITORY_NAME } from "../../validation/rules";

/** Options of a chart repository added with `chartNamespace.addRepository()`. */
export interface ChartRepositoryOptions {
  /** Chart repository name: 2-64 lowercase letters and digits, separators `_ - .` inside. */
  readonly name: string;
  /**
   * @default "PRIVATE"
   */
  readonly visibility?: Visibility;
  /**
   * One-line description (1-100 characters).
   * @default "Managed by acr-platform"
   */
  readonly summary?: string;
  /**
   * What may happen to the chart repository and its charts on destroy or replacement.
   * @default RemovalPolicy.PROTECT
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Properties of a {@link ChartRepository}. */
export interface ChartRepositoryProps extends ChartRepositoryOptions {
  /** The chart namespace to create the repository in. */
  readonly namespace: ChartNamespace;
}

/** A Helm chart repository of an Enterprise Edition instance (`alicloud_cr_chart_repository`). */
export class ChartRepository extends Construct {
  /** The underlying Terraform resource, for overrides. */
  public readonly resource: CrChartRepository;
  /** The chart namespace holding the repository. */
  public readonly namespace: ChartNamespace;
  /** Chart repository name. */
  public readonly repositoryName: string;

  public constructor(scope: Construct, id: string, props: ChartRepositoryProps) {
    super(scope, id);
    this.namespace = props.namespace;
    this.repositoryName = props.name;
    this.resource = new CrChartRepository(this, "Resource", {
      instanceId: props.namespace?.registry?.instanceId,
      repoNamespaceName: props.namespace?.namespaceName,
      repoName: props.name,
      repoType: props.visibility ?? "PRIVATE",
      summary: props.summary ?? "Managed by acr-platform",
      dependsOn: props.namespace instanceof ChartNamespace ? [props.namespace.resource] : undefined,
      lifecycle: dataLifecycle(props.removalPolicy),
    });
    const duplicates = claimName(props.namespace, "chart repository name", props.name, this);
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("name", props.name, EE_REPOSITORY_NAME, { required: true });
        check.instanceOf(
          "namespace",
          props.namespace,
          ChartNamespace,
          "a ChartNamespace (registry.addChartNamespace)",
          {
            required: true,
          },
        );
        check.provider("visibility", props.visibility, "alicloud_cr_chart_repository", "repo_type");
        check.length("summary", props.summary, 1, 100);
        checkRemovalPolicy(check, props.removalPolicy);
        return [...check.messages(), ...duplicates()];
      },
    });
  }
}
