/**
 * The plan reviews as one Markdown document: per plan the counts, IMAGE DATA LOSS, RAM permission changes, public
 * exposure added, rule findings, what is kept in the cloud, and every change; then the verdict.
 */
import { cell, code, plural, table } from "./markdown";
import { PLAN_ACTIONS, PlanAction, PlanReview } from "./plan-model";
import { blockingDataLoss } from "./allow-list";

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
  if (review.errored) {
    lines.push(
      "**Terraform marked this plan as errored: it is incomplete.** The changes below are those Terraform planned " +
        "before the error (for example `prevent_destroy` refusing a deletion); see the plan log for the error.",
      "",
    );
  }
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
    const flag = e.openToAll ? " **open to the whole Internet (0.0.0.0/0)**" : "";
    lines.push(`- ${code(e.address)}: ${cell(e.message)}${flag}`);
  }

  lines.push("", "### Rule findings on the planned state", "");
  if (review.findings.length === 0) lines.push("_None._");
  for (const f of review.findings) lines.push(`- **${f.severity}** ${f.rule} ${code(f.address)}: ${cell(f.message)}`);

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
