import { IConstruct } from "constructs";

/** Labels on every object the charts render, so `kubectl get -l` finds what this repository manages. */
export const MANAGED_BY_LABELS = { "app.kubernetes.io/managed-by": "acr-platform" } as const;

/** Construct metadata type of chart warnings (cdk8s has no Annotations API like cdktf's). */
export const CHART_WARNING = "acr-platform:warning";

/** Records advice that does not block synthesis; {@link collectChartWarnings} reads it back. */
export function addChartWarning(scope: IConstruct, message: string): void {
  scope.node.addMetadata(CHART_WARNING, message);
}

/** Every warning under `root`, prefixed with its construct path. */
export function collectChartWarnings(root: IConstruct): string[] {
  return root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata.filter((m) => m.type === CHART_WARNING).map((m) => `[${c.node.path}] ${String(m.data)}`),
    );
}

/** Every validation problem under `root`, prefixed with its construct path. */
export function collectChartProblems(root: IConstruct): string[] {
  return root.node.findAll().flatMap((c) => c.node.validate().map((message) => `[${c.node.path}] ${message}`));
}
