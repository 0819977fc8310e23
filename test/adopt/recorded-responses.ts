// The committed recording of the fixture instance, read straight from its JSON (not through the adopt code), for
// the tests that check what adopt wrote against what the cloud answered. Read once per process.
import * as fs from "node:fs";
import * as path from "node:path";

export type Item = Record<string, unknown>;

/** The committed recording of the fixture instance. */
export const RECORDING = path.join(__dirname, "fixtures", "acme-legacy");

let calls: readonly { action: string; response: Item }[] | undefined;

/** The recorded responses of `action`, in file order. */
export function recorded(action: string): Item[] {
  calls ??= fs
    .readdirSync(RECORDING)
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(RECORDING, f), "utf8")) as { action: string; response: Item });
  return calls.filter((r) => r.action === action).map((r) => r.response);
}

/** The items of list `key` over every recorded response of `action` (every page). */
export const listed = (action: string, key: string): Item[] =>
  recorded(action).flatMap((r) => (r[key] as Item[]) ?? []);
