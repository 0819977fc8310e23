// Public API of the cluster-side constructs (the bridge to charts/ and the managed add-on).
export * from "./registry-facts";
export * from "./managed-credential-helper";
export * from "./deployed-registry-facts";
