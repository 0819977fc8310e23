/**
 * Creates or updates one pull-request comment through the GitHub REST API, found by its hidden marker
 * (`comment-body.ts`). A token that may not write (pull requests from forks and Dependabot get a read-only
 * `GITHUB_TOKEN`) is not a failure of the checks: the result is `skipped` with the reason, and the job summary
 * still holds the review.
 */

/** The part of `fetch` this module uses (injected in tests). */
export type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; ok: boolean; json: () => Promise<unknown> }>;

/** Where the comment goes and how to reach GitHub. */
export interface UpsertRequest {
  /** API root, e.g. `https://api.github.com` (`GITHUB_API_URL`). */
  readonly api: string;
  /** `owner/name` (`GITHUB_REPOSITORY`). */
  readonly repository: string;
  /** Pull-request number. */
  readonly issue: number;
  readonly token: string;
  readonly marker: string;
  readonly body: string;
  readonly fetch: Fetch;
}

/** What happened. */
export interface UpsertResult {
  readonly action: "created" | "updated" | "skipped";
  readonly message: string;
}

/** HTTP statuses GitHub answers a token that may not write with. */
const NO_WRITE_ACCESS = new Set([401, 403, 404]);

/** Creates the comment that carries `marker`, or updates it in place; never touches other comments. */
export async function upsertComment(request: UpsertRequest): Promise<UpsertResult> {
  const headers = {
    Accept: "application/vnd.github+json",
    Authorization: `Bearer ${request.token}`,
    "X-GitHub-Api-Version": "2022-11-28",
    "Content-Type": "application/json",
  };
  const base = `${request.api.replace(/\/$/, "")}/repos/${request.repository}`;
  let existing: number | undefined;
  for (let page = 1; existing === undefined; page++) {
    const response = await request.fetch(`${base}/issues/${request.issue}/comments?per_page=100&page=${page}`, {
      method: "GET",
      headers,
    });
    if (!response.ok) throw new Error(`listing comments of #${request.issue}: HTTP ${response.status}`);
    const comments = (await response.json()) as { id: number; body?: string }[];
    existing = comments.find((c) => c.body?.includes(request.marker) === true)?.id;
    if (comments.length < 100) break;
  }
  const body = JSON.stringify({ body: request.body });
  const response =
    existing === undefined
      ? await request.fetch(`${base}/issues/${request.issue}/comments`, { method: "POST", headers, body })
      : await request.fetch(`${base}/issues/comments/${existing}`, { method: "PATCH", headers, body });
  if (NO_WRITE_ACCESS.has(response.status)) {
    return {
      action: "skipped",
      message:
        `the token may not comment on #${request.issue} (HTTP ${response.status}; a pull request from a fork or ` +
        "Dependabot gets a read-only token): the review is in the job summary",
    };
  }
  if (!response.ok) throw new Error(`writing the comment on #${request.issue}: HTTP ${response.status}`);
  return existing === undefined
    ? { action: "created", message: `created the comment on #${request.issue}` }
    : { action: "updated", message: `updated comment ${existing} on #${request.issue}` };
}
