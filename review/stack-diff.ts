/**
 * What a pull request changes in one stack: the review of the base branch's synthesized stack compared with the
 * PR's, item by item. Items are matched by what names them in the cloud (registry name, namespace and repository
 * names, grantee and permission line, CIDR, ...), so a rename shows as one removed and one added item.
 */
import { compareText } from "./markdown";
import { GrantRow, StackReview } from "./stack-model";

/** What kind of thing changed. */
export type ChangeKind =
  | "registry"
  | "namespace"
  | "repository"
  | "chart namespace"
  | "chart repository"
  | "Personal Edition namespace"
  | "Personal Edition repository"
  | "grant"
  | "trust"
  | "VPC link"
  | "Internet entry"
  | "retention"
  | "replication"
  | "scan"
  | "chain"
  | "mirror"
  | "finding";

/** How it changed. `widened`/`narrowed` are for permission lines, where added is not always wider. */
export type ChangeAction = "removed" | "widened" | "added" | "changed" | "narrowed";

/** One changed item. */
export interface StackChange {
  readonly kind: ChangeKind;
  readonly action: ChangeAction;
  /** What it is, e.g. `acme-prod payments/ledger`, `role ci-builder`. */
  readonly subject: string;
  /** Settings of an added or removed item; `a → b` per setting for a changed one; the permission line. */
  readonly details: string;
  /** Needs a reviewer's eye: data that may be lost, access or exposure gained, a retention rule (deletes tags). */
  readonly attention: boolean;
}

/** One comparable item of a review: identity, display and settings. */
interface Item {
  readonly kind: ChangeKind;
  readonly key: string;
  readonly subject: string;
  readonly settings: { readonly [name: string]: string };
  /** Allow (`true`) or Deny (`false`) for permission lines; undefined for everything else. */
  readonly allow?: boolean;
}

const ACTION_ORDER: readonly ChangeAction[] = ["removed", "widened", "added", "changed", "narrowed"];

const yes = (value: boolean): string => (value ? "yes" : "no");

function grantLines(grants: readonly GrantRow[]): Item[] {
  return grants.flatMap((g) => {
    const condition = g.condition === undefined ? "" : ` if ${g.condition}`;
    if (g.note !== undefined) {
      const line = `${g.policy}: ${g.note}`;
      return [
        { kind: "grant" as const, key: `${g.grantee}\n${line}`, subject: g.grantee, settings: { line }, allow: true },
      ];
    }
    return g.actions.flatMap((action) =>
      (g.resources.length === 0 ? ["(no resource)"] : g.resources).map((resource) => {
        const line = `${g.effect} ${action} on ${resource}${condition}`;
        return {
          kind: "grant" as const,
          key: `${g.grantee}\n${line}`,
          subject: g.grantee,
          settings: { line },
          allow: g.effect !== "Deny",
        };
      }),
    );
  });
}

function itemsOf(review: StackReview | undefined): Item[] {
  if (review === undefined) return [];
  const kindOf = (kind: "image" | "chart" | "personal", word: "namespace" | "repository"): ChangeKind =>
    kind === "image" ? word : kind === "chart" ? `chart ${word}` : `Personal Edition ${word}`;
  return [
    ...review.registries.map((r): Item => {
      const settings: Record<string, string> =
        r.status === "imported"
          ? { status: "imported (id only)" }
          : {
              status: "new",
              edition: r.edition ?? "—",
              billing: r.billing ?? "—",
              protected: yes(r.protected === true),
              tags: r.tags ?? "—",
            };
      return { kind: "registry", key: r.name, subject: r.name, settings };
    }),
    ...review.namespaces.map((n) => ({
      kind: kindOf(n.kind, "namespace"),
      key: `${n.registry} ${n.name}`,
      subject: `${n.registry} ${n.name}`,
      settings: { "default visibility": n.defaultVisibility, "auto-create": n.autoCreate, protected: yes(n.protected) },
    })),
    ...review.repositories.map((r) => ({
      kind: kindOf(r.kind, "repository"),
      key: `${r.registry} ${r.name}`,
      subject: `${r.registry} ${r.name}`,
      settings: { visibility: r.visibility, "tag immutability": r.tagImmutability, protected: yes(r.protected) },
    })),
    ...grantLines(review.grants),
    ...review.trusts.flatMap((t) =>
      (t.note !== undefined
        ? [t.note]
        : t.principals.flatMap((p) => t.actions.map((a) => `${t.effect} ${a} by ${p}`))
      ).map((line) => ({
        kind: "trust" as const,
        key: `${t.role}\n${line}`,
        subject: `role ${t.role}`,
        settings: { line, "max session": t.maxSession },
        allow: t.effect !== "Deny",
      })),
    ),
    ...review.vpcLinks.map((v) => ({
      kind: "VPC link" as const,
      key: `${v.registry} ${v.vpcId} ${v.vswitchId} ${v.module}`,
      subject: `${v.registry} ${v.module} <- ${v.vpcId}/${v.vswitchId}`,
      settings: { "PrivateZone DNS": v.privateZoneDns },
    })),
    ...review.internet.map((e) => ({
      kind: "Internet entry" as const,
      key: `${e.registry} ${e.module} ${e.cidr}`,
      subject: `${e.registry} ${e.module} ${e.cidr}`,
      settings: { comment: e.comment, "open to all": yes(e.openToAll) },
    })),
    ...review.policies.map((p) => ({
      kind: p.kind,
      key: `${p.registry} ${p.path}`,
      subject: `${p.registry} ${p.path}`,
      settings: { settings: p.settings },
    })),
    ...review.findings.map((f) => ({
      kind: "finding" as const,
      key: `${f.address}\n${f.rule}\n${f.message}`,
      subject: `${f.severity} ${f.rule}`,
      settings: { finding: f.message },
    })),
  ];
}

