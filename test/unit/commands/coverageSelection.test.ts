import * as assert from 'node:assert/strict';
import type { CoverageRow } from '../../../src/azure/coverage';
import { cleanUpTargetsOf, viewRowOf } from '../../../src/commands/coverage/coverageSelection';

const rpc = (sub: string, name: string): string => `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/${name}`;
const row = (name: string, sub: string, tenantId: string, collectionIds: string[]): CoverageRow => ({
  vmId: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}`,
  name, subscriptionId: sub, tenantId, location: 'eastus', restorePoints: 1, unreadCollections: 0, collectionIds, flags: [],
});

describe('coverage: the selection taken to Clean Up Restore Points…', () => {
  const web = row('web', 'sub-a', 'tenant-1', [rpc('sub-a', 'web-rpc'), rpc('sub-a', 'web-rpc-westus')]);
  const db = row('db', 'sub-b', 'tenant-2', [rpc('sub-b', 'db-rpc')]);
  const bare = row('bare', 'sub-a', 'tenant-1', []);

  it('takes the selected VMs\' collections and copies, each with its subscription and tenant, and nothing of the others', () => {
    assert.deepEqual(cleanUpTargetsOf([web, db, bare], [db.vmId.toUpperCase(), bare.vmId]), [{ subscription: { tenantId: 'tenant-2', subscriptionId: 'sub-b' }, collectionId: rpc('sub-b', 'db-rpc') }]);
    assert.deepEqual(
      cleanUpTargetsOf([web, db], [web.vmId]).map((t) => [t.subscription.subscriptionId, t.collectionId]),
      [['sub-a', rpc('sub-a', 'web-rpc')], ['sub-a', rpc('sub-a', 'web-rpc-westus')]],
    );
  });

  it('lists a collection once when two selected rows name it', () => {
    const twin = { ...web, vmId: `${web.vmId}-twin` };
    assert.equal(cleanUpTargetsOf([web, twin], [web.vmId, twin.vmId]).length, 2);
  });

  it('sends the page what it shows, without collection ids or the tenant', () => {
    const shown = viewRowOf(web);
    assert.equal(shown.collections, 2);
    assert.ok(!('collectionIds' in shown) && !('tenantId' in shown));
  });
});
