// What this project's validation would reject is left out with the exact rule and what to do, never written into a
// definition that then fails to synthesize, and never dropped silently.
import * as fs from "node:fs";
import * as path from "node:path";
import { FakeCrServer } from "./fake-cr-server";
import { ACME_LEGACY, INSTANCE_ID } from "./fixtures/acme-legacy";
import { adopt, tempDir } from "./support";

test("a repository name or summary the project rejects, and an allow-list entry without a comment, are left out", async () => {
  const dir = tempDir();
  const repository = (name: string, summary: string) => ({
    ...ACME_LEGACY.repositories[0],
    RepoName: name,
    RepoId: `crr-${name.length}${summary.length}`,
    Summary: summary,
  });
  const internet = ACME_LEGACY.internet.Registry;
  const server = new FakeCrServer({
    ...ACME_LEGACY,
    repositories: [...ACME_LEGACY.repositories, repository("Legacy_App", "old"), repository("no-summary", "")],
    internet: {
      Registry: {
        ...internet,
        AclEntries: [...(internet.AclEntries as object[]), { Entry: "192.0.2.0/24", Comment: "" }],
      },
    },
  });
  const url = await server.start();
  const out = path.join(dir, "adopted.ts");
  const run = await adopt(["--endpoint", url, "--out", out]);
  await server.stop();
  expect(run.code).toBe(0);
  const expected = [
    'repository payments/Legacy_App = "Legacy_App": must be 2-64 characters of lowercase letters and digits, with separators _ - . allowed but not first or last; left unmanaged: ACR cannot rename a repository, so it stays as it is; to manage it here, push its images to one with a valid name',
    'repository payments/no-summary summary = "": must be 1-100 characters; left unmanaged: give it a summary of 1-100 characters in the console, then adopt again',
    "internetAllowList: allow-list entry 192.0.2.0/24 has no comment, which this project requires (description); left unmanaged: fix it in the console, then adopt again",
  ];
  for (const line of expected) expect(run.log).toContain(`adopt: left out: ${line}`);
  const text = fs.readFileSync(out, "utf8");
  expect(text).toContain("Left out (this project's validation rejects them):");
  expect(text).not.toContain('name: "Legacy_App"');
  expect(text).not.toContain("internetAllowList: [");
  expect(text).not.toContain("allowInternetEndpoint");
  expect(text).toContain(`instanceId: "${INSTANCE_ID}"`);
  fs.rmSync(dir, { recursive: true, force: true });
});
