import type { ThrottleLimits } from '../../src/emulator';

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  tenantId?: string;
}

/**
 * The least time ARM's read buckets allow for these reads: a full bucket's burst at once, the rest
 * at its refill rate, in the subscription with the most reads.
 */
export function readRateFloorMs(arm: readonly LoggedRequest[], limits: ThrottleLimits): number {
  const perSubscription = new Map<string, number>();
  for (const r of arm) {
    const subscription = /^\/subscriptions\/([^/]+)\//i.exec(r.path)?.[1]?.toLowerCase();
    if (subscription && (r.method === 'GET' || r.method === 'HEAD')) perSubscription.set(subscription, (perSubscription.get(subscription) ?? 0) + 1);
  }
  const busiest = Math.max(0, ...perSubscription.values());
  return (Math.max(0, busiest - limits.reads.size) / limits.reads.refillPerSecond) * 1000;
}

