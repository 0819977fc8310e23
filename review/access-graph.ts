/**
 * A Mermaid picture of who reaches what in one stack: principals (cluster roles, CI roles and users, groups) and
 * the principals trusted to assume roles, -> registries and namespaces, with pull or push on each edge; VPCs and
 * the Internet -> registries. Edges the PR adds (not in the base) are drawn thick and red. Repository grants are
 * counted on their namespace; past `limit` namespaces the picture counts namespaces per registry instead.
 */
import { compareText } from "./markdown";
import { StackReview } from "./stack-model";

/** One edge of the picture. */
interface Edge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

/** `acs:cr:<region>:<uid>:repository/<instance>/<namespace>[/<repo>]` as registry, namespace and repository. */
const REPOSITORY_ARN = /^acs:cr:[^:]*:[^:]*:repository\/([^/]+)(?:\/([^/]+))?(?:\/(.+))?$/;

const plain = (name: string): string => name.replace(/^<(.*)>$/, "$1");

function accessOf(actions: readonly string[]): string | undefined {
  const lower = actions.map((a) => a.toLowerCase());
  const push = lower.some((a) => a === "*" || a === "cr:*" || a.includes("push") || a.startsWith("not "));
  const pull = lower.some((a) => a.includes("pull"));
  return push ? "push" : pull ? "pull" : undefined;
}

/** The edges of a review, targets at namespace level (`registry / namespace`, or the registry for `*`). */
function edgesOf(review: StackReview | undefined, collapse: boolean): Map<string, Edge> {
  const edges = new Map<string, Edge>();
  if (review === undefined) return edges;
  const repositories = new Map<string, Set<string>>();
  const add = (from: string, to: string, label: string): void => {
    const key = `${from}\n${to}`;
    const old = edges.get(key);
    // push implies pull: one edge per pair, labelled with the widest access.
    if (old === undefined || (old.label === "pull" && label === "push")) edges.set(key, { from, to, label });
  };
  for (const g of review.grants) {
    const access = g.effect === "Allow" ? accessOf(g.actions) : undefined;
    if (access === undefined) continue;
    for (const resource of g.resources) {
      const arn = REPOSITORY_ARN.exec(resource);
      if (arn === null) continue;
      const registry = plain(arn[1]);
      const namespace = arn[2] === undefined || arn[2] === "*" || collapse ? undefined : arn[2];
      const target = namespace === undefined ? registry : `${registry} / ${namespace}`;
      if (arn[3] !== undefined && arn[3] !== "*" && namespace !== undefined) {
        repositories.set(target, (repositories.get(target) ?? new Set()).add(arn[3]));
      }
      add(g.grantee, target, access);
    }
  }
  for (const t of review.trusts) {
    for (const principal of t.principals) add(principal, `role ${t.role}`, "assumes");
  }
  for (const v of review.vpcLinks) add(`VPC ${v.vpcId}`, v.registry, "VPC");
  const internet = new Map<string, number>();
  for (const e of review.internet) internet.set(e.registry, (internet.get(e.registry) ?? 0) + 1);
  for (const [registry, count] of internet) add(`Internet (${count} allow-list entries)`, registry, "Internet");
  // A namespace reached only through some of its repositories says how many.
  for (const [key, edge] of edges) {
    const repos = repositories.get(edge.to);
    if (repos !== undefined) edges.set(key, { ...edge, label: `${edge.label} (${repos.size} repositories)` });
  }
  return edges;
}

/** Mermaid-safe label text: quotes and angle brackets as entities. */
function label(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

/** The picture as Markdown lines (a `mermaid` fenced block), or none when nothing reaches anything. */
export function renderAccessGraph(head: StackReview, base?: StackReview, limit = 30): string[] {
  const namespaces = new Set(head.grants.flatMap((g) => g.resources.map((r) => REPOSITORY_ARN.exec(r)?.[2])));
  const collapse = namespaces.size > limit;
  const edges = [...edgesOf(head, collapse).values()].sort(
    (a, b) => compareText(a.from, b.from) || compareText(a.to, b.to),
  );
  if (edges.length === 0) return [];
  const before = base === undefined ? undefined : edgesOf(base, collapse);
  const ids = new Map<string, string>();
  const node = (name: string): string => {
    let id = ids.get(name);
    if (id === undefined) {
      id = `n${ids.size}`;
      ids.set(name, id);
    }
    return id;
  };
  const lines = ["```mermaid", "flowchart LR"];
  const added: number[] = [];
  edges.forEach((e, index) => {
    lines.push(`  ${node(e.from)}["${label(e.from)}"] -->|${label(e.label)}| ${node(e.to)}["${label(e.to)}"]`);
    const old = before?.get(`${e.from}\n${e.to}`);
    if (before !== undefined && (old === undefined || old.label !== e.label)) added.push(index);
  });
  if (added.length > 0) lines.push(`  linkStyle ${added.join(",")} stroke:#d73a49,stroke-width:4px`);
  lines.push("```");
  const notes = [];
  if (collapse) notes.push(`${namespaces.size} namespaces: drawn per registry`);
  if (before !== undefined)
    notes.push(added.length === 0 ? "the PR adds no access" : "thick red edges: access the PR adds");
  return notes.length === 0 ? lines : [...lines, "", `_${notes.join("; ")}._`];
}
