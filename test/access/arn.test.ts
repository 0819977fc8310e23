import { Arn, arnFormat, parseArn, validateArn } from "../../constructs/access/arn";
import { TerraformVariable } from "../../constructs/engine";
import { testStack } from "../support/synth";

const UID = "1234567890123456";
const HZ = "cn-hangzhou";

describe("Arn builders", () => {
  test("RAM ARNs", () => {
    expect(Arn.ramRole(UID, "acr-puller")).toBe("acs:ram::1234567890123456:role/acr-puller");
    expect(Arn.ramRoleAsResource(UID, "acr-puller")).toBe("acs:ram:*:1234567890123456:role/acr-puller");
    expect(Arn.ramUser(UID, "ci")).toBe("acs:ram::1234567890123456:user/ci");
    expect(Arn.accountRoot(UID)).toBe("acs:ram::1234567890123456:root");
    expect(Arn.oidcProvider(UID, "ack-rrsa-c123")).toBe("acs:ram::1234567890123456:oidc-provider/ack-rrsa-c123");
    expect(Arn.samlProvider(UID, "corp")).toBe("acs:ram::1234567890123456:saml-provider/corp");
  });

  test("CR repository ARNs: wildcards only from the crAll... builders", () => {
    expect(Arn.crInstance(HZ, UID, "cri-abc")).toBe("acs:cr:cn-hangzhou:1234567890123456:instance/cri-abc");
    expect(Arn.crRepository(HZ, UID, "cri-abc")).toBe("acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc");
    expect(Arn.crRepository(HZ, UID, "cri-abc", "team")).toBe(
      "acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team",
    );
    expect(Arn.crRepository(HZ, UID, "cri-abc", "team", "app")).toBe(
      "acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team/app",
    );
    expect(Arn.crAllRepositoriesInInstance(HZ, UID, "cri-abc")).toBe(
      "acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/*",
    );
    expect(Arn.crAllRepositoriesInNamespace(HZ, UID, "cri-abc", "team")).toBe(
      "acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team/*",
    );
    expect(Arn.crRepository("*", "*", "cri-abc", "team", "app")).toBe("acs:cr:*:*:repository/cri-abc/team/app");
  });

  test("CR chart ARNs", () => {
    expect(Arn.crChart(HZ, UID, "cri-abc")).toBe("acs:cr:cn-hangzhou:1234567890123456:chart/cri-abc");
    expect(Arn.crChart(HZ, UID, "cri-abc", "charts", "web")).toBe(
      "acs:cr:cn-hangzhou:1234567890123456:chart/cri-abc/charts/web",
    );
    expect(Arn.crAllChartsInInstance(HZ, UID, "cri-abc")).toBe("acs:cr:cn-hangzhou:1234567890123456:chart/cri-abc/*");
    expect(Arn.crAllChartsInNamespace(HZ, UID, "cri-abc", "charts")).toBe(
      "acs:cr:cn-hangzhou:1234567890123456:chart/cri-abc/charts/*",
    );
  });

  test("builders never throw: a bad part lands in the string, where validateArn (or the construct) reports it", () => {
    expect(Arn.crRepository(HZ, UID, "", "team")).toBe("acs:cr:cn-hangzhou:1234567890123456:repository//team");
    expect(validateArn(Arn.crRepository(HZ, UID, "", "team"), "cr-repository")).toEqual([
      "'' must be letters, digits, '.', '_', '-', or wildcards (expected acs:cr:<region>:<uid>:repository/<instanceId>[/<namespace>[/<repo>]])",
    ]);
    // A repository without its namespace leaves an empty segment instead of silently widening the ARN.
    expect(Arn.crRepository(HZ, UID, "cri-abc", undefined, "app")).toBe(
      "acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc//app",
    );
    expect(validateArn(Arn.ramRole(UID, "a/b"), "ram-role")).toEqual([
      "resource must have at most 1 '/'-separated name(s) after 'role' (expected acs:ram::<uid>:role/<roleName>)",
    ]);
    expect(validateArn(Arn.crInstance(HZ, "12:34", "cri-abc"))).toEqual([
      "must be acs:<service>:<region>:<account-id>:<resource> (5 ':'-separated parts, got 6)",
    ]);
    // Multi-level repository names keep their '/'.
    expect(Arn.crRepository(HZ, UID, "cri-abc", "team", "app/web")).toBe(
      "acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team/app/web",
    );
  });

  test("builders accept token strings for every part and keep them verbatim", () => {
    const { stack } = testStack();
    const account = new TerraformVariable(stack, "account", { type: "string" }).stringValue;
    const instance = new TerraformVariable(stack, "instance", { type: "string" }).stringValue;
    const arn = Arn.crAllRepositoriesInNamespace(HZ, account, instance, "team");
    expect(arn).toBe(`acs:cr:cn-hangzhou:${account}:repository/${instance}/team/*`);
    expect(validateArn(arn, "cr-repository")).toEqual([]);
    expect(Arn.ramRole(account, instance)).toBe(`acs:ram::${account}:role/${instance}`);
  });
});

