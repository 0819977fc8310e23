/**
 * What `npm run plan-review` reports about one Terraform plan: counts by action, changes, data loss, permission
 * changes, exposure added and rule findings on the planned state. Plain data, built by `plan-review.ts`.
 */

/** What Terraform will do to one resource, with both replacement orders folded into `replace`. */
export type PlanAction = "create" | "update" | "replace" | "delete" | "read" | "no-op" | "forget" | "other";

/** Display order of actions in counts. */
export const PLAN_ACTIONS: readonly PlanAction[] = [
  "create",
  "update",
  "replace",
  "delete",
  "read",
  "forget",
  "no-op",
  "other",
];

/** Why a plan could not be read. */
export class PlanFormatError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = "PlanFormatError";
  }
}

/** One resource change, as summarized for the review. */
export interface ChangeEntry {
  readonly address: string;
  readonly type: string;
  readonly action: PlanAction;
  /** `change.actions` as planned, e.g. `["delete","create"]`. */
  readonly actions: readonly string[];
  readonly actionReason?: string;
  /** `change.replace_paths`, rendered as `name`, `entries[0].entry`, ... */
  readonly replacePaths: readonly string[];
  /** The address it had before a `moved` block (`previous_address`). */
  readonly previousAddress?: string;
}

/** A delete or replacement of a resource that holds images or charts. */
export interface DataLossEntry extends ChangeEntry {
  /** What is lost, e.g. `repository storefront/web`. */
  readonly what: string;
  /** Listed in the allow-list. */
  readonly allowed: boolean;
}

/** A change to who may do what: a policy document, a role's trust, or a policy attachment. */
export interface PermissionChange {
  readonly address: string;
  readonly kind: "policy" | "trust" | "attachment";
  readonly action: PlanAction;
  /** Policy or role name, or `role x <- policy y` for attachments. */
  readonly title: string;
  /** Lines prefixed `+ `, `- ` or two spaces (unchanged context), in a stable order. */
  readonly diff: readonly string[];
  /** Adds an Allow, removes a Deny, or attaches a policy. */
  readonly widened: boolean;
}

/** Public exposure a change adds. */
export interface ExposureEntry {
  readonly address: string;
  readonly message: string;
  /** Admits `0.0.0.0/0`. */
  readonly openToAll: boolean;
}

/** The review of one plan file. */
export interface PlanReview {
  /** How the plan is named in the report (usually its path). */
  readonly name: string;
  readonly terraformVersion?: string;
  /** Terraform marked the plan as errored (incomplete). */
  readonly errored: boolean;
  readonly counts: { readonly [action in PlanAction]: number };
  readonly changes: readonly ChangeEntry[];
  readonly dataLoss: readonly DataLossEntry[];
  readonly permissions: readonly PermissionChange[];
  readonly exposure: readonly ExposureEntry[];
  /** Platform rule findings on each planned `change.after` (rules that read attributes only). */
  readonly findings: readonly PlanFinding[];
}

/** A platform rule's finding on one planned resource. */
export interface PlanFinding {
  readonly address: string;
  readonly rule: string;
  readonly severity: "error" | "warning";
  readonly message: string;
}

/** Options of {@link reviewPlan}. */
export interface PlanReviewOptions {
  /** Addresses whose data loss is intended; `*` matches any characters (see {@link parseAllowList}). */
  readonly allow?: readonly string[];
  /** Tag keys the `missing-tags` rule requires. @default DEFAULT_REQUIRED_TAGS */
  readonly requiredTags?: readonly string[];
}
