import { TerraformStack, TerraformVariable, Testing, Token } from "../../constructs/engine";
import { containsListToken, isWholeToken, replaceTokens } from "../../constructs/tokens";

function variables() {
  const stack = new TerraformStack(Testing.app(), "tokens");
  const account = new TerraformVariable(stack, "account", { type: "string" }).stringValue;
  const ids = new TerraformVariable(stack, "ids", { type: "list(string)" }).listValue;
  const port = new TerraformVariable(stack, "port", { type: "number" }).numberValue;
  return { account, ids, port };
}

describe("token helpers (the engine's token API, not its markers)", () => {
  test("replaceTokens keeps the literal text in order and stands the placeholder for each token", () => {
    const { account, port } = variables();
    expect(replaceTokens(`acs:ram::${account}:role/${account}-puller`, "?")).toBe("acs:ram::?:role/?-puller");
    expect(replaceTokens(`port ${Token.asString(port)}`, "")).toBe("port ");
    expect(replaceTokens(account, "?")).toBe("?");
  });

  test("replaceTokens leaves a value without tokens, and Terraform's own ${...} text, unchanged", () => {
    expect(replaceTokens("acs:ram::123:role/puller", "?")).toBe("acs:ram::123:role/puller");
    expect(replaceTokens("${aws_x.y}", "?")).toBe("${aws_x.y}");
    expect(replaceTokens("", "?")).toBe("");
  });

  test("isWholeToken is true only for a value that is tokens and nothing else", () => {
    const { account } = variables();
    expect(isWholeToken(account)).toBe(true);
    expect(isWholeToken(`${account}${account}`)).toBe(true);
    expect(isWholeToken(`${account}:x`)).toBe(false);
    expect(isWholeToken("literal")).toBe(false);
  });

  test("containsListToken finds a list token element anywhere in a string, and no string token", () => {
    const { account, ids } = variables();
    expect(containsListToken(ids[0])).toBe(true);
    expect(containsListToken(`acs:cr:*:*:repository/${ids[0]}`)).toBe(true);
    expect(containsListToken(account)).toBe(false);
    expect(containsListToken("repository/*")).toBe(false);
  });
});
