import { NameRule } from "./problems";

// The one table of naming and id rules, for constructs, charts and the platform definition alike.
// Sources: ../providers/alicloud/README.md (naming facts), Alibaba CreateInstance / CreateNamespace / RAM API docs,
// Kubernetes object naming (RFC 1123).

/** Lowercase letters and digits, with the separators `_ - .` allowed inside but not first or last. */
function separatedName(minLength: number, maxLength: number): NameRule {
  return {
    pattern: /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/,
    minLength,
    maxLength,
    description: `must be ${minLength}-${maxLength} characters of lowercase letters and digits, with separators _ - . allowed but not first or last`,
  };
}

/** `<prefix>-` followed by lowercase letters and digits: the shape of Alibaba Cloud resource ids. */
function resourceId(prefix: string, what: string): NameRule {
  return {
    pattern: new RegExp(`^${prefix}-[a-z0-9]+$`),
    minLength: prefix.length + 2,
    maxLength: 64,
    description: `must be ${what}: ${prefix}- followed by lowercase letters and digits`,
  };
}

/** Enterprise Edition instance name: also the first label of the registry domains. */
export const INSTANCE_NAME: NameRule = {
  pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
  minLength: 3,
  maxLength: 30,
  description: "must be 3-30 characters of lowercase letters, digits and hyphens, not starting or ending with a hyphen",
};

/** Enterprise Edition instance id, as the console and API show it. */
export const INSTANCE_ID = resourceId("cri", "an Enterprise Edition instance id");

/** VPC id. */
export const VPC_ID = resourceId("vpc", "a VPC id");

/** vSwitch id. */
export const VSWITCH_ID = resourceId("vsw", "a vSwitch id");

/** Alibaba Cloud account UID. */
export const ACCOUNT_ID: NameRule = {
  pattern: /^[0-9]+$/,
  minLength: 16,
  maxLength: 16,
  description: "must be the 16-digit account UID",
};

/** Alibaba Cloud region id, e.g. `cn-hangzhou`, `ap-southeast-1`, `cn-hangzhou-finance`. */
export const REGION_ID: NameRule = {
  pattern: /^[a-z]{2,3}(?:-[a-z0-9]+)+$/,
  minLength: 4,
  maxLength: 40,
  description: "must be an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1",
};

/** Region ids with an ACR API endpoint (Alibaba OpenAPI metadata, 2025-12). */
export const ACR_REGIONS: ReadonlySet<string> = new Set(
  (
    "cn-qingdao cn-beijing cn-zhangjiakou cn-huhehaote cn-wulanchabu cn-hangzhou cn-shanghai cn-nanjing cn-fuzhou " +
    "cn-shenzhen cn-heyuan cn-guangzhou cn-chengdu cn-wuhan-lr cn-zhengzhou-jva cn-hongkong ap-northeast-1 " +
    "ap-northeast-2 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-5 ap-southeast-6 ap-southeast-7 " +
    "ap-south-1 us-east-1 us-west-1 us-southeast-1 na-south-1 eu-west-1 eu-central-1 me-east-1 me-central-1 " +
    "cn-hangzhou-finance cn-shanghai-finance-1 cn-shenzhen-finance-1 cn-beijing-finance-1 cn-heyuan-acdr-1 " +
    "cn-wulanchabu-gic-1"
  ).split(" "),
);

/** Enterprise Edition image or chart namespace. */
export const EE_NAMESPACE_NAME = separatedName(2, 120);

/**
 * Enterprise Edition repository. The API documents no rule; this is the console's rule, which also keeps names
 * valid in Docker image references.
 */
export const EE_REPOSITORY_NAME = separatedName(2, 64);

/** Personal Edition namespace or repository (provider validators: 2-30 characters). */
export const PERSONAL_NAME = separatedName(2, 30);

/**
 * Name of a policy rule (replication rule, scan rule, delivery chain): 1-64 lowercase letters and digits, with
 * `_ - .` inside. This is the rule the provider documents for `alicloud_cr_chain.chain_name`; the API documents
 * none for sync and scan rule names, so they get the same conservative rule.
 */
export const POLICY_RULE_NAME = separatedName(1, 64);

/** RAM role names: 1-64 letters, digits, `.` and `-` (RAM CreateRole). */
export const RAM_ROLE_NAME: NameRule = {
  pattern: /^[A-Za-z0-9.-]+$/,
  minLength: 1,
  maxLength: 64,
  description: "must be 1-64 characters of letters, digits, . and -",
};

/** RAM user and group names: 1-64 letters, digits, `.`, `_` and `-`. */
export const RAM_PRINCIPAL_NAME: NameRule = {
  pattern: /^[A-Za-z0-9._-]+$/,
  minLength: 1,
  maxLength: 64,
  description: "must be 1-64 characters of letters, digits, . _ and -",
};

/** RAM custom policy names: 1-128 letters, digits and `-` (RAM CreatePolicy). */
export const RAM_POLICY_NAME: NameRule = {
  pattern: /^[A-Za-z0-9-]+$/,
  minLength: 1,
  maxLength: 128,
  description: "must be 1-128 characters of letters, digits and -",
};

/** A construct id chosen by the user that becomes part of a Terraform address. */
export const ADDRESS_KEY: NameRule = {
  pattern: /^[A-Za-z0-9_-]+$/,
  minLength: 1,
  maxLength: 64,
  description: "must be 1-64 letters, digits, _ and - (it becomes part of the Terraform resource address)",
};

/** Kubernetes namespace and label-style names (RFC 1123 label). */
export const DNS_LABEL: NameRule = {
  pattern: /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/,
  minLength: 1,
  maxLength: 63,
  description: "must be a DNS-1123 label: 1-63 lowercase letters, digits and '-', starting and ending alphanumeric",
};

/** Kubernetes object names such as ServiceAccounts and Secrets (RFC 1123 subdomain). */
export const DNS_SUBDOMAIN: NameRule = {
  pattern: /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/,
  minLength: 1,
  maxLength: 253,
  description:
    "must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', alphanumeric at both ends",
};

/** Aliases and names inside a platform definition (accounts, environments): lowercase letters and digits. */
export const DEFINITION_ALIAS: NameRule = {
  pattern: /^[a-z][a-z0-9]*$/,
  minLength: 1,
  maxLength: 32,
  description: "must be 1-32 lowercase letters and digits, starting with a letter",
};

/** Registry ids of a platform definition: construct ids and output prefixes. */
export const DEFINITION_REGISTRY_ID: NameRule = {
  pattern: /^[A-Za-z][A-Za-z0-9]*$/,
  minLength: 1,
  maxLength: 64,
  description: "must be 1-64 letters and digits, starting with a letter",
};
