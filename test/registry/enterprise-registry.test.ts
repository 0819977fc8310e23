import constraints from "../../providers/alicloud/constraints.json";
import { EnterpriseRegistry, RegistryPassword, RemovalPolicy } from "../../constructs";
import { TerraformVariable, Token } from "../../constructs/engine";
import { onlyResource, problemsOf, rendered, synthJson, testStack, warningsOf } from "../support/synth";

const INSTANCE = "alicloud_cr_ee_instance";

describe("EnterpriseRegistry", () => {
  test("defaults: 12-month subscription, manual renewal, protected, billing fields ignored after create", () => {
    const { app, stack } = testStack();
    new EnterpriseRegistry(stack, "Registry", { instanceName: "acme-prod", edition: "Basic" });

    const instance = onlyResource(synthJson(stack), INSTANCE);
    expect(instance).toMatchObject({
      instance_name: "acme-prod",
      instance_type: "Basic",
      payment_type: "Subscription",
      period: 12,
      renewal_status: "ManualRenewal",
    });
    expect(instance).not.toHaveProperty("renew_period");
    expect(instance).not.toHaveProperty("password");
    // Independent truth: every ForceNew attribute of the provider except the name is ignored after create.
    const forceNew = Object.entries(constraints.resource_schemas[INSTANCE])
      .filter(([, c]) => (c as { force_new?: boolean }).force_new)
      .map(([attribute]) => attribute)
      .filter((attribute) => attribute !== "instance_name")
      .sort();
    expect(forceNew).toEqual(["payment_type", "renew_period", "renewal_status"]);
    expect(instance.lifecycle).toMatchObject({
      prevent_destroy: true,
      ignore_changes: [...forceNew, "instance_type"],
    });
    expect(problemsOf(app)).toEqual([]);
  });

  test("edition: not ForceNew in the provider, so ignored after create and checked by a postcondition", () => {
    const { stack } = testStack();
    new EnterpriseRegistry(stack, "Registry", { instanceName: "acme-prod", edition: "Standard" });
    const facts = constraints.resource_schemas[INSTANCE].instance_type as { force_new?: boolean };
    // Independent truth: an edit would be an in-place update, which provider 1.289.0 does not perform.
    expect(facts.force_new).toBeUndefined();
    const lifecycle = onlyResource(synthJson(stack), INSTANCE).lifecycle as Record<string, unknown>;
    expect(lifecycle.ignore_changes).toContain("instance_type");
    expect(lifecycle.postcondition).toEqual([
      {
        condition: '${self.instance_type == "Standard"}',
        error_message: expect.stringMatching(
          /^The code says edition "Standard" but the instance is "\$\{self\.instance_type\}"\. .*Upgrade.*\.$/,
        ),
      },
    ]);
  });

  test("auto renewal, scanner, custom bucket, quotas, tags and resource group are passed through", () => {
    const { app, stack } = testStack();
    new EnterpriseRegistry(stack, "Registry", {
      instanceName: "acme-prod",
      edition: "Advanced",
      periodMonths: 24,
      autoRenewMonths: 12,
      imageScanner: "SAS",
      customOssBucket: "acme-images",
      extraNamespaceQuota: 10,
      extraRepositoryQuota: 2000,
      extraVpcQuota: 3,
      resourceGroupId: "rg-123",
      tags: { environment: "prod" },
    });
    expect(onlyResource(synthJson(stack), INSTANCE)).toMatchObject({
      period: 24,
      renewal_status: "AutoRenewal",
      renew_period: 12,
      image_scanner: "SAS",
      default_oss_bucket: "false",
      custom_oss_bucket: "acme-images",
      namespace_quota: 10,
      repo_quota: 2000,
      vpc_quota: 3,
      resource_group_id: "rg-123",
      tags: { environment: "prod" },
    });
    expect(problemsOf(app)).toEqual([]);
  });

  test("pay-as-you-go sets neither period nor renewal", () => {
    const { stack } = testStack();
    new EnterpriseRegistry(stack, "Registry", {
      instanceName: "acme-dev",
      edition: "Basic",
      paymentType: "PayAsYouGo",
    });
    const instance = onlyResource(synthJson(stack), INSTANCE);
    expect(instance.payment_type).toBe("PayAsYouGo");
    expect(instance).not.toHaveProperty("period");
    expect(instance).not.toHaveProperty("renewal_status");
  });

  test("domains and region are concrete when the stack's provider region is a literal", () => {
    const { stack } = testStack("cn-shanghai");
    const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme", edition: "Basic" });
    expect(registry.region).toBe("cn-shanghai");
    expect(registry.publicDomain).toBe("acme-registry.cn-shanghai.cr.aliyuncs.com");
    expect(registry.vpcDomain).toBe("acme-registry-vpc.cn-shanghai.cr.aliyuncs.com");
    expect(Token.isUnresolved(registry.instanceId)).toBe(true);
  });

  test("without a provider region the region is the instance's computed region_id", () => {
    const { stack } = testStack(null);
    const registry = new EnterpriseRegistry(stack, "Registry", { instanceName: "acme", edition: "Basic" });
    expect(Token.isUnresolved(registry.region)).toBe(true);
    expect(rendered(stack, registry.vpcDomain)).toMatch(
      /^acme-registry-vpc\.\$\{alicloud_cr_ee_instance\.\w+\.region_id\}\.cr\.aliyuncs\.com$/,
    );
  });

  test("password from KMS ciphertext: only the ciphertext is written", () => {
    const { app, stack } = testStack();
    new EnterpriseRegistry(stack, "Registry", {
      instanceName: "acme",
      edition: "Basic",
      password: RegistryPassword.fromKmsCiphertext("Y2lwaGVydGV4dA==", { purpose: "acr" }),
    });
    const instance = onlyResource(synthJson(stack), INSTANCE);
    expect(instance.kms_encrypted_password).toBe("Y2lwaGVydGV4dA==");
    expect(instance.kms_encryption_context).toEqual({ purpose: "acr" });
    expect(instance).not.toHaveProperty("password");
    expect(problemsOf(app)).toEqual([]);
  });

  test("password from a sensitive variable references the variable, never a value", () => {
    const { app, stack } = testStack();
    const secret = new TerraformVariable(stack, "registry_password", { type: "string", sensitive: true });
    new EnterpriseRegistry(stack, "Registry", {
      instanceName: "acme",
      edition: "Basic",
      password: RegistryPassword.fromSensitiveVariable(secret),
    });
    const json = synthJson(stack);
    expect(onlyResource(json, INSTANCE).password).toBe("${var.registry_password}");
    expect(json.variable?.registry_password).toMatchObject({ sensitive: true });
    expect(problemsOf(app)).toEqual([]);
  });

  test("a password variable that is not sensitive is refused", () => {
    const { app, stack } = testStack();
    const plain = new TerraformVariable(stack, "registry_password", { type: "string" });
    new EnterpriseRegistry(stack, "Registry", {
      instanceName: "acme",
      edition: "Basic",
      password: RegistryPassword.fromSensitiveVariable(plain),
    });
    expect(problemsOf(app)).toEqual([
      "[test/Registry] password = var.registry_password: the variable must be declared with sensitive: true",
    ]);
  });

  test("RemovalPolicy.DESTROY drops prevent_destroy and warns", () => {
    const { app, stack } = testStack();
    new EnterpriseRegistry(stack, "Registry", {
      instanceName: "acme",
      edition: "Basic",
      removalPolicy: RemovalPolicy.DESTROY,
    });
    expect(onlyResource(synthJson(stack), INSTANCE).lifecycle).toMatchObject({ prevent_destroy: false });
    expect(warningsOf(app)).toEqual([
      "[test/Registry] removalPolicy is DESTROY: Terraform may delete this instance and every image in it",
    ]);
  });

  test("every bad prop is reported at once, with path, field, value and rule", () => {
    const { app, stack } = testStack();
    new EnterpriseRegistry(stack, "Registry", {
      instanceName: "-Acme_Prod",
      edition: "Premium" as never,
      imageScanner: "TRIVY" as never,
      periodMonths: 13,
      extraNamespaceQuota: 7,
      extraRepositoryQuota: 1500,
      extraVpcQuota: 101,
    });
    expect(problemsOf(app)).toEqual([
      '[test/Registry] instanceName = "-Acme_Prod": must be 3-30 characters of lowercase letters, digits and hyphens, not starting or ending with a hyphen',
      '[test/Registry] edition = "Premium": must be one of Basic, Standard, Advanced, Economy (alicloud_cr_ee_instance.instance_type)',
      '[test/Registry] imageScanner = "TRIVY": must be one of ACR, SAS, DISABLE (alicloud_cr_ee_instance.image_scanner)',
      "[test/Registry] extraNamespaceQuota = 7: must be an integer from 0 to 100000 and a multiple of 5",
      "[test/Registry] extraRepositoryQuota = 1500: must be an integer from 0 to 1000000 and a multiple of 1000",
      "[test/Registry] extraVpcQuota = 101: must be an integer from 0 to 100 (alicloud_cr_ee_instance.vpc_quota)",
      "[test/Registry] periodMonths = 13: must be a whole number of months: 1-12, or a multiple of 12 for yearly terms",
    ]);
  });

  test("renewal settings are refused for pay-as-you-go", () => {
    const { app, stack } = testStack();
    new EnterpriseRegistry(stack, "Registry", {
      instanceName: "acme",
      edition: "Basic",
      paymentType: "PayAsYouGo",
      periodMonths: 12,
      autoRenewMonths: 12,
    });
    expect(problemsOf(app)).toEqual([
      "[test/Registry] periodMonths = 12: applies only to paymentType Subscription",
      "[test/Registry] autoRenewMonths = 12: applies only to paymentType Subscription",
    ]);
  });

  test("unresolved tokens are not validated as literals", () => {
    const { app, stack } = testStack();
    const name = new TerraformVariable(stack, "name", { type: "string" });
    const quota = new TerraformVariable(stack, "quota", { type: "number" });
    new EnterpriseRegistry(stack, "Registry", {
      instanceName: name.stringValue,
      edition: "Basic",
      extraNamespaceQuota: quota.numberValue,
    });
    expect(problemsOf(app)).toEqual([]);
    expect(onlyResource(synthJson(stack), INSTANCE).instance_name).toBe("${var.name}");
  });

  test("fromInstanceAttributes imports without creating or looking up anything", () => {
    const { app, stack } = testStack();
    const registry = EnterpriseRegistry.fromInstanceAttributes(stack, "Dev", {
      instanceId: "cri-abc123",
      instanceName: "acme-dev",
      region: "cn-beijing",
    });
    expect(registry.instanceId).toBe("cri-abc123");
    expect(registry.publicDomain).toBe("acme-dev-registry.cn-beijing.cr.aliyuncs.com");
    const json = synthJson(stack);
    expect(json.resource).toBeUndefined();
    expect(json.data).toBeUndefined();
    expect(problemsOf(app)).toEqual([]);
  });

  test("fromInstanceAttributes validates the id and name", () => {
    const { app, stack } = testStack();
    EnterpriseRegistry.fromInstanceAttributes(stack, "Dev", {
      instanceId: "i-123",
      instanceName: "Dev",
      region: "cn-beijing",
    });
    expect(problemsOf(app)).toEqual([
      '[test/Dev] instanceName = "Dev": must be 3-30 characters of lowercase letters, digits and hyphens, not starting or ending with a hyphen',
      '[test/Dev] instanceId = "i-123": must be an Enterprise Edition instance id: cri- followed by lowercase letters and digits',
    ]);
  });

  test("fromInstanceId looks up name and region with the alicloud_cr_ee_instances data source", () => {
    const { app, stack } = testStack();
    const registry = EnterpriseRegistry.fromInstanceId(stack, "Dev", "cri-abc123");
    // The registry is the construct of the id it was given (its outputs and grants are named after it).
    expect(registry.node.path).toBe("test/Dev");
    registry.addNamespace("team", { name: "team" });
    const json = synthJson(stack);
    const lookups = Object.entries(json.data?.alicloud_cr_ee_instances ?? {});
    expect(lookups).toHaveLength(1);
    const [lookupName, lookup] = lookups[0];
    expect(lookup.ids).toEqual(["cri-abc123"]);
    expect(lookup).not.toHaveProperty("enable_details"); // details would put a login token into state
    expect(rendered(stack, registry.vpcDomain)).toBe(
      `\${data.alicloud_cr_ee_instances.${lookupName}.instances[0].name}-registry-vpc.\${data.alicloud_cr_ee_instances.${lookupName}.instances[0].region}.cr.aliyuncs.com`,
    );
    expect(onlyResource(json, "alicloud_cr_ee_namespace").instance_id).toBe("cri-abc123");
    expect(problemsOf(app)).toEqual([]);
  });
});
