/**
 * Pull-request review of Terraform plans (`terraform show -json <planfile>`): counts by action, every delete or
 * replacement of a resource that holds images or charts (IMAGE DATA LOSS), RAM permission changes as a diff, and
 * public exposure added. Pure logic: reading plans and allow-lists and writing Markdown is in `plan-review-cli.ts`.
 *
 * Plan JSON facts this relies on (checked on Terraform 1.11 output): `resource_changes[]` has `address`, `mode`,
 * `type`, `change.actions`, `change.before`, `change.after`, `change.after_unknown`, `change.replace_paths` (only
 * on replacements) and, at the resource_change level, `action_reason` (e.g. `replace_because_cannot_update`,
 * `delete_because_no_resource_config`) and `previous_address` (after a `moved` block). A `removed` block with
 * `destroy = false` plans the action `forget`: the object stays in the cloud, so it is no data loss.
 */
import { VISIBILITY_ATTRIBUTES } from "../constructs/guardrails/rules";
import { cell, code, compareText, isObject, JsonObject, plural, table } from "./markdown";
import { parsePolicyDocument, statementLines } from "./policy";
import { ANY_IPV4, DATA_HOLDING_TYPES } from "./review";

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
}

/** Options of {@link reviewPlan}. */
export interface PlanReviewOptions {
  /** Addresses whose data loss is intended; `*` matches any characters (see {@link parseAllowList}). */
  readonly allow?: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Allow-list
// ---------------------------------------------------------------------------------------------------------------

/**
 * Parses an allow-list file. Two formats:
 * - JSON: an array of addresses, or an object `{"allow": [...]}`;
 * - plain text: one address per line; blank lines and lines starting with `#` are ignored, and so is anything
 *   after ` #` on a line.
 * An address is a resource address as in the plan (`alicloud_cr_ee_repo.ProdRegistry_payments_ledger_FE5FDCBC`,
 * `module.x.alicloud_cr_ee_repo.y`); `*` matches any run of characters. Throws on malformed JSON.
 */
export function parseAllowList(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    const parsed: unknown = JSON.parse(trimmed);
    const list = isObject(parsed) ? parsed.allow : parsed;
    if (!Array.isArray(list) || !list.every((a) => typeof a === "string")) {
      throw new Error('allow-list JSON must be an array of addresses or {"allow": [addresses]}');
    }
    return list.map((a: string) => a.trim()).filter((a) => a !== "");
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, "").trim())
    .filter((line) => line !== "");
}

