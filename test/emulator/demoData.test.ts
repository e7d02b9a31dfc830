import * as assert from 'node:assert/strict';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { key } from '../../src/emulator/engine/ids';
import { restorePointState } from '../../src/emulator/resources/restorePointState';
import { useEmulator } from './harness';

describe('emulator demo data set', () => {
  const h = useEmulator();

  it('has the volume the catalog promises in the large subscription', () => {
    const { store } = h.emulator.controls;
    const sub = demoCatalog.large.subscriptionId.toLowerCase();
    const inSub = <T extends { subscriptionId: string }>(items: Iterable<T>): T[] => [...items].filter((i) => i.subscriptionId.toLowerCase() === sub);
    assert.equal(inSub(store.virtualMachines.values()).length, demoCatalog.large.virtualMachines);
    assert.equal(inSub(store.collections.values()).length, demoCatalog.large.restorePointCollections);
    const rps = [...store.restorePoints.values()].filter((rp) => rp.id.toLowerCase().startsWith(`/subscriptions/${sub}/`));
    assert.equal(rps.length, demoCatalog.large.restorePoints);
    const states = new Set(rps.map((rp) => restorePointState(rp, h.emulator.controls.clock.now())));
    assert.deepEqual([...states].sort(), ['Creating', 'Failed', 'Succeeded']);
    for (const vm of inSub(store.virtualMachines.values())) assert.ok(vm.dataDisks.length >= 1 && vm.dataDisks.length <= 4);
  });

  it('is the same after every reset (seeded), so other processes can rely on names and ids', () => {
    const ids = (): string[] => [...h.emulator.controls.store.restorePoints.values()].flatMap((rp) => [rp.id, ...rp.diskRestorePoints.map((d) => d.id)]);
    const first = ids();
    h.emulator.controls.reset('demo');
    assert.deepEqual(ids(), first);
  });

  describe('a reset', () => {
    const d = demoCatalog.devTest;
    const web01 = `/subscriptions/${d.subscriptionId}/resourceGroups/${d.web01.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${d.web01.collection}`;
    const failed = `${web01}/restorePoints/${d.web01.restorePoints.failed}?api-version=2026-04-01`;
    const creating = `${web01}/restorePoints/${d.web01.restorePoints.creating}?api-version=2026-04-01`;

    it('brings back what a write through ARM removed', async () => {
      assert.equal((await h.arm('DELETE', failed)).status, 202);
      h.emulator.controls.clock.advance(60_000);
      assert.equal((await h.arm('GET', failed)).status, 404);
      h.emulator.controls.reset('demo');
      assert.equal((await h.arm('GET', failed)).status, 200);
    });

    it('dates the data from the moment of the reset once the clock has moved, even when nothing was written', async () => {
      const createdAt = async (): Promise<number> => Date.parse((await h.arm('GET', creating)).json.properties.timeCreated);
      const before = await createdAt();
      h.emulator.controls.clock.advance(3_600_000);
      h.emulator.controls.reset('demo');
      assert.equal(await createdAt(), before + 3_600_000);
    });

    it('loads the data set asked for, after one that was already loaded', () => {
      h.emulator.controls.reset('empty');
      assert.equal(h.emulator.controls.counts().virtualMachines, 0);
      h.emulator.controls.reset('demo');
      assert.ok(h.emulator.controls.counts().virtualMachines > 300);
    });
  });

  it('contains the well-known resources named in the catalog, in several regions', () => {
    const { store } = h.emulator.controls;
    const d = demoCatalog.devTest;
    const rpc = (rg: string, name: string): string => key(`/subscriptions/${d.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Compute/restorePointCollections/${name}`);
    for (const [rg, name] of [[d.web01.resourceGroup, d.web01.collection], [d.web02.resourceGroup, d.web02.collection], [d.sql01.resourceGroup, d.sql01.collection], [d.copies.resourceGroup, d.copies.collection]]) {
      assert.ok(store.collections.has(rpc(rg, name)), name);
    }
    const copy = store.restorePoints.get(`${rpc(d.copies.resourceGroup, d.copies.collection)}/restorepoints/${d.copies.replicating.name}`);
    assert.ok(copy?.sourceRestorePointId, 'the replicating copy exists');
    const locations = new Set([...store.virtualMachines.values()].map((vm) => vm.location));
    assert.ok(locations.size >= 4);
    const tenants = new Set(demoCatalog.subscriptions.map((s) => s.tenantId));
    assert.equal(tenants.size, 2);
  });

  it('pages the large subscription\'s collections with nextLink', async () => {
    let url: string | undefined = `/subscriptions/${demoCatalog.large.subscriptionId}/providers/Microsoft.Compute/restorePointCollections?api-version=2026-04-01`;
    let total = 0;
    let pages = 0;
    while (url) {
      const res = await h.arm('GET', url);
      assert.equal(res.status, 200);
      total += res.json.value.length;
      pages += 1;
      url = res.json.nextLink;
      if (url) assert.ok(url.startsWith(h.emulator.endpoint));
    }
    assert.equal(total, demoCatalog.large.restorePointCollections);
    assert.ok(pages > 1);
  });
});
