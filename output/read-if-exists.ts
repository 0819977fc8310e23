import * as fs from "node:fs";

/** The text of `file`, or `undefined` when there is no such file; any other read error is thrown. */
export function readTextIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}