function describe(settings: Item["settings"]): string {
  const entries = Object.entries(settings);
  // A permission line or a single setting reads best without its label.
  if (entries.length === 1 || "line" in settings) return settings.line ?? entries[0][1];
  return entries.map(([k, v]) => `${k} ${v}`).join(", ");
}

/** Whether an added or removed item needs a reviewer's eye. */
function needsAttention(item: Item, action: ChangeAction): boolean {
  if (action === "widened") return true;
  if (action === "removed") return !["grant", "trust", "finding", "VPC link", "Internet entry"].includes(item.kind);
  if (item.kind === "retention" || item.kind === "replication") return true;
  return action === "added" && (item.kind === "VPC link" || item.kind === "Internet entry" || item.kind === "finding");
}

/**
 * The changes from `base` to `head` (either may be undefined: a stack added or removed by the PR), most
 * important first: removed, widened, added, changed, narrowed; then by kind and subject.
 */
export function diffStackReviews(base: StackReview | undefined, head: StackReview | undefined): StackChange[] {
  const before = new Map(itemsOf(base).map((i) => [`${i.kind}\n${i.key}`, i]));
  const after = new Map(itemsOf(head).map((i) => [`${i.kind}\n${i.key}`, i]));
  const changes: StackChange[] = [];
  const push = (item: Item, action: ChangeAction, details: string): void => {
    // A changed item needs attention when it loses protection or becomes public or open to all.
    const worse = action === "changed" && /protected yes → no|→ PUBLIC|open to all no → yes/i.test(details);
    changes.push({
      kind: item.kind,
      action,
      subject: item.subject,
      details,
      attention: worse || needsAttention(item, action),
    });
  };
  for (const [key, item] of before) {
    if (after.has(key)) continue;
    if (item.allow === undefined) push(item, "removed", describe(item.settings));
    else push(item, item.allow ? "narrowed" : "widened", `- ${describe(item.settings)}`);
  }
  for (const [key, item] of after) {
    const old = before.get(key);
    if (old === undefined) {
      if (item.allow === undefined) push(item, "added", describe(item.settings));
      else push(item, item.allow ? "widened" : "narrowed", `+ ${describe(item.settings)}`);
      continue;
    }
    const changed = Object.keys(item.settings).filter((k) => item.settings[k] !== old.settings[k]);
    if (changed.length > 0) {
      push(item, "changed", changed.map((k) => `${k} ${old.settings[k] ?? "—"} → ${item.settings[k]}`).join("; "));
    }
  }
  return changes.sort(
    (a, b) =>
      ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) ||
      compareText(a.kind, b.kind) ||
      compareText(a.subject, b.subject) ||
      compareText(a.details, b.details),
  );
}

/** `1 repository removed, 2 grants widened, ...`: counts by action and kind, in the order of the changes. */
export function summarizeChanges(changes: readonly StackChange[]): string {
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(`${c.kind} ${c.action}`, (counts.get(`${c.kind} ${c.action}`) ?? 0) + 1);
  if (counts.size === 0) return "no change to registries, access, exposure or policies.";
  return `${[...counts].map(([what, n]) => `${n} × ${what}`).join(", ")}.`;
}
