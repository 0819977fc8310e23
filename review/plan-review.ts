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
import {
  DATA_HOLDING_TYPES,
  DATA_NAME_ATTRIBUTES,
  DEFAULT_REQUIRED_TAGS,
  evaluateRules,
  VISIBILITY_ATTRIBUTES,
} from "../constructs/guardrails/rules";
import { isAllowed } from "./allow-list";
import { compareText, isObject, JsonObject } from "./markdown";
import {
  ChangeEntry,
  DataLossEntry,
  ExposureEntry,
  PermissionChange,
  PLAN_ACTIONS,
  PlanAction,
  PlanFinding,
  PlanFormatError,
  PlanReview,
  PlanReviewOptions,
} from "./plan-model";
import { diffLines, documentLines, isWidening } from "./ram-diff";

export * from "./plan-model";
export { blockingDataLoss, isAllowed, parseAllowList, planReviewExitCode } from "./allow-list";
export { renderPlanReviews } from "./render-plan";

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

const DATA_KINDS: Readonly<Record<string, string>> = {
  alicloud_cr_ee_instance: "registry instance",
  alicloud_cr_ee_namespace: "namespace",
  alicloud_cr_ee_repo: "repository",
  alicloud_cr_chart_namespace: "chart namespace",
  alicloud_cr_chart_repository: "chart repository",
  alicloud_cr_namespace: "Personal Edition namespace",
  alicloud_cr_repo: "Personal Edition repository",
};

/** What a data-holding resource is, by its names in `state`: `repository storefront/web`. */
export function describeData(type: string, state: JsonObject): string {
  const { instance, namespace, repository } = DATA_NAME_ATTRIBUTES[type] ?? {};
  const attributes = type === "alicloud_cr_ee_instance" ? [instance] : [namespace, repository];
  const names = attributes.filter((a): a is string => a !== undefined).map((a) => str(state[a]) ?? "?");
  return `${DATA_KINDS[type] ?? type} ${names.join("/")}`;
}

function isUnknown(change: JsonObject, key: string): boolean {
  return isObject(change.after_unknown) && change.after_unknown[key] === true;
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
  const findings: PlanFinding[] = [];
  // Unknown values are null in change.after; a rule skips what it cannot know yet.
  const context = {
    requiredTags: options.requiredTags ?? DEFAULT_REQUIRED_TAGS,
    isUnresolved: (value: unknown) => value === null,
  };

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
    if (after !== undefined && action !== "delete") {
      for (const f of evaluateRules({ type, body: after }, context, true)) {
        findings.push({ address, rule: f.rule.id, severity: f.severity, message: f.message });
      }
    }

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
        const openToAll = cidr.trim().endsWith("/0");
        exposure.push({ address, message: `Internet allow-list entry added: ${cidr}${note}`, openToAll });
      }
    }
    if (type === "alicloud_cr_endpoint_acl_policy" && (action === "create" || action === "replace")) {
      const endpoint = (str(after?.endpoint_type) ?? "internet").toLowerCase();
      const cidr = str(after?.entry) ?? "(known after apply)";
      if (endpoint === "internet") {
        exposure.push({ address, message: `Internet ACL entry added: ${cidr}`, openToAll: cidr.trim().endsWith("/0") });
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
    findings: findings.sort((a, b) => byAddress(a, b) || compareText(a.rule, b.rule)),
  };
}
