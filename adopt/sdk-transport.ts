import Credential from "@alicloud/credentials";
import OpenApiClient, { $OpenApiUtil } from "@alicloud/openapi-core";
import { AdoptError, CallFault, CREDENTIAL_CHAIN, Product } from "./api-error";
import { text } from "./estate";
import { RetryPolicy, withRetry } from "./retry";
import { CallParams, ResponseBody, Transport } from "./transport";

/** Where the live client sends its calls. */
export interface SdkTransportOptions {
  /** Region of the instance: the CR endpoint is `cr.<region>.aliyuncs.com`. */
  readonly region: string;
  /**
   * CR endpoint instead of the public one: a host (`cr.cn-shanghai.aliyuncs.com`) or a URL with its scheme
   * (`http://127.0.0.1:8080` for a local stand-in).
   * @default `cr.<region>.aliyuncs.com` over HTTPS
   */
  readonly endpoint?: string;
  /**
   * STS endpoint, in the same forms.
   * @default `sts.<region>.aliyuncs.com` over HTTPS
   */
  readonly stsEndpoint?: string;
  /** Retries of throttling and server faults. @default - see RetryPolicy */
  readonly retry?: RetryPolicy;
  /**
   * Credentials.
   * @default - the default credential chain of `@alicloud/credentials` (environment, profile, ECS RAM role, OIDC)
   */
  readonly credential?: Credential;
}

const VERSIONS: Record<Product, string> = { cr: "2018-12-01", sts: "2015-04-01" };
// The SDK's own retries and timeouts stay at their defaults (off); withRetry decides.
const NO_RUNTIME_OPTIONS = {} as Parameters<OpenApiClient["callApi"]>[2];

/** A response that says it failed (`IsSuccess: false`) although the HTTP status was 2xx. */
class FailedBody extends Error {
  public constructor(public readonly fault: CallFault) {
    super(fault.message);
  }
}

/**
 * The live transport: `@alicloud/openapi-core`'s generic client (RPC style) with the default credential chain, one
 * client per product, every call retried by {@link withRetry}. A response whose body says `IsSuccess: false` (CR
 * reports some failures so, with HTTP 200) is a failure too.
 */
export class SdkTransport implements Transport {
  private readonly clients = new Map<Product, OpenApiClient>();
  private credential?: Credential;
  private credentialsFound?: Promise<void>;

  public constructor(private readonly options: SdkTransportOptions) {}

  public async call(product: Product, action: string, params: CallParams): Promise<ResponseBody> {
    const client = this.client(product);
    await (this.credentialsFound ??= this.findCredentials());
    const request = new $OpenApiUtil.OpenApiRequest({ query: stringParams(params) });
    const call = new $OpenApiUtil.Params({
      action,
      version: VERSIONS[product],
      protocol: "HTTPS",
      pathname: "/",
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    return withRetry(
      product,
      action,
      async () => {
        const response = (await client.callApi(call, request, NO_RUNTIME_OPTIONS)) as { body?: unknown };
        const body = (response.body ?? {}) as ResponseBody;
        if (body.IsSuccess === false) throw new FailedBody(bodyFault(body));
        return body;
      },
      toFault,
      this.options.retry,
    );
  }

  // Asked once, before the first call: without credentials the SDK fails every call with the chain's whole log and no
  // code, which reads like a fault of the call rather than of the machine's setup.
  private async findCredentials(): Promise<void> {
    try {
      await this.credential!.getCredential();
    } catch (err) {
      const said = err instanceof Error ? err.message : String(err);
      throw new AdoptError(
        `no credentials: the default credential chain found none; set one of ${CREDENTIAL_CHAIN} (${said})`,
      );
    }
  }

  private client(product: Product): OpenApiClient {
    let client = this.clients.get(product);
    if (client) return client;
    const given = product === "cr" ? this.options.endpoint : this.options.stsEndpoint;
    const { host, protocol } = endpointOf(given ?? `${product}.${this.options.region}.aliyuncs.com`);
    this.credential ??= this.options.credential ?? new Credential();
    client = new OpenApiClient(
      new $OpenApiUtil.Config({ credential: this.credential, endpoint: host, protocol, regionId: this.options.region }),
    );
    this.clients.set(product, client);
    return client;
  }
}

/** `host[:port]` and `http`/`https` of an endpoint given as a host or a URL. */
function endpointOf(value: string): { host: string; protocol: string } {
  const match = /^(https?):\/\/([^/]+)\/?$/.exec(value);
  if (match) return { protocol: match[1], host: match[2] };
  if (/^[A-Za-z0-9.-]+(:\d+)?$/.test(value)) return { protocol: "https", host: value };
  throw new AdoptError(`endpoint = ${JSON.stringify(value)}: must be a host name or an http(s)://host[:port] URL`);
}

function stringParams(params: CallParams): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}

function bodyFault(body: ResponseBody): CallFault {
  return {
    code: text(body, "Code"),
    message: text(body, "Message") ?? "IsSuccess is false",
    requestId: text(body, "RequestId"),
  };
}

// The SDK's errors (ThrottlingError, ClientError, ServerError) carry code, statusCode, retryAfter (ms) and the request
// id; a network error carries only a Node error code.
function toFault(error: unknown): CallFault {
  if (error instanceof FailedBody) return error.fault;
  const e = (error ?? {}) as Record<string, unknown>;
  const retryAfter = typeof e.retryAfter === "number" && e.retryAfter > 0 ? e.retryAfter / 1000 : undefined;
  return {
    code: text(e, "code"),
    statusCode: typeof e.statusCode === "number" ? e.statusCode : undefined,
    message: text(e, "message")?.replace(/^[^:]*: code: \d+, /, "") ?? String(error),
    requestId: text(e, "requestId"),
    retryAfterSeconds: retryAfter,
  };
}
