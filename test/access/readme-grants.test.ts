import * as fs from "node:fs";
import * as path from "node:path";
import { problemsOf, resourcesOf, synthJson, testStack } from "../support/synth";
import { schemaErrors } from "../support/fixtures";
import { readmeGrantsExample } from "./readme-grants-example";

const README = path.join(__dirname, "..", "..", "README.md");
const EXAMPLE = path.join(__dirname, "readme-grants-example.ts");

/** The lines between the README markers of the example file, without the function body's indentation. */
function exampleBlock(): string {
  const source = fs.readFileSync(EXAMPLE, "utf8");
  const body = source.slice(source.indexOf("// README:start\n") + 16, source.indexOf("  // README:end"));
  return body.replace(/^ {2}/gm, "");
}

describe("the README's grant example", () => {
  test("is the code block of the RAM grants section, as compiled and run here", () => {
    const readme = fs.readFileSync(README, "utf8");
    const section = readme.slice(readme.indexOf("## RAM grants"), readme.indexOf("### Scenario:"));
    expect(section).toContain("```ts\n" + exampleBlock() + "```");
  });

  test("runs: one default policy for the role with all three grants, one for the auditor", () => {
    const { app, stack } = testStack("cn-hangzhou");
    const { push, pull, read } = readmeGrantsExample(stack);
    expect(push.actions).toEqual(["cr:GetAuthorizationToken", "cr:PullRepository", "cr:PushRepository"]);
    expect(push.resourceArns).toEqual(["acs:cr:cn-hangzhou:1234567890123456:repository/cri-xxxxxxxx/payments/*"]);
    expect(pull.policy).toBe(push.policy);
    expect(read.policy).toBe(push.policy);
    expect(push.policyName).toMatch(/^acr-role-ci-builder-[0-9a-f]{8}$/);
    const json = synthJson(stack);
    const arn = "acs:cr:cn-hangzhou:1234567890123456:repository/cri-xxxxxxxx";
    const policies = resourcesOf(json, "alicloud_ram_policy");
    expect(Object.keys(policies)).toEqual(["Ci/DefaultPolicy/Resource", "Auditor/DefaultPolicy/Resource"]);
    expect(JSON.parse(policies["Ci/DefaultPolicy/Resource"].policy_document as string).Statement).toEqual([
      { Effect: "Allow", Action: ["cr:GetAuthorizationToken"], Resource: ["*"] },
      { Effect: "Allow", Action: ["cr:GetRepository"], Resource: [`${arn}/payments/ledger`] },
      { Effect: "Allow", Action: ["cr:PullRepository", "cr:PushRepository"], Resource: [`${arn}/payments/*`] },
      { Effect: "Allow", Action: ["cr:PullRepository"], Resource: [`${arn}/tools/build-tools`] },
    ]);
    expect(problemsOf(app)).toEqual([]);
    expect(schemaErrors(json)).toEqual([]);
  });
});
