import * as assert from 'node:assert/strict';
import type { RestorePoint } from '@azure/arm-compute';
import { describeArmError } from '../../../src/azure/actions/armError';
import { copyRestorePoint } from '../../../src/azure/actions/copyRestorePoint';
import { aggregateReplication, DEFAULT_REPLICATION_POLL_MS, retryAfterMs, watchReplication, type ReplicationProgress, type WatchReplicationOptions } from '../../../src/azure/actions/replicationProgress';
import type { RestorePointRef } from '../../../src/azure/actions/resourceRefs';
import { copySourceProblem } from '../../../src/azure/rules/copyAndRestore';
import { demoCatalog } from '../../../src/emulator/data/demoCatalog';
import { useEmulator, type Harness } from '../../emulator/harness';
import { writes } from '../../support/armRecorder';
import { byKey, COPY_CREATION_MS, finishOnAccept, useRecordingClient } from './actionHarness';

const dev = demoCatalog.devTest;
const copies = { resourceGroup: dev.copies.resourceGroup, name: dev.copies.collection };

/** A wait that moves the emulator's clock instead of real time, recording what was asked. */
function clockWait(h: Harness, asked: number[]) {
  return async (ms: number): Promise<void> => {
    asked.push(ms);
    h.emulator.controls.clock.advance(ms);
  };
}

async function collect(watch: AsyncIterable<ReplicationProgress>, onEach?: (p: ReplicationProgress) => void): Promise<ReplicationProgress[]> {
  const seen: ReplicationProgress[] = [];
  for await (const p of watch) {
    seen.push(p);
    onEach?.(p);
  }
  return seen;
}

describe('actions: copy to another region and follow replication', function () {
  const h = useEmulator();
  const arm = useRecordingClient(h, dev.subscriptionId);
  let sourceCollectionId: string;

  before(async () => {
    sourceCollectionId = (await arm.client.restorePointCollections.get(dev.web02.resourceGroup, dev.web02.collection)).id!;
  });

  /** The poller reading the copy with the recorded client; the extension reads through readRestorePoint and the shared limiter. */
  const watch = (ref: RestorePointRef, options: WatchReplicationOptions): AsyncGenerator<ReplicationProgress> =>
    watchReplication((request) => arm.client.restorePoints.get(ref.resourceGroup, ref.collection, ref.name, { expand: 'instanceView', ...request }), options);

  async function copyNew(name: string): Promise<RestorePointRef> {
    await copyRestorePoint(arm.client, { targetCollection: copies, name, sourceRestorePointId: `${sourceCollectionId}/restorePoints/${dev.web02.restorePoints[1]}` }, finishOnAccept(h, undefined, COPY_CREATION_MS));
    return { ...copies, collection: copies.name, name };
  }

  it('creates the copy with sourceRestorePoint in the target collection', async () => {
    const ref = await copyNew('rp-copy-new');
    const [put] = writes(arm.sent);
    assert.equal(put.path, `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.copies.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${dev.copies.collection}/restorePoints/rp-copy-new`);
    assert.deepEqual(put.body, { properties: { sourceRestorePoint: { id: `${sourceCollectionId}/restorePoints/${dev.web02.restorePoints[1]}` } } });
    const rp = await arm.client.restorePoints.get(ref.resourceGroup, ref.collection, ref.name);
    assert.equal(rp.provisioningState, 'Succeeded', 'the copy exists once created; replication goes on');
  });

  it('reports replication in several increments up to 100, waiting the default interval without Retry-After', async () => {
    const ref = await copyNew('rp-copy-watched');
    arm.sent.length = 0;
    const waits: number[] = [];
    const seen = await collect(watch(ref, { wait: clockWait(h, waits) }));
    const last = seen[seen.length - 1];
    assert.equal(last.state, 'Succeeded');
    assert.equal(last.percent, 100);
    assert.ok(seen.length >= 4, `reported ${seen.map((p) => p.percent).join(', ')}`);
    assert.ok(seen.every((p, i) => i === 0 || p.percent > seen[i - 1].percent), 'each report is an increase');
    assert.equal(seen.reduce((sum, p) => sum + p.increment, 0), 100, 'the increments add up to 100');
    assert.ok(waits.length > 0 && waits.every((ms) => ms === DEFAULT_REPLICATION_POLL_MS));
    const reads = arm.sent.filter((r) => r.method === 'GET');
    assert.equal(reads.length, waits.length + 1);
    assert.ok(reads.every((r) => r.query.$expand === 'instanceView' && r.path.endsWith('/restorePoints/rp-copy-watched')));
  });

  it('ends a failed replication with Failed and the reason ARM gives', async () => {
    h.emulator.controls.failNext('replication');
    const ref = await copyNew('rp-copy-failing');
    const seen = await collect(watch(ref, { wait: clockWait(h, []) }));
    const last = seen[seen.length - 1];
    assert.equal(last.state, 'Failed');
    assert.equal(last.reason, 'Copying the disk restore point to the target region failed.');
    assert.ok(last.percent < 100);
    assert.ok(seen.slice(0, -1).every((p) => p.state === 'Replicating'));
  });

  it('stops watching when aborted, and the copy goes on', async () => {
    const ref = await copyNew('rp-copy-unwatched');
    const stop = new AbortController();
    const waits: number[] = [];
    const seen = await collect(watch(ref, { abortSignal: stop.signal, wait: clockWait(h, waits) }), () => stop.abort());
    assert.equal(seen.length, 1);
    assert.equal(waits.length, 0, 'no wait and no read after stopping');
    const later = aggregateReplication(await arm.client.restorePoints.get(ref.resourceGroup, ref.collection, ref.name, { expand: 'instanceView' }));
    assert.equal(later.state, 'Replicating');
  });

  it('follows the demo copy that is already replicating from where it is', async () => {
    const ref = { resourceGroup: copies.resourceGroup, collection: copies.name, name: dev.copies.replicating.name };
    const seen = await collect(watch(ref, { wait: clockWait(h, []), defaultIntervalMs: 5_000 }));
    assert.ok(seen[0].percent > 0 && seen[0].percent < 100, `starts at ${seen[0].percent}`);
    assert.equal(seen[0].increment, seen[0].percent);
    assert.equal(seen[seen.length - 1].percent, 100);
  });

  it('warns before copying a restore point that has not finished, as ARM refuses it with 409', async () => {
    const web01 = await arm.client.restorePointCollections.get(dev.web01.resourceGroup, dev.web01.collection, { expand: 'restorePoints' });
    const creating = web01.restorePoints!.find((rp) => rp.name === dev.web01.restorePoints.creating)!;
    assert.ok(copySourceProblem(creating));
    const target = await arm.client.restorePointCollections.createOrUpdate(dev.copies.resourceGroup, 'web-01-rpc-westus', { location: 'westus', source: { id: web01.id } });
    const before = h.emulator.controls.store.restorePoints.size;
    const error = await copyRestorePoint(arm.client, { targetCollection: { resourceGroup: dev.copies.resourceGroup, name: target.name! }, name: 'copy-too-early', sourceRestorePointId: creating.id! }, finishOnAccept(h)).then(
      () => assert.fail('copied'),
      (e: unknown) => describeArmError(e),
    );
    assert.equal(error.code, 'OperationNotAllowed');
    assert.equal(h.emulator.controls.store.restorePoints.size, before);
    assert.equal(h.emulator.controls.store.restorePoints.has(byKey(`${target.id}/restorePoints/copy-too-early`)), false);
  });
});

