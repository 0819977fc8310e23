/**
 * Resource blocks in one stack above which synth warns. Terraform rewrites a stack's whole state file after every
 * resource it applies, so an apply's time grows with the square of the stack's size: measured through the stand-in
 * provider (README "Benchmark"), 11 s for 513 resources and 352 s for 2,553, the provider's own share under 5%.
 */
export const LARGE_STACK_RESOURCES = 1000;

interface StackResources {
  readonly resource?: Record<string, Record<string, unknown>>;
}

/** The warning for stack `name` when its Terraform JSON has more than `limit` resource blocks (else none). */
export function largeStackWarning(name: string, json: StackResources, limit = LARGE_STACK_RESOURCES): string[] {
  const resources = Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
  if (resources <= limit) return [];
  return [
    `stack "${name}" has ${resources.toLocaleString("en")} resources: Terraform rewrites a stack's whole state ` +
      `after every resource it applies, so its apply slows down with the square of the stack's size (11 s for 513 ` +
      `resources, 352 s for 2,553); keep a stack under ${limit.toLocaleString("en")} resources by splitting it ` +
      `(README "Benchmark": where to split stacks)`,
  ];
}
