import { NameRule } from "../validation/field-checks";

// Sources: ../../providers/alicloud/README.md (naming facts), Alibaba CreateInstance / CreateNamespace API docs.

/** Lowercase letters and digits, with the separators `_ - .` allowed inside but not first or last. */
function separatedName(minLength: number, maxLength: number): NameRule {
  return {
    pattern: /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/,
    minLength,
    maxLength,
    description: `must be ${minLength}-${maxLength} characters of lowercase letters and digits, with separators _ - . allowed but not first or last`,
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
export const INSTANCE_ID: NameRule = {
  pattern: /^cri-[a-z0-9]+$/,
  minLength: 5,
  maxLength: 64,
  description: "must be an Enterprise Edition instance id: cri- followed by lowercase letters and digits",
};

/** Alibaba Cloud account UID. */
export const ACCOUNT_ID: NameRule = {
  pattern: /^[0-9]+$/,
  minLength: 16,
  maxLength: 16,
  description: "must be the 16-digit account UID",
};

/** Enterprise Edition image or chart namespace. */
export const EE_NAMESPACE_NAME = separatedName(2, 120);

/**
 * Enterprise Edition repository. The API documents no rule; this is the console's rule, which also keeps names
 * valid in Docker image references.
 */
export const EE_REPOSITORY_NAME = separatedName(2, 64);

/** Personal Edition namespace or repository (provider validators: 2-30 characters). */
export const PERSONAL_NAME = separatedName(2, 30);
