import { Construct, IConstruct } from "constructs";
import { CrChartRepository } from "../../.gen/providers/alicloud/cr-chart-repository";
import { Arn } from "../access/arn";
import type { Grant } from "../access/grant";
import type { IGrantee } from "../access/grantee";
import { FieldChecks } from "../validation/field-checks";
import { ChartNamespaceBase, grantChartPull, IChartNamespace } from "./chart-namespace";
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
  readonly namespace: IChartNamespace;
}

/** What {@link ChartRepository.fromChartRepositoryName} needs: the chart namespace and the repository's name. */
export interface ChartRepositoryReference {
  /** The chart namespace holding the repository (created here, or `ChartNamespace.fromChartNamespaceName`). */
  readonly namespace: IChartNamespace;
  /** Chart repository name. */
  readonly name: string;
}

/** A Helm chart repository of an Enterprise Edition instance, created here or a reference to one that exists. */
export interface IChartRepository extends IConstruct {
  /** The chart namespace holding the repository. */
  readonly namespace: IChartNamespace;
  /** Chart repository name. */
  readonly repositoryName: string;
  /** The Terraform resource when the chart repository is created here. */
  readonly resource?: CrChartRepository;
  /** The chart ARN of this repository in RAM policies. */
  readonly chartArns: string[];
  /** Grants pulling the repository's charts (`helm pull`). */
  grantPull(grantee: IGrantee): Grant;
}

/** Shared behaviour of created and referenced chart repositories. */
export abstract class ChartRepositoryBase extends Construct implements IChartRepository {
  public abstract readonly namespace: IChartNamespace;
  public abstract readonly repositoryName: string;
  public abstract readonly resource?: CrChartRepository;

  public get chartArns(): string[] {
    const { region, accountId, instanceId } = this.namespace.registry;
    return [Arn.crChart(region, accountId, instanceId, this.namespace.namespaceName, this.repositoryName)];
  }

  public grantPull(grantee: IGrantee): Grant {
    return grantChartPull(this, grantee, this.chartArns);
  }
}

/** A Helm chart repository of an Enterprise Edition instance (`alicloud_cr_chart_repository`). */
export class ChartRepository extends ChartRepositoryBase {
  /** Refers to a chart repository that exists already, to grant on it. */
  public static fromChartRepositoryName(
    scope: Construct,
    id: string,
    reference: ChartRepositoryReference,
  ): IChartRepository {
    return new ImportedChartRepository(scope, id, reference);
  }

  /** The underlying Terraform resource, for overrides. */
  public readonly resource: CrChartRepository;
  /** The chart namespace holding the repository. */
  public readonly namespace: IChartNamespace;
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
      dependsOn:
        props.namespace instanceof ChartNamespaceBase && props.namespace.resource
          ? [props.namespace.resource]
          : undefined,
      lifecycle: dataLifecycle(props.removalPolicy),
    });
    const duplicates = claimName(props.namespace, "chart repository name", props.name, this);
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("name", props.name, EE_REPOSITORY_NAME, { required: true });
        checkChartNamespace(check, props.namespace);
        check.provider("visibility", props.visibility, "alicloud_cr_chart_repository", "repo_type");
        check.length("summary", props.summary, 1, 100);
        checkRemovalPolicy(check, props.removalPolicy);
        return [...check.messages(), ...duplicates()];
      },
    });
  }
}

class ImportedChartRepository extends ChartRepositoryBase {
  public readonly resource = undefined;
  public readonly namespace: IChartNamespace;
  public readonly repositoryName: string;

  public constructor(scope: Construct, id: string, reference: ChartRepositoryReference) {
    super(scope, id);
    this.namespace = reference?.namespace;
    this.repositoryName = reference?.name;
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("name", reference?.name, EE_REPOSITORY_NAME, { required: true });
        checkChartNamespace(check, reference?.namespace);
        return check.messages();
      },
    });
  }
}

function checkChartNamespace(check: FieldChecks, value: unknown): boolean {
  return check.instanceOf(
    "namespace",
    value,
    ChartNamespaceBase,
    "a ChartNamespace (registry.addChartNamespace or ChartNamespace.fromChartNamespaceName)",
    { required: true },
  );
}
