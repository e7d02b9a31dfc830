import * as assert from 'node:assert';
import type { RestorePoint, RestorePointCollection } from '@azure/arm-compute';
import { collectionContextValue, collectionDescription, collectionIcon } from '../../src/tree/format/collections';
import { restorePointContextValue, restorePointDescription, restorePointIcon } from '../../src/tree/format/restorePoint';

const NOW = Date.parse('2026-01-10T12:00:00Z');
const copy: RestorePoint = {
  name: 'rp-copy',
  timeCreated: new Date(NOW - 60_000),
  consistencyMode: 'ApplicationConsistent',
  provisioningState: 'Succeeded',
  sourceRestorePoint: { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/c/restorePoints/rp' },
};

describe('tree formatting: what is going on on an item', () => {
  it('shows a watched copy\'s percentage instead of ARM\'s state, with a spinning sync icon', () => {
    const activity = { operation: 'copyRestorePoint' as const, replication: { state: 'Replicating' as const, percent: 45 } };
    assert.strictEqual(restorePointDescription(copy, NOW, undefined, activity), '1 min ago · ApplicationConsistent · Replicating 45%');
    assert.deepStrictEqual(restorePointIcon(copy, activity), { id: 'sync~spin' });
    assert.match(restorePointContextValue(copy, activity), /;busy$/);
  });

  it('marks an operation in progress before any percentage is known, and nothing once it has ended', () => {
    assert.match(restorePointDescription(copy, NOW, undefined, { operation: 'copyRestorePoint' }), /· Copying…$/);
    assert.match(restorePointDescription({ ...copy, provisioningState: 'Deleting' }, NOW, undefined, { operation: 'deleteRestorePoint' }), /· Deleting…$/);
    assert.deepStrictEqual(restorePointIcon(copy, { operation: 'createRestorePoint' }), { id: 'loading~spin' });
    // A finished replication no longer replaces ARM's state.
    assert.match(restorePointDescription(copy, NOW, undefined, { replication: { state: 'Succeeded', percent: 100 } }), /· Succeeded$/);
    assert.doesNotMatch(restorePointContextValue(copy, {}), /busy/);
  });

  it('marks a collection being deleted', () => {
    const collection: RestorePointCollection = { name: 'c', location: 'eastus', source: { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm' } };
    const activity = { operation: 'deleteRestorePointCollection' as const };
    assert.strictEqual(collectionDescription(collection, undefined, activity), 'eastus · Deleting…');
    assert.deepStrictEqual(collectionIcon(collection, activity), { id: 'loading~spin' });
    assert.match(collectionContextValue(collection, false, activity), /;busy$/);
    assert.strictEqual(collectionDescription(collection), 'eastus');
  });
});
