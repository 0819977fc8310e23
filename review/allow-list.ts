/**
 * The data-loss allow-list of `npm run plan-review` (which deletions of images a PR intends) and the verdict it
 * gives.
 */
import { isObject } from "./markdown";
import { DataLossEntry, PlanReview } from "./plan-model";

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

/** Data-loss entries that are not allowed (by the allow-list). */
export function blockingDataLoss(reviews: readonly PlanReview[]): DataLossEntry[] {
  return reviews.flatMap((r) => r.dataLoss.filter((d) => !d.allowed));
}

/** Exit status of the plan review: 1 when data loss is neither allowed nor accepted wholesale, else 0. */
export function planReviewExitCode(reviews: readonly PlanReview[], allowDataLoss = false): number {
  return !allowDataLoss && blockingDataLoss(reviews).length > 0 ? 1 : 0;
}
