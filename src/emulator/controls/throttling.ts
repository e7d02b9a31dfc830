import { performance } from 'node:perf_hooks';
import { ArmError } from '../http/errors';

export type OperationKind = 'reads' | 'writes' | 'deletes';

export interface Bucket {
  /** Tokens when full: the burst ARM allows. */
  size: number;
  refillPerSecond: number;
}

export type ThrottleLimits = Record<OperationKind, Bucket>;

/**
 * ARM's subscription limits since its move to regional token buckets ("Understand how Azure
 * Resource Manager throttles requests", learn.microsoft.com): per subscription, per principal and
 * per kind of operation, reads 250 refilled at 25 a second, writes and deletes 200 refilled at 10.
 */
export const ARM_LIMITS: ThrottleLimits = {
  reads: { size: 250, refillPerSecond: 25 },
  writes: { size: 200, refillPerSecond: 10 },
  deletes: { size: 200, refillPerSecond: 10 },
};

/** ARM counts a request by its method: GET and HEAD read, DELETE deletes, everything else writes. */
export function operationKind(method: string): OperationKind {
  if (method === 'GET' || method === 'HEAD') return 'reads';
  return method === 'DELETE' ? 'deletes' : 'writes';
}

interface State {
  tokens: number;
  at: number;
}

/**
 * ARM's throttling, off unless asked for. Buckets run on wall time (not the emulated clock, which
 * tests jump by minutes): a rate limit is about how fast requests arrive. Only subscription requests
 * are counted; ARM's tenant limits and Resource Graph's own quota are not modelled.
 */
export class Throttle {
  private readonly buckets = new Map<string, State>();
  enabled: boolean;
  limits: ThrottleLimits;

  constructor(
    private readonly initial: { enabled: boolean; limits: ThrottleLimits },
    private readonly now: () => number = () => performance.now(),
  ) {
    this.enabled = initial.enabled;
    this.limits = initial.limits;
  }

  configure(enabled: boolean, limits: Partial<ThrottleLimits> = {}): void {
    this.enabled = enabled;
    this.limits = { ...this.limits, ...limits };
    this.buckets.clear();
  }

  /** Back to how the emulator was started, every bucket full. */
  reset(): void {
    this.configure(this.initial.enabled, this.initial.limits);
  }

  /**
   * Takes one token for the request, or throws ARM's 429. Either way the answer carries the
   * tokens left, as ARM's `x-ms-ratelimit-remaining-subscription-<kind>` header does.
   */
  admit(subscriptionId: string, principal: string, method: string): Record<string, string> {
    if (!this.enabled) return {};
    const kind = operationKind(method);
    const bucket = this.limits[kind];
    const key = `${subscriptionId.toLowerCase()}/${principal}/${kind}`;
    const now = this.now();
    const state = this.buckets.get(key) ?? { tokens: bucket.size, at: now };
    state.tokens = Math.min(bucket.size, state.tokens + ((now - state.at) / 1000) * bucket.refillPerSecond);
    state.at = now;
    this.buckets.set(key, state);
    const header = `x-ms-ratelimit-remaining-subscription-${kind}`;
    if (state.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - state.tokens) / bucket.refillPerSecond));
      const verb = { reads: 'read', writes: 'write', deletes: 'delete' }[kind];
      throw new ArmError(429, 'SubscriptionRequestsThrottled',
        `Number of '${verb}' requests for subscription '${subscriptionId}' actor '${principal}' exceeded. Please try again after '${retryAfter}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.`,
        undefined, { 'Retry-After': String(retryAfter), [header]: '0' });
    }
    state.tokens -= 1;
    return { [header]: String(Math.floor(state.tokens)) };
  }
}
