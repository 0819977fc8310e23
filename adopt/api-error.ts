// What went wrong with one API call, in terms the reader can act on: retry (throttling, server faults), fix the
// credentials or their RAM permissions (naming the action), or the request itself.

/** The product an action belongs to: its RAM action prefix. */
export type Product = "cr" | "sts";

/** How a failed call is handled. */
export type FaultKind = "retryable" | "auth" | "fatal";

/** A call that failed for good, with the reason in the reader's terms. */
export class AdoptError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = "AdoptError";
  }
}

/** What an SDK error or a failed response carries that decides its handling. */
export interface CallFault {
  readonly code?: string;
  readonly statusCode?: number;
  readonly message: string;
  readonly requestId?: string;
  /** Seconds the server asked us to wait (Retry-After), if it said. */
  readonly retryAfterSeconds?: number;
}

// Codes of credentials that are wrong or expired, as opposed to right credentials without the permission.
const CREDENTIAL_CODES = /^(InvalidAccessKeyId|SignatureDoesNotMatch|InvalidSecurityToken|IncompleteSignature)/;
// Permission codes of RAM-governed APIs (Forbidden.RAM, NoPrivilege (the CR metadata's 403), NoPermission, ...).
const PERMISSION_CODES = /^(Forbidden|NoPermission|NoPrivilege|AccessDenied|NotAuthorized|Unauthorized)/i;
// Network failures of the request itself: the connection, not the answer, failed.
const TRANSIENT_NETWORK = /^(ECONNRESET|ETIMEDOUT|ESOCKETTIMEDOUT|EPIPE|EAI_AGAIN|ECONNABORTED)$/;

/** Throttling (`Throttling*` codes or HTTP 429), server faults (5xx) and dropped connections are retried. */
export function faultKind(fault: CallFault): FaultKind {
  const code = fault.code ?? "";
  if (code.startsWith("Throttling") || fault.statusCode === 429) return "retryable";
  if (fault.statusCode !== undefined && fault.statusCode >= 500) return "retryable";
  if (fault.statusCode === undefined && TRANSIENT_NETWORK.test(code)) return "retryable";
  if (CREDENTIAL_CODES.test(code) || PERMISSION_CODES.test(code)) return "auth";
  if (fault.statusCode === 401 || fault.statusCode === 403) return "auth";
  return "fatal";
}

/** Where `@alicloud/credentials`' default chain looks, in its order: what the reader can set. */
export const CREDENTIAL_CHAIN =
  "ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN), OIDC " +
  "(ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE), the aliyun CLI's " +
  "~/.aliyun/config.json or ~/.alibabacloud/credentials (ALIBABA_CLOUD_PROFILE picks a profile), an ECS RAM role";

/** The message of a call that failed for good: what was called, what the API said, and what to do. */
export function describeFault(product: Product, action: string, fault: CallFault, attempts: number): string {
  const said = `${fault.code ?? "no code"}${fault.statusCode ? ` (HTTP ${fault.statusCode})` : ""}: ${fault.message}`;
  const request = fault.requestId ? `; request id ${fault.requestId}` : "";
  const head = `${product.toUpperCase()} ${action} failed with ${said}${request}`;
  const kind = faultKind(fault);
  if (kind === "retryable") return `${head}; gave up after ${attempts} attempt(s): try again later`;
  if (kind !== "auth") return head;
  if (CREDENTIAL_CODES.test(fault.code ?? "")) {
    return `${head}: the credentials were refused. Check what the default credential chain found (${CREDENTIAL_CHAIN})`;
  }
  if (product === "sts") {
    return `${head}: GetCallerIdentity needs no RAM permission, so the credentials are not usable; or pass --account-id`;
  }
  return `${head}: the RAM identity needs the action ${product}:${action} (adopt needs ${READ_ACTIONS.join(", ")})`;
}

/** Every RAM action `npm run adopt` calls (all read-only), in the order it calls them. */
export const READ_ACTIONS: readonly string[] = [
  "cr:GetInstance",
  "cr:ListNamespace",
  "cr:ListRepository",
  "cr:GetRepository",
  "cr:ListChartNamespace",
  "cr:ListChartRepository",
  "cr:GetInstanceVpcEndpoint",
  "cr:GetInstanceEndpoint",
  "cr:ListArtifactLifecycleRule",
  "cr:ListRepoSyncRule",
  "cr:ListScanRule",
  "cr:ListArtifactSubscriptionRule",
  "cr:ListChain",
];
