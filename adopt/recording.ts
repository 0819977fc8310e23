import * as fs from "node:fs";
import * as path from "node:path";
import { writeDurably } from "../output/commit-journal";
import { AdoptError, Product } from "./api-error";
import { CallParams, ResponseBody, Transport } from "./transport";

/** One recorded call: a file of a `--record` folder. */
export interface RecordedCall {
  readonly action: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The response body exactly as the API returned it. */
  readonly response: ResponseBody;
}

/**
 * Passes calls to `inner` and keeps each CR call with its response, to be written by {@link writeRecording} once the
 * whole read has succeeded (a read that fails half-way records nothing). STS calls are not kept: a replay takes the
 * account from `--account-id`.
 */
export class RecordingTransport implements Transport {
  public readonly calls: RecordedCall[] = [];

  public constructor(private readonly inner: Transport) {}

  public async call(product: Product, action: string, params: CallParams): Promise<ResponseBody> {
    // The slot is taken when the call starts, so concurrent calls are recorded in the order they were made.
    const slot = product === "cr" ? this.calls.push({ action, params: { ...params }, response: {} }) - 1 : -1;
    const response = await this.inner.call(product, action, params);
    if (slot >= 0) this.calls[slot] = { ...this.calls[slot], response };
    return response;
  }
}

/** Writes one JSON file per call into `dir` (`001-GetInstance.json`, ...), each atomically. */
export function writeRecording(dir: string, calls: readonly RecordedCall[]): void {
  fs.mkdirSync(dir, { recursive: true });
  const width = Math.max(3, String(calls.length).length);
  calls.forEach((call, i) => {
    const file = path.join(dir, `${String(i + 1).padStart(width, "0")}-${call.action}.json`);
    writeFileAtomic(file, `${JSON.stringify(call, null, 2)}\n`);
  });
}

/**
 * Writes `text` to `file` through a temporary file in the same folder, flushed (output/'s writeDurably, as the commit
 * journal writes its own), and a rename: readers never see half of it.
 */
export function writeFileAtomic(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeDurably(temp, text);
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Answers calls from a `--record` folder (or one another tool wrote in the same format). A record answers a request
 * for the same action when every parameter the record holds, `PageSize` aside, has the same value in the request
 * (compared as text: a query string has no types); among several, the one holding most parameters wins, then the
 * first by file name.
 */
export class ReplayTransport implements Transport {
  private readonly records: readonly (RecordedCall & { readonly file: string })[];

  public constructor(private readonly dir: string) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new AdoptError(`--from = ${JSON.stringify(dir)}: not a folder`);
    }
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort();
    if (files.length === 0) throw new AdoptError(`--from = ${JSON.stringify(dir)}: holds no .json record`);
    this.records = files.map((file) => ({ ...readRecord(path.join(dir, file)), file }));
  }

  public async call(product: Product, action: string, params: CallParams): Promise<ResponseBody> {
    const candidates = this.records
      .filter((r) => r.action === action && matches(r.params, params))
      .sort((a, b) => relevant(b.params).length - relevant(a.params).length);
    if (candidates.length === 0) {
      throw new AdoptError(
        `--from ${this.dir}: no record answers ${product.toUpperCase()} ${action} ${JSON.stringify(params)} ` +
          "(a record matches when each of its parameters but PageSize has the request's value); " +
          "record the instance again with --record",
      );
    }
    return candidates[0].response;
  }
}

const relevant = (params: Readonly<Record<string, unknown>>) => Object.keys(params).filter((k) => k !== "PageSize");

function matches(recorded: Readonly<Record<string, unknown>>, request: CallParams): boolean {
  return relevant(recorded).every((k) => k in request && String(recorded[k]) === String(request[k]));
}

function readRecord(file: string): RecordedCall {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new AdoptError(`${file}: not JSON (${(error as Error).message})`);
  }
  const record = parsed as Partial<RecordedCall> | null;
  const problems = [
    typeof record?.action === "string" ? undefined : "action must be a string",
    isObject(record?.params) ? undefined : "params must be an object",
    isObject(record?.response) ? undefined : "response must be an object",
  ].filter((p) => p !== undefined);
  if (problems.length > 0) throw new AdoptError(`${file}: not a record: ${problems.join("; ")}`);
  return record as RecordedCall;
}

const isObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
