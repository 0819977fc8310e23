import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { EnterpriseRegistry, synthesizeApp } from "../../constructs";
import { App, TerraformStack } from "../../constructs/engine";
import { LARGE_STACK_RESOURCES, largeStackWarning } from "../../constructs/validation/stack-size";
import { readSynthStacks } from "../../review/synth-stacks";
import { tempProject } from "../output/support";
import { synthApp } from "../support/synth-app";

// A stack of one instance with `repositories` repositories in one namespace: 2 + repositories resource blocks.
function registryStack(app: App, id: string, repositories: number): void {
  const stack = new TerraformStack(app, id);
  new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
  const namespace = new EnterpriseRegistry(stack, "Registry", {
    instanceName: `acme-${id}`,
    edition: "Basic",
  }).addNamespace("Team", { name: "team" });
  for (let i = 0; i < repositories; i++) namespace.addRepository(`Repo${i}`, { name: `repo-${i}` });
}

describe("stacks too large for Terraform to deploy quickly", () => {
  test("each stack over the limit is named with its resource count; smaller ones are not", () => {
    const { outdir } = synthApp((app) => {
      registryStack(app, "big", 4);
      registryStack(app, "small", 1);
    });
    const stacks = readSynthStacks(outdir);
    const largeStackWarnings = (limit?: number) =>
      stacks.flatMap(({ stack, config }) => largeStackWarning(stack, config as object, limit));
    expect(largeStackWarnings(5)).toEqual([
      expect.stringMatching(/^stack "big" has 6 resources: .*keep a stack under 5 resources by splitting it/),
    ]);
    expect(largeStackWarnings()).toEqual([]);
  });

  test("synthesizeApp prints the warning for a stack over the limit", () => {
    const warnings: string[] = [];
    const { outdir } = tempProject();
    const app = new App({ outdir, context: { "@cdktf/disable_stack_trace_in_metadata": true } });
    registryStack(app, "big", LARGE_STACK_RESOURCES);
    synthesizeApp(app, (line) => warnings.push(line));
    expect(warnings).toContainEqual(
      expect.stringMatching(
        new RegExp(`^warning: stack "big" has ${(LARGE_STACK_RESOURCES + 2).toLocaleString("en")} resources`),
      ),
    );
  });
});
