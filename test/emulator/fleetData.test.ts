import * as assert from 'node:assert/strict';
import { startEmulator } from '../../src/emulator';
import { fleetCollectionId } from '../../src/emulator/data/fleet';
import { fleetCatalog, fleetSubscriptionId } from '../../src/emulator/data/fleetCatalog';
import { DEMO_TENANTS } from '../../src/emulator/demoIdentity';
import { useEmulator } from './harness';

const C = '2026-04-01';
const GRAPH = '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01';
const per = fleetCatalog.perSubscription;

describe('emulator fleet data set', function () {
  this.timeout(180_000);
  const h = useEmulator({ data: 'fleet' });

  it('loads no resources at start: a subscription is generated when a request first names it, a collection\'s restore points when it is read', async () => {
    assert.deepEqual(h.emulator.controls.counts(), { resourceGroups: 0, virtualMachines: 0, disks: 0, restorePointCollections: 0, restorePoints: 0, virtualNetworks: 0, networkInterfaces: 0, publicIpAddresses: 0 });
    const sub = fleetSubscriptionId(3);
    const vms = await h.arm('GET', `/subscriptions/${sub}/providers/Microsoft.Compute/virtualMachines?api-version=${C}`);
    assert.equal(vms.status, 200);
    const after = h.emulator.controls.counts();
    assert.deepEqual([after.resourceGroups, after.virtualMachines, after.restorePointCollections, after.restorePoints], [per.resourceGroups.length, per.virtualMachines, per.restorePointCollections, 0]);
    const rpc = await h.arm('GET', `${fleetCollectionId(3, 1)}?api-version=${C}&$expand=restorePoints`);
    assert.equal(rpc.status, 200);
    assert.equal(rpc.json.properties.restorePoints.length, per.restorePoints / per.restorePointCollections);
    assert.equal(h.emulator.controls.counts().restorePoints, per.restorePoints / per.restorePointCollections);
  });

  it('lists a hundred fleet subscriptions to each tenant besides the demo ones', async () => {
    for (const [tenantId, token] of [[DEMO_TENANTS.contoso.tenantId, h.token], [DEMO_TENANTS.fabrikam.tenantId, h.fabrikamToken]]) {
      const listed: Array<{ displayName: string; tenantId: string }> = [];
      for (let url: string | undefined = '/subscriptions?api-version=2022-12-01'; url; ) {
        const res = await h.arm('GET', url, { token });
        listed.push(...res.json.value);
        url = res.json.nextLink;
      }
      const fleet = listed.filter((s) => s.displayName.startsWith('Fleet '));
      assert.equal(fleet.length, fleetCatalog.subscriptionsPerTenant);
      assert.ok(fleet.every((s) => s.tenantId === tenantId));
    }
  });

  it('holds the documented totals: VMs and collections through Resource Graph, restore points in the store', async () => {
    let vms = 0;
    let collections = 0;
    for (const token of [h.token, h.fabrikamToken]) {
      const count = async (type: string): Promise<number> => (await h.arm('POST', GRAPH, { token, body: { query: `resources | where type =~ '${type}' | project id`, options: { $top: 1 } } })).json.totalRecords;
      vms += await count('microsoft.compute/virtualmachines');
      collections += await count('microsoft.compute/restorepointcollections');
    }
    assert.equal(vms, fleetCatalog.totals.virtualMachines);
    assert.equal(collections, fleetCatalog.totals.restorePointCollections);
    const { store } = h.emulator.controls;
    for (const id of [...store.collections.keys()]) store.restorePointsOf(id);
    const counts = h.emulator.controls.counts();
    assert.equal(counts.virtualMachines, fleetCatalog.totals.virtualMachines);
    assert.equal(counts.restorePointCollections, fleetCatalog.totals.restorePointCollections);
    assert.equal(counts.restorePoints, fleetCatalog.totals.restorePoints);
    assert.equal(store.subscriptions.size - 4, fleetCatalog.totals.subscriptions, 'the four demo subscriptions are listed too');
  });

  it('has the documented shape: every fourth VM without a collection, ten restore points a day apart, some stale or failed', async () => {
    const sub = fleetSubscriptionId(150);
    const list = await h.arm('GET', `/subscriptions/${sub}/providers/Microsoft.Compute/restorePointCollections?api-version=${C}`, { token: h.fabrikamToken });
    const names = new Set<string>((list.json.value as Array<{ name: string }>).map((c) => c.name));
    assert.ok(!names.has('vm-150-004-rpc') && names.has('vm-150-003-rpc') && names.has('vm-150-005-rpc'));
    const newest = async (vmNumber: number): Promise<{ ageDays: number; state: string }> => {
      const res = await h.arm('GET', `${fleetCollectionId(150, vmNumber)}?api-version=${C}&$expand=restorePoints`, { token: h.fabrikamToken });
      const rps = res.json.properties.restorePoints as Array<{ properties: { timeCreated: string; provisioningState: string } }>;
      const times = rps.map((rp) => Date.parse(rp.properties.timeCreated)).sort((a, b) => a - b);
      assert.ok(times.slice(1).every((t, i) => t - times[i] === 86_400_000), 'a day apart');
      const last = rps.find((rp) => Date.parse(rp.properties.timeCreated) === times[times.length - 1])!;
      return { ageDays: Math.round((h.emulator.controls.clock.now() - times[times.length - 1]) / 86_400_000), state: last.properties.provisioningState };
    };
    assert.deepEqual(await newest(2), { ageDays: 1, state: 'Succeeded' });
    assert.deepEqual(await newest(1), { ageDays: 9, state: 'Succeeded' }, 'index 0: stale');
    assert.deepEqual(await newest(6), { ageDays: 1, state: 'Failed' }, 'index 5: newest failed');
  });

  it('generates a subscription the same way whichever is touched first and in every process', async () => {
    const other = await startEmulator({ manualClock: true, data: 'fleet' });
    try {
      const ids = (store: typeof other.controls.store, subscription: number): string[] => {
        store.touchSubscription(fleetSubscriptionId(subscription));
        store.restorePointsOf(fleetCollectionId(subscription, 2));
        const prefix = `/subscriptions/${fleetSubscriptionId(subscription)}/`;
        return [...store.virtualMachines.values(), ...store.collections.values(), ...store.restorePoints.values()].map((r) => r.id).filter((id) => id.startsWith(prefix)).sort();
      };
      ids(other.controls.store, 9);
      assert.deepEqual(ids(other.controls.store, 42), ids(h.emulator.controls.store, 42));
      const vmIdOf = (store: typeof other.controls.store): string | undefined => [...store.virtualMachines.values()].find((vm) => vm.name === 'vm-042-001')?.vmId;
      assert.equal(vmIdOf(other.controls.store), vmIdOf(h.emulator.controls.store));
    } finally {
      await other.stop();
    }
  });
});
