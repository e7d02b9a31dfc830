import * as assert from 'node:assert';
import { demoCatalog } from '../../../src/emulator';
import type { OperationRecord } from '../../../src/commands/operations/operationJournal';
import { requestLog } from '../../support/commandDriver';
import { computeClient, demoCredential } from '../../emulator/sdkClients';
import { byLabel, children, control, emulatorAddress, eventually, type Shown } from '../helpers';
import { useActionSuite } from './actionSuite';
import { whileClockMoves } from './clock';

const dev = demoCatalog.devTest;
const lab = demoCatalog.sandbox;
const labTenantId = demoCatalog.subscriptions.find((s) => s.subscriptionId === lab.subscriptionId)!.tenantId;
const DEV_TEST = 'Contoso Dev/Test';
const tenantId = demoCatalog.subscriptions.find((s) => s.subscriptionId === dev.subscriptionId)!.tenantId;

/**
 * What a reloaded window finds: ARM accepted an operation (sent here straight to the emulator, as
 * the extension host before the reload did) and the journal in the window's workspace state still holds it.
 * Resuming must bring back the progress, mark the item in the tree, end with the right outcome,
 * and send ARM nothing but reads.
 */
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('operations: resumed after a reload from the workspace state', function () {
  this.timeout(40_000);
  const suite = useActionSuite({ readBackIntervalMs: 300 });
  const client = computeClient(emulatorAddress(), dev.subscriptionId);

  async function collectionNode(vm: string, collection: string): Promise<Shown> {
    const sub = byLabel(await children(suite.api), DEV_TEST);
    const vmNode = byLabel(await children(suite.api, sub.node), vm);
    const node = byLabel(await children(suite.api, vmNode.node), collection);
    // Loaded afresh, as a reloaded window would.
    node.node.reset?.();
    return node;
  }

  const record = (kind: OperationRecord['kind'], resourceId: string, name: string): OperationRecord => ({ kind, resourceId, name, tenantId, subscriptionId: dev.subscriptionId, startedAt: Date.now() });
  const nonReads = async (): Promise<string[]> => (await requestLog()).filter((r) => r.method !== 'GET' && r.path.startsWith('/subscriptions/')).map((r) => `${r.method} ${r.path}`);

  it('watches a copy again: the tree shows its percentage, replication runs to 100 and the journal empties', async () => {
    const source = await client.restorePoints.get(dev.web02.resourceGroup, dev.web02.collection, dev.web02.restorePoints[0]);
    const poller = client.restorePoints.create(dev.copies.resourceGroup, dev.copies.collection, 'rp-it-resumed-copy', { sourceRestorePoint: { id: source.id! } });
    await poller.submitted();
    const copyId = `${(await client.restorePointCollections.get(dev.copies.resourceGroup, dev.copies.collection)).id!}/restorePoints/rp-it-resumed-copy`;
    // Part of the copy done before the reload.
    await control('POST', '/clock/advance', { ms: 20_000 });
    await suite.api.operations.record(record('copyRestorePoint', copyId, 'rp-it-resumed-copy'));
    const collection = await collectionNode(dev.web02.vm, dev.copies.collection);
    await control('DELETE', '/requests');

    const resumed = suite.api.resumeOperationsForTests();
    const shown = await eventually(async () => (await children(suite.api, collection.node)).find((s) => s.label === 'rp-it-resumed-copy' && /Replicating \d+%/.test(s.description)), 'the tree to show the copy replicating');
    const percent = Number(/Replicating (\d+)%/.exec(shown.description)![1]);
    assert.ok(percent > 0 && percent < 100, `the percentage read after the reload: ${shown.description}`);
    assert.strictEqual(shown.icon, 'sync~spin');

    const [outcome] = await whileClockMoves(resumed);
    assert.strictEqual(outcome.state, 'Succeeded');
    assert.deepStrictEqual(suite.api.operations.list(), [], 'the journal no longer holds it');
    const done = byLabel(await children(suite.api, collection.node), 'rp-it-resumed-copy');
    assert.doesNotMatch(done.description, /Replicating/);
    assert.deepStrictEqual(await nonReads(), [], 'resuming sends only reads');
    const polls = (await requestLog()).filter((r) => r.path.endsWith('/rp-it-resumed-copy') && r.query.$expand === 'instanceView');
    assert.ok(polls.length >= 2, `replication read again (${polls.length} reads)`);
  });

  it('follows a restore point creation and a deletion again, side by side, each to its own end, marking both in the tree meanwhile', async () => {
    const collectionId = (await client.restorePointCollections.get(dev.web02.resourceGroup, dev.web02.collection)).id!;
    await client.restorePoints.create(dev.web02.resourceGroup, dev.web02.collection, 'rp-it-resumed', {}).submitted();
    await client.restorePoints.delete(dev.web02.resourceGroup, dev.web02.collection, dev.web02.restorePoints[1]).submitted();
    await suite.api.operations.record(record('createRestorePoint', `${collectionId}/restorePoints/rp-it-resumed`, 'rp-it-resumed'));
    await suite.api.operations.record(record('deleteRestorePoint', `${collectionId}/restorePoints/${dev.web02.restorePoints[1]}`, dev.web02.restorePoints[1]));
    await control('DELETE', '/requests');

    const collection = await collectionNode(dev.web02.vm, dev.web02.collection);
    const rows = await children(suite.api, collection.node);
    assert.match(byLabel(rows, 'rp-it-resumed').description, /Creating…$/, 'the journal marks the restore point being created');
    assert.match(byLabel(rows, dev.web02.restorePoints[1]).description, /Deleting…$/, 'and the one being deleted');

    const outcomes = await whileClockMoves(suite.api.resumeOperationsForTests());
    assert.deepStrictEqual(outcomes.map((o) => [o.record.kind, o.state, o.succeeded]), [
      ['createRestorePoint', 'Succeeded', true],
      ['deleteRestorePoint', 'Gone', true],
    ]);
    assert.deepStrictEqual(suite.api.operations.list(), []);
    assert.deepStrictEqual(await nonReads(), [], 'resuming sends only reads');
    const after = await eventually(async () => {
      const list = await children(suite.api, collection.node);
      return list.some((s) => s.label === dev.web02.restorePoints[1]) ? undefined : list;
    }, 'the tree to drop the deleted restore point');
    assert.match(byLabel(after, 'rp-it-resumed').description, /Succeeded$/);
  });

  it('follows a disk restore and a collection deletion in another tenant again', async () => {
    const [drp] = await collect(client.diskRestorePoint.listByRestorePoint(dev.web02.resourceGroup, dev.web02.collection, dev.web02.restorePoints[0]));
    await client.disks.createOrUpdate(dev.web02.resourceGroup, 'disk-it-resumed', { location: dev.web02.location, creationData: { createOption: 'Restore', sourceResourceId: drp.id! } }).submitted();
    const diskId = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}/providers/Microsoft.Compute/disks/disk-it-resumed`;
    await suite.api.operations.record(record('restoreDisk', diskId, 'disk-it-resumed'));
    const sandboxClient = computeClient(emulatorAddress(), lab.subscriptionId, demoCredential(emulatorAddress(), labTenantId));
    const labCollection = await sandboxClient.restorePointCollections.get(lab.lab01.resourceGroup, lab.lab01.collection);
    await sandboxClient.restorePointCollections.delete(lab.lab01.resourceGroup, lab.lab01.collection).submitted();
    await suite.api.operations.record({ ...record('deleteRestorePointCollection', labCollection.id!, lab.lab01.collection), tenantId: labTenantId, subscriptionId: lab.subscriptionId });
    await control('DELETE', '/requests');

    const outcomes = await whileClockMoves(suite.api.resumeOperationsForTests());
    assert.deepStrictEqual(outcomes.map((o) => [o.record.kind, o.state, o.succeeded]), [
      ['restoreDisk', 'Succeeded', true],
      ['deleteRestorePointCollection', 'Gone', true],
    ]);
    assert.strictEqual((await client.disks.get(dev.web02.resourceGroup, 'disk-it-resumed')).provisioningState, 'Succeeded');
    assert.deepStrictEqual(await nonReads(), [], 'resuming sends only reads');
    assert.deepStrictEqual(suite.api.operations.list(), []);
  });

  it('reports a resumed creation that failed in ARM, and forgets it', async () => {
    await control('POST', '/failures', { kind: 'restorePointCreation', count: 1 });
    const collectionId = (await client.restorePointCollections.get(dev.web02.resourceGroup, dev.web02.collection)).id!;
    await client.restorePoints.create(dev.web02.resourceGroup, dev.web02.collection, 'rp-it-resumed-fails', {}).submitted();
    await suite.api.operations.record(record('createRestorePoint', `${collectionId}/restorePoints/rp-it-resumed-fails`, 'rp-it-resumed-fails'));
    const [outcome] = await whileClockMoves(suite.api.resumeOperationsForTests());
    assert.deepStrictEqual([outcome.state, outcome.succeeded], ['Failed', false]);
    assert.deepStrictEqual(suite.api.operations.list(), []);
  });

  it('keeps an operation ARM could not be asked about (503 after every retry) for the next start, then follows it', async () => {
    const collectionId = (await client.restorePointCollections.get(dev.web02.resourceGroup, dev.web02.collection)).id!;
    await client.restorePoints.create(dev.web02.resourceGroup, dev.web02.collection, 'rp-it-resumed-later', {}).submitted();
    await suite.api.operations.record(record('createRestorePoint', `${collectionId}/restorePoints/rp-it-resumed-later`, 'rp-it-resumed-later'));
    await control('POST', '/faults', { pathPattern: '/restorePoints/rp-it-resumed-later$', method: 'GET', status: 503, count: 20 });
    try {
      const [failed] = await suite.api.resumeOperationsForTests();
      assert.deepStrictEqual([failed.state, failed.succeeded], ['Error', false]);
      assert.deepStrictEqual(suite.api.operations.list().map((r) => r.name), ['rp-it-resumed-later'], 'kept for the next start');
    } finally {
      await control('DELETE', '/faults');
    }
    const [outcome] = await whileClockMoves(suite.api.resumeOperationsForTests());
    assert.deepStrictEqual([outcome.state, outcome.succeeded], ['Succeeded', true]);
    assert.deepStrictEqual(suite.api.operations.list(), []);
  });
});
