// The grant example of README.md ("RAM grants"), compiled by `tsc --noEmit` and run by readme-grants.test.ts; the
// lines between the markers are the README's code block, and the test fails when the two differ.
import { Construct } from "constructs";
import { EnterpriseRegistry, Grantee, Namespace, Repository } from "../../constructs";

/** Builds the README's grants below `scope` (a stack with a default alicloud provider) and returns its values. */
export function readmeGrantsExample(scope: Construct) {
  // README:start
  const registry = EnterpriseRegistry.fromInstanceAttributes(scope, "Registry", {
    instanceId: "cri-xxxxxxxx",
    instanceName: "acme-prod",
    region: "cn-hangzhou",
    accountId: "1234567890123456",
  });
  const payments = registry.addNamespace("Payments", { name: "payments" });
  for (const name of ["api", "worker", "ledger"]) payments.addRepository(name, { name });

  const ci = Grantee.fromRoleName(scope, "Ci", "ci-builder"); // or fromRoleArn / fromUserName / fromGroupName
  const push = payments.grantPullPush(ci);
  // push.actions: ["cr:GetAuthorizationToken", "cr:PullRepository", "cr:PushRepository"]
  // push.resourceArns: ["acs:cr:cn-hangzhou:1234567890123456:repository/cri-xxxxxxxx/payments/*"]

  // Typed references: a repository declared here by name, and one of a namespace this code does not manage.
  const ledger = payments.repository("ledger");
  ledger.grantPull(Grantee.fromUserName(scope, "Auditor", "ledger-auditor"));
  const tools = Namespace.fromNamespaceName(scope, "Tools", registry, "tools");
  const buildTools = Repository.fromRepositoryName(scope, "BuildTools", { namespace: tools, name: "build-tools" });
  const pull = buildTools.grantPull(ci);
  // Exactly the actions named (cr:GetAuthorizationToken and cr:ListInstanceEndpoint go on "*").
  const read = ledger.grant(ci, "cr:GetRepository");

  // push.policy, pull.policy and read.policy are one GranteePolicy, the default policy of role ci-builder, named
  // "acr-role-ci-builder-<hash>" after the role (push.policyName): renaming constructs keeps it.
  // README:end
  return { push, pull, read };
}
