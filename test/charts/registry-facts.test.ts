import * as fs from "node:fs";
import * as path from "node:path";
import { registryFactsFromOutputs, validateRegistryFacts } from "../../charts";
import { OIDC_PROVIDER, OWNER_ROLE, PROD, RRSA_ROLE, tempDir } from "./support";

const OUTPUTS = {
  prod: {
    ProdRegistry_instance_id: PROD.instanceId,
    ProdRegistry_region: PROD.regionId,
    ProdRegistry_public_domain: PROD.publicDomain,
    ProdRegistry_vpc_domain: PROD.vpcDomain,
  },
  dev: {},
};

describe("registryFactsFromOutputs", () => {
  test("reads the four outputs exportRegistry writes, from an object or from the outputs file", () => {
    expect(registryFactsFromOutputs(OUTPUTS, "prod", "ProdRegistry")).toEqual(PROD);
    const file = path.join(tempDir(), "outputs.json");
    fs.writeFileSync(file, JSON.stringify(OUTPUTS));
    expect(registryFactsFromOutputs(file, "prod", "ProdRegistry")).toEqual(PROD);
  });

  test("adds access extras and validates them", () => {
    const extras = { assumeRoleArn: OWNER_ROLE, sessionDurationSeconds: 7200 };
    expect(registryFactsFromOutputs(OUTPUTS, "prod", "ProdRegistry", extras)).toEqual({ ...PROD, ...extras });
    expect(() =>
      registryFactsFromOutputs(OUTPUTS, "prod", "ProdRegistry", {
        assumeRoleArn: "role/x",
        sessionDurationSeconds: 100,
      }),
    ).toThrow(
      'deploy outputs, stack "prod", registry "ProdRegistry":\n' +
        '  assumeRoleArn = "role/x": must be a RAM role ARN acs:ram::<16-digit account uid>:role/<roleName>\n' +
        "  sessionDurationSeconds = 100: must be an integer from 3600 to 43200",
    );
  });

  test("errors name the file, the stack and every missing output", () => {
    const dir = tempDir();
    const missing = path.join(dir, "missing.json");
    expect(() => registryFactsFromOutputs(missing, "prod", "ProdRegistry")).toThrow(
      `cannot read outputs file ${missing} (ENOENT): run \`cdktf deploy prod --outputs-file ${missing}\` first`,
    );
    const broken = path.join(dir, "broken.json");
    fs.writeFileSync(broken, "{");
    expect(() => registryFactsFromOutputs(broken, "prod", "ProdRegistry")).toThrow(
      new RegExp(`^outputs file ${broken} is not valid JSON`),
    );
    expect(() => registryFactsFromOutputs(OUTPUTS, "staging", "ProdRegistry")).toThrow(
      'deploy outputs has no outputs for stack "staging" (stacks in the file: dev, prod)',
    );
    const partial = path.join(dir, "partial.json");
    fs.writeFileSync(partial, JSON.stringify({ prod: { ProdRegistry_instance_id: "cri-x1", ProdRegistry_region: 7 } }));
    expect(() => registryFactsFromOutputs(partial, "prod", "ProdRegistry")).toThrow(
      `outputs file ${partial}: stack "prod" lacks output(s) ProdRegistry_region (not a string), ` +
        "ProdRegistry_public_domain, ProdRegistry_vpc_domain; does the stack call exportRegistry() for " +
        '"ProdRegistry", and was it deployed with --outputs-file after that?',
    );
    expect(() => registryFactsFromOutputs([] as unknown as object, "prod", "ProdRegistry")).toThrow(
      "deploy outputs must be a JSON object of outputs by stack",
    );
  });

  test("rejects values that are not the instance's domains", () => {
    const wrong = {
      prod: { ...OUTPUTS.prod, ProdRegistry_vpc_domain: "acme-prod-registry-vpc.cn-beijing.cr.aliyuncs.com" },
    };
    expect(() => registryFactsFromOutputs(wrong, "prod", "ProdRegistry")).toThrow(
      'vpcDomain = "acme-prod-registry-vpc.cn-beijing.cr.aliyuncs.com": must be ' +
        "<instanceName>-registry-vpc.cn-hangzhou.cr.aliyuncs.com (the Enterprise Edition VPC domain)",
    );
  });
});

describe("validateRegistryFacts", () => {
  test("accepts complete facts with RRSA extras", () => {
    expect(validateRegistryFacts({ ...PROD, rrsaRoleArn: RRSA_ROLE, rrsaOidcProviderRoleArn: OIDC_PROVIDER })).toEqual(
      [],
    );
  });

  test("refuses tokens, mixed instances, and extras without their partner", () => {
    expect(validateRegistryFacts({ ...PROD, instanceId: "${TfToken[TOKEN.3]}" })).toEqual([
      expect.stringMatching(/^instanceId = "\$\{\.\.\.\}": holds an unresolved Terraform token/),
    ]);
    expect(
      validateRegistryFacts({
        ...PROD,
        vpcDomain: "other-registry-vpc.cn-hangzhou.cr.aliyuncs.com",
        sessionDurationSeconds: 3600,
        rrsaRoleArn: RRSA_ROLE,
      }),
    ).toEqual([
      'vpcDomain = "other-registry-vpc.cn-hangzhou.cr.aliyuncs.com": must name the same instance as publicDomain',
      "sessionDurationSeconds = 3600: applies only with assumeRoleArn",
      "rrsaOidcProviderRoleArn = (not set): rrsaRoleArn and rrsaOidcProviderRoleArn are set together (RRSA needs both)",
    ]);
  });
});
