import { AdoptError, CallFault, describeFault, faultKind, Product } from "./api-error";

/** How often and how long a retryable call is tried again. */
export interface RetryPolicy {
  /**
   * Attempts per call, the first included.
   * @default 6
   */
  readonly maxAttempts?: number;
  /**
   * Wait before the second attempt, in ms; doubled for each later one.
   * @default 500
   */
  readonly baseDelayMs?: number;
  /**
   * Longest single wait, in ms (a server's Retry-After counts up to this too).
   * @default 8000
   */
  readonly maxDelayMs?: number;
  /**
   * Waits `ms`; tests pass one that records the delays and returns at once.
   * @default - a timer
   */
  readonly sleep?: (ms: number) => Promise<void>;
}

const MAX_DELAY_MS = 8000;

/** The waits before attempts 2, 3, ... of a call: exponential, capped (the budget of one call). */
function backoffDelays(policy: RetryPolicy = {}): number[] {
  const { maxAttempts = 6, baseDelayMs = 500, maxDelayMs = MAX_DELAY_MS } = policy;
  return Array.from({ length: Math.max(0, maxAttempts - 1) }, (_, i) => Math.min(maxDelayMs, baseDelayMs * 2 ** i));
}

/**
 * Runs `attempt` until it succeeds, retrying throttling, 5xx and dropped connections with {@link backoffDelays};
 * anything else, or a retryable fault once the budget is spent, fails with the action and what to do.
 */
export async function withRetry<T>(
  product: Product,
  action: string,
  attempt: () => Promise<T>,
  toFault: (error: unknown) => CallFault,
  policy: RetryPolicy = {},
): Promise<T> {
  const delays = backoffDelays(policy);
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof AdoptError) throw error;
      const fault = toFault(error);
      if (faultKind(fault) !== "retryable" || tried > delays.length) {
        throw new AdoptError(describeFault(product, action, fault, tried));
      }
      const asked = fault.retryAfterSeconds === undefined ? 0 : fault.retryAfterSeconds * 1000;
      await sleep(Math.min(policy.maxDelayMs ?? MAX_DELAY_MS, Math.max(delays[tried - 1], asked)));
    }
  }
}
