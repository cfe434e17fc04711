import type { CostLimits } from '../config/config.js';

/**
 * Query cost per token, as Shopify's GraphQL API meters it: every token has a bucket of
 * `capacity` points that refills at `restoreRate` points a second; an operation takes its
 * requested cost from the bucket before it runs, and one that finds too little is refused with
 * the seconds until there is enough. Time comes in as milliseconds, so tests can move it.
 */

/** The bucket after a request, as `extensions.cost.throttleStatus` reports it. */
export interface ThrottleStatus {
  readonly maximumAvailable: number;
  readonly currentlyAvailable: number;
  readonly restoreRate: number;
}

export type Charge =
  | { readonly allowed: true; readonly status: ThrottleStatus }
  | {
      readonly allowed: false;
      readonly status: ThrottleStatus;
      readonly retryAfterSeconds: number;
    };

interface Bucket {
  available: number;
  at: number;
}

/** Past this many tokens, buckets that refilled to the brim are forgotten: they hold nothing. */
const pruneFrom = 10_000;

export class CostBudget {
  private readonly buckets = new Map<string, Bucket>();
  /** The size at which the next prune runs: twice what a prune left, so each costs O(1) a token. */
  private pruneAt = pruneFrom;

  constructor(private readonly limits: CostLimits) {}

  /** How many tokens' buckets are kept. */
  get trackedTokens(): number {
    return this.buckets.size;
  }

  /** Takes `cost` points from `token`'s bucket at `nowMs`, or says how long to wait for them. */
  charge(token: string, cost: number, nowMs: number): Charge {
    const bucket = this.refilled(token, nowMs);
    if (!this.limits.enabled || bucket.available >= cost) {
      if (this.limits.enabled) bucket.available -= cost;
      return { allowed: true, status: this.statusOf(bucket) };
    }
    const missing = cost - bucket.available;
    return {
      allowed: false,
      status: this.statusOf(bucket),
      retryAfterSeconds: Math.max(1, Math.ceil(missing / this.limits.restoreRate)),
    };
  }

  /** The bucket as it stands, taking nothing: for an answer refused before it was measured. */
  peek(token: string, nowMs: number): ThrottleStatus {
    return this.statusOf(this.refilled(token, nowMs));
  }

  private refilled(token: string, nowMs: number): Bucket {
    const { capacity, restoreRate } = this.limits;
    let bucket = this.buckets.get(token);
    if (!bucket) {
      if (this.buckets.size >= this.pruneAt) this.prune(nowMs);
      bucket = { available: capacity, at: nowMs };
      this.buckets.set(token, bucket);
    }
    const elapsed = Math.max(0, nowMs - bucket.at) / 1000;
    bucket.available = Math.min(capacity, bucket.available + elapsed * restoreRate);
    bucket.at = nowMs;
    return bucket;
  }

  private prune(nowMs: number): void {
    const { capacity, restoreRate } = this.limits;
    for (const [token, bucket] of this.buckets) {
      const refill = (Math.max(0, nowMs - bucket.at) / 1000) * restoreRate;
      if (bucket.available + refill >= capacity) this.buckets.delete(token);
    }
    this.pruneAt = Math.max(pruneFrom, 2 * this.buckets.size);
  }

  private statusOf(bucket: Bucket): ThrottleStatus {
    return {
      maximumAvailable: this.limits.capacity,
      currentlyAvailable: Math.floor(bucket.available),
      restoreRate: this.limits.restoreRate,
    };
  }
}
