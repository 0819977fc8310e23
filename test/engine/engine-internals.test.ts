// The seam's named functions stand on parts of the engine that are not its public API (a deep import path, the
// `skipValidation` session flag, the `cdktfVersion` context key). These tests fail when an engine upgrade or a
// switch of engines breaks one of them, instead of synthesis silently changing.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Construct, IConstruct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { CrEeNamespace } from "../../.gen/providers/alicloud/cr-ee-namespace";
import {
  App,
  Aspects,
  engineVersion,
  importExisting,
  invokeAspects,
  logicalIdAt,
  resourcesUnder,
  TerraformStack,
  synthesizeStacksInto,
  Testing,
} from "../../constructs/engine";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-test-"));

/** Every file under `dir` (relative path) with its text. */
function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile()) files[file] = fs.readFileSync(full, "utf8");
  }
  return files;
}

/** An app with one stack holding one namespace; `outdir` is where `App.synth()` would write. */
function smallApp(outdir: string): { app: App; namespace: CrEeNamespace } {
  const app = new App({ outdir, context: { "@cdktf/disable_stack_trace_in_metadata": true } });
  const stack = new TerraformStack(app, "small");
  new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
  const namespace = new CrEeNamespace(stack, "Namespace", {
    instanceId: "cri-test",
    name: "apps",
    autoCreate: false,
    defaultVisibility: "PRIVATE",
  });
  return { app, namespace };
}

describe("engine internals used by the seam", () => {
  test("invokeAspects runs each aspect once over the tree, before synthesis would", () => {
    const { app, namespace } = smallApp(tempDir());
    const visited: string[] = [];
    Aspects.of(app).add({
      visit: (node: IConstruct) => {
        if (node === namespace) namespace.name = `${namespace.nameInput}-${visited.push(node.node.path)}`;
      },
    });
    expect(namespace.nameInput).toBe("apps");
    invokeAspects(app);
    expect(visited).toEqual(["small/Namespace"]);
    expect(namespace.nameInput).toBe("apps-1");
  });

  test("synthesizeStacksInto writes exactly what App.synth() writes, into another folder", () => {
    const viaApp = tempDir();
    smallApp(viaApp).app.synth();
    const staged = tempDir();
    const { app } = smallApp(path.join(tempDir(), "unused"));
    synthesizeStacksInto(app, staged);
    expect(Object.keys(filesUnder(staged))).toEqual(["manifest.json", path.join("stacks", "small", "cdk.tf.json")]);
    expect(filesUnder(staged)).toEqual(filesUnder(viaApp));
  });

  test("synthesizeStacksInto does not validate again (the session's skipValidation is honoured)", () => {
    const broken = () => {
      const made = smallApp(tempDir());
      made.namespace.node.addValidation({ validate: () => ["already reported by synthesizeApp"] });
      return made.app;
    };
    expect(() => broken().synth()).toThrow(/already reported by synthesizeApp/);
    const staged = tempDir();
    synthesizeStacksInto(broken(), staged);
    expect(fs.existsSync(path.join(staged, "stacks", "small", "cdk.tf.json"))).toBe(true);
  });

  test("engineVersion is the engine's release, the version written into the manifest", () => {
    const staged = tempDir();
    const { app } = smallApp(staged);
    synthesizeStacksInto(app, staged);
    const manifest = JSON.parse(fs.readFileSync(path.join(staged, "manifest.json"), "utf8"));
    expect(engineVersion(app)).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.version).toBe(engineVersion(app));
  });

  test("importExisting writes the import block importFrom writes, without its terraform-version validation", () => {
    const viaEngine = smallApp(tempDir());
    const engineValidations = jest.spyOn(viaEngine.namespace.node, "addValidation");
    viaEngine.namespace.importFrom("cri-test:apps");
    const viaSeam = smallApp(tempDir());
    const seamValidations = jest.spyOn(viaSeam.namespace.node, "addValidation");
    importExisting(viaSeam.namespace, "cri-test:apps");
    const synth = ({ app }: { app: App }) => JSON.parse(Testing.synth(app.node.findChild("small") as TerraformStack));
    expect(synth(viaSeam).import).toEqual([{ to: "alicloud_cr_ee_namespace.Namespace", id: "cri-test:apps" }]);
    expect(synth(viaSeam).import).toEqual(synth(viaEngine).import);
    expect(engineValidations).toHaveBeenCalledTimes(1); // the version check, which runs `terraform version`
    expect(seamValidations).not.toHaveBeenCalled();
  });

  test("resourcesUnder lists each resource with its type and synthesized arguments", () => {
    const { app, namespace } = smallApp(tempDir());
    const [only, ...others] = resourcesUnder(app);
    expect(others).toEqual([]);
    expect(only.resource).toBe(namespace);
    expect(only.type).toBe("alicloud_cr_ee_namespace");
    expect(only.arguments).toMatchObject({
      instance_id: "cri-test",
      name: "apps",
      auto_create: false,
      default_visibility: "PRIVATE",
    });
  });
});

describe("logicalIdAt", () => {
  test("names the address the engine gives a resource at that construct path", () => {
    const { app } = smallApp(tempDir());
    const stack = app.node.findChild("small") as TerraformStack;
    const scope = new Construct(new Construct(stack, "Registry"), "Grant-pull-Ci");
    const policy = new CrEeNamespace(scope, "Policy", { instanceId: "cri-test", name: "x" });
    expect(logicalIdAt(["Registry", "Grant-pull-Ci", "Policy"])).toBe(policy.friendlyUniqueId);
    expect(policy.friendlyUniqueId).toMatch(/^Registry_Grant-pull-Ci_Policy_[0-9A-F]{8}$/);
  });
});
