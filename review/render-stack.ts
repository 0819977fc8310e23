/**
 * The inventory of one stack review as Markdown: findings, registries, namespaces, repositories, access, trust,
 * network exposure and registry policies. `review-document.ts` puts it after what the PR changes.
 */
import { cell, code, compareText, plural, table } from "./markdown";
import { NamespaceEntry, RepositoryEntry, ReviewFinding, ReviewSeverity, StackReview } from "./stack-model";

/** Counts of findings by severity. */
export function countFindings(findings: readonly ReviewFinding[]): Record<ReviewSeverity, number> {
  const counts: Record<ReviewSeverity, number> = { error: 0, warning: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? "—" : items.map(code).join("<br>");
}

function section(lines: string[], title: string, body: string[]): void {
  lines.push("", `### ${title}`, "");
  lines.push(...(body.length === 0 ? ["_None._"] : body));
}

/** A table of `rows`, or nothing (so that {@link section} says "None") when there are none. */
function rowsTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return rows.length === 0 ? [] : table(header, rows);
}

/** One line: what the stack holds and how many findings it has. */
export function inventorySummary(review: StackReview): string {
  const counts = countFindings(review.findings);
  const created = review.registries.filter((r) => r.status === "new").length;
  const image = review.repositories.filter((r) => r.kind !== "chart");
  const charts = review.repositories.filter((r) => r.kind === "chart");
  const roles = new Set(review.trusts.map((t) => t.address)).size;
  return (
    `**Inventory:** ${plural(review.registries.length, "registry", "registries")} ` +
    `(${created} new, ${review.registries.length - created} imported), ` +
    `${plural(review.namespaces.filter((n) => n.kind !== "chart").length, "namespace")}, ` +
    `${plural(image.length, "repository", "repositories")}, ` +
    `${plural(review.namespaces.filter((n) => n.kind === "chart").length, "chart namespace")}, ` +
    `${plural(charts.length, "chart repository", "chart repositories")}, ` +
    `${plural(review.grants.length, "grant row")}, ${plural(roles, "role")}, ` +
    `${plural(review.vpcLinks.length, "VPC link")}, ` +
    `${plural(review.internet.length, "Internet allow-list entry", "Internet allow-list entries")}, ` +
    `${plural(review.policies.length, "registry policy", "registry policies")}. ` +
    `Findings: ${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}.`
  );
}

