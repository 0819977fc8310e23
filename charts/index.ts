// Public API of the cdk8s charts. Nothing here imports cdktf: charts take plain registry facts.
export * from "./registry-facts";
export * from "./credential-helper/config";
export * from "./credential-helper/acr-configuration";
export * from "./credential-helper/managed-config";
export * from "./pull-secret/service-account-pull-secrets";
export * from "./argocd-image-updater/image-settings";
export * from "./argocd-image-updater/registries-config";
export * from "./argocd-image-updater/image-updater";
export * from "./argocd-image-updater/application-annotations";
export * from "./cluster-manifests";
export { collectChartWarnings, MANAGED_BY_LABELS } from "./chart-support";