/** Whether `address` matches one of `patterns` (exact, or with `*` wildcards). */
export function isAllowed(address: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    if (!pattern.includes("*")) return pattern === address;
    const source = pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    return new RegExp(`^${source}$`).test(address);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Review
// ---------------------------------------------------------------------------------------------------------------

function actionOf(actions: readonly string[]): PlanAction {
  const key = actions.join(",");
  if (key === "delete,create" || key === "create,delete") return "replace";
  if (["create", "update", "delete", "read", "no-op", "forget"].includes(key)) return key as PlanAction;
  return "other";
}

function renderPath(segments: unknown): string {
  if (!Array.isArray(segments)) return JSON.stringify(segments);
  return segments.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`)).join("");
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : value === undefined || value === null ? undefined : JSON.stringify(value);
}

function describeData(type: string, state: JsonObject): string {
  const s = (key: string): string => str(state[key]) ?? "?";
  switch (type) {
    case "alicloud_cr_ee_instance":
      return `registry instance ${s("instance_name")}`;
    case "alicloud_cr_ee_namespace":
      return `namespace ${s("name")}`;
    case "alicloud_cr_ee_repo":
      return `repository ${s("namespace")}/${s("name")}`;
    case "alicloud_cr_chart_namespace":
      return `chart namespace ${s("namespace_name")}`;
    case "alicloud_cr_chart_repository":
      return `chart repository ${s("repo_namespace_name")}/${s("repo_name")}`;
    case "alicloud_cr_namespace":
      return `Personal Edition namespace ${s("name")}`;
    default:
      return `Personal Edition repository ${s("namespace")}/${s("name")}`;
  }
}

function isUnknown(change: JsonObject, key: string): boolean {
  return isObject(change.after_unknown) && change.after_unknown[key] === true;
}

/** Lines of a policy document for diffing; `undefined` stands for no document (created or deleted resource). */
function documentLines(document: unknown, unknown: boolean): string[] {
  if (unknown) return ["(document known after apply; `npm run review` shows it with references)"];
  if (document === undefined || document === null) return [];
  const parsed = parsePolicyDocument(document);
  if (!parsed.ok) return [`(document ${parsed.reason}: ${String(document)})`];
  return parsed.statements.flatMap(statementLines);
}

function diffLines(before: readonly string[], after: readonly string[]): string[] {
  const all = [...new Set([...before, ...after])].sort(compareText);
  return all.map((line) => {
    const inBefore = before.includes(line);
    const inAfter = after.includes(line);
    return `${inBefore && inAfter ? " " : inAfter ? "+" : "-"} ${line}`;
  });
}

function isWidening(diff: readonly string[]): boolean {
  return diff.some((l) => l.startsWith("+ Allow ") || l.startsWith("- Deny ") || l.startsWith("+ (document"));
}

function entriesOf(state: JsonObject | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const list = state !== undefined && Array.isArray(state.entries) ? state.entries : [];
  for (const e of list) {
    if (isObject(e) && typeof e.entry === "string") out.set(e.entry, str(e.comment) ?? "");
  }
  return out;
}

/** Reviews one parsed plan (`terraform show -json`). Throws {@link PlanFormatError} when it is not one. */
export function reviewPlan(plan: unknown, name: string, options: PlanReviewOptions = {}): PlanReview {
  if (!isObject(plan) || typeof plan.format_version !== "string") {
    throw new PlanFormatError(`${name} is not a Terraform plan in JSON (no format_version); use terraform show -json`);
  }
  if (plan.resource_changes !== undefined && !Array.isArray(plan.resource_changes)) {
    throw new PlanFormatError(`${name}: resource_changes is not a list`);
  }
  const allow = options.allow ?? [];
  const counts = Object.fromEntries(PLAN_ACTIONS.map((a) => [a, 0])) as Record<PlanAction, number>;
  const changes: ChangeEntry[] = [];
  const dataLoss: DataLossEntry[] = [];
  const permissions: PermissionChange[] = [];
  const exposure: ExposureEntry[] = [];

  for (const rc of (plan.resource_changes ?? []) as unknown[]) {
    if (!isObject(rc) || !isObject(rc.change)) continue;
    const change = rc.change;
    const address = str(rc.address) ?? "?";
    const type = str(rc.type) ?? "?";
    const actions = Array.isArray(change.actions) ? change.actions.map(String) : [];
    const action = actionOf(actions);
    counts[action]++;
    const entry: ChangeEntry = {
      address,
      type,
      action,
      actions,
      actionReason: str(rc.action_reason),
      replacePaths: Array.isArray(change.replace_paths) ? change.replace_paths.map(renderPath) : [],
      previousAddress: str(rc.previous_address),
    };
    changes.push(entry);
    if (action === "no-op" || action === "read" || rc.mode === "data") continue;
    const before = isObject(change.before) ? change.before : undefined;
    const after = isObject(change.after) ? change.after : undefined;

    if (DATA_HOLDING_TYPES.includes(type) && (action === "delete" || action === "replace")) {
      dataLoss.push({ ...entry, what: describeData(type, before ?? {}), allowed: isAllowed(address, allow) });
    }

    if (type === "alicloud_ram_policy" || type === "alicloud_ram_role") {
      const key = type === "alicloud_ram_policy" ? "policy_document" : "assume_role_policy_document";
      const beforeLines = documentLines(before?.[key], false);
      const afterLines = action === "delete" ? [] : documentLines(after?.[key], isUnknown(change, key));
      if (type === "alicloud_ram_role") {
        const session = (s: JsonObject | undefined): string[] =>
          s === undefined ? [] : [`max session ${str(s.max_session_duration) ?? "3600"} s`];
        beforeLines.push(...session(before));
        if (action !== "delete") afterLines.push(...session(after));
      }
      const diff = diffLines(beforeLines, afterLines);
      if (diff.some((l) => !l.startsWith(" ")) || action === "replace") {
        const title =
          str(after?.policy_name ?? before?.policy_name ?? after?.role_name ?? before?.role_name) ?? address;
        const kind = type === "alicloud_ram_policy" ? "policy" : "trust";
        permissions.push({ address, kind, action, title, diff, widened: isWidening(diff) });
      }
    }

    const attachment = /^alicloud_ram_(role|user|group)_policy_attachment$/.exec(type);
    if (attachment !== null) {
      const describe = (s: JsonObject | undefined, unknown: (k: string) => boolean): string => {
        const who = unknown(`${attachment[1]}_name`) ? "(known after apply)" : str(s?.[`${attachment[1]}_name`]);
        const policy = unknown("policy_name") ? "(known after apply)" : str(s?.policy_name);
        return `${attachment[1]} ${who ?? "?"} <- policy ${policy ?? "?"} (${str(s?.policy_type) ?? "Custom"})`;
      };
      const diff: string[] = [];
      if (before !== undefined && action !== "create") diff.push(`- ${describe(before, () => false)}`);
      if (action !== "delete") diff.push(`+ ${describe(after, (k) => isUnknown(change, k))}`);
      permissions.push({
        address,
        kind: "attachment",
        action,
        title: describe(action === "delete" ? before : after, (k) => action !== "delete" && isUnknown(change, k)),
        diff,
        widened: action !== "delete",
      });
    }

    if (type === "alicloud_cr_internet_endpoint" && action !== "delete") {
      const old = entriesOf(action === "replace" ? undefined : before);
      if (before === undefined || action === "replace") {
        exposure.push({ address, message: "Internet endpoint enabled (allow-list created)", openToAll: false });
      }
      if (isUnknown(change, "entries")) {
        exposure.push({ address, message: "Internet allow-list entries known after apply", openToAll: false });
      }
      for (const [cidr, comment] of [...entriesOf(after)].sort(([a], [b]) => compareText(a, b))) {
        if (old.has(cidr)) continue;
        const note = comment === "" ? "" : ` (${comment})`;
        const openToAll = cidr === ANY_IPV4;
        exposure.push({ address, message: `Internet allow-list entry added: ${cidr}${note}`, openToAll });
      }
    }
    if (type === "alicloud_cr_endpoint_acl_policy" && (action === "create" || action === "replace")) {
      const endpoint = (str(after?.endpoint_type) ?? "internet").toLowerCase();
      const cidr = str(after?.entry) ?? "(known after apply)";
      if (endpoint === "internet") {
        exposure.push({ address, message: `Internet ACL entry added: ${cidr}`, openToAll: cidr === ANY_IPV4 });
      }
    }
    const visibilityKey = VISIBILITY_ATTRIBUTES[type];
    if (visibilityKey !== undefined && action !== "delete") {
      const was = str(before?.[visibilityKey])?.toUpperCase();
      const now = str(after?.[visibilityKey])?.toUpperCase();
      if (now === "PUBLIC" && (was !== "PUBLIC" || action === "replace")) {
        const what = describeData(type, after ?? {});
        const message =
          before === undefined
            ? `${what} created with ${visibilityKey} PUBLIC`
            : `${what}: ${visibilityKey} ${was} -> PUBLIC`;
        exposure.push({ address, message, openToAll: false });
      }
    }
  }

  const byAddress = <T extends { address: string }>(a: T, b: T): number => compareText(a.address, b.address);
  return {
    name,
    terraformVersion: str(plan.terraform_version),
    errored: plan.errored === true,
    counts,
    changes: changes.sort(byAddress),
    dataLoss: dataLoss.sort(byAddress),
    permissions: permissions.sort((a, b) => compareText(a.kind, b.kind) || byAddress(a, b)),
    // Stable sort: entries of one address keep their (sorted) order.
    exposure: exposure.sort(byAddress),
  };
}

/** Data-loss entries that are not allowed (by the allow-list). */
export function blockingDataLoss(reviews: readonly PlanReview[]): DataLossEntry[] {
  return reviews.flatMap((r) => r.dataLoss.filter((d) => !d.allowed));
}

/** Exit status of the plan review: 1 when data loss is neither allowed nor accepted wholesale, else 0. */
export function planReviewExitCode(reviews: readonly PlanReview[], allowDataLoss = false): number {
  return !allowDataLoss && blockingDataLoss(reviews).length > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------------------------

function countLine(counts: PlanReview["counts"]): string {
  const words: Record<PlanAction, string> = {
    create: "to create",
    update: "to update in place",
    replace: "to replace",
    delete: "to delete",
    read: "to read",
    forget: "to forget",
    "no-op": "unchanged",
    other: "other",
  };
  const parts = PLAN_ACTIONS.filter((a) => counts[a] > 0 || ["create", "update", "replace", "delete"].includes(a));
  return parts.map((a) => `${counts[a]} ${words[a]}`).join(", ");
}

function renderOne(review: PlanReview, lines: string[]): void {
  const version = review.terraformVersion === undefined ? "" : ` (Terraform ${review.terraformVersion})`;
  lines.push("", `## Plan ${code(review.name)}${version}`, "");
  if (review.errored) lines.push("**Terraform marked this plan as errored: it is incomplete.**", "");
  lines.push(`**Changes:** ${countLine(review.counts)}.`, "");
  lines.push(
    ...table(
      ["Action", "Count"],
      PLAN_ACTIONS.filter((a) => review.counts[a] > 0).map((a) => [a, String(review.counts[a])]),
    ),
  );

  lines.push("", "### IMAGE DATA LOSS", "");
  if (review.dataLoss.length === 0) {
    lines.push("_No instance, namespace or repository is deleted or replaced._");
  } else {
    lines.push(
      `**${plural(review.dataLoss.length, "change")} ${review.dataLoss.length === 1 ? "deletes" : "delete"} ` +
        "images or charts** " +
        "(a replacement deletes the old resource and everything in it).",
      "",
      ...table(
        ["Resource", "What", "Action", "Reason", "Replace paths", "Allowed"],
        review.dataLoss.map((d) => [
          code(d.address),
          cell(d.what),
          `**${d.action}** (${cell(d.actions.join(", "))})`,
          d.actionReason === undefined ? "—" : code(d.actionReason),
          d.replacePaths.length === 0 ? "—" : d.replacePaths.map(code).join(", "),
          d.allowed ? "yes (allow-list)" : "**no**",
        ]),
      ),
    );
  }

  lines.push("", "### RAM permission changes", "");
  if (review.permissions.length === 0) lines.push("_None._");
  for (const p of review.permissions) {
    const label = { policy: "policy", trust: "role trust", attachment: "attachment" }[p.kind];
    const verdict = p.widened ? "**widened**" : "narrowed or unchanged";
    lines.push(`#### ${label} ${code(p.title)}: ${p.action}, ${verdict}`, "", code(p.address), "");
    lines.push("```diff", ...p.diff, "```", "");
  }

  lines.push("", "### Public exposure added", "");
  if (review.exposure.length === 0) lines.push("_None._");
  for (const e of review.exposure) {
    const flag = e.openToAll ? ` **open to the whole Internet (${ANY_IPV4})**` : "";
    lines.push(`- ${code(e.address)}: ${cell(e.message)}${flag}`);
  }

  const forgotten = review.changes.filter((c) => c.action === "forget");
  const moved = review.changes.filter((c) => c.previousAddress !== undefined);
  if (forgotten.length > 0 || moved.length > 0) {
    lines.push("", "### Kept in the cloud", "");
    for (const c of forgotten) {
      lines.push(
        `- ${code(c.address)}: removed from the code and retained: it stays in the cloud, Terraform forgets it`,
      );
    }
    for (const c of moved) {
      lines.push(`- ${code(c.previousAddress as string)} moved to ${code(c.address)} (${c.action}): same object`);
    }
  }

  const changed = review.changes.filter((c) => c.action !== "no-op");
  lines.push("", "### All changes", "");
  lines.push(
    ...(changed.length === 0
      ? ["_No changes._"]
      : table(
          ["Resource", "Action", "Reason", "Replace paths (ForceNew)"],
          changed.map((c) => [
            code(c.address),
            c.action,
            c.actionReason === undefined ? "—" : code(c.actionReason),
            c.replacePaths.length === 0 ? "—" : c.replacePaths.map(code).join(", "),
          ]),
        )),
  );
}

/** The plan reviews as one Markdown document, ending with the verdict that the exit status reflects. */
export function renderPlanReviews(reviews: readonly PlanReview[], allowDataLoss = false): string {
  const lines: string[] = ["# Terraform plan review"];
  for (const review of reviews) renderOne(review, lines);
  const all = reviews.flatMap((r) => r.dataLoss);
  const blocking = blockingDataLoss(reviews);
  let verdict: string;
  if (all.length === 0) verdict = "no image data loss.";
  else if (blocking.length === 0) verdict = `${plural(all.length, "data-loss change")}, all on the allow-list.`;
  else if (allowDataLoss) verdict = `${plural(blocking.length, "data-loss change")} accepted by --allow-data-loss.`;
  else {
    verdict =
      `**FAIL**: ${plural(blocking.length, "data-loss change")} not allowed ` +
      `(${blocking.map((d) => code(d.address)).join(", ")}). ` +
      "Add the addresses to an allow-list (`--allow FILE`) or pass `--allow-data-loss` if this is intended.";
  }
  lines.push("", "---", "", `**Result:** ${verdict}`);
  // Sections end with a blank line of their own; collapse the doubles (diff blocks never hold empty lines).
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}
