import type { OtherEntry, ProtectedEntry, ProtectionRecord } from "./protection-record";
import type { DataNames } from "../guardrails/rules";
import { identityKey, ResourceIdentity } from "./resource-identity";

/** A resource of the stack as synthesized now. */
export interface CurrentResource {
  readonly identity: ResourceIdentity;
  /** Construct path below the stack (without the trailing `/Resource`). */
  readonly path: string;
}

/** What {@link planProtection} decided for one stack. */
export interface ProtectionPlan {
  /** The record to commit. */
  readonly record: ProtectionRecord;
  /** `moved` blocks: renamed constructs keep their cloud objects. */
  readonly moved: readonly { readonly from: string; readonly to: string }[];
  /** Addresses for `removed` blocks with `destroy = false`: protected resources that left the code. */
  readonly removed: readonly string[];
  readonly warnings: readonly string[];
  readonly problems: readonly string[];
}

/**
 * Compares the previous record of a stack with what the stack holds now:
 * - a resource at the same address keeps its entry (and its move history);
 * - a resource at a new address whose identity (cloud names for protected ones, configuration fingerprint for others)
 *   belongs to exactly one previous address that is gone is a move: the `moved` chain is emitted on every synth;
 * - a protected resource that left the code is retained (a `removed` block, `destroy = false`), unless a release entry
 *   names it (then the plan deletes it); a released entry leaves the record once the release entry is removed;
 * - a release entry that names nothing removed from the code is a problem.
 */
export function planProtection(
  stack: string,
  previous: ProtectionRecord | undefined,
  current: ReadonlyMap<string, CurrentResource>,
  releases: readonly string[],
): ProtectionPlan {
  const before = previous ?? { protected: {}, others: {} };
  const warnings: string[] = [];
  const problems: string[] = [];
  const protectedNow: Record<string, ProtectedEntry> = {};
  const othersNow: Record<string, OtherEntry> = {};
  const moved: { from: string; to: string }[] = [];
  const previousByKey = indexByKey([
    ...Object.entries(before.protected).map(([a, e]) => [a, protectedKey(a, e)] as const),
    ...Object.entries(before.others).map(([a, e]) => [a, `${typeOf(a)} ${e.fingerprint}`] as const),
  ]);
  const currentByKey = indexByKey(
    [...current].map(([a, r]) => [a, `${typeOf(a)} ${identityKey(r.identity)}`] as const),
  );
  const consumed = new Set<string>();

  // Addresses in code-unit order, as the record sorts them: the same on every runtime and locale, and no ICU collator
  // to set up (~10 ms, once per synth).
  for (const address of [...current.keys()].sort()) {
    const resource = current.get(address) as CurrentResource;
    const key = `${typeOf(address)} ${identityKey(resource.identity)}`;
    const same = before.protected[address] ?? before.others[address];
    let history = same?.movedFrom ?? [];
    if (same === undefined) {
      const candidates = (previousByKey.get(key) ?? []).filter((a) => !current.has(a));
      if (candidates.length === 1 && currentByKey.get(key)?.length === 1) {
        const from = candidates[0];
        const old = before.protected[from] ?? before.others[from];
        history = [...(old.movedFrom ?? []), from];
        consumed.add(from);
      } else if (candidates.length > 1 || (candidates.length === 1 && (currentByKey.get(key)?.length ?? 0) > 1)) {
        warnings.push(
          `[${stack}] ${address}: ${candidates.join(", ")} had the same configuration; not moved (the plan replaces it)`,
        );
      }
    }
    const chain = [...history, address];
    for (let i = 0; i + 1 < chain.length; i++) {
      if (current.has(chain[i])) {
        warnings.push(`[${stack}] cannot move ${chain[i]} to ${chain[i + 1]}: ${chain[i]} is in the code again`);
      } else {
        moved.push({ from: chain[i], to: chain[i + 1] });
      }
    }
    const movedFrom = history.length > 0 ? { movedFrom: history } : {};
    if (resource.identity.kind === "protected") {
      protectedNow[address] = { ...resource.identity.identity, path: resource.path, ...movedFrom };
    } else {
      othersNow[address] = { fingerprint: resource.identity.fingerprint, ...movedFrom };
    }
  }

  const matches = (entry: string, address: string, path: string) =>
    entry === address || entry === path || entry === `${stack}/${path}` || entry === `${stack}:${address}`;
  const removed: string[] = [];
  const usedReleases = new Set<string>();
  for (const address of Object.keys(before.protected).sort()) {
    const entry = before.protected[address];
    if (current.has(address) || consumed.has(address)) continue;
    const release = releases.find((r) => matches(r, address, entry.path));
    const what = `${address} (${describe(typeOf(address), entry)})`;
    if (release !== undefined) {
      usedReleases.add(release);
      protectedNow[address] = { ...entry, status: "released" };
      warnings.push(`[${stack}] ${what} is released: the next deploy deletes it and everything in it`);
    } else if (entry.status !== "released") {
      protectedNow[address] = { ...entry, status: "retained" };
      removed.push(address);
      if (entry.status !== "retained") {
        warnings.push(
          `[${stack}] ${what} is protected and no longer in the code: it stays in the cloud and leaves Terraform ` +
            `management; to delete its images, release it`,
        );
      }
    }
  }
  for (const release of releases) {
    if (usedReleases.has(release)) continue;
    const inCode = [...current].find(
      ([address, r]) => r.identity.kind === "protected" && matches(release, address, r.path),
    );
    problems.push(
      `[${stack}] release = ${JSON.stringify(release)}: ` +
        (inCode
          ? `${inCode[0]} is still in the code; remove it from the code to delete it`
          : "names no protected resource that was removed from the code (stale release entry)"),
    );
  }
  return { record: { protected: protectedNow, others: othersNow }, moved, removed, warnings, problems };
}

function protectedKey(address: string, entry: ProtectedEntry): string {
  const identity: DataNames = Object.fromEntries(
    (["instance", "namespace", "repository"] as const).filter((k) => entry[k] !== undefined).map((k) => [k, entry[k]]),
  );
  return `${typeOf(address)} ${identityKey({ kind: "protected", identity })}`;
}

function describe(type: string, entry: ProtectedEntry): string {
  const kind = type.replace(/^alicloud_cr_(ee_)?/, "").replace(/_/g, " ");
  return `${kind} ${[entry.instance, entry.namespace, entry.repository].filter((n) => n !== undefined).join("/")}`;
}

function typeOf(address: string): string {
  return address.split(".")[0];
}

function indexByKey(pairs: readonly (readonly [string, string])[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const [address, key] of pairs) index.set(key, [...(index.get(key) ?? []), address]);
  return index;
}
