import * as assert from 'node:assert/strict';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { useEmulator, send } from './harness';

const dev = demoCatalog.devTest;
const C = '2026-04-01';

describe('emulator test controls over HTTPS', () => {
  const h = useEmulator();
  const control = (method: string, path: string, body?: unknown) => send(h.emulator, method, `/_emulator${path}`, { body });

  it('resets to a data set without a bearer token', async () => {
    const empty = await control('POST', '/reset', { data: 'empty' });
    assert.equal(empty.status, 200);
    assert.equal(empty.json.counts.virtualMachines, 0);
    const subs = await h.arm('GET', '/subscriptions?api-version=2022-12-01');
    assert.equal(subs.status, 200, 'sign-in data survives the empty data set');
    assert.equal((await h.arm('GET', `/subscriptions/${dev.subscriptionId}/resourcegroups?api-version=2025-04-01`)).json.value.length, 0);
    const demo = await control('POST', '/reset', { data: 'demo' });
    assert.equal(demo.json.counts.virtualMachines, h.emulator.controls.store.virtualMachines.size);
    assert.equal((await control('POST', '/reset', { data: 'huge' })).status, 400);
  });

  it('counts the TLS connections clients open: one per request with Connection: close, one for many with keep-alive', async () => {
    const connections = async (): Promise<number> => (await control('GET', '/connections')).json.tlsConnections;
    const catalog = async (headers: Record<string, string>): Promise<void> => void (await send(h.emulator, 'GET', '/_emulator/catalog', { headers }));
    // Node's global agent keeps connections alive; each count request may open one of its own, so it is read on the same socket.
    let before = await connections();
    for (let i = 0; i < 3; i++) await catalog({ connection: 'close' });
    // The first goes on the connection the count left open and closes it; the next two and the count open one each.
    assert.equal((await connections()) - before, 3);
    before = await connections();
    for (let i = 0; i < 3; i++) await catalog({});
    assert.equal((await connections()) - before, 0, 'every request on the connection the last count opened');
  });

  it('advances the clock, injects faults, plans failures and reports requests', async () => {
    const clock = await control('GET', '/clock');
    assert.equal(clock.json.manual, true);
    const moved = await control('POST', '/clock/advance', { ms: 120_000 });
    assert.equal(Date.parse(moved.json.now) - Date.parse(clock.json.now), 120_000);
    const creating = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web01.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${dev.web01.collection}/restorePoints/${dev.web01.restorePoints.creating}?api-version=${C}`;
    assert.equal((await h.arm('GET', creating)).json.properties.provisioningState, 'Succeeded');

    assert.equal((await control('POST', '/faults', { pathPattern: 'virtualMachines$', status: 503, count: 1 })).status, 200);
    const vms = `/subscriptions/${dev.subscriptionId}/providers/Microsoft.Compute/virtualMachines?api-version=${C}`;
    assert.equal((await h.arm('GET', vms)).status, 503);
    assert.equal((await h.arm('GET', vms)).status, 200);
    assert.equal((await control('POST', '/faults', { status: 500 })).status, 400, 'a fault needs a path pattern');
    assert.equal((await control('POST', '/latency', { ms: 1 })).status, 200);
    assert.equal((await control('POST', '/failures', { kind: 'restorePointCreation', count: 1 })).status, 200);
    assert.equal((await control('POST', '/failures', { kind: 'nonsense' })).status, 400);

    const requests = await control('GET', '/requests');
    const listed = requests.json.value.filter((r: { path: string }) => r.path.endsWith('/virtualMachines'));
    assert.deepEqual(listed.map((r: { status: number }) => r.status), [503, 200]);
    assert.ok(!requests.json.value.some((r: { path: string }) => r.path.startsWith('/_emulator')), 'control calls are not logged');
    await control('DELETE', '/requests');
    assert.equal((await control('GET', '/requests')).json.value.length, 0);
    await control('DELETE', '/faults');
  });

  it('logs the JSON body ARM received, and never a sign-in request\'s form', async () => {
    const tags = { purpose: 'request-log' };
    const collection = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web01.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${dev.web01.collection}?api-version=${C}`;
    assert.equal((await h.arm('PATCH', collection, { body: { tags } })).status, 200);
    const requests = await control('GET', '/requests');
    const patch = requests.json.value.find((r: { method: string }) => r.method === 'PATCH');
    assert.deepEqual(patch.body, { tags });
    assert.equal(patch.tenantId, demoCatalog.subscriptions.find((x) => x.subscriptionId === dev.subscriptionId)!.tenantId, 'the caller\'s tenant is logged');
    assert.ok(!JSON.stringify(requests.json).includes('client_secret'), 'sign-in forms stay out of the log');
  });

  it('serves the demo catalog and store counts', async () => {
    const catalog = await control('GET', '/catalog');
    assert.deepEqual(catalog.json, JSON.parse(JSON.stringify(demoCatalog)));
    const store = await control('GET', '/store');
    assert.equal(store.json.counts.restorePoints, h.emulator.controls.counts().restorePoints);
  });

  it('is not reachable under ARM paths', async () => {
    const nested = await h.arm('POST', `/subscriptions/${dev.subscriptionId}/_emulator/reset?api-version=2022-12-01`, { body: { data: 'empty' } });
    assert.equal(nested.status, 404);
    assert.ok(h.emulator.controls.counts().virtualMachines > 0);
    assert.equal((await control('GET', '/nothing')).status, 404);
  });
});
