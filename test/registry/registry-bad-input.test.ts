import {
  ChartNamespace,
  ChartRepository,
  EnterpriseRegistry,
  EnterpriseRegistryProps,
  Namespace,
  PersonalNamespace,
  PersonalRepository,
  RegistryPassword,
  Repository,
} from "../../constructs";
import { TerraformStack, TerraformVariable } from "../../constructs/engine";
import { BadInput, problemsOfStack, withProp } from "../support/bad-input";
import { onlyResource, problemsOf, synthJson, testStack } from "../support/synth";

// One bad value per public prop of the registry constructs: each must give exactly its own problem (path, field,
// value, rule) and nothing else, so no check runs on a value another check already refused.

const NAME_RULE =
  "must be 3-30 characters of lowercase letters, digits and hyphens, not starting or ending with a hyphen";
const BASE: EnterpriseRegistryProps = { instanceName: "acme-prod", edition: "Basic" };
const registryWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new EnterpriseRegistry(stack, "R", withProp(BASE, prop, value));
const imported = (stack: TerraformStack) =>
  EnterpriseRegistry.fromInstanceAttributes(stack, "R", {
    instanceId: "cri-abc",
    instanceName: "acme",
    region: "cn-hangzhou",
  });
const importedWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  EnterpriseRegistry.fromInstanceAttributes(
    stack,
    "R",
    withProp({ instanceId: "cri-abc", instanceName: "acme", region: "cn-hangzhou" }, prop, value),
  );

