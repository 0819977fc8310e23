import * as fs from "node:fs";
import * as path from "node:path";
import { App } from "../../constructs/engine";
import { collectProblems } from "../../constructs/validation/synthesize";
import { RegistryStack } from "../../stacks/registry-stack";
import { synthJson } from "../support/synth";
import { tempProject } from "../output/support";

function stackWithLocalState(directory?: string, outdir = tempProject().outdir) {
  const app = new App({ outdir });
  const stack = new RegistryStack(app, "prod", { region: "cn-hangzhou", state: { kind: "local", directory } });
  return { app, stack };
}

describe("RegistryStack local state", () => {
  test("lives in terraform-state/ at the project root, written relative to the stack's working folder", () => {
    const { stack, app } = stackWithLocalState();
    expect(synthJson(stack).terraform).toMatchObject({
      backend: { local: { path: "../../../terraform-state/prod.tfstate" } },
    });
    expect(collectProblems(app)).toEqual([]);
  });

  test("a chosen folder is relative to the folder that holds the synth output", () => {
    const { root } = tempProject();
    fs.mkdirSync(path.join(root, "build"));
    const { stack } = stackWithLocalState("state/tf", path.join(root, "build", "cdktf.out"));
    expect(synthJson(stack).terraform).toMatchObject({
      backend: { local: { path: "../../../state/tf/prod.tfstate" } },
    });
  });

  test.each([
    [
      "inside the synth output",
      "cdktf.out/state",
      /state\.directory = "cdktf\.out\/state": must lie outside the synth output cdktf\.out\//,
    ],
    ["the synth output itself", "cdktf.out", /state\.directory = "cdktf\.out": must lie outside the synth output/],
    [
      "absolute",
      "/var/lib/terraform",
      /state\.directory = "\/var\/lib\/terraform": must be relative to the project root/,
    ],
  ])("a folder %s is a problem naming the stack, field and value", (_what, directory, message) => {
    const { app } = stackWithLocalState(directory);
    const problems = collectProblems(app);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\[prod\] /);
    expect(problems[0]).toMatch(message);
  });
});
