/** A `moved` block of Terraform JSON. */
export interface MovedBlock {
  readonly from: string;
  readonly to: string;
}

/**
 * The code's own `moved` blocks (`existing`, e.g. from a resource's `moveFromId`) followed by the protection pass's
 * (`added`). Terraform refuses two blocks that move different sources to one address ("Ambiguous move statements"),
 * which happens when the protection pass moves a renamed construct's resource to the very address the code's block
 * names: such a code block is pointed at the start of the protection chain instead, so the two form one chain
 * (`code source -> previous address -> ... -> current address`) and each source still ends at the current address.
 */
export function mergeMoved(existing: readonly unknown[], added: readonly MovedBlock[]): unknown[] {
  const source = new Map(added.map((m) => [m.to, m.from]));
  const start = (address: string): string => {
    let at = address;
    for (let from = source.get(at); from !== undefined && from !== address; from = source.get(at)) at = from;
    return at;
  };
  const chained = existing.map((block) => {
    if (!isMoved(block) || !source.has(block.to)) return block;
    return { ...block, to: start(block.to) };
  });
  return [...chained, ...added];
}

function isMoved(value: unknown): value is MovedBlock {
  return typeof value === "object" && value !== null && typeof (value as MovedBlock).to === "string";
}
