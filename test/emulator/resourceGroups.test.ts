import * as assert from 'node:assert/strict';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { useEmulator } from './harness';
import { computeClient, resourceClient } from './sdkClients';

const dev = demoCatalog.devTest;

/** What Restore as New VM needs of resource groups: create one, list what it holds, delete it. */
describe('emulator: resource groups', () => {
  const h = useEmulator();

  const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
    const all: T[] = [];
    for await (const item of items) all.push(item);
    return all;
  };

  it('creates a group (201), keeps it on a second PUT (200) and refuses to move it to another region', async () => {
    const first = await h.arm('PUT', `/subscriptions/${dev.subscriptionId}/resourcegroups/rg-new?api-version=2025-04-01`, { body: { location: dev.web02.location } });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.location, dev.web02.location);
    const again = await h.arm('PUT', `/subscriptions/${dev.subscriptionId}/resourcegroups/rg-new?api-version=2025-04-01`, { body: { location: dev.web02.location, tags: { a: 'b' } } });
    assert.equal(again.status, 200);
    assert.deepEqual(again.json.tags, { a: 'b' });
    const moved = await h.arm('PUT', `/subscriptions/${dev.subscriptionId}/resourcegroups/rg-new?api-version=2025-04-01`, { body: { location: 'japaneast' } });
    assert.equal(moved.status, 409);
    assert.equal(moved.json.error.code, 'InvalidResourceGroupLocation');
  });

  it('lists the resources of a group and deletes the group with everything in it', async () => {
    const resources = resourceClient(h.emulator, dev.subscriptionId);
    const compute = computeClient(h.emulator, dev.subscriptionId);
    await resources.resourceGroups.createOrUpdate('rg-scratch', { location: dev.web02.location });
    assert.deepEqual(await collect(resources.resources.listByResourceGroup('rg-scratch')), []);
    await compute.disks.beginCreateOrUpdateAndWait('rg-scratch', 'scratch', { location: dev.web02.location, creationData: { createOption: 'Empty' }, diskSizeGB: 8 }, { updateIntervalInMs: 10 });
    const held = await collect(resources.resources.listByResourceGroup('rg-scratch'));
    assert.deepEqual(held.map((r) => [r.name, r.type]), [['scratch', 'Microsoft.Compute/disks']]);
    await resources.resourceGroups.beginDeleteAndWait('rg-scratch');
    await assert.rejects(resources.resourceGroups.get('rg-scratch'), (e: { statusCode?: number }) => e.statusCode === 404);
    await assert.rejects(compute.disks.get('rg-scratch', 'scratch'), (e: { statusCode?: number }) => e.statusCode === 404);
  });
});
