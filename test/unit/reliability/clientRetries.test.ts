import * as assert from 'node:assert/strict';
import { ComputeManagementClient } from '@azure/arm-compute';
import { MAX_RETRY_AFTER_MS, retryClientOptions } from '../../../src/azure/clients';
import { NotRepeatedError, RetryAfterTooLongError } from '../../../src/azure/retryPolicy';
import { demoCatalog } from '../../../src/emulator/data/demoCatalog';
import { DEMO_TENANTS } from '../../../src/emulator/demoIdentity';
import { useEmulator } from '../../emulator/harness';
import { armScope, demoCredential, sdkOptions } from '../../emulator/sdkClients';

const dev = demoCatalog.devTest;

/**
 * The SDK's compute client with the extension's retry options and guard (clients.ts; its factory
 * needs VS Code's auth module, so it is not loaded here) against the emulator's faults: what each
 * fault costs in requests, and what is left in ARM.
 */
describe('ARM clients: retries under faults', function () {
  this.timeout(30_000);
  const h = useEmulator();
  let client: ComputeManagementClient;
  before(() => {
    client = new ComputeManagementClient(demoCredential(h.emulator, DEMO_TENANTS.contoso.tenantId), dev.subscriptionId, {
      ...sdkOptions(h.emulator),
      ...retryClientOptions(),
      credentials: { scopes: [armScope(h.emulator)] },
    });
  });
  const compute = async (): Promise<ComputeManagementClient> => client;
  const attempts = (pattern: RegExp, method = 'GET') => h.emulator.controls.requestLog.filter((r) => r.method === method && pattern.test(r.path)).map((r) => r.status);

  it('retries a read through a 500, a dropped connection and a 429 with Retry-After, and succeeds', async () => {
    const path = `restorePointCollections/${dev.web02.collection}$`;
    h.emulator.controls.injectFault({ pathPattern: path, method: 'GET', status: 500, count: 1 });
    h.emulator.controls.injectFault({ pathPattern: path, method: 'GET', drop: true, count: 1 });
    h.emulator.controls.injectFault({ pathPattern: path, method: 'GET', status: 429, retryAfterSeconds: 0, count: 1 });
    const rpc = await (await compute()).restorePointCollections.get(dev.web02.resourceGroup, dev.web02.collection);
    assert.equal(rpc.name, dev.web02.collection);
    assert.deepEqual(attempts(new RegExp(path)), [500, 0, 429, 200]);
  });

  it('gives up after three retries with ARM\'s error', async () => {
    h.emulator.controls.injectFault({ pathPattern: `restorePointCollections/${dev.web02.collection}$`, method: 'GET', status: 503, retryAfterSeconds: 0 });
    await assert.rejects((await compute()).restorePointCollections.get(dev.web02.resourceGroup, dev.web02.collection), (e: { statusCode?: number; code?: string }) => e.statusCode === 503);
    assert.deepEqual(attempts(new RegExp(`${dev.web02.collection}$`)), [503, 503, 503, 503]);
  });

  it('fails at once, saying how long ARM asked to wait, when Retry-After is beyond the cap', async () => {
    h.emulator.controls.injectFault({ pathPattern: `restorePointCollections/${dev.web02.collection}$`, status: 429, retryAfterSeconds: MAX_RETRY_AFTER_MS / 1000 + 60 });
    await assert.rejects((await compute()).restorePointCollections.get(dev.web02.resourceGroup, dev.web02.collection), (e: unknown) => {
      assert.ok(e instanceof RetryAfterTooLongError);
      assert.equal(e.name, 'TooManyRequests');
      assert.match(e.message, /asked to wait 2 minutes before trying again.*Try again later\. Request id: [0-9a-f-]+/);
      return true;
    });
    assert.deepEqual(attempts(new RegExp(`${dev.web02.collection}$`)), [429], 'one request, no waiting');
  });

  it('creates exactly one restore point when the PUT\'s answer is lost after ARM created it, and follows that creation to its end', async () => {
    h.emulator.controls.injectFault({ pathPattern: 'restorePoints/rp-lost-answer$', method: 'PUT', dropResponse: true, count: 1 });
    const before = h.emulator.controls.counts().restorePoints;
    const poller = await client.restorePoints.beginCreate(dev.web02.resourceGroup, dev.web02.collection, 'rp-lost-answer', {}, { updateIntervalInMs: 1 });
    h.emulator.controls.clock.advance(60_000);
    const rp = await poller.pollUntilDone();
    assert.equal(rp.provisioningState, 'Succeeded');
    assert.equal(h.emulator.controls.counts().restorePoints, before + 1);
    assert.deepEqual(attempts(/restorePoints\/rp-lost-answer$/, 'PUT'), [0, 409], 'the retried PUT was refused: the first one had created it');
  });

  it('reads back again when the read-back itself fails: still one restore point', async () => {
    h.emulator.controls.injectFault({ pathPattern: 'restorePoints/rp-read-back-fails$', method: 'PUT', dropResponse: true, count: 1 });
    h.emulator.controls.injectFault({ pathPattern: 'restorePoints/rp-read-back-fails$', method: 'GET', status: 503, retryAfterSeconds: 0, count: 1 });
    const before = h.emulator.controls.counts().restorePoints;
    const poller = await client.restorePoints.beginCreate(dev.web02.resourceGroup, dev.web02.collection, 'rp-read-back-fails', {}, { updateIntervalInMs: 1 });
    h.emulator.controls.clock.advance(60_000);
    assert.equal((await poller.pollUntilDone()).provisioningState, 'Succeeded');
    assert.equal(h.emulator.controls.counts().restorePoints, before + 1);
    assert.deepEqual(attempts(/rp-read-back-fails$/, 'PUT'), [0, 409, 409]);
    assert.deepEqual(attempts(/rp-read-back-fails$/, 'GET').slice(0, 2), [503, 200]);
  });

  it('deletes a restore point once when the DELETE\'s answer is lost', async () => {
    const name = dev.web02.restorePoints[0];
    h.emulator.controls.injectFault({ pathPattern: `restorePoints/${name}$`, method: 'DELETE', dropResponse: true, count: 1 });
    const before = h.emulator.controls.counts().restorePoints;
    const poller = await (await compute()).restorePoints.beginDelete(dev.web02.resourceGroup, dev.web02.collection, name, { updateIntervalInMs: 1 });
    h.emulator.controls.clock.advance(60_000);
    await poller.pollUntilDone();
    assert.equal(h.emulator.controls.counts().restorePoints, before - 1);
    assert.deepEqual(attempts(new RegExp(`restorePoints/${name}$`), 'DELETE'), [0, 202]);
  });

  it('does not repeat a POST that failed with a status the SDK would retry', async () => {
    const disk = (await client.disks.listByResourceGroup(dev.web02.resourceGroup).next()).value!;
    h.emulator.controls.injectFault({ pathPattern: 'beginGetAccess$', method: 'POST', status: 500, count: 1 });
    await assert.rejects(client.disks.beginGrantAccessAndWait(dev.web02.resourceGroup, disk.name!, { access: 'Read', durationInSeconds: 60 }), (e: unknown) => {
      assert.ok(e instanceof NotRepeatedError);
      assert.match(e.message, /The POST request failed \(HTTP 500\) and was not repeated/);
      return true;
    });
    assert.deepEqual(attempts(/beginGetAccess$/, 'POST'), [500]);
  });
});