const registryCases: BadInput[] = [
  {
    prop: "instanceName",
    bad: "a number",
    build: registryWith("instanceName", 42),
    problem: "[test/R] instanceName = 42: must be a string",
  },
  {
    prop: "instanceName",
    bad: "missing",
    build: registryWith("instanceName", undefined),
    problem: "[test/R] instanceName = (not set): is required",
  },
  {
    prop: "instanceName",
    bad: "malformed",
    build: registryWith("instanceName", "Acme_Prod"),
    problem: `[test/R] instanceName = "Acme_Prod": ${NAME_RULE}`,
  },
  {
    prop: "edition",
    bad: "missing",
    build: registryWith("edition", undefined),
    problem: "[test/R] edition = (not set): is required",
  },
  {
    prop: "edition",
    bad: "unknown",
    build: registryWith("edition", "Gold"),
    problem:
      '[test/R] edition = "Gold": must be one of Basic, Standard, Advanced, Economy (alicloud_cr_ee_instance.instance_type)',
  },
  {
    prop: "paymentType",
    bad: "unknown",
    build: registryWith("paymentType", "Monthly"),
    problem:
      '[test/R] paymentType = "Monthly": must be one of Subscription, PayAsYouGo (alicloud_cr_ee_instance.payment_type)',
  },
  {
    prop: "periodMonths",
    bad: "NaN",
    build: registryWith("periodMonths", NaN),
    problem: "[test/R] periodMonths = NaN: must be a finite number",
  },
  {
    prop: "periodMonths",
    bad: "13",
    build: registryWith("periodMonths", 13),
    problem: "[test/R] periodMonths = 13: must be a whole number of months: 1-12, or a multiple of 12 for yearly terms",
  },
  {
    prop: "autoRenewMonths",
    bad: "a string",
    build: registryWith("autoRenewMonths", "12"),
    problem: '[test/R] autoRenewMonths = "12": must be a number',
  },
  {
    prop: "autoRenewMonths",
    bad: "with PayAsYouGo",
    build: (s) => new EnterpriseRegistry(s, "R", { ...BASE, paymentType: "PayAsYouGo", autoRenewMonths: 1 }),
    problem: "[test/R] autoRenewMonths = 1: applies only to paymentType Subscription",
  },
  {
    prop: "imageScanner",
    bad: "unknown",
    build: registryWith("imageScanner", "CLAM"),
    problem: '[test/R] imageScanner = "CLAM": must be one of ACR, SAS, DISABLE (alicloud_cr_ee_instance.image_scanner)',
  },
  {
    prop: "customOssBucket",
    bad: "too short",
    build: registryWith("customOssBucket", "ab"),
    problem: '[test/R] customOssBucket = "ab": must be 3 to 63 characters long (got 2)',
  },
  {
    prop: "extraNamespaceQuota",
    bad: "not a multiple of 5",
    build: registryWith("extraNamespaceQuota", 7),
    problem: "[test/R] extraNamespaceQuota = 7: must be an integer from 0 to 100000 and a multiple of 5",
  },
  {
    prop: "extraRepositoryQuota",
    bad: "not a multiple of 1000",
    build: registryWith("extraRepositoryQuota", 1500),
    problem: "[test/R] extraRepositoryQuota = 1500: must be an integer from 0 to 1000000 and a multiple of 1000",
  },
  {
    prop: "extraVpcQuota",
    bad: "above the range",
    build: registryWith("extraVpcQuota", 101),
    problem: "[test/R] extraVpcQuota = 101: must be an integer from 0 to 100 (alicloud_cr_ee_instance.vpc_quota)",
  },
  {
    prop: "resourceGroupId",
    bad: "a number",
    build: registryWith("resourceGroupId", 5),
    problem: "[test/R] resourceGroupId = 5: must be a string",
  },
  {
    prop: "tags",
    bad: "a non-string value",
    build: registryWith("tags", { env: 1 }),
    problem: "[test/R] tags.env = 1: must be a string",
  },
  {
    prop: "tags",
    bad: "a string",
    build: registryWith("tags", "env=prod"),
    problem: '[test/R] tags = "env=prod": must be an object of string values',
  },
  {
    prop: "password",
    bad: "a plain string (never echoed)",
    build: registryWith("password", "hunter2"),
    problem:
      "[test/R] password = <redacted>: must come from RegistryPassword.fromKmsCiphertext() or RegistryPassword.fromSensitiveVariable(); a literal password would be written into cdk.tf.json",
  },
  {
    prop: "password",
    bad: "an empty KMS ciphertext",
    build: registryWith("password", RegistryPassword.fromKmsCiphertext("")),
    problem: "[test/R] password = (KMS ciphertext): the KMS ciphertext must be a non-empty string",
  },
  {
    prop: "password",
    bad: "a variable that is not sensitive",
    build: (s) =>
      new EnterpriseRegistry(s, "R", {
        ...BASE,
        password: RegistryPassword.fromSensitiveVariable(new TerraformVariable(s, "pw", { type: "string" })),
      }),
    problem: "[test/R] password = var.pw: the variable must be declared with sensitive: true",
  },
  {
    prop: "accountId",
    bad: "too short",
    build: registryWith("accountId", "123"),
    problem: '[test/R] accountId = "123": must be the 16-digit account UID',
  },
  {
    prop: "provider",
    bad: "a string",
    build: registryWith("provider", "alicloud"),
    problem: "[test/R] provider = (a string): must be an AlicloudProvider construct",
  },
  {
    prop: "removalPolicy",
    bad: "a string instead of the enum",
    build: registryWith("removalPolicy", "DESTROY"),
    problem:
      '[test/R] removalPolicy = "DESTROY": must be RemovalPolicy.PROTECT or RemovalPolicy.DESTROY (the enum, not a string); the resource stays protected',
  },
  {
    prop: "fromInstanceAttributes instanceId",
    bad: "missing",
    build: importedWith("instanceId", undefined),
    problem: "[test/R] instanceId = (not set): is required",
  },
  {
    prop: "fromInstanceAttributes instanceName",
    bad: "a number",
    build: importedWith("instanceName", 7),
    problem: "[test/R] instanceName = 7: must be a string",
  },
  {
    prop: "fromInstanceAttributes region",
    bad: "malformed",
    build: importedWith("region", "Hangzhou"),
    problem: '[test/R] region = "Hangzhou": must be an Alibaba Cloud region id such as cn-hangzhou or ap-southeast-1',
  },
  {
    prop: "fromInstanceAttributes accountId",
    bad: "letters",
    build: importedWith("accountId", "abcdefghijklmnop"),
    problem: '[test/R] accountId = "abcdefghijklmnop": must be the 16-digit account UID',
  },
  {
    prop: "fromInstanceAttributes provider",
    bad: "a plain object",
    build: importedWith("provider", { region: "cn-hangzhou" }),
    problem: "[test/R] provider = (a plain object): must be an AlicloudProvider construct",
  },
];

const SEPARATED = (min: number, max: number) =>
  `must be ${min}-${max} characters of lowercase letters and digits, with separators _ - . allowed but not first or last`;
const ns = (stack: TerraformStack) => imported(stack).addNamespace("N", { name: "payments" });
const namespaceWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new Namespace(stack, "N", withProp({ registry: imported(stack), name: "payments" }, prop, value));
const repositoryWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new Repository(stack, "Repo", withProp({ namespace: ns(stack), name: "api" }, prop, value));
const chartNamespaceWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new ChartNamespace(stack, "C", withProp({ registry: imported(stack), name: "charts" }, prop, value));
const chartRepositoryWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new ChartRepository(
    stack,
    "CR",
    withProp({ namespace: imported(stack).addChartNamespace("C", { name: "charts" }), name: "web" }, prop, value),
  );
const personalNamespaceWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new PersonalNamespace(stack, "P", withProp({ name: "legacy" }, prop, value));
const personalRepositoryWith = (prop: string, value: unknown) => (stack: TerraformStack) =>
  new PersonalRepository(
    stack,
    "PR",
    withProp({ namespace: new PersonalNamespace(stack, "P", { name: "legacy" }), name: "app" }, prop, value),
  );

const contentCases: BadInput[] = [
  {
    prop: "Namespace name",
    bad: "missing",
    build: namespaceWith("name", undefined),
    problem: "[test/N] name = (not set): is required",
  },
  {
    prop: "Namespace name",
    bad: "a list",
    build: namespaceWith("name", ["payments"]),
    problem: '[test/N] name = ["payments"]: must be a string',
  },
  {
    prop: "Namespace registry",
    bad: "a look-alike object",
    build: namespaceWith("registry", { instanceId: "cri-x" }),
    problem: "[test/N] registry = (a plain object): must be an EnterpriseRegistry (new, or EnterpriseRegistry.from...)",
  },
  {
    prop: "Namespace autoCreateRepositories",
    bad: "a string",
    build: namespaceWith("autoCreateRepositories", "yes"),
    problem: '[test/N] autoCreateRepositories = "yes": must be true or false',
  },
  {
    prop: "Namespace defaultVisibility",
    bad: "lowercase",
    build: namespaceWith("defaultVisibility", "public"),
    problem:
      '[test/N] defaultVisibility = "public": must be one of PUBLIC, PRIVATE (alicloud_cr_ee_namespace.default_visibility)',
  },
  {
    prop: "Namespace removalPolicy",
    bad: "unknown",
    build: namespaceWith("removalPolicy", "retain"),
    problem:
      '[test/N] removalPolicy = "retain": must be RemovalPolicy.PROTECT or RemovalPolicy.DESTROY (the enum, not a string); the resource stays protected',
  },
  {
    prop: "Namespace.fromNamespaceName name",
    bad: "with a slash",
    build: (s) => Namespace.fromNamespaceName(s, "N", imported(s), "team/payments"),
    problem: `[test/N] name = "team/payments": ${SEPARATED(2, 120)}`,
  },
  {
    prop: "Namespace.fromNamespaceName registry",
    bad: "missing",
    build: (s) => Namespace.fromNamespaceName(s, "N", undefined as never, "payments"),
    problem: "[test/N] registry = (not set): is required",
  },
  {
    prop: "Repository name",
    bad: "uppercase",
    build: repositoryWith("name", "Api"),
    problem: `[test/Repo] name = "Api": ${SEPARATED(2, 64)}`,
  },
  {
    prop: "Repository namespace",
    bad: "a name instead of the construct",
    build: repositoryWith("namespace", "payments"),
    problem:
      "[test/Repo] namespace = (a string): must be a Namespace (registry.addNamespace or Namespace.fromNamespaceName)",
  },
  {
    prop: "Repository visibility",
    bad: "unknown",
    build: repositoryWith("visibility", "INTERNAL"),
    problem: '[test/Repo] visibility = "INTERNAL": must be one of PUBLIC, PRIVATE (alicloud_cr_ee_repo.repo_type)',
  },
  {
    prop: "Repository summary",
    bad: "empty",
    build: repositoryWith("summary", ""),
    problem: '[test/Repo] summary = "": must be 1 to 100 characters long (got 0)',
  },
  {
    prop: "Repository detail",
    bad: "a number",
    build: repositoryWith("detail", 1),
    problem: "[test/Repo] detail = 1: must be a string",
  },
  {
    prop: "Repository tagImmutability",
    bad: "a string",
    build: repositoryWith("tagImmutability", "false"),
    problem: '[test/Repo] tagImmutability = "false": must be true or false',
  },
  {
    prop: "Repository removalPolicy",
    bad: "a string",
    build: repositoryWith("removalPolicy", "DESTROY"),
    problem:
      '[test/Repo] removalPolicy = "DESTROY": must be RemovalPolicy.PROTECT or RemovalPolicy.DESTROY (the enum, not a string); the resource stays protected',
  },
  {
    prop: "ChartNamespace name",
    bad: "too short",
    build: chartNamespaceWith("name", "c"),
    problem: `[test/C] name = "c": ${SEPARATED(2, 120)}`,
  },
  {
    prop: "ChartNamespace registry",
    bad: "a string",
    build: chartNamespaceWith("registry", "cri-abc"),
    problem: "[test/C] registry = (a string): must be an EnterpriseRegistry (new, or EnterpriseRegistry.from...)",
  },
  {
    prop: "ChartNamespace autoCreateRepositories",
    bad: "a number",
    build: chartNamespaceWith("autoCreateRepositories", 1),
    problem: "[test/C] autoCreateRepositories = 1: must be true or false",
  },
  {
    prop: "ChartNamespace defaultVisibility",
    bad: "unknown",
    build: chartNamespaceWith("defaultVisibility", "OPEN"),
    problem:
      '[test/C] defaultVisibility = "OPEN": must be one of PRIVATE, PUBLIC (alicloud_cr_chart_namespace.default_repo_type)',
  },
  {
    prop: "ChartNamespace removalPolicy",
    bad: "a boolean",
    build: chartNamespaceWith("removalPolicy", true),
    problem:
      "[test/C] removalPolicy = true: must be RemovalPolicy.PROTECT or RemovalPolicy.DESTROY (the enum, not a string); the resource stays protected",
  },
  {
    prop: "ChartRepository name",
    bad: "missing",
    build: chartRepositoryWith("name", undefined),
    problem: "[test/CR] name = (not set): is required",
  },
  {
    prop: "ChartRepository namespace",
    bad: "an image namespace",
    build: (s) => new ChartRepository(s, "CR", { namespace: ns(s) as never, name: "web" }),
    problem:
      "[test/CR] namespace = (a Namespace): must be a ChartNamespace (registry.addChartNamespace or " +
      "ChartNamespace.fromChartNamespaceName)",
  },
  {
    prop: "Repository.fromRepositoryName namespace",
    bad: "a namespace name, not a namespace",
    build: (s) => Repository.fromRepositoryName(s, "Ref", { namespace: "payments" as never, name: "api" }),
    problem:
      "[test/Ref] namespace = (a string): must be a Namespace (registry.addNamespace or Namespace.fromNamespaceName)",
  },
  {
    prop: "Repository.fromRepositoryName name",
    bad: "malformed",
    build: (s) => Repository.fromRepositoryName(s, "Ref", { namespace: ns(s), name: "API" }),
    problem: `[test/Ref] name = "API": ${SEPARATED(2, 64)}`,
  },
  {
    prop: "namespace.repository name",
    bad: "not declared in a namespace that does not create repositories on push",
    build: (s) => ns(s).repository("ledger"),
    problem:
      '[test/R/N/Ref-ledger] name = "ledger": no repository of that name is declared in namespace "payments" ' +
      "(test/R/N), which does not create repositories on push; declare it with addRepository, or use " +
      "Repository.fromRepositoryName for one made elsewhere",
  },
  {
    prop: "ChartRepository.fromChartRepositoryName namespace",
    bad: "an image namespace",
    build: (s) => ChartRepository.fromChartRepositoryName(s, "Ref", { namespace: ns(s) as never, name: "web" }),
    problem:
      "[test/Ref] namespace = (a Namespace): must be a ChartNamespace (registry.addChartNamespace or " +
      "ChartNamespace.fromChartNamespaceName)",
  },
  {
    prop: "ChartRepository.fromChartRepositoryName name",
    bad: "missing",
    build: (s) =>
      ChartRepository.fromChartRepositoryName(s, "Ref", {
        namespace: imported(s).addChartNamespace("C", { name: "charts" }),
        name: undefined as never,
      }),
    problem: "[test/Ref] name = (not set): is required",
  },
  {
    prop: "ChartRepository visibility",
    bad: "unknown",
    build: chartRepositoryWith("visibility", "SHARED"),
    problem: '[test/CR] visibility = "SHARED": must be one of PRIVATE, PUBLIC (alicloud_cr_chart_repository.repo_type)',
  },
  {
    prop: "ChartRepository summary",
    bad: "too long",
    build: chartRepositoryWith("summary", "x".repeat(101)),
    problem: `[test/CR] summary = "${"x".repeat(101)}": must be 1 to 100 characters long (got 101)`,
  },
  {
    prop: "ChartRepository removalPolicy",
    bad: "a string",
    build: chartRepositoryWith("removalPolicy", "destroy!"),
    problem:
      '[test/CR] removalPolicy = "destroy!": must be RemovalPolicy.PROTECT or RemovalPolicy.DESTROY (the enum, not a string); the resource stays protected',
  },
  {
    prop: "PersonalNamespace name",
    bad: "too long",
    build: personalNamespaceWith("name", "a".repeat(31)),
    problem: `[test/P] name = "${"a".repeat(31)}": ${SEPARATED(2, 30)}`,
  },
  {
    prop: "PersonalNamespace autoCreateRepositories",
    bad: "a string",
    build: personalNamespaceWith("autoCreateRepositories", "no"),
    problem: '[test/P] autoCreateRepositories = "no": must be true or false',
  },
  {
    prop: "PersonalNamespace defaultVisibility",
    bad: "unknown",
    build: personalNamespaceWith("defaultVisibility", "HIDDEN"),
    problem:
      '[test/P] defaultVisibility = "HIDDEN": must be one of PUBLIC, PRIVATE (alicloud_cr_namespace.default_visibility)',
  },
  {
    prop: "PersonalNamespace removalPolicy",
    bad: "a string",
    build: personalNamespaceWith("removalPolicy", "DESTROY"),
    problem:
      '[test/P] removalPolicy = "DESTROY": must be RemovalPolicy.PROTECT or RemovalPolicy.DESTROY (the enum, not a string); the resource stays protected',
  },
  {
    prop: "PersonalRepository name",
    bad: "a number",
    build: personalRepositoryWith("name", 3),
    problem: "[test/PR] name = 3: must be a string",
  },
  {
    prop: "PersonalRepository namespace",
    bad: "an Enterprise namespace",
    build: (s) => new PersonalRepository(s, "PR", { namespace: ns(s) as never, name: "app" }),
    problem: "[test/PR] namespace = (a Namespace): must be a PersonalNamespace",
  },
  {
    prop: "PersonalRepository visibility",
    bad: "unknown",
    build: personalRepositoryWith("visibility", "X"),
    problem: '[test/PR] visibility = "X": must be one of PUBLIC, PRIVATE (alicloud_cr_repo.repo_type)',
  },
  {
    prop: "PersonalRepository summary",
    bad: "a number",
    build: personalRepositoryWith("summary", 9),
    problem: "[test/PR] summary = 9: must be a string",
  },
  {
    prop: "PersonalRepository detail",
    bad: "too long",
    build: personalRepositoryWith("detail", "d".repeat(2001)),
    problem: `[test/PR] detail = "${"d".repeat(2001)}": must be 0 to 2000 characters long (alicloud_cr_repo.detail)`,
  },
  {
    prop: "PersonalRepository removalPolicy",
    bad: "a string",
    build: personalRepositoryWith("removalPolicy", "PROTECT"),
    problem:
      '[test/PR] removalPolicy = "PROTECT": must be RemovalPolicy.PROTECT or RemovalPolicy.DESTROY (the enum, not a string); the resource stays protected',
  },
];

