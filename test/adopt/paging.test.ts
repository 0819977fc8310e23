// Paging follows what the responses say: TotalCount as a number or its text, whatever page size the server honours,
// and a listing whose pages contradict themselves fails instead of looping or silently dropping items.
import { listAll } from "../../adopt/paging";
import { CallParams, ResponseBody, Transport } from "../../adopt/transport";

/** Serves `total` items `served` per page (whatever is asked), TotalCount rendered by `count`. */
function pages(
  total: number,
  served: number,
  count: (n: number) => unknown = String,
): Transport & { asked: CallParams[] } {
  const asked: CallParams[] = [];
  return {
    asked,
    call: async (_product, _action, params): Promise<ResponseBody> => {
      asked.push(params);
      const page = Number(params.PageNo);
      const items = Array.from({ length: total }, (_, i) => ({ n: i })).slice((page - 1) * served, page * served);
      return { TotalCount: count(total), PageNo: page, PageSize: served, Items: items };
    },
  };
}

describe("listAll", () => {
  test.each([
    ["a string TotalCount", String],
    ["a number TotalCount", (n: number) => n],
  ])("reads every page with %s when the server caps the page size", async (_title, count) => {
    const transport = pages(65, 30, count);
    const items = await listAll(transport, "ListX", { InstanceId: "cri-a" }, "Items");
    expect(items.map((i) => i.n)).toEqual([...Array(65).keys()]);
    expect(transport.asked.map((p) => p.PageNo)).toEqual([1, 2, 3]);
    expect(transport.asked[0]).toEqual({ InstanceId: "cri-a", PageNo: 1, PageSize: 100 });
  });

  test("an empty listing is one call", async () => {
    const transport = pages(0, 30);
    expect(await listAll(transport, "ListX", {}, "Items")).toEqual([]);
    expect(transport.asked).toHaveLength(1);
  });

  test("a page that comes back empty before TotalCount is reached fails with the counts", async () => {
    const transport: Transport = {
      call: async (_p, _a, params) => ({ TotalCount: "5", Items: Number(params.PageNo) === 1 ? [{}, {}] : [] }),
    };
    await expect(listAll(transport, "ListX", {}, "Items")).rejects.toThrow("ListX: page 2 is empty after 2 of 5 items");
  });

  test("more items than TotalCount fail; so does a TotalCount that is not a count", async () => {
    const many: Transport = { call: async () => ({ TotalCount: 1, Items: [{}, {}] }) };
    await expect(listAll(many, "ListX", {}, "Items")).rejects.toThrow(
      "ListX: 2 items over 1 page(s) but TotalCount is 1",
    );
    const bad: Transport = { call: async () => ({ TotalCount: "many", Items: [] }) };
    await expect(listAll(bad, "ListX", {}, "Items")).rejects.toThrow(
      'ListX: TotalCount = "many": must be a whole number (or its text)',
    );
  });

  test("a server that repeats one page forever is stopped", async () => {
    const stuck: Transport = { call: async () => ({ TotalCount: 3, Items: [] as unknown[] }) };
    await expect(listAll(stuck, "ListX", {}, "Items")).rejects.toThrow("page 1 is empty after 0 of 3 items");
  });
});
