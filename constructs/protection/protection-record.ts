import { readTextIfExists } from "../../output/read-if-exists";
import { Document, isMap, isSeq, parseDocument } from "yaml";
import type { DataNames } from "../guardrails/rules";
import { readCanonicalRecord, RecordValue, writeCanonicalRecord } from "./canonical-record";

/** Where a protected resource stands. */
export type ProtectionStatus =
  /** In the code, with `prevent_destroy`. */
  | "protected"
  /** Removed from the code: kept in the cloud, forgotten by Terraform (a `removed` block with `destroy = false`). */
  | "retained"
  /** Removed from the code and released: the next deploy deletes it. */
  | "released";

/** A protected resource in the record, by address: its names in the cloud, and where it stands. */
export interface ProtectedEntry extends DataNames {
  /** Construct path below the stack, e.g. `ProdRegistry/payments/ledger`. */
  readonly path: string;
  /** @default "protected" */
  readonly status?: Exclude<ProtectionStatus, "protected">;
  /** Earlier addresses, oldest first: each synth emits the `moved` chain until the record forgets them. */
  readonly movedFrom?: readonly string[];
}

/** Any other resource, by a fingerprint of its configuration. */
export interface OtherEntry {
  readonly fingerprint: string;
  readonly movedFrom?: readonly string[];
}

/** What one stack protects (and knows of its other resources), as committed next to the code. */
export interface ProtectionRecord {
  readonly protected: Readonly<Record<string, ProtectedEntry>>;
  readonly others: Readonly<Record<string, OtherEntry>>;
}

/** A record file that is not what synthesis writes; lists every problem with the file and entry. */
export class ProtectionRecordError extends Error {
  public constructor(public readonly problems: readonly string[]) {
    super(`${problems.length} problem(s) in protection records; nothing was written:\n  ${problems.join("\n  ")}`);
    this.name = "ProtectionRecordError";
  }
}

const VERSION = 1;
const ADDRESS = /^[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*$/;
const STRING_FIELDS = ["instance", "namespace", "repository", "path"] as const;

/**
 * Reads the record file, or `undefined` when there is none.
 * @throws ProtectionRecordError naming the file, entry, field and value of everything that is wrong
 */
export function readProtectionRecord(file: string): ProtectionRecord | undefined {
  const text = readTextIfExists(file);
  return text === undefined ? undefined : parseProtectionRecord(text, file);
}

/**
 * The record in `text` (the content of `file`, which names it in messages).
 * @throws ProtectionRecordError naming the file, entry, field and value of everything that is wrong
 */
export function parseProtectionRecord(text: string, file: string): ProtectionRecord {
  const problems: string[] = [];
  const fail = (where: string, value: unknown, rule: string) =>
    problems.push(`${file}: ${where} = ${JSON.stringify(value) ?? "undefined"}: ${rule}`);
  const root = (readCanonicalRecord(text) ?? parseYaml(text, file)) as unknown;
  if (!isObject(root)) throw new ProtectionRecordError([`${file}: must be a map with version, protected and others`]);
  if (root.version !== VERSION) fail("version", root.version, `must be ${VERSION}`);
  for (const key of Object.keys(root)) {
    if (!["version", "protected", "others"].includes(key)) fail(key, root[key], "unknown key");
  }
  const record = {
    protected: entries(root.protected, "protected", fail, (where, entry) => checkProtected(where, entry, fail)),
    others: entries(root.others, "others", fail, (where, entry) => {
      if (typeof entry.fingerprint !== "string" || !/^[0-9a-f]{16}$/.test(entry.fingerprint)) {
        fail(`${where}.fingerprint`, entry.fingerprint, "must be 16 hex digits (written by synth)");
      }
      checkKeys(where, entry, ["fingerprint", "movedFrom"], fail);
    }),
  };
  for (const [section, byAddress] of Object.entries(record)) {
    for (const [address, entry] of Object.entries(byAddress as Record<string, { movedFrom?: unknown }>)) {
      const moved = entry.movedFrom;
      if (moved === undefined) continue;
      if (!Array.isArray(moved) || moved.some((a) => typeof a !== "string" || !ADDRESS.test(a))) {
        fail(`${section}."${address}".movedFrom`, moved, "must be a list of Terraform addresses, oldest first");
      }
    }
  }
  if (problems.length > 0) throw new ProtectionRecordError(problems);
  return record as unknown as ProtectionRecord;
}

function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new ProtectionRecordError(doc.errors.map((e) => `${file}: not valid YAML: ${e.message.split("\n")[0]}`));
  }
  return doc.toJS();
}

