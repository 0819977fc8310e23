/**
 * The body of a pull-request comment made from review Markdown: starts with a hidden marker (so the comment is
 * found and updated in place, never by "last comment") and stays under GitHub's comment limit (65,536
 * characters) by keeping each document's first blocks and pointing to the full Markdown elsewhere.
 */

/** Comment bodies are kept under this many characters (GitHub rejects more than 65,536). */
export const COMMENT_LIMIT = 65_000;

/** Which comment: the synth review or the plan review. Each has its own marker, so neither overwrites the other. */
export type CommentKind = "review" | "plan-review";

/** The hidden HTML comment that identifies a comment of this kind. */
export function commentMarker(kind: CommentKind): string {
  return `<!-- acr-platform:${kind} -->`;
}

/**
 * Splits Markdown into blocks that must stay whole: a fenced code block (a Mermaid picture cut in half renders
 * as an error), a `<details>` element, or a single line.
 */
export function markdownBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let open: { lines: string[]; end: RegExp } | undefined;
  for (const line of markdown.replace(/\n$/, "").split("\n")) {
    if (open !== undefined) {
      open.lines.push(line);
      if (open.end.test(line)) {
        blocks.push(open.lines.join("\n"));
        open = undefined;
      }
    } else if (/^```/.test(line)) open = { lines: [line], end: /^```\s*$/ };
    else if (/^<details>/.test(line)) open = { lines: [line], end: /^<\/details>/ };
    else blocks.push(line);
  }
  if (open !== undefined) blocks.push(open.lines.join("\n"));
  return blocks;
}

/** The first blocks of `markdown` that fit in `budget` characters, and whether anything was left out. */
function head(markdown: string, budget: number): { text: string; cut: boolean } {
  const kept: string[] = [];
  let size = 0;
  for (const block of markdownBlocks(markdown)) {
    if (size + block.length + 1 > budget) return { text: kept.join("\n"), cut: true };
    kept.push(block);
    size += block.length + 1;
  }
  return { text: kept.join("\n"), cut: false };
}

/**
 * One comment body from several documents (one per stack, or one plan review). When all of them fit they are
 * used whole; otherwise each gets an equal share of the limit (its summary and what changes come first in every
 * document), followed by a note naming `fullAt`, where the whole Markdown is.
 */
export function commentBody(
  kind: CommentKind,
  documents: readonly string[],
  fullAt: string,
  limit = COMMENT_LIMIT,
): string {
  const marker = commentMarker(kind);
  const whole = [marker, ...documents].join("\n");
  if (whole.length <= limit) return whole.endsWith("\n") ? whole : `${whole}\n`;
  const total = documents.reduce((sum, d) => sum + d.length, 0);
  const note =
    `_This comment is shortened to fit GitHub's comment limit (the full Markdown has ${total.toLocaleString("en-US")} ` +
    `characters): read the whole review in ${fullAt}._`;
  const share = Math.floor((limit - marker.length - note.length - 16 * (documents.length + 1)) / documents.length);
  const parts = documents.map((d) => {
    const { text, cut } = head(d, share);
    return cut ? `${text}\n\n_… shortened here._` : text;
  });
  return `${[marker, note, "", ...parts].join("\n")}\n`;
}
