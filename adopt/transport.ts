import type { Product } from "./api-error";

/** Request parameters of one RPC call (the action's own, not the signature's). */
export type CallParams = Readonly<Record<string, string | number | boolean>>;

/** A response body as the API returned it (parsed JSON). */
export type ResponseBody = Readonly<Record<string, unknown>>;

/** Something that answers API calls: the live SDK client, a recorder around it, or a recording. */
export interface Transport {
  call(product: Product, action: string, params: CallParams): Promise<ResponseBody>;
}
