// Shared by the adopt tests: the fake server with the fixture instance, a run of the CLI against it, temp folders.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runAdopt } from "../../adopt/cli";
import { FakeCrServer, FakeServerOptions } from "./fake-cr-server";
import { ACCOUNT_ID, ACME_LEGACY, INSTANCE_ID, REGION } from "./fixtures/acme-legacy";

export { RECORDING } from "./recorded-responses";

/** What `npm run adopt` writes from the recording: committed, so that `tsc --noEmit` type-checks it. */
export const GOLDEN = path.join(__dirname, "fixtures", "acme-legacy.adopted.ts");
/** The secret the tests' credentials carry: it must never reach a written file. */
export const SECRET = "fake-secret-Zq81xKp0";

process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "fake-access-key-id";
process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = SECRET;

export const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "acr-adopt-test-"));

/** What one CLI run did. */
export interface AdoptRun {
  readonly code: number;
  readonly log: string;
  readonly delays: number[];
}

/** Runs the CLI with `args` (the instance's flags first), recording waits instead of sleeping. */
export async function adopt(args: readonly string[], withAccount = true): Promise<AdoptRun> {
  const lines: string[] = [];
  const delays: number[] = [];
  const code = await runAdopt(
    [
      ...["--instance-id", INSTANCE_ID, "--region", REGION],
      ...(withAccount ? ["--account-id", ACCOUNT_ID] : []),
      ...args,
    ],
    {
      log: (line) => lines.push(line),
      retry: { sleep: async (ms) => void delays.push(ms) },
    },
  );
  return { code, log: lines.join("\n"), delays };
}

/** Starts the fake server with the fixture instance; resolves to it and its endpoint flag. */
export async function fakeServer(options: FakeServerOptions = {}): Promise<{ server: FakeCrServer; flags: string[] }> {
  const server = new FakeCrServer(ACME_LEGACY, { pageSizeCap: 30, ...options });
  const url = await server.start();
  return { server, flags: ["--endpoint", url, "--sts-endpoint", url] };
}

/** Every file under `dir` with its text. */
export function filesIn(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}
