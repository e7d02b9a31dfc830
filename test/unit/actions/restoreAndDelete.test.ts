import * as assert from 'node:assert/strict';
import { describeArmError } from '../../../src/azure/actions/armError';
import { deleteRestorePoint, deleteRestorePointCollection } from '../../../src/azure/actions/deleteRestorePointResources';
import { aggregateReplication } from '../../../src/azure/actions/replicationProgress';
import { restoreDisk } from '../../../src/azure/actions/restoreDisk';
import { restoreSourceProblem } from '../../../src/azure/rules/copyAndRestore';
import { demoCatalog } from '../../../src/emulator/data/demoCatalog';
import { useEmulator } from '../../emulator/harness';
import { writes } from '../../support/armRecorder';
import { byKey, finishOnAccept, useRecordingClient } from './actionHarness';

const dev = demoCatalog.devTest;
const web02 = dev.web02;

describe('actions: restore a disk and delete restore points', function () {
  const h = useEmulator();
  const arm = useRecordingClient(h, dev.subscriptionId);
  const store = () => h.emulator.controls.store;

  async function diskRestorePointsOf(resourceGroup: string, collection: string, restorePoint: string) {
    const list = [];
    for await (const d of arm.client.diskRestorePoint.listByRestorePoint(resourceGroup, collection, restorePoint)) list.push(d);
    return list;
  }

  it('restores a managed disk from a disk restore point and returns its id', async () => {
    const [source] = await diskRestorePointsOf(web02.resourceGroup, web02.collection, web02.restorePoints[0]);
    arm.sent.length = 0;
    const id = await restoreDisk(arm.client, { diskRestorePointId: source.id!, resourceGroup: web02.resourceGroup, diskName: 'web-02-restored', location: web02.location, sku: 'StandardSSD_LRS' }, finishOnAccept(h));
    assert.equal(id, `/subscriptions/${dev.subscriptionId}/resourceGroups/${web02.resourceGroup}/providers/Microsoft.Compute/disks/web-02-restored`);
    const [put] = writes(arm.sent);
    assert.equal(put.path, id);
    assert.equal(put.query['api-version'], '2026-03-02');
    assert.deepEqual(put.body, { location: web02.location, sku: { name: 'StandardSSD_LRS' }, properties: { creationData: { createOption: 'Restore', sourceResourceId: source.id } } });
    const disk = store().disks.get(byKey(id))!;
    assert.deepEqual([disk.createOption, disk.sku, disk.sourceResourceId], ['Restore', 'StandardSSD_LRS', source.id]);
  });

  it('warns before restoring from a copy still replicating, as ARM refuses it with 409, and creates no disk', async () => {
    const copy = { resourceGroup: dev.copies.resourceGroup, collection: dev.copies.collection, name: dev.copies.replicating.name };
    const rp = await arm.client.restorePoints.get(copy.resourceGroup, copy.collection, copy.name, { expand: 'instanceView' });
    assert.match(restoreSourceProblem(rp, aggregateReplication(rp)) ?? '', /still being copied/);
    const [source] = await diskRestorePointsOf(copy.resourceGroup, copy.collection, copy.name);
    const disksBefore = store().disks.size;
    const error = await restoreDisk(arm.client, { diskRestorePointId: source.id!, resourceGroup: copy.resourceGroup, diskName: 'too-early', location: dev.copies.location }, finishOnAccept(h)).then(
      () => assert.fail('restored'),
      (e: unknown) => describeArmError(e),
    );
    assert.deepEqual([error.code, error.statusCode], ['OperationNotAllowed', 409]);
    assert.equal(store().disks.size, disksBefore);
  });

  it("reports a failed disk restore with ARM's code", async () => {
    const [source] = await diskRestorePointsOf(web02.resourceGroup, web02.collection, web02.restorePoints[0]);
    h.emulator.controls.failNext('diskRestore');
    const error = await restoreDisk(arm.client, { diskRestorePointId: source.id!, resourceGroup: web02.resourceGroup, diskName: 'web-02-doomed', location: web02.location }, finishOnAccept(h)).then(
      () => assert.fail('restored'),
      (e: unknown) => describeArmError(e),
    );
    assert.equal(error.code, 'InternalDiskManagementError');
  });

  it('deletes a restore point: Deleting once accepted, then gone', async () => {
    const states: (string | undefined)[] = [];
    const ref = { resourceGroup: web02.resourceGroup, collection: web02.collection, name: web02.restorePoints[0] };
    await deleteRestorePoint(
      arm.client,
      ref,
      finishOnAccept(h, async () => {
        states.push((await arm.client.restorePoints.get(ref.resourceGroup, ref.collection, ref.name)).provisioningState);
      }),
    );
    assert.deepEqual(states, ['Deleting']);
    assert.deepEqual(writes(arm.sent).map((r) => [r.method, r.path]), [
      ['DELETE', `/subscriptions/${dev.subscriptionId}/resourceGroups/${web02.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${web02.collection}/restorePoints/${web02.restorePoints[0]}`],
    ]);
    await assert.rejects(arm.client.restorePoints.get(ref.resourceGroup, ref.collection, ref.name), (e: { statusCode?: number }) => e.statusCode === 404);
    assert.deepEqual(store().restorePointsOf(`/subscriptions/${dev.subscriptionId}/resourceGroups/${web02.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${web02.collection}`).map((rp) => rp.name), [web02.restorePoints[1]]);
  });

  it('deletes a collection with every restore point in it', async () => {
    const rpc = await arm.client.restorePointCollections.get(web02.resourceGroup, web02.collection);
    await deleteRestorePointCollection(arm.client, { resourceGroup: web02.resourceGroup, name: web02.collection }, finishOnAccept(h));
    assert.deepEqual(writes(arm.sent).map((r) => [r.method, r.path]), [['DELETE', rpc.id]]);
    assert.equal(store().collections.has(byKey(rpc.id!)), false);
    assert.equal(store().restorePointsOf(rpc.id!).length, 0);
  });

  it('treats deleting what is already gone as done', async () => {
    await deleteRestorePoint(arm.client, { resourceGroup: web02.resourceGroup, collection: web02.collection, name: 'never-was' }, finishOnAccept(h));
    assert.deepEqual(writes(arm.sent).map((r) => r.method), ['DELETE']);
  });
});