describe("parseArn", () => {
  test("splits a well-formed ARN", () => {
    expect(parseArn("acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc/team/*")).toEqual({
      ok: true,
      arn: { service: "cr", region: "cn-hangzhou", account: "1234567890123456", resource: "repository/cri-abc/team/*" },
    });
    expect(parseArn("acs:ram::1234567890123456:root")).toEqual({
      ok: true,
      arn: { service: "ram", region: "", account: "1234567890123456", resource: "root" },
    });
  });

  test("lists every problem", () => {
    expect(parseArn("arn:CR:cn_hz:12ab:")).toEqual({
      ok: false,
      problems: [
        "must start with 'acs:'",
        "service 'CR' must be lower-case letters, digits, -",
        "region 'cn_hz' must be a region ID, * or empty",
        "account '12ab' must be an account UID (digits), * or empty",
        "resource part must not be empty",
      ],
    });
    expect(parseArn("acs:cr:cn-hangzhou:123")).toEqual({
      ok: false,
      problems: ["must be acs:<service>:<region>:<account-id>:<resource> (5 ':'-separated parts, got 4)"],
    });
    expect(parseArn("")).toEqual({ ok: false, problems: ["must not be empty"] });
  });
});

describe("validateArn", () => {
  test.each([
    ["ram-role", "acs:ram::1234567890123456:role/ECSAdmin"],
    ["ram-role-resource", "acs:ram:*:1234567890123456:role/acr-*"],
    ["ram-role-resource", "acs:ram::1234567890123456:role/acr-puller"],
    ["ram-user", "acs:ram::1234567890123456:user/ci@corp"],
    ["account-root", "acs:ram::1234567890123456:root"],
    ["oidc-provider", "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c123"],
    ["saml-provider", "acs:ram::1234567890123456:saml-provider/corp"],
    ["cr-instance", "acs:cr:cn-hangzhou:1234567890123456:instance/cri-abc"],
    ["cr-repository", "acs:cr:*:*:repository/cri-abc/*/*"],
    ["cr-repository", "acs:cr:cn-hangzhou:1234567890123456:repository/cri-abc"],
    ["cr-chart", "acs:cr:cn-hangzhou:1234567890123456:chart/cri-abc/charts/web"],
  ] as const)("%s accepts %s", (kind, arn) => {
    expect(validateArn(arn, kind)).toEqual([]);
  });

  test.each([
    [
      "ram-role",
      "acs:ram:cn-hangzhou:1234567890123456:role/bad name",
      "region must be empty (acs:ram::<uid>:role/<roleName>); 'bad name' must be 1-64 letters, digits, '.', '-' " +
        "(expected acs:ram::<uid>:role/<roleName>)",
    ],
    [
      "ram-role",
      "acs:ram::*:role/admin",
      "account must be an account UID (digits) (expected acs:ram::<uid>:role/<roleName>)",
    ],
    [
      "ram-role",
      `acs:ram::1234567890123456:role/${"r".repeat(65)}`,
      `'${"r".repeat(65)}' must be 1-64 letters, digits, '.', '-' (expected acs:ram::<uid>:role/<roleName>)`,
    ],
    [
      "account-root",
      "acs:ram::1234567890123456:root/x",
      "resource must be exactly 'root' (expected acs:ram::<uid>:root)",
    ],
    [
      "cr-repository",
      "acs:cr::1234567890123456:instance/cri-abc",
      "region must be a region ID or *; resource must start with 'repository' " +
        `(expected ${arnFormat("cr-repository")})`,
    ],
    [
      "cr-instance",
      "acs:ecs:cn-hangzhou:1234567890123456:instance/cri-abc/x",
      "service must be 'cr'; resource must have at most 1 '/'-separated name(s) after 'instance' " +
        "(expected acs:cr:<region>:<uid>:instance/<instanceId>)",
    ],
    [
      "cr-repository",
      "acs:cr:cn-hangzhou:1234567890123456:repository",
      `resource must name a repository after 'repository/' (expected ${arnFormat("cr-repository")})`,
    ],
  ] as const)("%s rejects %s", (kind, arn, message) => {
    expect(validateArn(arn, kind)).toEqual([message]);
  });

  test("with several kinds, any one matches; otherwise the message lists their formats", () => {
    const kinds = ["account-root", "ram-user", "ram-role"] as const;
    expect(validateArn("acs:ram::1234567890123456:user/ci", kinds)).toEqual([]);
    expect(validateArn("acs:cr:cn-hangzhou:1234567890123456:instance/cri-abc", kinds)).toEqual([
      "must be one of acs:ram::<uid>:root, acs:ram::<uid>:user/<userName>, acs:ram::<uid>:role/<roleName>",
    ]);
  });

  test("malformed ARNs fail the generic check before any kind", () => {
    expect(validateArn("acs:cr:cn-hangzhou:1:2:3", "cr-repository")).toEqual([
      "must be acs:<service>:<region>:<account-id>:<resource> (5 ':'-separated parts, got 6)",
    ]);
  });

  describe("tokens", () => {
    const { stack } = testStack();
    const tok = (id: string): string => new TerraformVariable(stack, id, { type: "string" }).stringValue;
    const account = tok("account");
    const instance = tok("instance");
    const arn = tok("arn");

    test("a whole-token ARN is not checked", () => {
      expect(validateArn(arn, "ram-role")).toEqual([]);
    });

    test("literal parts around tokens are still checked", () => {
      expect(validateArn(`acs:cr:cn-hangzhou:${account}:repository/${instance}/*`, "cr-repository")).toEqual([]);
      expect(validateArn(`acs:ram::${account}:role/acr-puller`, "ram-role")).toEqual([]);
      expect(validateArn(`acs:cr:${tok("region")}:${account}:instance/cri-${instance}`, "cr-instance")).toEqual([]);
      expect(validateArn(`acs:CR:cn-hangzhou:${account}:repository/${instance}`)).toEqual([
        "service 'CR' must be lower-case letters, digits, -",
      ]);
      expect(validateArn(`acs:cr:cn-hangzhou:12ab${account}:repository/${instance}`)).toEqual([
        "account '12ab<token>' must be an account UID (digits), * or empty",
      ]);
      expect(validateArn(`acs:ram::${account}:user/${instance}`, "ram-role")).toEqual([
        "resource must start with 'role' (expected acs:ram::<uid>:role/<roleName>)",
      ]);
      expect(validateArn(`acs:ram::${account}:role/bad name${instance}`, "ram-role")).toEqual([
        "'bad name<token>' must be 1-64 letters, digits, '.', '-' (expected acs:ram::<uid>:role/<roleName>)",
      ]);
    });

    test("a token that may hold ':' leaves the later parts unchecked, but not the literal prefix", () => {
      expect(validateArn(`acs:cr:${arn}/*`, "cr-repository")).toEqual([]);
      expect(validateArn(`${arn}/team/*`, "cr-repository")).toEqual([]);
      expect(validateArn(`arn:cr:${arn}`)).toEqual(["must start with 'acs:'"]);
      expect(validateArn(`acs:ecs:${arn}`, "cr-instance")).toEqual([
        "service must be 'cr' (expected acs:cr:<region>:<uid>:instance/<instanceId>)",
      ]);
    });
  });
});
