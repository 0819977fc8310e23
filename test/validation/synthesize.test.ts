import * as fs from "node:fs";
import * as path from "node:path";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { ConfigurationError, EnterpriseRegistry, PersonalNamespace, synthesizeApp } from "../../constructs";
import { App, TerraformStack } from "../../constructs/engine";
import { tempProject } from "../output/support";

function tempOutdir(): string {
  // Nested like a checkout: protection records go beside the output, inside the temp folder.
  return tempProject().outdir;
}

function stackWithProvider(app: App, id: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
  return stack;
}

describe("synthesizeApp", () => {
  test("reports the problems of every stack together and writes nothing", () => {
    const outdir = tempOutdir();
    const app = new App({ outdir });
    new EnterpriseRegistry(stackWithProvider(app, "good"), "Registry", { instanceName: "acme", edition: "Basic" });
    new EnterpriseRegistry(stackWithProvider(app, "bad1"), "Registry", { instanceName: "A", edition: "Basic" });
    new EnterpriseRegistry(stackWithProvider(app, "bad2"), "Registry", {
      instanceName: "acme",
      edition: "Gold" as never,
    });

    let error: unknown;
    try {
      synthesizeApp(app, () => undefined);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual([
      '[bad1/Registry] instanceName = "A": must be 3-30 characters of lowercase letters, digits and hyphens, not starting or ending with a hyphen',
      '[bad2/Registry] edition = "Gold": must be one of Basic, Standard, Advanced, Economy (alicloud_cr_ee_instance.instance_type)',
    ]);
    expect((error as Error).message).toMatch(/^2 configuration problem\(s\); nothing was written:/);
    // App's constructor creates the empty folder layout; no file is written.
    expect(
      fs
        .readdirSync(outdir, { recursive: true, encoding: "utf8" })
        .filter((f) => fs.statSync(path.join(outdir, f)).isFile()),
    ).toEqual([]);
  });

  test("a resource without a provider in its stack is reported too (cdktf's own validation)", () => {
    const app = new App({ outdir: tempOutdir() });
    new EnterpriseRegistry(new TerraformStack(app, "noprovider"), "Registry", {
      instanceName: "acme",
      edition: "Basic",
    });
    expect(() => synthesizeApp(app, () => undefined)).toThrow(
      /\[noprovider\] Found resources without a matching provider construct/,
    );
  });

  test("writes the stacks and prints warnings when there are no problems", () => {
    const outdir = tempOutdir();
    const app = new App({ outdir, context: { "@cdktf/disable_stack_trace_in_metadata": true } });
    new PersonalNamespace(stackWithProvider(app, "legacy"), "Legacy", { name: "legacy" });
    const printed: string[] = [];
    synthesizeApp(app, (line) => printed.push(line));
    expect(printed).toEqual([
      "warning: [legacy/Legacy] alicloud_cr_namespace is deprecated upstream (provider 1.276.0) and will be removed; move to an Enterprise Edition Namespace",
    ]);
    expect(fs.existsSync(path.join(outdir, "stacks/legacy/cdk.tf.json"))).toBe(true);
  });
});
