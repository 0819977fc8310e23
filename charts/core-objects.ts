import { ApiObject } from "cdk8s";
import type { KubeConfigMapProps, KubeServiceAccountProps } from "cdk8s-plus-28/lib/imports/k8s";
import { Construct } from "constructs";

// The two core/v1 kinds the charts render, as plain API objects. cdk8s-plus-28's generated classes (KubeConfigMap,
// KubeServiceAccount) render the same YAML, because cdk8s sorts every object's keys, but the module that holds them
// defines some 700 classes: about 30 ms of every synth, for two of them. Their props types are still the generated
// ones (a type-only import), and the objects are ApiObjects, as those classes are.

/** A ConfigMap (v1). */
export function configMap(scope: Construct, id: string, props: KubeConfigMapProps): ApiObject {
  return new ApiObject(scope, id, { apiVersion: "v1", kind: "ConfigMap", ...props });
}

/** A ServiceAccount (v1). */
export function serviceAccount(scope: Construct, id: string, props: KubeServiceAccountProps): ApiObject {
  return new ApiObject(scope, id, { apiVersion: "v1", kind: "ServiceAccount", ...props });
}
