import { backendOf, planGate } from "../../review/plan-gate";

describe("plan gate", () => {
  test("only stacks with a remote backend are planned; local state is skipped with the reason", () => {
    const gate = planGate([
      { stack: "prod", file: "p", config: { terraform: { backend: { oss: { bucket: "b" } } } } },
      { stack: "dev", file: "d", config: { terraform: { backend: { local: { path: "x" } } } } },
      { stack: "bare", file: "b", config: { terraform: {} } },
    ]);
    expect(gate.plannable).toEqual(["prod"]);
    expect(gate.skipped.map((s) => s.stack)).toEqual(["dev", "bare"]);
    expect(gate.skipped[0].reason).toContain("a CI plan would start from an empty state");
  });

  test("no backend means Terraform's default, local", () => {
    expect(backendOf({})).toBe("local");
    expect(backendOf({ terraform: { backend: { oss: {} } } })).toBe("oss");
  });
});
