import * as assert from 'node:assert/strict';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { useEmulator } from './harness';
import { computeClient } from './sdkClients';

const dev = demoCatalog.devTest;
const C = '2026-04-01';
const rpcs = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web01.resourceGroup}/providers/Microsoft.Compute/restorePointCollections`;
const list = `${rpcs}?api-version=${C}`;

describe('emulator fault injection and test controls', () => {
  const h = useEmulator();
  const log = (): Array<{ method: string; path: string; status: number }> => h.emulator.controls.requestLog.filter((r) => r.path.endsWith('/restorePointCollections'));

  it('fails the next N matching calls with the injected status and an ARM error body', async () => {
    h.emulator.controls.injectFault({ pathPattern: /restorePointCollections$/, status: 500, count: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await h.arm('GET', list);
      statuses.push(res.status);
      if (res.status === 500) assert.equal(res.json.error.code, 'InternalServerError');
    }
    assert.deepEqual(statuses, [500, 500, 200]);
    assert.deepEqual(log().map((r) => r.status), [500, 500, 200]);
  });

  it('answers 429 and 503 with Retry-After', async () => {
    h.emulator.controls.injectFault({ pathPattern: 'restorePointCollections$', status: 429, retryAfterSeconds: 7, count: 1 });
    h.emulator.controls.injectFault({ pathPattern: 'restorePointCollections$', status: 503, retryAfterSeconds: 3, count: 1 });
    const throttled = await h.arm('GET', list);
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers['retry-after'], '7');
    assert.equal(throttled.json.error.code, 'TooManyRequests');
    const unavailable = await h.arm('GET', list);
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.headers['retry-after'], '3');
    assert.equal((await h.arm('GET', list)).status, 200);
  });

  it('matches by method, so a GET fault leaves writes alone', async () => {
    h.emulator.controls.injectFault({ method: 'PUT', pathPattern: 'restorePoints/', status: 500 });
    assert.equal((await h.arm('GET', list)).status, 200);
    const put = await h.arm('PUT', `${rpcs}/${dev.web02.collection}/restorePoints/x?api-version=${C}`.replace(dev.web01.resourceGroup, dev.web02.resourceGroup), { body: {} });
    assert.equal(put.status, 500);
    assert.equal(h.emulator.controls.counts().restorePoints, h.emulator.controls.store.restorePoints.size);
    h.emulator.controls.clearFaults();
    assert.equal((await h.arm('GET', list)).status, 200);
  });

  it('drops the connection without an answer, then serves the next request', async () => {
    h.emulator.controls.injectFault({ pathPattern: 'restorePointCollections$', drop: true, count: 1 });
    await assert.rejects(h.arm('GET', list), /socket hang up|ECONNRESET/);
    assert.equal((await h.arm('GET', list)).status, 200);
    assert.deepEqual(log().map((r) => r.status), [0, 200]);
  });

  it('handles a request and then drops its answer: the PUT creates, the client hears nothing', async () => {
    const rp = `${rpcs}/${dev.web02.collection}/restorePoints/answer-lost?api-version=${C}`.replace(dev.web01.resourceGroup, dev.web02.resourceGroup);
    const before = h.emulator.controls.counts().restorePoints;
    h.emulator.controls.injectFault({ method: 'PUT', pathPattern: 'restorePoints/answer-lost$', dropResponse: true, count: 1 });
    await assert.rejects(h.arm('PUT', rp, { body: {} }), /socket hang up|ECONNRESET/);
    assert.equal(h.emulator.controls.counts().restorePoints, before + 1, 'the restore point was created');
    assert.equal((await h.arm('GET', rp)).status, 200);
  });

  it('counts the requests faults affected and lists those still waiting, over HTTPS too', async () => {
    const applied = h.emulator.controls.faultReport().applied;
    h.emulator.controls.injectFault({ pathPattern: 'restorePointCollections$', status: 500, count: 2 });
    await h.arm('GET', list);
    assert.deepEqual(h.emulator.controls.faultReport(), { applied: applied + 1, pending: [{ pathPattern: 'restorePointCollections$', status: 500, count: 1 }] });
    const report = await h.arm('GET', '/_emulator/faults');
    assert.equal(report.json.applied, applied + 1);
    assert.equal(report.json.pending.length, 1);
  });

  it('slows a response down without changing it, and adds latency to every request', async () => {
    h.emulator.controls.injectFault({ pathPattern: 'restorePointCollections$', delayMs: 20, count: 1 });
    h.emulator.controls.setLatency(5);
    const res = await h.arm('GET', list);
    assert.equal(res.status, 200);
    assert.ok(res.json.value.length > 0);
  });

  it('surfaces a persistent 500 through the SDK after its retries, and each try is logged', async () => {
    h.emulator.controls.injectFault({ pathPattern: 'restorePointCollections$', status: 500 });
    const client = computeClient(h.emulator, dev.subscriptionId);
    await assert.rejects(
      (async () => {
        for await (const item of client.restorePointCollections.list(dev.web01.resourceGroup)) void item;
      })(),
      (e: { statusCode?: number }) => e.statusCode === 500,
    );
    assert.ok(log().length >= 2 && log().every((r) => r.status === 500));
  });

  it('ends a cross-region copy in failure when a test asks for it', async () => {
    h.emulator.controls.failNext('replication');
    const target = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.copies.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${dev.copies.collection}`;
    const source = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${dev.web02.collection}/restorePoints/${dev.web02.restorePoints[0]}`;
    const put = await h.arm('PUT', `${target}/restorePoints/doomed-copy?api-version=${C}`, { body: { properties: { sourceRestorePoint: { id: source } } } });
    assert.equal(put.status, 201, put.text);
    h.emulator.controls.clock.advance(120_000);
    const rp = await h.arm('GET', `${target}/restorePoints/doomed-copy?api-version=${C}&$expand=instanceView`);
    assert.equal(rp.json.properties.provisioningState, 'Failed');
    for (const d of rp.json.properties.instanceView.diskRestorePoints) {
      assert.equal(d.replicationStatus.status.code, 'ReplicationState/failed');
      assert.ok(d.replicationStatus.completionPercent < 100);
    }
  });

  it('keeps demo creations in progress until the clock is advanced', async () => {
    const creating = `${rpcs}/${dev.web01.collection}/restorePoints/${dev.web01.restorePoints.creating}?api-version=${C}`;
    assert.equal((await h.arm('GET', creating)).json.properties.provisioningState, 'Creating');
    h.emulator.controls.clock.advance(60_000);
    assert.equal((await h.arm('GET', creating)).json.properties.provisioningState, 'Creating');
    h.emulator.controls.clock.advance(60_000);
    assert.equal((await h.arm('GET', creating)).json.properties.provisioningState, 'Succeeded');
  });
});
