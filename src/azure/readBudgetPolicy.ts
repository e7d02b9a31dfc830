import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { ReadBudget } from './readBudget';
import { retryAfterMs } from './retryPolicy';

/**
 * The subscription a request's path names, read off the absolute URL without parsing it (once per
 * read): the first `/subscriptions/` segment of the path, which a custom cloud's endpoint may prefix.
 */
const SUBSCRIPTION = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*[^?#]*?\/subscriptions\/([^/?#]+)/i;

/**
 * Tells the read budget what ARM says about it, on every attempt (position `perRetry`, so the SDK's
 * retries of a 429 are seen too): a read answered 429 holds its subscription for the Retry-After,
 * so the reads queued behind it wait rather than collect 429s of their own; the remaining-reads
 * header keeps the bucket no fuller than ARM's. Waits beyond `maxHoldMs` are left to the person.
 */
export function readBudgetPolicy(budget: ReadBudget, maxHoldMs: number): PipelinePolicy {
  return {
    name: 'restorePointsReadBudget',
    async sendRequest(request, next) {
      const response = await next(request);
      const subscription = request.method === 'GET' ? SUBSCRIPTION.exec(request.url)?.[1] : undefined;
      if (subscription) {
        const header = (name: string): string | undefined => response.headers.get(name) ?? undefined;
        const wait = response.status === 429 ? (retryAfterMs(header, Date.now()) ?? 1_000) : undefined;
        // A longer wait than the retry policy sits through fails the request at once (retryPolicy.ts);
        // holding the subscription that long would make the person's Retry wait it out after all.
        if (wait !== undefined && wait <= maxHoldMs) budget.throttled(subscription, wait);
        const remaining = header('x-ms-ratelimit-remaining-subscription-reads');
        if (remaining !== undefined && Number.isFinite(Number(remaining))) budget.remaining(subscription, Number(remaining));
      }
      return response;
    },
  };
}
