import { EnterpriseRegistry } from "../../constructs";
import { problemsOf, testStack, warningsOf } from "../support/synth";

/** A source registry in cn-hangzhou and, in the same app, the DR instance `cri-dr1` in cn-shanghai. */
function setup() {
  const { app, stack } = testStack();
  const source = EnterpriseRegistry.fromInstanceAttributes(stack, "Source", {
    instanceId: "cri-src1",
    instanceName: "acme-prod",
    region: "cn-hangzhou",
  });
  const payments = source.addNamespace("Payments", { name: "payments" });
  const api = payments.addRepository("Api", { name: "api" });
  const dr = EnterpriseRegistry.fromInstanceAttributes(stack, "Dr", {
    instanceId: "cri-dr1",
    instanceName: "acme-dr",
    region: "cn-shanghai",
  });
  return { app, payments, api, dr };
}

const target = { instanceId: "cri-dr1", region: "cn-shanghai", namespace: "payments" };
const replicationWarnings = (app: Parameters<typeof warningsOf>[0]) =>
  warningsOf(app).filter((w) => w.includes("replication"));

describe("replication target precondition (M5)", () => {
  test("a declared target namespace that does not auto-create repositories is an error naming the fix", () => {
    const { app, payments, dr } = setup();
    dr.addNamespace("Payments", { name: "payments" });
    payments.replicateTo("Dr", target);
    expect(problemsOf(app)).toEqual([
      '[test/Source/Payments/Dr] target.namespace = "payments": is test/Dr/Payments, which does not auto-create ' +
        "repositories, so ACR would silently replicate nothing into it: set autoCreateRepositories: true on it",
    ]);
  });

  test("a declared target namespace that auto-creates repositories passes, with no warning", () => {
    const { app, payments, dr } = setup();
    dr.addNamespace("Payments", { name: "payments", autoCreateRepositories: true });
    payments.replicateTo("Dr", target);
    expect(problemsOf(app)).toEqual([]);
    expect(replicationWarnings(app)).toEqual([]);
  });

  test("an undeclared target namespace: a warning with the fix, printed once", () => {
    const { app, payments } = setup();
    payments.replicateTo("Dr", target);
    expect(problemsOf(app)).toEqual([]);
    problemsOf(app);
    expect(replicationWarnings(app)).toEqual([
      '[test/Source/Payments/Dr] automatic replication into namespace "payments" of cri-dr1, which this app does ' +
        "not declare: ACR replicates a namespace only into an existing namespace that auto-creates repositories, " +
        "and otherwise silently copies nothing; create it so, or declare it here with autoCreateRepositories: true",
    ]);
  });

  test("repository scope: the target repository must be declared in a declared target namespace", () => {
    const { app, payments, api, dr } = setup();
    const drPayments = dr.addNamespace("Payments", { name: "payments" });
    payments.replicateTo("Dr", { ...target, repository: "api" }, { repository: api });
    expect(problemsOf(app)).toEqual([
      '[test/Source/Payments/Dr] target.repository = "api": is not declared in test/Dr/Payments, and ACR ' +
        "replicates a repository only into an existing one: add it there",
    ]);
    drPayments.addRepository("Api", { name: "api" });
    expect(problemsOf(app)).toEqual([]);
  });

  test("a manual rule (automatic: false) is not checked: it copies only when run by hand", () => {
    const { app, payments, dr } = setup();
    dr.addNamespace("Payments", { name: "payments" });
    payments.replicateTo("Dr", target, { automatic: false });
    expect(problemsOf(app)).toEqual([]);
    expect(replicationWarnings(app)).toEqual([]);
  });
});