describe("bad input to the registry constructs", () => {
  test("a removalPolicy that is not the enum keeps the resource protected (never a silent default)", () => {
    const { stack } = testStack();
    new EnterpriseRegistry(stack, "R", { ...BASE, removalPolicy: "DESTROY" as never });
    expect(onlyResource(synthJson(stack), "alicloud_cr_ee_instance").lifecycle).toMatchObject({
      prevent_destroy: true,
    });
  });

  test("a look-alike password never reaches the instance, and its content is never echoed", () => {
    const { app, stack } = testStack();
    const lookAlike = { instanceArguments: { password: "s3cret-plain" }, validate: () => [] };
    new EnterpriseRegistry(stack, "R", { ...BASE, password: lookAlike as never });
    const instance = onlyResource(synthJson(stack), "alicloud_cr_ee_instance");
    expect(instance).not.toHaveProperty("password");
    expect(problemsOf(app)).toEqual([
      "[test/R] password = (a look-alike object): must come from RegistryPassword.fromKmsCiphertext() or " +
        "RegistryPassword.fromSensitiveVariable(); a literal password would be written into cdk.tf.json",
    ]);
    expect(JSON.stringify(instance)).not.toContain("s3cret-plain");
  });

  test.each(registryCases)("EnterpriseRegistry $prop: $bad", ({ build, problem }) => {
    expect(problemsOfStack(build)).toEqual([problem]);
  });

  test.each(contentCases)("$prop: $bad", ({ build, problem }) => {
    expect(problemsOfStack(build)).toEqual([problem]);
  });
});
