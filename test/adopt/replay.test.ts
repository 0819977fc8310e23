// Replay (--from): the matching rule of the issue, the committed recording's reproducibility, and its equivalence
// with a live read.
import * as fs from "node:fs";
import * as path from "node:path";
import { ReplayTransport } from "../../adopt/recording";
import { recordAcmeLegacy } from "./fixtures/record-acme-legacy";
import { adopt, fakeServer, filesIn, RECORDING, tempDir } from "./support";

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (file: string, record: object) => fs.writeFileSync(path.join(dir, file), JSON.stringify(record));
const response = (name: string) => ({ Code: "success", IsSuccess: true, Namespaces: [{ NamespaceName: name }] });

describe("replaying a recording", () => {
  test("the committed recording is what the record script produces now (reproducible)", async () => {
    await recordAcmeLegacy(path.join(dir, "again"));
    expect(filesIn(path.join(dir, "again"))).toEqual(filesIn(RECORDING));
    expect(Object.keys(filesIn(RECORDING))).toHaveLength(81);
  });

  test("a replay writes the same definition as the live read it recorded", async () => {
    const { server, flags } = await fakeServer();
    const live = await adopt([...flags, "--out", path.join(dir, "live.ts")]);
    await server.stop();
    const replay = await adopt(["--from", RECORDING, "--out", path.join(dir, "replay.ts")]);
    expect([live.code, replay.code]).toEqual([0, 0]);
    const body = (file: string) => fs.readFileSync(path.join(dir, file), "utf8").replace(/^ Source: .*\n/m, "");
    expect(body("replay.ts")).toEqual(body("live.ts"));
    expect(fs.readFileSync(path.join(dir, "replay.ts"), "utf8")).toContain(` Source: replayed from ${RECORDING}.\n`);
  });

  test("a record answers when each parameter it holds, PageSize aside, has the request's value", async () => {
    write("a.json", { action: "ListNamespace", params: { InstanceId: "cri-a", PageSize: 5 }, response: response("a") });
    const replay = new ReplayTransport(dir);
    // Fewer parameters in the record (no PageNo, as another tool might record) and another PageSize still match.
    expect(await replay.call("cr", "ListNamespace", { InstanceId: "cri-a", PageNo: 2, PageSize: 100 })).toEqual(
      response("a"),
    );
    await expect(replay.call("cr", "ListNamespace", { InstanceId: "cri-b" })).rejects.toThrow(
      `--from ${dir}: no record answers CR ListNamespace {"InstanceId":"cri-b"}`,
    );
    await expect(replay.call("cr", "ListRepository", { InstanceId: "cri-a" })).rejects.toThrow(
      "no record answers CR ListRepository",
    );
  });

  test("a parameter the request lacks does not match; the record holding most parameters wins", async () => {
    write("1.json", { action: "ListNamespace", params: { InstanceId: "cri-a" }, response: response("any page") });
    write("2.json", { action: "ListNamespace", params: { InstanceId: "cri-a", PageNo: 2 }, response: response("p2") });
    write("3.json", { action: "ListNamespace", params: { InstanceId: "cri-a", Extra: "x" }, response: response("x") });
    const replay = new ReplayTransport(dir);
    expect(await replay.call("cr", "ListNamespace", { InstanceId: "cri-a", PageNo: "2" })).toEqual(response("p2"));
    expect(await replay.call("cr", "ListNamespace", { InstanceId: "cri-a", PageNo: 1 })).toEqual(response("any page"));
  });

  test("a folder that is not a recording is refused with the file and what is wrong", () => {
    write("bad.json", { action: 1, params: [], response: {} });
    expect(() => new ReplayTransport(dir)).toThrow(
      `${path.join(dir, "bad.json")}: not a record: action must be a string; params must be an object`,
    );
    expect(() => new ReplayTransport(path.join(dir, "missing"))).toThrow("--from = ");
  });

  test("--out must be a .ts file in an existing folder; --record a new or empty folder", async () => {
    write("old.json", {});
    const run = await adopt(["--from", RECORDING, "--out", path.join(dir, "missing", "a.ts")]);
    expect(run.log.split("\n").slice(1)).toEqual([
      `  --out = ${JSON.stringify(path.join(dir, "missing", "a.ts"))}: its folder does not exist`,
    ]);
    const live = await adopt(["--record", dir, "--out", path.join(dir, "a.ts")]);
    expect(live.code).toBe(2);
    expect(live.log).toContain(`--record = ${JSON.stringify(dir)}: is not empty: give a new folder`);
  });

  test("--from needs --account-id and excludes --record; every bad flag is reported at once", async () => {
    const run = await adopt(["--from", RECORDING, "--record", dir, "--out", "x.js", "--region", "mars-1"], false);
    expect(run.code).toBe(2);
    expect(run.log.split("\n").slice(1)).toEqual([
      '  --region = "mars-1": not a region with Container Registry',
      '  --out = "x.js": must name a .ts file',
      `  --record = ${JSON.stringify(dir)}: cannot be combined with --from (a replay calls nothing to record)`,
      "  --account-id = (not set): required with --from (a replay cannot ask STS whose account it is)",
    ]);
  });
});
