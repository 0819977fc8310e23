// Public API of the acr-platform constructs.
export * from "./registry/enterprise-registry";
export * from "./registry/namespace";
export * from "./registry/repository";
export * from "./registry/chart-namespace";
export * from "./registry/chart-repository";
export * from "./registry/personal-namespace";
export * from "./registry/personal-repository";
export * from "./registry/registry-password";
export * from "./registry/removal-policy";
export * from "./registry/repository-scope";
export { enterpriseDomains, RegistryDomains } from "./registry/endpoints";
export * from "./access/arn";
export * from "./access/grantee";
export * from "./access/policy-document";
export * from "./access/ram-role";
export * from "./access/repository-grant";
export { ConfigurationError, synthesizeApp } from "./validation/synthesize";
