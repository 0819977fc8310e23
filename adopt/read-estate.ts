import { AdoptError } from "./api-error";
import { ApiItem, Estate } from "./estate";
import { listAll } from "./paging";
import { Transport } from "./transport";

/** The instance to read. */
export interface ReadTarget {
  readonly instanceId: string;
  readonly region: string;
  /**
   * Account UID; read with STS GetCallerIdentity when absent.
   * @default - the caller's account
   */
  readonly accountId?: string;
}

/** GetRepository calls at a time. */
const REPOSITORY_READS_IN_FLIGHT = 8;

/** Endpoint modules of an instance (GetInstanceVpcEndpoint, GetInstanceEndpoint `ModuleName`). */
const MODULES = ["Registry", "Chart"] as const;

/**
 * Reads everything `npm run adopt` carries over, every page of every listing, in a fixed order (so recordings are
 * stable). Nothing is written here: a read that fails half-way leaves no trace.
 */
export async function readEstate(transport: Transport, target: ReadTarget): Promise<Estate> {
  const id = { InstanceId: target.instanceId };
  const accountId = target.accountId ?? (await callerAccount(transport));
  const { RequestId: _requestId, ...instance } = await transport.call("cr", "GetInstance", id);
  if (instance.InstanceId !== undefined && instance.InstanceId !== target.instanceId) {
    throw new AdoptError(
      `--instance-id = ${JSON.stringify(target.instanceId)}: GetInstance answered for ${JSON.stringify(instance.InstanceId)}`,
    );
  }
  const namespaces = await listAll(transport, "ListNamespace", id, "Namespaces");
  // The listing has no Detail (the repository's long description), which the provider manages: one read each,
  // a few at a time (thousands of repositories one by one would take minutes; throttling is retried).
  const listedRepositories = await listAll(transport, "ListRepository", id, "Repositories");
  const repositories = await mapConcurrently(listedRepositories, REPOSITORY_READS_IN_FLIGHT, async (listed) => {
    const { RequestId: _ignored, ...repository } = await transport.call("cr", "GetRepository", {
      ...id,
      RepoId: String(listed.RepoId),
    });
    return { ...listed, ...repository };
  });
  const chartNamespaces = await listAll(transport, "ListChartNamespace", id, "Namespaces");
  const chartRepositories = await listAll(transport, "ListChartRepository", id, "Repositories");
  const vpcEndpoints: Record<string, ApiItem> = {};
  const internetEndpoints: Record<string, ApiItem> = {};
  for (const module of MODULES) {
    vpcEndpoints[module] = await transport.call("cr", "GetInstanceVpcEndpoint", { ...id, ModuleName: module });
    internetEndpoints[module] = await transport.call("cr", "GetInstanceEndpoint", {
      ...id,
      EndpointType: "internet",
      ModuleName: module,
    });
  }
  return {
    instanceId: target.instanceId,
    region: target.region,
    accountId,
    instance,
    namespaces,
    repositories,
    chartNamespaces,
    chartRepositories,
    vpcEndpoints,
    internetEndpoints,
    lifecycleRules: await listAll(transport, "ListArtifactLifecycleRule", id, "Rules"),
    syncRules: await listAll(transport, "ListRepoSyncRule", id, "SyncRules"),
    // The 2024 metadata documents no response of these two; the list is the response's one array, whatever its name.
    scanRules: await listUndocumented(transport, "ListScanRule", id),
    subscriptionRules: await listUndocumented(transport, "ListArtifactSubscriptionRule", id),
    chains: await listAll(transport, "ListChain", id, "Chains"),
  };
}

async function callerAccount(transport: Transport): Promise<string> {
  const body = await transport.call("sts", "GetCallerIdentity", {});
  const account = body.AccountId;
  if (typeof account !== "string" || !/^\d+$/.test(account)) {
    throw new AdoptError(`STS GetCallerIdentity returned no AccountId (${JSON.stringify(account)}): pass --account-id`);
  }
  return account;
}

async function listUndocumented(transport: Transport, action: string, id: Record<string, string>) {
  const first = await transport.call("cr", action, { ...id, PageNo: 1, PageSize: 1 });
  const keys = Object.keys(first).filter((k) => Array.isArray(first[k]));
  if (keys.length > 1) throw new AdoptError(`${action}: the response holds several lists (${keys.join(", ")})`);
  return keys.length === 0 ? [] : listAll(transport, action, id, keys[0]);
}

/** `fn` of every item, at most `limit` at a time, results in the items' order; the first failure fails all. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
