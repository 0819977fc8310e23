// The live path: the real SDK client (@alicloud/openapi-core with @alicloud/credentials) against a local server
// that speaks the CR RPC API, with paging under a server page-size cap, throttling, a 5xx and auth failures.
import * as fs from "node:fs";
import * as path from "node:path";
import { ACCOUNT_ID, ACME_LEGACY } from "./fixtures/acme-legacy";
import { adopt, fakeServer, filesIn, SECRET, tempDir } from "./support";

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
const out = () => path.join(dir, "adopted.ts");
const record = () => path.join(dir, "recording");

describe("npm run adopt against a local CR API", () => {
  test("reads every page the server gives (capped at 30, TotalCount a string) and records each call as returned", async () => {
    const { server, flags } = await fakeServer();
    const run = await adopt([...flags, "--out", out(), "--record", record()]);
    await server.stop();
    expect(run.code).toBe(0);
    const pages = server.calls.filter((c) => c.action === "ListRepository");
    expect(pages.map((c) => [c.params.PageNo, c.params.PageSize])).toEqual([
      ["1", "100"],
      ["2", "100"],
      ["3", "100"],
    ]);
    expect(pages.map((c) => (c.body?.Repositories as unknown[]).length)).toEqual([30, 30, 5]);
    expect(pages[0].body?.TotalCount).toBe("65");
    const files = filesIn(record());
    expect(Object.keys(files)).toHaveLength(server.calls.length);
    const answered = new Map(server.calls.map((c) => [JSON.stringify([c.action, c.params]), c.body]));
    for (const text of Object.values(files)) {
      const recorded = JSON.parse(text);
      const params = Object.fromEntries(Object.entries(recorded.params).map(([k, v]) => [k, String(v)]));
      expect(recorded.response).toEqual(answered.get(JSON.stringify([recorded.action, params])));
    }
    const written = fs.readFileSync(out(), "utf8");
    expect(written.match(/name: "(payme|store|tool)-svc-\d\d"/g)).toHaveLength(ACME_LEGACY.repositories.length);
    for (const text of [written, ...Object.values(files)]) expect(text).not.toContain(SECRET);
    expect(run.log).toContain("78 object(s) to import");
  });

  test("throttling and a 5xx are retried with exponential backoff", async () => {
    const { server, flags } = await fakeServer({
      faults: [
        { action: "ListRepository", page: 2, status: 429, code: "Throttling.User", times: 2 },
        { action: "ListNamespace", status: 503, code: "ServiceUnavailable" },
      ],
    });
    const run = await adopt([...flags, "--out", out()]);
    await server.stop();
    expect(run.code).toBe(0);
    expect(run.delays).toEqual([500, 500, 1000]);
    expect(server.calls.filter((c) => c.action === "ListRepository").map((c) => c.params.PageNo)).toEqual([
      "1",
      "2",
      "2",
      "2",
      "3",
    ]);
  });

  test("a server's x-acs-retry-after is waited for, up to the longest single wait", async () => {
    const { server, flags } = await fakeServer({
      faults: [
        { action: "ListChain", status: 429, code: "Throttling.Api", retryAfterMs: 3000 },
        { action: "ListChain", status: 429, code: "Throttling.Api", retryAfterMs: 60000 },
      ],
    });
    const run = await adopt([...flags, "--out", out()]);
    await server.stop();
    expect(run.code).toBe(0);
    expect(run.delays).toEqual([3000, 8000]);
  });

  test("a listing that stays throttled past the budget fails half-way and writes nothing", async () => {
    fs.writeFileSync(out(), "// the user's earlier file\n");
    const { server, flags } = await fakeServer({
      faults: [{ action: "ListRepository", page: 2, status: 429, code: "Throttling.User", times: 99 }],
    });
    const run = await adopt([...flags, "--out", out(), "--record", record()]);
    await server.stop();
    expect(run.code).toBe(1);
    expect(run.log).toContain("CR ListRepository failed with Throttling.User (HTTP 429)");
    expect(run.log).toContain("gave up after 6 attempt(s)");
    expect(run.delays).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(fs.readFileSync(out(), "utf8")).toBe("// the user's earlier file\n");
    expect(fs.existsSync(record())).toBe(false);
    expect(fs.readdirSync(dir)).toEqual(["adopted.ts"]); // no temporary file left
  });

  test("a missing permission names the RAM action; nothing is retried or written", async () => {
    const { server, flags } = await fakeServer({
      faults: [{ action: "ListChartNamespace", status: 403, code: "Forbidden.RAM", message: "User not authorized" }],
    });
    const run = await adopt([...flags, "--out", out()]);
    await server.stop();
    expect(run.code).toBe(1);
    expect(run.log).toContain("CR ListChartNamespace failed with Forbidden.RAM (HTTP 403): User not authorized");
    expect(run.log).toContain("the RAM identity needs the action cr:ListChartNamespace");
    expect(run.delays).toEqual([]);
    expect(fs.existsSync(out())).toBe(false);
  });

  test("refused credentials say where the credential chain looks", async () => {
    const { server, flags } = await fakeServer({
      faults: [{ action: "GetInstance", status: 400, code: "InvalidAccessKeyId.NotFound", message: "no such key" }],
    });
    const run = await adopt([...flags, "--out", out()]);
    await server.stop();
    expect(run.code).toBe(1);
    expect(run.log).toContain("the credentials were refused");
    expect(run.log).toContain("ALIBABA_CLOUD_ACCESS_KEY_ID");
    expect(run.log).not.toContain(SECRET);
  });

  test("no credentials at all: one message that says where to set them, before any call", async () => {
    const { server, flags } = await fakeServer();
    const saved = { ...process.env };
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    process.env.HOME = tempDir(); // no ~/.aliyun/config.json, no ~/.alibabacloud/credentials
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true"; // not an ECS instance: skip the metadata service
    try {
      const run = await adopt([...flags, "--out", out()]);
      expect(run.code).toBe(1);
      expect(run.log).toContain("no credentials: the default credential chain found none; set one of");
      expect(run.log).toContain("ALIBABA_CLOUD_ACCESS_KEY_ID");
      expect(server.calls).toEqual([]);
      expect(fs.existsSync(out())).toBe(false);
    } finally {
      process.env = saved;
      await server.stop();
    }
  });

  test("without --account-id the account comes from STS GetCallerIdentity", async () => {
    const { server, flags } = await fakeServer({ accountId: "6543210987654321" });
    const run = await adopt([...flags, "--out", out()], false);
    await server.stop();
    expect(run.code).toBe(0);
    expect(server.calls[0]).toMatchObject({ action: "GetCallerIdentity" });
    expect(fs.readFileSync(out(), "utf8")).toContain('accountId: "6543210987654321"');
    expect(fs.readFileSync(out(), "utf8")).not.toContain(ACCOUNT_ID);
  });

  test("an instance the API does not know fails with its answer", async () => {
    const { server, flags } = await fakeServer();
    const run = await adopt([...flags, "--out", out(), "--instance-id", "cri-unknown0000"]);
    await server.stop();
    expect(run.code).toBe(1);
    expect(run.log).toContain("CR GetInstance failed with INSTANCE_NOT_EXIST (HTTP 404)");
  });
});
