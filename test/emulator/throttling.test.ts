import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ARM_LIMITS, startEmulator } from '../../src/emulator';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { send, useEmulator, type RawResponse } from './harness';

const dev = demoCatalog.devTest;
const C = '2026-04-01';
const collection = (name: string): string => `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${name}?api-version=${C}`;
const readDev = `/subscriptions/${dev.subscriptionId}/providers/Microsoft.Compute/restorePointCollections?api-version=${C}`;
const readProd = `/subscriptions/${demoCatalog.large.subscriptionId}/providers/Microsoft.Compute/virtualMachines?api-version=${C}`;
const remaining = (res: RawResponse, kind: 'reads' | 'writes' | 'deletes'): string | undefined => res.headers[`x-ms-ratelimit-remaining-subscription-${kind}`] as string | undefined;

describe('emulator: ARM throttling per subscription and principal', function () {
  const h = useEmulator();

  it('is off by default: a burst past ARM\'s read bucket is answered, without rate limit headers', async () => {
    const answers = await Promise.all(Array.from({ length: ARM_LIMITS.reads.size + 30 }, () => h.arm('GET', readDev)));
    assert.ok(answers.every((res) => res.status === 200));
    assert.equal(remaining(answers[0], 'reads'), undefined);
  });

  it('with ARM\'s limits, counts reads, writes and deletes in buckets of their own and says what is left', async () => {
    h.emulator.controls.setThrottling(true);
    const read = await h.arm('GET', readDev);
    assert.equal(remaining(read, 'reads'), String(ARM_LIMITS.reads.size - 1));
    const vm = await h.arm('GET', `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${dev.web02.vm}?api-version=${C}`);
    const write = await h.arm('PUT', collection('throttle-rpc'), { body: { location: dev.web02.location, properties: { source: { id: vm.json.id } } } });
    assert.equal(write.status, 201);
    assert.equal(remaining(write, 'writes'), String(ARM_LIMITS.writes.size - 1));
    assert.equal(remaining(write, 'reads'), undefined);
    const deleted = await h.arm('DELETE', collection('throttle-rpc'));
    assert.equal(remaining(deleted, 'deletes'), String(ARM_LIMITS.deletes.size - 1));
    const missing = await h.arm('GET', collection('no-such-rpc'));
    assert.equal(missing.status, 404);
    // The bucket refills as the test runs, so only an upper bound is certain.
    assert.ok(Number(remaining(missing, 'reads')) <= ARM_LIMITS.reads.size - 1, 'errors carry the header too');
  });

  it('answers 429 SubscriptionRequestsThrottled with Retry-After once a bucket is empty, and admits again after that wait', async () => {
    // A small, slow bucket so the test does not depend on how fast this machine sends requests.
    h.emulator.controls.setThrottling(true, { reads: { size: 5, refillPerSecond: 0.5 } });
    const answers: RawResponse[] = [];
    for (let i = 0; i < 7; i++) answers.push(await h.arm('GET', readDev));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200, 429, 429]);
    assert.deepEqual(answers.slice(0, 5).map((a) => remaining(a, 'reads')), ['4', '3', '2', '1', '0']);
    const throttled = answers[5];
    assert.equal(throttled.json.error.code, 'SubscriptionRequestsThrottled');
    assert.equal(remaining(throttled, 'reads'), '0');
    assert.equal(throttled.headers['retry-after'], '2', 'one token at half a token a second');

    const otherSubscription = await h.arm('GET', readProd);
    assert.equal(otherSubscription.status, 200, 'each subscription has its own bucket');
    const write = await h.arm('PUT', collection('after-throttle'), { body: { location: dev.web02.location, properties: { source: { id: `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${dev.web02.vm}` } } } });
    assert.equal(write.status, 201, 'writes have their own bucket');

    await sleep(Number(throttled.headers['retry-after']) * 1000);
    assert.equal((await h.arm('GET', readDev)).status, 200, 'admitted after the wait ARM asked for');
    const log = h.emulator.controls.requestLog.filter((e) => e.status === 429);
    assert.equal(log.length, 2, 'the request log shows the refusals');
  });

  it('is switched by the /_emulator/throttling control, and a reset puts it back as the emulator started', async () => {
    const on = await send(h.emulator, 'POST', '/_emulator/throttling', { body: { enabled: true, limits: { reads: { size: 1, refillPerSecond: 0.1 } } } });
    assert.equal(on.status, 200);
    assert.deepEqual(on.json.limits.reads, { size: 1, refillPerSecond: 0.1 });
    assert.deepEqual(on.json.limits.writes, ARM_LIMITS.writes);
    assert.equal((await h.arm('GET', readDev)).status, 200);
    const refused = await h.arm('GET', readDev);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers['retry-after'], '10');
    const bad = await send(h.emulator, 'POST', '/_emulator/throttling', { body: { enabled: true, limits: { reads: { size: 0, refillPerSecond: 1 } } } });
    assert.equal(bad.status, 400);
    assert.equal((await send(h.emulator, 'GET', '/_emulator/throttling')).json.enabled, true, 'a refused control changes nothing');
    await send(h.emulator, 'POST', '/_emulator/reset', { body: { data: 'demo' } });
    const after = await send(h.emulator, 'GET', '/_emulator/throttling');
    assert.deepEqual(after.json, { enabled: false, limits: ARM_LIMITS });
    assert.equal((await h.arm('GET', readDev)).status, 200);
  });

  it('starts on when the emulator option asks for it, and stays on across a reset', async () => {
    const emulator = await startEmulator({ manualClock: true, data: 'empty', throttling: { reads: { size: 2, refillPerSecond: 1 } } });
    try {
      assert.deepEqual(emulator.controls.throttling(), { enabled: true, limits: { ...ARM_LIMITS, reads: { size: 2, refillPerSecond: 1 } } });
      emulator.controls.reset('empty');
      assert.equal(emulator.controls.throttling().enabled, true);
    } finally {
      await emulator.stop();
    }
  });
});
