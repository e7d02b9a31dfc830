import { setTimeout as sleep } from 'node:timers/promises';
import { FifoQueue } from './fifoQueue';

/**
 * ARM's read limit per subscription and principal ("Understand how Azure Resource Manager throttles
 * requests", learn.microsoft.com): a token bucket of 250 requests refilled at 25 a second. Sending
 * within it means ARM never answers 429 for our own traffic, and sending up to it means a fleet of
 * collections is read as fast as ARM allows rather than at a fixed number in flight.
 */
export const ARM_READ_BUCKET: BucketLimits = { size: 250, refillPerSecond: 25, reserve: 10 };

export interface BucketLimits {
  size: number;
  refillPerSecond: number;
  /**
   * Tokens left unspent. Our bucket starts when our first read leaves, ARM's when it arrives, so
   * ours runs ahead by the refill of that delay; ten tokens cover 400 ms of it (and a few reads by
   * other tools between two of ARM's remaining-reads counts).
   */
  reserve: number;
}

interface Bucket {
  tokens: number;
  at: number;
  /** ARM said 429: nothing is sent to this subscription before this time. */
  heldUntil: number;
  /** Callers waiting for a token, served in order. */
  queue: FifoQueue<() => void>;
  draining: boolean;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

/**
 * One bucket per subscription (the extension signs in as one principal per tenant, so a
 * subscription names the principal too). Reads wait here for a token; what ARM reports keeps the
 * bucket honest: a 429 holds the subscription for its Retry-After, and a lower
 * `x-ms-ratelimit-remaining-subscription-reads` (another tool spending the same budget) lowers it.
 */
export class ReadBudget {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits = ARM_READ_BUCKET,
    private readonly clock: Clock = realClock,
  ) {}

  /** Resolves when the subscription may be sent one more read. */
  take(subscriptionId: string): Promise<void> {
    const bucket = this.bucket(subscriptionId);
    return new Promise<void>((resolve) => {
      bucket.queue.push(resolve);
      if (!bucket.draining) void this.drain(bucket);
    });
  }

  /** ARM answered 429: hold the subscription for `retryAfterMs`, with an empty bucket after it. */
  throttled(subscriptionId: string, retryAfterMs: number): void {
    const bucket = this.bucket(subscriptionId);
    this.refill(bucket);
    bucket.tokens = 0;
    bucket.heldUntil = Math.max(bucket.heldUntil, this.clock.now() + retryAfterMs);
  }

  /** ARM's count of reads left for this subscription and principal. */
  remaining(subscriptionId: string, reads: number): void {
    const bucket = this.bucket(subscriptionId);
    this.refill(bucket);
    bucket.tokens = Math.min(bucket.tokens, reads);
  }

  private bucket(subscriptionId: string): Bucket {
    const id = subscriptionId.toLowerCase();
    let bucket = this.buckets.get(id);
    if (!bucket) this.buckets.set(id, (bucket = { tokens: this.limits.size, at: this.clock.now(), heldUntil: 0, queue: new FifoQueue(), draining: false }));
    return bucket;
  }

  private refill(bucket: Bucket): void {
    const now = this.clock.now();
    const from = Math.max(bucket.at, Math.min(now, bucket.heldUntil));
    if (now > from) bucket.tokens = Math.min(this.limits.size, bucket.tokens + ((now - from) / 1000) * this.limits.refillPerSecond);
    bucket.at = now;
  }

  private async drain(bucket: Bucket): Promise<void> {
    bucket.draining = true;
    try {
      while (bucket.queue.length > 0) {
        this.refill(bucket);
        const held = bucket.heldUntil - this.clock.now();
        if (held > 0) {
          await this.clock.sleep(held);
          continue;
        }
        const needed = 1 + this.limits.reserve;
        if (bucket.tokens < needed) {
          await this.clock.sleep(Math.ceil(((needed - bucket.tokens) / this.limits.refillPerSecond) * 1000));
          continue;
        }
        bucket.tokens -= 1;
        bucket.queue.shift()!();
      }
    } finally {
      bucket.draining = false;
    }
  }
}