describe('replication arithmetic', () => {
  const drp = (id: string, percent: number, code = 'ReplicationState/replicating', message?: string) => ({ id, replicationStatus: { completionPercent: percent, status: { code, message } } });
  const disk = (id: string, sizeGB: number) => ({ diskSizeGB: sizeGB, diskRestorePoint: { id } });

  it('weights disks by size when every size is known, and never says 100 before every disk is done', () => {
    const rp: RestorePoint = {
      name: 'c',
      provisioningState: 'Succeeded',
      sourceMetadata: { storageProfile: { osDisk: disk('os', 100), dataDisks: [disk('data', 300)] } },
      instanceView: { diskRestorePoints: [drp('os', 100, 'ReplicationState/succeeded'), drp('data', 50)] },
    };
    assert.equal(aggregateReplication(rp).percent, 62);
    const almost: RestorePoint = { ...rp, instanceView: { diskRestorePoints: [drp('os', 100, 'ReplicationState/succeeded'), drp('data', 99.9)] } };
    assert.deepEqual([aggregateReplication(almost).percent, aggregateReplication(almost).state], [99, 'Replicating']);
  });

  it('averages when sizes are unknown and takes the failure reason from the failed disk', () => {
    const rp: RestorePoint = { name: 'c', provisioningState: 'Succeeded', instanceView: { diskRestorePoints: [drp('a', 40, 'ReplicationState/failed', 'Source snapshot was deleted.'), drp('b', 80)] } };
    assert.deepEqual(aggregateReplication(rp), {
      percent: 60,
      state: 'Failed',
      reason: 'Source snapshot was deleted.',
      disks: [{ diskRestorePointId: 'a', percent: 40, state: 'Failed' }, { diskRestorePointId: 'b', percent: 80, state: 'Replicating' }],
    });
  });

  it('reads Retry-After in seconds or as a date, within bounds', () => {
    assert.equal(retryAfterMs(undefined), undefined);
    assert.equal(retryAfterMs('30'), 30_000);
    assert.equal(retryAfterMs('0'), 1_000);
    assert.equal(retryAfterMs('86400'), 300_000);
    assert.equal(retryAfterMs('Wed, 25 Nov 2026 12:00:20 GMT', Date.parse('2026-11-25T12:00:00Z')), 20_000);
    assert.equal(retryAfterMs('soon'), undefined);
  });
});
