// What `npm run adopt` read from one instance, as the CR API (2018-12-01) returned it: one field per listing, each
// item as the API's own JSON object (field names as in the response schemas), so that mapping and the comment on
// unmodelled settings see every field the API sent.

/** One item of a listing, as returned. */
export type ApiItem = Readonly<Record<string, unknown>>;

/** Everything read from one instance. */
export interface Estate {
  readonly instanceId: string;
  readonly region: string;
  readonly accountId: string;
  /** GetInstance, without the request id. */
  readonly instance: ApiItem;
  readonly namespaces: readonly ApiItem[];
  readonly repositories: readonly ApiItem[];
  readonly chartNamespaces: readonly ApiItem[];
  readonly chartRepositories: readonly ApiItem[];
  /** GetInstanceVpcEndpoint per module (`Registry`, `Chart`). */
  readonly vpcEndpoints: Readonly<Record<string, ApiItem>>;
  /** GetInstanceEndpoint of the Internet endpoint per module. */
  readonly internetEndpoints: Readonly<Record<string, ApiItem>>;
  readonly lifecycleRules: readonly ApiItem[];
  readonly syncRules: readonly ApiItem[];
  readonly scanRules: readonly ApiItem[];
  readonly subscriptionRules: readonly ApiItem[];
  readonly chains: readonly ApiItem[];
}

/** A string field of an item, or `undefined`. */
export function text(item: ApiItem | undefined, field: string): string | undefined {
  const value = item?.[field];
  return typeof value === "string" ? value : undefined;
}

/** A boolean field, accepting the text forms some actions return. */
export function flag(item: ApiItem | undefined, field: string): boolean | undefined {
  const value = item?.[field];
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  return undefined;
}

/** A whole-number field, accepting its text. */
export function count(item: ApiItem | undefined, field: string): number | undefined {
  const value = item?.[field];
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) ? n : undefined;
}