/** The record as YAML: sorted, one resource per line (merge-friendly), with a header for reviewers. */
export function renderProtectionRecord(stack: string, record: ProtectionRecord): string {
  const value: RecordValue = {
    version: VERSION,
    protected: sortedByKey(record.protected, (entry) => ({
      ...pick(entry, ["instance", "namespace", "repository", "path", "status"]),
      ...(entry.movedFrom?.length ? { movedFrom: [...entry.movedFrom] } : {}),
    })),
    others: sortedByKey(record.others, (entry) => ({
      fingerprint: entry.fingerprint,
      ...(entry.movedFrom?.length ? { movedFrom: [...entry.movedFrom] } : {}),
    })),
  };
  const header = [
    ` Protection record of stack ${stack}, written by synth: commit it, and review its diff in pull requests.`,
    ` protected: data-holding resources under prevent_destroy, by their names in the cloud; a resource removed from`,
    ` the code stays here as "retained" (kept in the cloud, forgotten by Terraform) or "released" (deleted on deploy).`,
    ` others: every other resource, by a fingerprint of its configuration, so that a renamed construct is moved.`,
  ];
  return writeCanonicalRecord(header, value) ?? renderYaml(header, value);
}

function renderYaml(header: readonly string[], value: RecordValue): string {
  const doc = new Document(value);
  for (const section of ["protected", "others"]) {
    const map = doc.get(section, true);
    if (isMap(map)) {
      map.flow = map.items.length === 0;
      for (const pair of map.items) {
        if (isMap(pair.value) || isSeq(pair.value)) pair.value.flow = true;
      }
    }
  }
  doc.commentBefore = header.join("\n");
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

function checkProtected(
  where: string,
  entry: Record<string, unknown>,
  fail: (w: string, v: unknown, r: string) => void,
) {
  for (const field of STRING_FIELDS) {
    const value = entry[field];
    if (value !== undefined && (typeof value !== "string" || value === "")) {
      fail(`${where}.${field}`, value, "must be a non-empty string");
    }
  }
  if (typeof entry.path !== "string") fail(`${where}.path`, entry.path, "is required (the construct path)");
  if (entry.status !== undefined && entry.status !== "retained" && entry.status !== "released") {
    fail(`${where}.status`, entry.status, "must be retained or released (absent: protected)");
  }
  checkKeys(where, entry, [...STRING_FIELDS, "status", "movedFrom"], fail);
}

function entries<T>(
  value: unknown,
  section: string,
  fail: (where: string, value: unknown, rule: string) => void,
  check: (where: string, entry: Record<string, unknown>) => void,
): Record<string, T> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    fail(section, value, "must be a map of entries by Terraform address");
    return {};
  }
  for (const [address, entry] of Object.entries(value)) {
    const where = `${section}."${address}"`;
    if (!ADDRESS.test(address)) fail(section, address, "must be a Terraform address <type>.<name>");
    if (!isObject(entry)) fail(where, entry, "must be a map");
    else check(where, entry);
  }
  return value as Record<string, T>;
}

function checkKeys(
  where: string,
  entry: Record<string, unknown>,
  allowed: readonly string[],
  fail: (w: string, v: unknown, r: string) => void,
) {
  for (const key of Object.keys(entry)) {
    if (!allowed.includes(key)) fail(`${where}.${key}`, entry[key], `unknown field (allowed: ${allowed.join(", ")})`);
  }
}

function sortedByKey<T, U>(record: Readonly<Record<string, T>>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, map(record[key])]),
  );
}

function pick<T extends object>(value: T, keys: readonly (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]])) as Partial<T>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
