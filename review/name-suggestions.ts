/**
 * "Did you mean" for unknown attribute and block names in `npm run validate`.
 */
import { compareText } from "./markdown";
// ---------------------------------------------------------------------------------------------------------------
// Name suggestions
// ---------------------------------------------------------------------------------------------------------------

/** Levenshtein distance (insert, delete, substitute all cost 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/-/g, "_")
    .toLowerCase();
}

/**
 * The valid name closest to `name`, or undefined when none is close enough to be a plausible typo. camelCase and
 * case slips (common when porting cdktf props by hand) match first, then singular/plural; then the smallest edit
 * distance; then a candidate that contains `name` as a whole `_`-separated word (`name` -> `instance_name`).
 */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
  const sorted = [...new Set(candidates)].sort();
  const normalized = toSnakeCase(name);
  const exact = sorted.find((c) => c === normalized || c.toLowerCase() === name.toLowerCase());
  if (exact !== undefined) return exact;
  const plural = sorted.find((c) => singular(c) === singular(normalized));
  if (plural !== undefined) return plural;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of sorted) {
    const distance = editDistance(normalized, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const threshold = Math.max(2, Math.floor(normalized.length / 3));
  if (best !== undefined && bestDistance <= threshold) return best;
  const containing = sorted.filter((c) => c !== normalized && `_${c}_`.includes(`_${normalized}_`));
  return containing.sort((x, y) => x.length - y.length || compareText(x, y))[0];
}

// Singular and plural block names (`entry` vs `entries`) are a common slip.
function singular(word: string): string {
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  return word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

export function didYouMean(name: string, candidates: readonly string[]): string {
  const suggestion = suggestName(name, candidates);
  return suggestion === undefined ? "" : `; did you mean "${suggestion}"?`;
}
