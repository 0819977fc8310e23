import { PlatformDefinition } from "../stacks/platform/definition";

const REPOS_PER_NAMESPACE = 50;

/**
 * A synthetic platform of `repositories` repositories for the benchmark: namespaces of 50 repositories, alternating
 * between a new instance (cn-hangzhou) and an existing one (cn-shanghai), with a cluster pulling from both.
 */
export function generatedPlatform(repositories: number): PlatformDefinition {
  const namespaces = Math.ceil(repositories / REPOS_PER_NAMESPACE);
  const half = (parity: number) =>
    Array.from({ length: namespaces }, (_, i) => i)
      .filter((i) => i % 2 === parity)
      .map((i) => ({
        name: `team-${i}`,
        repositories: Array.from(
          { length: Math.min(REPOS_PER_NAMESPACE, repositories - i * REPOS_PER_NAMESPACE) },
          (_, r) => `service-${r}`,
        ),
      }));
  return {
    name: "bench",
    owner: "platform-team",
    accounts: { main: { accountId: "1000000000000001" } },
    environments: [
      {
        name: "prod",
        registries: [
          {
            id: "Primary",
            account: "main",
            region: "cn-hangzhou",
            instance: { kind: "new", instanceName: "bench-primary", edition: "Advanced" },
            namespaces: half(0),
          },
          {
            id: "Secondary",
            account: "main",
            region: "cn-shanghai",
            instance: { kind: "existing", instanceId: "cri-benchsecondary", instanceName: "bench-secondary" },
            namespaces: half(1),
          },
        ],
        clusters: [
          {
            name: "prod",
            account: "main",
            region: "cn-hangzhou",
            workerRoleName: "KubernetesWorkerRole-bench",
            pullsFrom: ["Primary", "Secondary"],
          },
        ],
      },
    ],
  };
}
