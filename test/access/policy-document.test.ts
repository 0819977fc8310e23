import { Arn } from "../../constructs/access/arn";
import {
  Conditions,
  Effect,
  MAX_POLICY_DOCUMENT_LENGTH,
  PolicyDocument,
  PolicyStatement,
  Principal,
} from "../../constructs/access/policy-document";
import { TerraformVariable } from "../../constructs/engine";
import { rendered, testStack } from "../support/synth";

const UID = "1234567890123456";
const HZ = "cn-hangzhou";
const TEAM = Arn.crAllRepositoriesInNamespace(HZ, UID, "cri-abc", "team");
const OPS = Arn.crAllRepositoriesInNamespace(HZ, UID, "cri-abc", "ops");

/** Every ordering of `items` (for small lists). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe("rendering", () => {
  test("pull policy: token on *, pull on one namespace", () => {
    const doc = PolicyDocument.permission(
      PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: [TEAM] }),
      PolicyStatement.allow({ actions: ["cr:GetAuthorizationToken"], resources: ["*"] }),
    );
    expect(doc.toJson()).toBe(
      '{"Version":"1","Statement":[' +
        '{"Effect":"Allow","Action":["cr:GetAuthorizationToken"],"Resource":["*"]},' +
        '{"Effect":"Allow","Action":["cr:PullRepository"],' +
        '"Resource":["acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team/*"]}]}',
    );
    expect(doc.validate()).toEqual([]);
  });

  test("Effect defaults to Allow; deny() renders Deny", () => {
    const doc = new PolicyDocument({
      statements: [
        new PolicyStatement({ actions: ["cr:PullRepository"], resources: ["*"] }),
        PolicyStatement.deny({ actions: ["cr:DeleteRepository"], resources: ["*"] }),
      ],
    });
    expect(doc.toJson()).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":["cr:PullRepository"],"Resource":["*"]},' +
        '{"Effect":"Deny","Action":["cr:DeleteRepository"],"Resource":["*"]}]}',
    );
  });

  test("duplicate and overlapping statements are merged; different Effect or Condition stay apart", () => {
    const secure: Conditions = { Bool: { "acs:SecureTransport": true } };
    const doc = new PolicyDocument().addStatements(
      PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: [TEAM] }),
      PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: [TEAM] }),
      PolicyStatement.allow({ actions: ["cr:ListInstanceEndpoint"], resources: ["*"] }),
      PolicyStatement.allow({ actions: ["cr:GetAuthorizationToken", "cr:ListInstanceEndpoint"], resources: ["*"] }),
      PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: [OPS, TEAM] }),
      PolicyStatement.deny({ actions: ["cr:PushRepository"], resources: [TEAM] }),
      PolicyStatement.allow({ actions: ["cr:PushRepository"], resources: [TEAM], conditions: secure }),
    );
    expect(doc.toJson()).toBe(
      '{"Version":"1","Statement":[' +
        '{"Effect":"Allow","Action":["cr:GetAuthorizationToken","cr:ListInstanceEndpoint"],"Resource":["*"]},' +
        '{"Effect":"Allow","Action":["cr:PullRepository"],' +
        '"Resource":["acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/ops/*",' +
        '"acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team/*"]},' +
        '{"Effect":"Allow","Action":["cr:PushRepository"],' +
        '"Resource":["acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team/*"],' +
        '"Condition":{"Bool":{"acs:SecureTransport":true}}},' +
        '{"Effect":"Deny","Action":["cr:PushRepository"],' +
        '"Resource":["acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team/*"]}]}',
    );
  });

  test("merging repeats until stable: action-union and resource-union feed each other", () => {
    const doc = PolicyDocument.permission(
      PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: [TEAM] }),
      PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: [OPS] }),
      PolicyStatement.allow({ actions: ["cr:PushRepository"], resources: [TEAM, OPS] }),
    );
    expect(doc.toJson()).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":["cr:PullRepository","cr:PushRepository"],' +
        '"Resource":["acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/ops/*",' +
        '"acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team/*"]}]}',
    );
  });

  test("NotAction lists are never unioned (that would exclude more), but equal ones merge resources", () => {
    const doc = PolicyDocument.permission(
      PolicyStatement.deny({ notActions: ["cr:PullRepository"], resources: [TEAM] }),
      PolicyStatement.deny({ notActions: ["cr:GetAuthorizationToken"], resources: [TEAM] }),
      PolicyStatement.deny({ notActions: ["cr:PullRepository"], resources: [OPS] }),
    );
    expect(doc.toJson()).toBe(
      '{"Version":"1","Statement":[' +
        '{"Effect":"Deny","NotAction":["cr:GetAuthorizationToken"],' +
        '"Resource":["acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team/*"]},' +
        '{"Effect":"Deny","NotAction":["cr:PullRepository"],' +
        '"Resource":["acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/ops/*",' +
        '"acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team/*"]}]}',
    );
  });

  test("output does not depend on insertion order (all 120 orders of 5 statements)", () => {
    const statements = [
      PolicyStatement.allow({ actions: ["cr:PullRepository", "cr:PullRepository"], resources: [TEAM] }),
      PolicyStatement.allow({ actions: ["cr:GetAuthorizationToken"], resources: ["*"] }),
      PolicyStatement.deny({ actions: ["cr:DeleteRepository"], resources: [OPS, TEAM] }),
      PolicyStatement.allow({
        actions: ["cr:PushRepository"],
        resources: [OPS],
        conditions: { IpAddress: { "acs:SourceIp": ["10.0.0.0/8", "192.168.0.0/16", "10.0.0.0/8"] } },
      }),
      PolicyStatement.allow({ actions: ["cr:ListInstanceEndpoint"], resources: ["*"] }),
    ];
    const expected =
      '{"Version":"1","Statement":[' +
      '{"Effect":"Allow","Action":["cr:GetAuthorizationToken","cr:ListInstanceEndpoint"],"Resource":["*"]},' +
      '{"Effect":"Allow","Action":["cr:PullRepository"],' +
      '"Resource":["acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team/*"]},' +
      '{"Effect":"Allow","Action":["cr:PushRepository"],' +
      '"Resource":["acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/ops/*"],' +
      '"Condition":{"IpAddress":{"acs:SourceIp":["10.0.0.0/8","192.168.0.0/16"]}}},' +
      '{"Effect":"Deny","Action":["cr:DeleteRepository"],' +
      '"Resource":["acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/ops/*",' +
      '"acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team/*"]}]}';
    const outputs = new Set(permutations(statements).map((order) => PolicyDocument.permission(...order).toJson()));
    expect([...outputs]).toEqual([expected]);
  });

  test("condition operators and keys are sorted, so equal conditions written differently merge", () => {
    const doc = PolicyDocument.permission(
      PolicyStatement.allow({
        actions: ["cr:PullRepository"],
        resources: [TEAM],
        conditions: { StringEquals: { "acs:b": "2", "acs:a": "1" }, Bool: { "acs:SecureTransport": true } },
      }),
      PolicyStatement.allow({
        actions: ["cr:PushRepository"],
        resources: [TEAM],
        conditions: { Bool: { "acs:SecureTransport": true }, StringEquals: { "acs:a": "1", "acs:b": "2" } },
      }),
    );
    expect(doc.toJson()).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":["cr:PullRepository","cr:PushRepository"],' +
        '"Resource":["acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team/*"],' +
        '"Condition":{"Bool":{"acs:SecureTransport":true},"StringEquals":{"acs:a":"1","acs:b":"2"}}}]}',
    );
  });

  test("trust policy with a RAM principal (cross-account worker role)", () => {
    const doc = PolicyDocument.trust(
      PolicyStatement.allow({
        actions: ["sts:AssumeRole"],
        principal: { RAM: [Arn.ramRole("2222222222222222", "KubernetesWorkerRole-ec87d15b")] },
      }),
    );
    expect(doc.toJson()).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow",' +
        '"Principal":{"RAM":["acs:ram::2222222222222222:role/KubernetesWorkerRole-ec87d15b"]},' +
        '"Action":["sts:AssumeRole"]}]}',
    );
    expect(doc.validate()).toEqual([]);
  });

  test("trust policy with a Federated OIDC principal and StringEquals on oidc:aud, oidc:iss, oidc:sub", () => {
    const doc = PolicyDocument.trust(
      PolicyStatement.allow({
        actions: ["sts:AssumeRole"],
        principal: { Federated: [Arn.oidcProvider(UID, "ack-rrsa-c0123")] },
        conditions: {
          StringEquals: {
            "oidc:sub": "system:serviceaccount:kube-system:aliyun-acr-credential-helper",
            "oidc:iss": "https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c0123",
            "oidc:aud": "sts.aliyuncs.com",
          },
        },
      }),
    );
    expect(doc.toJson()).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow",' +
        '"Principal":{"Federated":["acs:ram::1234567890123456:oidc-provider/ack-rrsa-c0123"]},' +
        '"Action":["sts:AssumeRole"],"Condition":{"StringEquals":{"oidc:aud":"sts.aliyuncs.com",' +
        '"oidc:iss":"https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c0123",' +
        '"oidc:sub":"system:serviceaccount:kube-system:aliyun-acr-credential-helper"}}}]}',
    );
    expect(doc.validate()).toEqual([]);
  });

  test("an empty Condition renders and merges like no Condition", () => {
    const doc = PolicyDocument.permission(
      PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: ["*"], conditions: {} }),
      PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: ["*"] }),
    );
    expect(doc.toJson()).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":["cr:PullRepository"],"Resource":["*"]}]}',
    );
  });

  test("later changes to the caller's arrays do not change a statement", () => {
    const actions = ["cr:PullRepository"];
    const statement = PolicyStatement.allow({ actions, resources: ["*"] });
    actions.push("cr:PushRepository");
    expect(PolicyDocument.permission(statement).toJson()).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":["cr:PullRepository"],"Resource":["*"]}]}',
    );
  });
});

describe("validation", () => {
  const pull = { actions: ["cr:PullRepository"], resources: [TEAM] };

  test("bad Effect", () => {
    const doc = PolicyDocument.permission(new PolicyStatement({ ...pull, effect: "allow" as Effect }));
    expect(doc.validate()).toEqual(['Statement[0].Effect = "allow": must be Allow or Deny (case-sensitive)']);
  });

  test("bad Action syntax; * and wildcards are accepted", () => {
    const doc = PolicyDocument.permission(
      PolicyStatement.allow({
        actions: ["cr:Pull*", "*", "cr:Get?nstance", "PullRepository", "CR:PullRepository", "cr:Pull Repository"],
        resources: ["*"],
      }),
    );
    const rule = "must be <service>:<ActionName> (lower-case service; letters, digits, * or ? in the name) or *";
    expect(doc.validate()).toEqual([
      `Statement[0].Action[3] = "PullRepository": ${rule}`,
      `Statement[0].Action[4] = "CR:PullRepository": ${rule}`,
      `Statement[0].Action[5] = "cr:Pull Repository": ${rule}`,
    ]);
  });

  test("Action and NotAction together, or neither", () => {
    const doc = PolicyDocument.permission(
      PolicyStatement.allow({ actions: ["cr:PullRepository"], notActions: ["cr:PushRepository"], resources: ["*"] }),
      PolicyStatement.allow({ resources: ["*"] }),
      PolicyStatement.allow({ actions: [], resources: ["*"] }),
    );
    expect(doc.validate()).toEqual([
      'Statement[0].NotAction = ["cr:PushRepository"]: must not be set together with Action',
      'Statement[1].Action = "(not set)": must list at least one action (or NotAction)',
      "Statement[2].Action = []: must list at least one action (or NotAction)",
    ]);
  });

  test("bad resource ARNs, and a missing Resource in a permission policy", () => {
    const doc = PolicyDocument.permission(
      PolicyStatement.allow({
        actions: ["cr:PullRepository"],
        resources: ["acs:cr:cn-hangzhou:1234567890123456", "acs:CR:cn-hangzhou:1234567890123456:repository/x", "all"],
      }),
      PolicyStatement.allow({ actions: ["cr:GetAuthorizationToken"] }),
    );
    expect(doc.validate()).toEqual([
      'Statement[0].Resource[0] = "acs:cr:cn-hangzhou:1234567890123456": must be * or an ARN: ' +
        "must be acs:<service>:<region>:<account-id>:<resource> (5 ':'-separated parts, got 4)",
      'Statement[0].Resource[1] = "acs:CR:cn-hangzhou:1234567890123456:repository/x": must be * or an ARN: ' +
        "service 'CR' must be lower-case letters, digits, -",
      'Statement[0].Resource[2] = "all": must be * or an ARN: ' +
        "must be acs:<service>:<region>:<account-id>:<resource> (5 ':'-separated parts, got 1)",
      'Statement[1].Resource = "(not set)": must list at least one resource',
    ]);
  });

  test("bad condition operator, empty key, and bad values", () => {
    const doc = PolicyDocument.permission(
      PolicyStatement.allow({
        ...pull,
        conditions: {
          StringEqual: { "acs:a": "x" },
          stringequals: { "acs:a": "x" },
          Bool: { "": true },
          NumericLessThan: { "acs:n": Number.NaN, "acs:m": [] },
          IpAddress: { "acs:SourceIp": { cidr: "10.0.0.0/8" } },
          DateLessThan: {},
        } as unknown as Conditions,
      }),
      PolicyStatement.allow({ ...pull, conditions: {} }),
    );
    const operators =
      "must be one of StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, " +
      "StringLike, StringNotLike, NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, " +
      "NumericGreaterThan, NumericGreaterThanEquals, DateEquals, DateNotEquals, DateLessThan, " +
      "DateLessThanEquals, DateGreaterThan, DateGreaterThanEquals, Bool, IpAddress, NotIpAddress (case-sensitive)";
    const values = "must be a string, finite number, boolean, or a non-empty list of them";
    expect(doc.validate()).toEqual([
      `Statement[0].Condition.StringEqual = "StringEqual": ${operators}`,
      `Statement[0].Condition.stringequals = "stringequals": ${operators}`,
      'Statement[0].Condition.Bool = "": condition keys must not be empty',
      `Statement[0].Condition.NumericLessThan.acs:n = NaN: ${values}`,
      `Statement[0].Condition.NumericLessThan.acs:m = []: ${values}`,
      `Statement[0].Condition.IpAddress.acs:SourceIp = {"cidr":"10.0.0.0/8"}: ${values}`,
      "Statement[0].Condition.DateLessThan = {}: must have at least one condition key",
      "Statement[1].Condition = {}: must name at least one operator when set",
    ]);
  });

  test("Principal in a permission policy", () => {
    const doc = PolicyDocument.permission(
      PolicyStatement.allow({ ...pull, principal: { RAM: [Arn.accountRoot(UID)] } }),
    );
    expect(doc.validate()).toEqual([
      'Statement[0].Principal = {"RAM":["acs:ram::1234567890123456:root"]}: ' +
        "is only allowed in a trust policy (a role's AssumeRolePolicyDocument)",
    ]);
  });

  test("trust policy: missing Principal and bad principal entries", () => {
    const doc = PolicyDocument.trust(
      PolicyStatement.allow({ actions: ["sts:AssumeRole"] }),
      PolicyStatement.allow({
        actions: ["sts:AssumeRole"],
        principal: {
          RAM: [TEAM, Arn.ramUser(UID, "ci")],
          Service: ["ecs.aliyuncs.com", "ECS"],
          Federated: [],
          Ram: ["acs:ram::1234567890123456:root"],
        } as unknown as Principal,
      }),
      PolicyStatement.allow({ actions: ["sts:AssumeRole"], principal: {} }),
    );
    expect(doc.validate()).toEqual([
      'Statement[0].Principal = "(not set)": must be set in a trust policy (RAM, Service or Federated)',
      `Statement[1].Principal.RAM[0] = "${TEAM}": must be one of acs:ram::<uid>:root, ` +
        "acs:ram::<uid>:user/<userName>, acs:ram::<uid>:role/<roleName>",
      'Statement[1].Principal.Service[1] = "ECS": must be a service name such as ecs.aliyuncs.com',
      "Statement[1].Principal.Federated = []: must be a non-empty list",
      'Statement[1].Principal.Ram = "Ram": must be RAM, Service or Federated (case-sensitive)',
      "Statement[2].Principal = {}: must name at least one of RAM, Service, Federated",
    ]);
  });

  test("empty Statement list", () => {
    expect(new PolicyDocument().validate()).toEqual(["Statement = []: must contain at least one statement"]);
    expect(PolicyDocument.trust().validate()).toEqual(["Statement = []: must contain at least one statement"]);
  });

  test("all problems are collected, not just the first", () => {
    const doc = PolicyDocument.permission(
      new PolicyStatement({ effect: "Permit" as Effect, actions: ["bad"], resources: ["bad"] }),
      PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: ["*"], principal: { Service: ["x"] } }),
    );
    expect(doc.validate()).toHaveLength(4);
  });

  describe("document length", () => {
    const repo = (name: string): string => Arn.crRepository(HZ, UID, "cri-abc", "team", name);

    test("exactly 6,144 characters passes; 6,145 fails", () => {
      const docWith = (name: string): PolicyDocument =>
        PolicyDocument.permission(PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: [repo(name)] }));
      const overhead = docWith("x").toJson().length - 1;
      const fits = docWith("a".repeat(MAX_POLICY_DOCUMENT_LENGTH - overhead));
      expect(fits.toJson()).toHaveLength(6144);
      expect(fits.validate()).toEqual([]);
      const over = docWith("a".repeat(MAX_POLICY_DOCUMENT_LENGTH - overhead + 1));
      expect(over.toJson()).toHaveLength(6145);
      expect(over.validate()).toHaveLength(1);
      expect(over.validate()[0]).toMatch(/^PolicyDocument\.length = 6145: must be at most 6144 characters; /);
    });

    test("the limit applies to the merged rendering: duplicates do not count twice", () => {
      const big = PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: [repo("a".repeat(4000))] });
      expect(PolicyDocument.permission(big, big).validate()).toEqual([]);
    });

    test("an oversized document names the statements that make it large, with their share", () => {
      const many = Array.from({ length: 120 }, (_, i) => repo(`app-${String(i).padStart(3, "0")}`));
      const some = Array.from({ length: 12 }, (_, i) => repo(`svc-${String(i).padStart(2, "0")}`));
      const doc = PolicyDocument.permission(
        PolicyStatement.allow({ actions: ["cr:GetAuthorizationToken"], resources: ["*"] }),
        PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: many.slice(0, 60) }),
        PolicyStatement.allow({ actions: ["cr:PushRepository", "cr:CreateRepository"], resources: some }),
        PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: many.slice(60) }),
      );
      // Each statement rendered by hand, in the document's sorted order.
      const list = (xs: readonly string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(",")}]`;
      const token = '{"Effect":"Allow","Action":["cr:GetAuthorizationToken"],"Resource":["*"]}';
      const pullAll = `{"Effect":"Allow","Action":["cr:PullRepository"],"Resource":${list(many)}}`;
      const push = `{"Effect":"Allow","Action":["cr:CreateRepository","cr:PushRepository"],"Resource":${list(some)}}`;
      const json = `{"Version":"1","Statement":[${push},${token},${pullAll}]}`;
      expect(doc.toJson()).toBe(json);
      expect(json.length).toBeGreaterThan(6144);
      const pct = (s: string): number => Math.round((100 * s.length) / json.length);
      expect(doc.validate()).toEqual([
        `PolicyDocument.length = ${json.length}: must be at most 6144 characters; largest statements: ` +
          `rendered #2 (Allow cr:PullRepository on 120 resource(s), from Statement[1], Statement[3]): ` +
          `${pullAll.length} characters (${pct(pullAll)}%); ` +
          `rendered #0 (Allow cr:CreateRepository +1 on 12 resource(s), from Statement[2]): ` +
          `${push.length} characters (${pct(push)}%); ` +
          `rendered #1 (Allow cr:GetAuthorizationToken on 1 resource(s), from Statement[0]): ` +
          `${token.length} characters (${pct(token)}%)`,
      ]);
    });

    test("maxLength can be lowered (e.g. for a stricter limit)", () => {
      const doc = new PolicyDocument({
        maxLength: 50,
        statements: [PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: ["*"] })],
      });
      const statement = '{"Effect":"Allow","Action":["cr:PullRepository"],"Resource":["*"]}';
      const json = `{"Version":"1","Statement":[${statement}]}`;
      expect(doc.toJson()).toBe(json);
      expect([json.length, statement.length]).toEqual([96, 66]);
      expect(doc.validate()).toEqual([
        "PolicyDocument.length = 96: must be at most 50 characters; largest statements: " +
          "rendered #0 (Allow cr:PullRepository on 1 resource(s), from Statement[0]): 66 characters (69%)",
      ]);
    });
  });
});

describe("tokens", () => {
  const { stack } = testStack();
  const account = new TerraformVariable(stack, "account", { type: "string" }).stringValue;
  const instance = new TerraformVariable(stack, "instance", { type: "string" }).stringValue;
  const roleArn = new TerraformVariable(stack, "role_arn", { type: "string" }).stringValue;
  const action = new TerraformVariable(stack, "action", { type: "string" }).stringValue;
  const seconds = new TerraformVariable(stack, "seconds", { type: "number" }).numberValue;
  const names = new TerraformVariable(stack, "names", { type: "list(string)" }).listValue;
  const repoArn = Arn.crAllRepositoriesInInstance(HZ, account, instance);

  test("token ARNs and actions are not flagged and survive rendering verbatim", () => {
    const doc = PolicyDocument.permission(
      PolicyStatement.allow({ actions: ["cr:PullRepository", `cr:${action}`], resources: [repoArn, roleArn] }),
    );
    expect(doc.validate()).toEqual([]);
    const [first, second] = [repoArn, roleArn].sort();
    expect(doc.toJson()).toBe(
      `{"Version":"1","Statement":[{"Effect":"Allow","Action":["cr:${action}","cr:PullRepository"],` +
        `"Resource":["${first}","${second}"]}]}`,
    );
    expect(doc.toJson()).toContain(`"acs:cr:cn-hangzhou:${account}:repository/${instance}/*"`);
  });

  test("cdktf resolves the tokens inside the rendered JSON at synth", () => {
    const doc = PolicyDocument.permission(
      PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: [repoArn] }),
      PolicyStatement.allow({
        actions: ["cr:GetAuthorizationToken"],
        resources: ["*"],
        conditions: { NumericLessThan: { "acs:Age": seconds } },
      }),
    );
    expect(doc.validate()).toEqual([]);
    expect(rendered(stack, doc.toJson())).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":["cr:GetAuthorizationToken"],"Resource":["*"],' +
        '"Condition":{"NumericLessThan":{"acs:Age":${var.seconds}}}},' +
        '{"Effect":"Allow","Action":["cr:PullRepository"],' +
        '"Resource":["acs:cr:cn-hangzhou:${var.account}:repository/${var.instance}/*"]}]}',
    );
  });

  test("trust policy with a token principal passes; rendering is repeatable and order-independent", () => {
    const a = PolicyStatement.allow({ actions: ["sts:AssumeRole"], principal: { RAM: [roleArn] } });
    const b = PolicyStatement.allow({
      actions: ["sts:AssumeRole"],
      principal: { Federated: [Arn.oidcProvider(account, "ack-rrsa-c1")] },
      conditions: { StringEquals: { "oidc:aud": "sts.aliyuncs.com", "oidc:sub": `system:serviceaccount:${instance}` } },
    });
    expect(PolicyDocument.trust(a, b).validate()).toEqual([]);
    expect(PolicyDocument.trust(a, b).toJson()).toBe(PolicyDocument.trust(b, a).toJson());
    expect(PolicyDocument.trust(a, b).toJson()).toContain(`"Principal":{"RAM":["${roleArn}"]}`);
  });

  test("literal parts next to tokens are still checked", () => {
    const doc = PolicyDocument.permission(
      PolicyStatement.allow({
        actions: [`CR:${action}`],
        resources: [`acs:CR:cn-hangzhou:${account}:repository/${instance}`],
      }),
    );
    expect(doc.validate()).toEqual([
      // Tokens are shown as ${...}, the literal parts as written.
      'Statement[0].Action[0] = "CR:${...}": must be <service>:<ActionName> ' +
        "(lower-case service; letters, digits, * or ? in the name) or *",
      'Statement[0].Resource[0] = "acs:CR:cn-hangzhou:${...}:repository/${...}": must be * or an ARN: ' +
        "service 'CR' must be lower-case letters, digits, -",
    ]);
  });

  test("a list token cannot be spliced into the JSON and is flagged", () => {
    const doc = PolicyDocument.permission(PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: names }));
    expect(doc.validate()).toEqual([
      `Statement[0].Resource[0] = "${names[0]}": must not be a list token ` +
        "(a Terraform list cannot be spliced into JSON); pass elements",
    ]);
  });

  test("token placeholders are not counted towards the length limit", () => {
    const doc = new PolicyDocument({
      maxLength: 80,
      statements: [PolicyStatement.allow({ actions: ["cr:PullRepository"], resources: [roleArn] })],
    });
    // 96 characters with "*" as the resource (see above), so 95 without it.
    expect(doc.toJson()).toBe(
      `{"Version":"1","Statement":[{"Effect":"Allow","Action":["cr:PullRepository"],"Resource":["${roleArn}"]}]}`,
    );
    expect(doc.validate()).toEqual([
      `PolicyDocument.length = 95: must be at most 80 characters (not counting ${roleArn.length} characters of ` +
        "token placeholders); largest statements: rendered #0 (Allow cr:PullRepository on 1 resource(s), " +
        "from Statement[0]): 65 characters (68%)",
    ]);
  });
});
