import { operationKind, type ThrottleLimits } from '../../src/emulator/controls/throttling';

export interface TimedRequest {
  method: string;
  path: string;
  status: number;
  /** When the answer left (ms since the epoch), a few milliseconds after the bucket was charged. */
  time: number;
  tenantId?: string;
}

export interface BucketReplay {
  /** subscription, tenant (one principal per tenant) and kind of operation. */
  key: string;
  served: number;
  refused: number;
  /** The fewest tokens the bucket held after charging a served request; below 0 means over budget. */
  lowestTokens: number;
}

const SUBSCRIPTION = /^\/subscriptions\/([^/]+)\//i;

/**
 * Replays a request log through ARM's token buckets (one per subscription, principal and kind of
 * operation), full at the first request: every request answered other than 429 takes a token.
 * Where the tokens go below zero, ARM served more than the budget allows in that time.
 */
export function replayBudgets(log: readonly TimedRequest[], limits: ThrottleLimits): BucketReplay[] {
  const buckets = new Map<string, BucketReplay & { tokens: number; at: number }>();
  for (const r of [...log].sort((a, b) => a.time - b.time)) {
    const subscription = SUBSCRIPTION.exec(r.path)?.[1];
    if (!subscription) continue;
    const kind = operationKind(r.method);
    const { size, refillPerSecond } = limits[kind];
    const key = `${subscription.toLowerCase()} ${r.tenantId ?? ''} ${kind}`;
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { key, served: 0, refused: 0, lowestTokens: size, tokens: size, at: r.time }));
    bucket.tokens = Math.min(size, bucket.tokens + ((r.time - bucket.at) / 1000) * refillPerSecond);
    bucket.at = r.time;
    if (r.status === 429) {
      bucket.refused++;
      continue;
    }
    bucket.served++;
    bucket.tokens -= 1;
    bucket.lowestTokens = Math.min(bucket.lowestTokens, bucket.tokens);
  }
  return [...buckets.values()].map(({ key, served, refused, lowestTokens }) => ({ key, served, refused, lowestTokens }));
}
