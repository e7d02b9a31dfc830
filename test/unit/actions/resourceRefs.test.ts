import * as assert from 'node:assert/strict';
import { describeArmError } from '../../../src/azure/actions/armError';
import { collectionRefFromId, restorePointRefFromId, sameId } from '../../../src/azure/actions/resourceRefs';

const rpc = '/subscriptions/s/resourceGroups/rg-1/providers/Microsoft.Compute/restorePointCollections/rpc-1';

describe('actions: resource references and errors', () => {
  it('reads collection and restore point references from ids, disk restore point ids included', () => {
    assert.deepEqual(collectionRefFromId(rpc), { resourceGroup: 'rg-1', name: 'rpc-1' });
    assert.deepEqual(restorePointRefFromId(`${rpc}/restorePoints/rp-1/diskRestorePoints/d_1`), { resourceGroup: 'rg-1', collection: 'rpc-1', name: 'rp-1' });
    assert.throws(() => restorePointRefFromId(rpc), /not the id of a restore point/);
    assert.throws(() => collectionRefFromId('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d'), /not the id of a restore point collection/);
    assert.ok(sameId(rpc, rpc.toUpperCase()));
  });

  it("takes ARM's code and message out of the SDK's errors", () => {
    assert.deepEqual(describeArmError(new Error('The long-running operation has failed. InternalDiskRestorePointError. Snapshots failed. Retry later.')), {
      code: 'InternalDiskRestorePointError',
      message: 'Snapshots failed. Retry later.',
    });
    const rest = Object.assign(new Error('Conflict happened'), { name: 'RestError', code: 'OperationNotAllowed', statusCode: 409 });
    assert.deepEqual(describeArmError(rest), { code: 'OperationNotAllowed', message: 'Conflict happened', statusCode: 409 });
    assert.deepEqual(describeArmError('plain'), { code: 'Error', message: 'plain' });
  });
});