/** The inventory sections (level-3 headings), as Markdown lines. Same input, same lines. */
export function renderInventory(review: StackReview): string[] {
  const lines: string[] = [];
  section(
    lines,
    "Findings",
    rowsTable(
      ["Severity", "Rule", "Resource", "Finding"],
      review.findings.map((f) => [`**${f.severity}**`, f.rule, code(f.address), cell(f.message)]),
    ),
  );

  section(
    lines,
    "Registries",
    rowsTable(
      ["Registry", "Status", "Construct", "Edition", "Billing", "Protected", "Tags", "Referenced by"],
      review.registries.map((r) => [
        code(r.name),
        r.status === "new" ? "new" : "imported (id only)",
        r.path === undefined ? "—" : code(r.path),
        cell(r.edition ?? "—"),
        cell(r.billing ?? "—"),
        r.protected === undefined ? "—" : r.protected ? "yes" : "**no**",
        cell(r.tags ?? "—"),
        plural(r.references, "resource"),
      ]),
    ),
  );

  const namespaceTable = (kind: NamespaceEntry["kind"]): string[] => {
    const rows = review.namespaces.filter((n) => n.kind === kind);
    return rowsTable(
      ["Namespace", "Registry", "Default visibility", "Auto-create repositories", "Protected", "Construct"],
      rows.map((n) => [
        code(n.name),
        code(n.registry),
        visibility(n.defaultVisibility),
        cell(n.autoCreate),
        n.protected ? "yes" : "**no**",
        code(n.path),
      ]),
    );
  };
  const repositoryTable = (kind: RepositoryEntry["kind"]): string[] => {
    const rows = review.repositories.filter((r) => r.kind === kind);
    return rowsTable(
      ["Repository", "Registry", "Visibility", "Tag immutability", "Protected", "Summary"],
      rows.map((r) => [
        code(r.name),
        code(r.registry),
        visibility(r.visibility),
        cell(r.tagImmutability),
        r.protected ? "yes" : "**no**",
        cell(r.summary),
      ]),
    );
  };
  section(lines, "Namespaces", namespaceTable("image"));
  section(lines, "Repositories", repositoryTable("image"));
  section(lines, "Chart namespaces", namespaceTable("chart"));
  section(lines, "Chart repositories", repositoryTable("chart"));
  if (review.namespaces.some((n) => n.kind === "personal") || review.repositories.some((r) => r.kind === "personal")) {
    section(lines, "Personal Edition namespaces", namespaceTable("personal"));
    section(lines, "Personal Edition repositories", repositoryTable("personal"));
  }

  const access = rowsTable(
    ["Grantee", "Effect", "Actions", "Resources", "Condition", "Policy"],
    review.grants.map((g) => [
      cell(g.grantee),
      g.effect === "Deny" ? "**Deny**" : cell(g.effect),
      g.note === undefined ? list(g.actions) : `${list(g.actions)}<br>_${cell(g.note)}_`,
      list(g.resources),
      g.condition === undefined ? "—" : code(g.condition),
      code(g.policy),
    ]),
  );
  if (access.length > 0) {
    access.push("", "`<name>` stands for the id of the registry instance of that name created in this stack.");
  }
  section(lines, "Access (RAM): who can pull and push", access);

  section(
    lines,
    "Trust relationships",
    rowsTable(
      ["Role", "Effect", "Trusted principals", "Actions", "Condition", "Max session"],
      review.trusts.map((t) => [
        code(t.role),
        cell(t.effect),
        t.note === undefined ? list(t.principals) : `_${cell(t.note)}_`,
        list(t.actions),
        t.condition === undefined ? "—" : code(t.condition),
        cell(t.maxSession),
      ]),
    ),
  );

  const network: string[] = [];
  network.push("#### VPC links", "");
  network.push(
    ...(review.vpcLinks.length === 0
      ? ["_None._"]
      : table(
          ["Registry", "VPC", "vSwitch", "Module", "PrivateZone DNS"],
          review.vpcLinks.map((v) => [
            code(v.registry),
            code(v.vpcId),
            code(v.vswitchId),
            cell(v.module),
            v.privateZoneDns,
          ]),
        )),
  );
  network.push("", "#### Internet endpoint allow-list", "");
  network.push(
    ...(review.internet.length === 0
      ? ["_Internet endpoint not managed by this stack._"]
      : table(
          ["Registry", "Entry", "Comment", "Module", "Note"],
          review.internet.map((e) => [
            code(e.registry),
            code(e.cidr),
            cell(e.comment),
            cell(e.module),
            e.openToAll ? "**open to the whole Internet**" : "",
          ]),
        )),
  );
  section(lines, "Network exposure", network);

  section(
    lines,
    "Registry policies (retention deletes tags)",
    rowsTable(
      ["Kind", "Registry", "Construct", "Settings"],
      review.policies.map((p) => [p.kind, code(p.registry), code(p.path), cell(p.settings)]),
    ),
  );

  const others = Object.keys(review.otherResources).sort(compareText);
  if (others.length > 0) {
    section(
      lines,
      "Other resources",
      others.map((t) => `- ${code(t)} × ${review.otherResources[t]}`),
    );
  }
  return lines;
}

function visibility(value: string): string {
  return value.toUpperCase() === "PUBLIC" ? "**PUBLIC**" : cell(value);
}

/** A one-line summary of a stack review, for the CLI's console output. */
export function summarizeStackReview(review: StackReview): string {
  const c = countFindings(review.findings);
  return `review ${review.stack}: ${plural(c.error, "error")}, ${plural(c.warning, "warning")}`;
}
