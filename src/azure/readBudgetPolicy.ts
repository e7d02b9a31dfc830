import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { ReadBudget } from './readBudget';
import { retryAfterMs } from './retryPolicy';

const SUBSCRIPTION = /\/subscriptions\/([^/?]+)/i;

/**
 * Tells the read budget what ARM says about it, on every attempt (position `perRetry`, so the SDK's
 * retries of a 429 are seen too): a read answered 429 holds its subscription for the Retry-After,
 * so the reads queued behind it wait rather than collect 429s of their own; the remaining-reads
 * header keeps the bucket no fuller than ARM's.
 */
export function readBudgetPolicy(budget: ReadBudget): PipelinePolicy {
  return {
    name: 'restorePointsReadBudget',
    async sendRequest(request, next) {
      const response = await next(request);
      const subscription = request.method === 'GET' ? SUBSCRIPTION.exec(new URL(request.url).pathname)?.[1] : undefined;
      if (subscription) {
        const header = (name: string): string | undefined => response.headers.get(name) ?? undefined;
        if (response.status === 429) budget.throttled(subscription, retryAfterMs(header, Date.now()) ?? 1_000);
        const remaining = Number(header('x-ms-ratelimit-remaining-subscription-reads'));
        if (header('x-ms-ratelimit-remaining-subscription-reads') !== undefined && Number.isFinite(remaining)) budget.remaining(subscription, remaining);
      }
      return response;
    },
  };
}
