// A local stand-in for the Container Registry RPC API (2018-12-01) and STS GetCallerIdentity, on 127.0.0.1, that
// the real SDK client is pointed at. Responses are the documented example responses (adopt/cr-openapi-subset.json)
// with their lists replaced by the instance's objects, each with exactly the documented example item's fields (the
// example's value where the object has none); TotalCount has the documented type per action (a string in ListNamespace, a number
// in ListRepoSyncRule, ...). It caps the page size like a real server may, and can answer with faults first.
import { createHash } from "node:crypto";
import * as http from "node:http";
import subset from "../../adopt/cr-openapi-subset.json";

type Item = Record<string, unknown>;

/** The objects of one fake instance, in the API's own field names (merged over the documented example items). */
export interface FakeInstance {
  readonly instance: Item;
  readonly namespaces: readonly Item[];
  readonly repositories: readonly Item[];
  readonly chartNamespaces: readonly Item[];
  readonly chartRepositories: readonly Item[];
  /** LinkedVpcs per module. */
  readonly linkedVpcs: Readonly<Record<string, readonly Item[]>>;
  /** GetInstanceEndpoint fields (Enable, AclEnable, AclEntries) of the Internet endpoint per module. */
  readonly internet: Readonly<Record<string, Item>>;
  readonly lifecycleRules: readonly Item[];
  readonly syncRules: readonly Item[];
  readonly chains: readonly Item[];
}

/** An answer given instead of the real one, `times` times, to calls of `action`. */
export interface Fault {
  readonly action: string;
  readonly status: number;
  readonly code: string;
  readonly message?: string;
  /** @default 1 */
  times?: number;
  /** Sent as `x-acs-retry-after` (ms, as the SDK reads it). @default - no header */
  readonly retryAfterMs?: number;
  /** Only for this page (`PageNo`). @default - any call */
  readonly page?: number;
}

/** How the server behaves. */
export interface FakeServerOptions {
  /**
   * Largest page it serves, whatever PageSize asks.
   * @default 30
   */
  readonly pageSizeCap?: number;
  /** Faults to answer with first. @default - none */
  readonly faults?: Fault[];
  /** Account of the caller (GetCallerIdentity). @default "1234567890123456" */
  readonly accountId?: string;
}

const actions = subset.actions as unknown as Record<string, { example: Item | null; responseFields: Item | null }>;

/** A running fake API: its URL, the calls it received (action and query), and stop(). */
export class FakeCrServer {
  /** Every call received, with the body it was answered with. */
  public readonly calls: { action: string; params: Record<string, string>; status?: number; body?: Item }[] = [];
  private server?: http.Server;

  public constructor(
    private readonly estate: FakeInstance,
    private readonly options: FakeServerOptions = {},
  ) {}

  /** Starts listening on a free port of 127.0.0.1; resolves to `http://127.0.0.1:<port>`. */
  public async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => this.answer(req, res));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address() as { port: number };
    return `http://127.0.0.1:${address.port}`;
  }

  public async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const params = Object.fromEntries(url.searchParams);
    const action = String(req.headers["x-acs-action"] ?? params.Action);
    const call: (typeof this.calls)[number] = { action, params };
    this.calls.push(call);
    // From the request, not from arrival order: concurrent calls arrive in any order, and recordings must not vary.
    const requestId = `FAKE-${createHash("sha256").update(`${action} ${url.search}`).digest("hex").slice(0, 12)}`;
    const send = (status: number, body: Item, headers: Record<string, string> = {}) => {
      Object.assign(call, { status, body });
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const fault = this.options.faults?.find(
      (f) => f.action === action && (f.times ?? 1) > 0 && (f.page === undefined || String(f.page) === params.PageNo),
    );
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      const retryAfter: Record<string, string> =
        fault.retryAfterMs === undefined ? {} : { "x-acs-retry-after": String(fault.retryAfterMs) };
      send(fault.status, { Code: fault.code, Message: fault.message ?? fault.code, RequestId: requestId }, retryAfter);
      return;
    }
    if (params.InstanceId !== undefined && params.InstanceId !== this.estate.instance.InstanceId) {
      send(404, { Code: "INSTANCE_NOT_EXIST", Message: "instance not exist", RequestId: requestId });
      return;
    }
    const body = this.body(action, params);
    if (body === undefined) send(400, { Code: "InvalidAction.NotFound", Message: action, RequestId: requestId });
    else send(200, { ...body, RequestId: requestId });
  }

  private body(action: string, params: Record<string, string>): Item | undefined {
    const e = this.estate;
    const module = params.ModuleName ?? "Registry";
    switch (action) {
      case "GetCallerIdentity":
        return {
          AccountId: this.options.accountId ?? "1234567890123456",
          Arn: `acs:ram::${this.options.accountId ?? "1234567890123456"}:user/adopter`,
          IdentityType: "RAMUser",
          PrincipalId: "203456789012345678",
          UserId: "203456789012345678",
        };
      case "GetInstance":
        return { ...documented(action), ...e.instance };
      case "ListNamespace":
      case "ListChartNamespace":
        return this.page(action, params, "Namespaces", action === "ListNamespace" ? e.namespaces : e.chartNamespaces);
      case "ListRepository":
      case "ListChartRepository":
        return this.page(
          action,
          params,
          "Repositories",
          action === "ListRepository" ? e.repositories : e.chartRepositories,
        );
      case "GetRepository": {
        const repository = e.repositories.find((r) => r.RepoId === params.RepoId);
        return repository && { ...documented(action), ...repository };
      }
      case "GetInstanceVpcEndpoint":
        return { ...documented(action), ModuleName: module, LinkedVpcs: e.linkedVpcs[module] ?? [] };
      case "GetInstanceEndpoint":
        return {
          ...documented(action),
          ...(e.internet[module] ?? { Enable: false, AclEnable: false, AclEntries: [] }),
        };
      case "ListArtifactLifecycleRule":
        return this.page(action, params, "Rules", e.lifecycleRules);
      case "ListRepoSyncRule":
        return this.page(action, params, "SyncRules", e.syncRules);
      case "ListChain":
        return this.page(action, params, "Chains", e.chains);
      case "ListScanRule":
      case "ListArtifactSubscriptionRule":
        // Undocumented response (no schema in the metadata): an empty page with the common fields.
        return { Code: "success", IsSuccess: true, PageNo: 1, PageSize: 0, TotalCount: 0 };
      default:
        return undefined;
    }
  }

  private page(action: string, params: Record<string, string>, key: string, items: readonly Item[]): Item {
    const example = documented(action);
    const template = ((example[key] as Item[] | undefined) ?? [])[0] ?? {};
    const size = Math.min(Number(params.PageSize ?? 30), this.options.pageSizeCap ?? 30);
    const pageNo = Number(params.PageNo ?? 1);
    const total = items.length;
    const stringTotal = actions[action].responseFields?.TotalCount === "string";
    return {
      ...example,
      PageNo: pageNo,
      PageSize: size,
      TotalCount: stringTotal ? String(total) : total,
      [key]: items.slice((pageNo - 1) * size, pageNo * size).map((item) => documentedFields(template, item)),
    };
  }
}

/** `item` with exactly the fields of the documented example item (a listing carries no more than the API shows). */
function documentedFields(template: Item, item: Item): Item {
  return Object.fromEntries(Object.keys(template).map((k) => [k, k in item ? item[k] : template[k]]));
}

/** The documented example response of `action`, without its request id. */
function documented(action: string): Item {
  const { RequestId: _ignored, ...example } = (actions[action]?.example ?? {}) as Item;
  return structuredClone(example);
}
