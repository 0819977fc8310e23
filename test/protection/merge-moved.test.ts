import * as fs from "node:fs";
import * as path from "node:path";
import { Grantee, synthesizeApp } from "../../constructs";
import { TerraformStack } from "../../constructs/engine";
import { mergeMoved } from "../../constructs/protection/merge-moved";
import { smallApp, tempProject } from "../output/support";

describe("mergeMoved", () => {
  test("a code block to the address a protection move ends at starts the protection chain instead", () => {
    const merged = mergeMoved(
      [
        { from: "a.legacy", to: "a.now" },
        { from: "b.other", to: "b.elsewhere" },
      ],
      [
        { from: "a.first", to: "a.second" },
        { from: "a.second", to: "a.now" },
      ],
    );
    expect(merged).toEqual([
      { from: "a.legacy", to: "a.first" },
      { from: "b.other", to: "b.elsewhere" },
      { from: "a.first", to: "a.second" },
      { from: "a.second", to: "a.now" },
    ]);
  });
});

describe("a grantee renamed after the move from the one-policy-per-grant layout", () => {
  const build = (outdir: string, granteeId: string) => {
    const app = smallApp(outdir, ["a"]);
    const stack = app.node.findChild("a") as TerraformStack;
    const namespace = stack.node.findChild("Registry").node.findChild("Ns") as unknown as {
      grantPull: (g: ReturnType<typeof Grantee.fromRoleName>) => unknown;
    };
    namespace.grantPull(Grantee.fromRoleName(stack, granteeId, "ci-builder"));
    return app;
  };

  test("its default policy moves once, and the earlier layout's block chains into that move", () => {
    const { outdir } = tempProject();
    synthesizeApp(build(outdir, "Ci"), () => undefined);
    synthesizeApp(build(outdir, "Builder"), () => undefined);
    const config = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "a", "cdk.tf.json"), "utf8"));
    const moved = config.moved as { from: string; to: string }[];
    const targets = moved.map((m) => m.to);
    // Terraform refuses two blocks moving to one address ("Ambiguous move statements").
    expect(new Set(targets).size).toBe(targets.length);
    const policy = moved.filter((m) => m.to.startsWith("alicloud_ram_policy."));
    expect(policy).toEqual([
      {
        from: expect.stringMatching(/^alicloud_ram_policy\.Registry_Ns_Grant-pull-Builder_Policy_\w+$/),
        to: expect.stringMatching(/^alicloud_ram_policy\.Ci_DefaultPolicy_\w+$/),
      },
      {
        from: expect.stringMatching(/^alicloud_ram_policy\.Ci_DefaultPolicy_\w+$/),
        to: expect.stringMatching(/^alicloud_ram_policy\.Builder_DefaultPolicy_\w+$/),
      },
    ]);
  });
});
