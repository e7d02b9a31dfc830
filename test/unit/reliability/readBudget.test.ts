import * as assert from 'node:assert/strict';
import { ARM_READ_BUCKET, ReadBudget, type Clock } from '../../../src/azure/readBudget';
import { readBudgetPolicy } from '../../../src/azure/readBudgetPolicy';
import { createHttpHeaders, createPipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';

/** Virtual time: a sleep moves the clock instead of waiting, so the budget's schedule is exact. */
function virtualClock(): Clock & { sent: number[] } {
  let now = 0;
  return {
    sent: [],
    now: () => now,
    sleep: async (ms) => {
      // Whoever was given a token first sees the time it was given at.
      await new Promise((resolve) => setImmediate(resolve));
      now += ms;
    },
  };
}

async function send(budget: ReadBudget, clock: Clock & { sent: number[] }, subscription: string, count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, () => budget.take(subscription).then(() => clock.sent.push(clock.now()))));
}

describe('the read budget (ARM\'s token bucket per subscription)', () => {
  const spendable = ARM_READ_BUCKET.size - ARM_READ_BUCKET.reserve;

  it('lets the burst go at once, then one read per refill interval', async () => {
    const clock = virtualClock();
    const budget = new ReadBudget(ARM_READ_BUCKET, clock);
    await send(budget, clock, 'sub-a', spendable + 25);
    assert.equal(clock.sent.filter((t) => t === 0).length, spendable);
    const after = clock.sent.slice(spendable);
    assert.equal(after.length, 25);
    // 25 a second: the 25 reads after the burst take about a second, never faster than the refill.
    assert.ok(after.every((t, i) => t >= ((i + 1) * 1000) / ARM_READ_BUCKET.refillPerSecond - 1), after.join(','));
    assert.ok(after[after.length - 1] <= 1000 + 40);
  });

  it('keeps a bucket per subscription', async () => {
    const clock = virtualClock();
    const budget = new ReadBudget(ARM_READ_BUCKET, clock);
    await send(budget, clock, 'sub-a', spendable);
    await send(budget, clock, 'SUB-B', spendable);
    assert.ok(clock.sent.every((t) => t === 0));
  });

  it('holds a subscription for the Retry-After of a 429 its reads got, and ARM\'s remaining count lowers the bucket', async () => {
    const clock = virtualClock();
    const budget = new ReadBudget(ARM_READ_BUCKET, clock);
    const policy = readBudgetPolicy(budget, 60_000);
    const answer = (status: number, headers: Record<string, string>) => async (): Promise<PipelineResponse> => ({
      status, headers: createHttpHeaders(headers), request: createPipelineRequest({ url: 'https://arm/' }),
    });
    await policy.sendRequest(createPipelineRequest({ url: 'https://arm/subscriptions/sub-a/providers/x?api-version=1', method: 'GET' }), answer(429, { 'retry-after': '3' }));
    await send(budget, clock, 'sub-a', 1);
    assert.ok(clock.sent[0] >= 3000, `sent at ${clock.sent[0]} ms`);
    await send(budget, clock, 'sub-b', 1);
    assert.equal(clock.sent[1], clock.sent[0], 'another subscription was not held');

    await policy.sendRequest(createPipelineRequest({ url: 'https://arm/subscriptions/sub-c/resourceGroups/g?api-version=1', method: 'GET' }), answer(200, { 'x-ms-ratelimit-remaining-subscription-reads': String(ARM_READ_BUCKET.reserve) }));
    const before = clock.now();
    await send(budget, clock, 'sub-c', 1);
    assert.ok(clock.sent[2] > before, 'no token left to spend: the read waited for a refill');
    await policy.sendRequest(createPipelineRequest({ url: 'https://arm/subscriptions/sub-d/x', method: 'PUT' }), answer(429, { 'retry-after': '30' }));
    const beforeD = clock.now();
    await send(budget, clock, 'sub-d', 1);
    assert.equal(clock.sent[3], beforeD, 'a write\'s 429 is the write budget\'s, not the reads\'');
    await policy.sendRequest(createPipelineRequest({ url: 'https://arm/subscriptions/sub-e/x', method: 'GET' }), answer(429, { 'retry-after': '600' }));
    const beforeE = clock.now();
    await send(budget, clock, 'sub-e', 1);
    assert.equal(clock.sent[4], beforeE, 'a wait beyond the retry cap fails the request instead, and does not hold the next read (Retry)');
  });

  it('finds the subscription in an endpoint with a port, a path of its own and capitals', async () => {
    const clock = virtualClock();
    const budget = new ReadBudget(ARM_READ_BUCKET, clock);
    const policy = readBudgetPolicy(budget, 60_000);
    const throttled = (url: string) => policy.sendRequest(createPipelineRequest({ url, method: 'GET' }), async () => ({
      status: 429, headers: createHttpHeaders({ 'retry-after': '5' }), request: createPipelineRequest({ url }),
    }));
    await throttled('https://Management.Azure.Local:8443/arm/SUBSCRIPTIONS/Sub-F/resourceGroups/g?api-version=1');
    await throttled('https://arm/providers/Microsoft.ResourceGraph/resources?api-version=1&subscriptions/sub-g/x');
    await send(budget, clock, 'sub-f', 1);
    assert.ok(clock.sent[0] >= 5000, `the prefixed endpoint's subscription was held: sent at ${clock.sent[0]} ms`);
    const before = clock.now();
    await send(budget, clock, 'sub-g', 1);
    assert.equal(clock.sent[1], before, 'a subscription named only in the query is not held');
  });
});
