import { AdoptError } from "./api-error";
import { count } from "./estate";
import { CallParams, ResponseBody, Transport } from "./transport";

/** The page size asked for; a server may answer with fewer per page, which the paging follows. */
const REQUESTED_PAGE_SIZE = 100;

/**
 * Every item of a paged CR listing (`PageNo`/`PageSize`/`TotalCount`): pages are read until the items collected
 * reach `TotalCount` (a number in some actions, a string in others) or a page comes back empty. The page size
 * honoured is whatever the pages hold, never assumed to be the one requested. A listing whose pages contradict
 * themselves (more items than TotalCount, a page count beyond any honest one) fails rather than loop.
 */
export async function listAll(
  transport: Transport,
  action: string,
  params: CallParams,
  itemsKey: string,
): Promise<Readonly<Record<string, unknown>>[]> {
  const items: Readonly<Record<string, unknown>>[] = [];
  for (let page = 1; ; page++) {
    const body = await transport.call("cr", action, { ...params, PageNo: page, PageSize: REQUESTED_PAGE_SIZE });
    const total = totalCount(action, body);
    const pageItems = itemsOf(action, body, itemsKey);
    items.push(...pageItems);
    if (pageItems.length === 0 || items.length >= total) {
      if (items.length > total && pageItems.length > 0) {
        throw new AdoptError(`${action}: ${items.length} items over ${page} page(s) but TotalCount is ${total}`);
      }
      if (items.length < total) {
        throw new AdoptError(`${action}: page ${page} is empty after ${items.length} of ${total} items`);
      }
      return items;
    }
    if (page > total) throw new AdoptError(`${action}: more than ${total} pages for ${total} items`);
  }
}

function totalCount(action: string, body: ResponseBody): number {
  const total = count(body, "TotalCount");
  if (total === undefined || total < 0) {
    throw new AdoptError(
      `${action}: TotalCount = ${JSON.stringify(body.TotalCount)}: must be a whole number (or its text)`,
    );
  }
  return total;
}

/** The list `key` of a response; an absent list is empty (CR omits empty lists in some actions). */
function itemsOf(action: string, body: ResponseBody, key: string): Readonly<Record<string, unknown>>[] {
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AdoptError(`${action}: ${key} = ${JSON.stringify(value)}: must be a list`);
  return value as Readonly<Record<string, unknown>>[];
}
