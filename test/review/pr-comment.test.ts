import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { COMMENT_LIMIT, commentBody, commentMarker, markdownBlocks } from "../../review/comment-body";
import { main } from "../../review/pr-comment-cli";
import { reviewTerraformJson } from "../../review/review";
import { renderStackDocument } from "../../review/review-document";
import { Fetch, upsertComment } from "../../review/upsert-comment";

const INSTANCE = "${alicloud_cr_ee_instance.reg.id}";
const TAGS = { environment: "prod", owner: "platform", "managed-by": "acr-platform" };

/** Terraform JSON of one registry with `count` repositories in namespaces of 50, each namespace granted to CI. */
function estate(count: number): unknown {
  const namespaces: Record<string, object> = {};
  const repos: Record<string, object> = {};
  const policies: Record<string, object> = {};
  for (let i = 0; i < count; i++) {
    const ns = `team-${Math.floor(i / 50)}`;
    namespaces[ns] = { instance_id: INSTANCE, name: ns, lifecycle: { prevent_destroy: true } };
    policies[ns] = {
      policy_name: `ci-${ns}`,
      tags: TAGS,
      policy_document: JSON.stringify({
        Version: "1",
        Statement: [
          { Effect: "Allow", Action: ["cr:PushRepository"], Resource: [`acs:cr:r:1:repository/${INSTANCE}/${ns}/*`] },
        ],
      }),
    };
    repos[`r${i}`] = {
      instance_id: INSTANCE,
      namespace: ns,
      name: `repo-${i}`,
      repo_type: "PRIVATE",
      lifecycle: { prevent_destroy: true },
    };
  }
  return {
    resource: {
      alicloud_cr_ee_instance: { reg: { instance_name: "acme", tags: TAGS, lifecycle: { prevent_destroy: true } } },
      alicloud_cr_ee_namespace: namespaces,
      alicloud_cr_ee_repo: repos,
      alicloud_ram_policy: policies,
    },
  };
}

describe("comment body", () => {
  test("at 10,000 repositories the comment stays under 65,000 characters, leads with the changes and names the full review", () => {
    const head = reviewTerraformJson(estate(10_000), "big");
    const base = reviewTerraformJson(estate(9_999), "big");
    const changed = renderStackDocument("big", head, base, true);
    const added = renderStackDocument("big", head, undefined, true);
    const inventory = renderStackDocument("big", head, undefined, false);
    expect(inventory.length).toBeGreaterThan(10 * COMMENT_LIMIT);
    for (const document of [changed, added, inventory]) {
      const body = commentBody("review", [document], "the job summary");
      expect(body.length).toBeLessThan(COMMENT_LIMIT);
      expect(body.startsWith(commentMarker("review"))).toBe(true);
      expect(body).toContain("read the whole review in the job summary");
      // Fences are never cut: every opened code block is closed.
      expect((body.match(/^```/gm) ?? []).length % 2).toBe(0);
    }
    const first = commentBody("review", [changed], "x").split("\n").slice(0, 15).join("\n");
    expect(first).toContain("1 × repository added");
    expect(first).toContain("`acme team-199/repo-9999`");
    // Past 30 namespaces the access picture counts per registry.
    expect(changed).toContain("200 namespaces: drawn per registry");
  });

  test("small documents are used whole; each of several shortened documents keeps its beginning", () => {
    expect(commentBody("plan-review", ["# a\n", "# b\n"], "x")).toBe("<!-- acr-platform:plan-review -->\n# a\n\n# b\n");
    const long = (title: string) => `# ${title}\n${"row\n".repeat(5_000)}`;
    const body = commentBody("review", [long("first"), long("second")], "x", 2_000);
    expect(body.length).toBeLessThanOrEqual(2_000);
    expect(body).toContain("# first");
    expect(body).toContain("# second");
    expect(body.match(/shortened here/g)).toHaveLength(2);
  });

  test("blocks: fences and details stay whole", () => {
    expect(markdownBlocks("a\n```mermaid\nx\n```\n<details>\ny\n</details>\nb\n")).toEqual([
      "a",
      "```mermaid\nx\n```",
      "<details>\ny\n</details>",
      "b",
    ]);
  });
});

/** A fake GitHub: comments by page, and a status for writes. */
function github(pages: { id: number; body: string }[][], writeStatus = 200) {
  const calls: string[] = [];
  const fetch: Fetch = async (url, init) => {
    calls.push(`${init.method} ${url.replace("https://api.github.com/repos/o/r", "")}`);
    if (init.method === "GET") {
      const page = Number(new URL(url).searchParams.get("page"));
      return { status: 200, ok: true, json: async () => pages[page - 1] ?? [] };
    }
    return { status: writeStatus, ok: writeStatus < 300, json: async () => ({}) };
  };
  return { calls, fetch };
}

const request = (fetch: Fetch) => ({
  api: "https://api.github.com",
  repository: "o/r",
  issue: 7,
  token: "t",
  marker: commentMarker("review"),
  body: "<!-- acr-platform:review -->\nnew",
  fetch,
});

describe("upsert comment", () => {
  test("creates the comment when no comment carries the marker, even if the bot wrote others", async () => {
    const gh = github([[{ id: 1, body: "<!-- acr-platform:plan-review -->\nplan" }]]);
    expect((await upsertComment(request(gh.fetch))).action).toBe("created");
    expect(gh.calls).toEqual(["GET /issues/7/comments?per_page=100&page=1", "POST /issues/7/comments"]);
  });

  test("updates the comment with the marker in place, looking through every page", async () => {
    const full = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, body: "chatter" }));
    const gh = github([full, [{ id: 500, body: "<!-- acr-platform:review -->\nold" }]]);
    expect(await upsertComment(request(gh.fetch))).toEqual({ action: "updated", message: "updated comment 500 on #7" });
    expect(gh.calls.at(-1)).toBe("PATCH /issues/comments/500");
  });

  test("a read-only token (fork PR) is skipped, other failures are errors", async () => {
    expect((await upsertComment(request(github([[]], 403).fetch))).action).toBe("skipped");
    await expect(upsertComment(request(github([[]], 500).fetch))).rejects.toThrow("HTTP 500");
  });

  test("the CLI writes the body and the job summary, and exits 0 with a notice on a fork", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pr-comment-"));
    const input = path.join(dir, "a.md");
    fs.writeFileSync(input, "# review\n");
    const summary = path.join(dir, "summary.md");
    const out = path.join(dir, "body.md");
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const env = { GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "o/r" };
      const args = ["--kind", "review", "--out", out, "--summary", summary, "--pr", "7", input];
      expect(await main(args, env, github([[]], 403).fetch)).toBe(0);
      expect(write.mock.calls.map((c) => String(c[0])).join("")).toContain("::notice::pr-comment: the token may not");
      expect(await main(["--kind", "nope", input], env)).toBe(2);
    } finally {
      write.mockRestore();
    }
    expect(fs.readFileSync(out, "utf8")).toBe("<!-- acr-platform:review -->\n# review\n");
    expect(fs.readFileSync(summary, "utf8")).toBe("# review\n");
  });
});
