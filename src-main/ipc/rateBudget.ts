/**
 * A token bucket per operation: `burst` calls at once, refilled at `perSecond`. One budget per
 * router (one window, one renderer), so a runaway or compromised page cannot flood the core.
 */
export interface RateBudgetSpec {
  burst: number;
  perSecond: number;
}

export class RateBudgets<K extends string> {
  private readonly buckets = new Map<K, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly specs: Record<K, RateBudgetSpec>,
    private readonly now: () => number,
  ) {}

  /** Takes one token; false when the operation's budget is spent. */
  tryTake(operation: K): boolean {
    const spec = this.specs[operation];
    const time = this.now();
    const bucket = this.buckets.get(operation) ?? { tokens: spec.burst, updatedAt: time };
    const elapsedSec = Math.max(0, time - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(spec.burst, bucket.tokens + elapsedSec * spec.perSecond);
    bucket.updatedAt = time;
    this.buckets.set(operation, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
