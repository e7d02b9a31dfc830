import * as assert from 'node:assert/strict';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { key } from '../../src/emulator/engine/ids';
import { buildVmRestorePoint } from '../../src/emulator/engine/restorePointFactory';
import { useEmulator, type Harness, type RawResponse } from './harness';

const dev = demoCatalog.devTest;
const C = '2026-04-01';
const D = '2026-03-02';
const sub = `/subscriptions/${dev.subscriptionId}`;
const group = (name: string): string => `${sub}/resourceGroups/${name}`;
const collection = (rg: string, name: string): string => `${group(rg)}/providers/Microsoft.Compute/restorePointCollections/${name}`;
const restorePoint = (rg: string, rpc: string, name: string): string => `${collection(rg, rpc)}/restorePoints/${name}`;
const vmId = (rg: string, name: string): string => `${group(rg)}/providers/Microsoft.Compute/virtualMachines/${name}`;
const diskIdOf = async (h: Harness, rg: string, vm: string, lun: number | 'os'): Promise<string> => {
  const res = await h.arm('GET', `${vmId(rg, vm)}?api-version=${C}`);
  return lun === 'os' ? res.json.properties.storageProfile.osDisk.managedDisk.id : res.json.properties.storageProfile.dataDisks[lun].managedDisk.id;
};

/** Runs a request that must be refused and checks status, ARM error code and that the store did not change. */
async function expectRefused(h: Harness, request: () => Promise<RawResponse>, status: number, code: string, message?: RegExp): Promise<RawResponse> {
  const before = JSON.stringify(h.emulator.controls.counts());
  const res = await request();
  assert.equal(res.status, status, res.text);
  assert.equal(res.json?.error?.code, code, res.text);
  assert.equal(typeof res.json.error.message, 'string');
  assert.ok(Array.isArray(res.json.error.details));
  if (message) assert.match(res.json.error.message, message);
  assert.equal(JSON.stringify(h.emulator.controls.counts()), before, 'a refused request changed the store');
  return res;
}

describe('emulator validation like ARM', () => {
  const h = useEmulator();

  describe('api-version', () => {
    it('refuses a missing api-version', async () => {
      await expectRefused(h, () => h.arm('GET', `${sub}/providers/Microsoft.Compute/restorePointCollections`), 400, 'MissingApiVersionParameter');
    });

    it('refuses versions ARM does not know, with the code of the namespace', async () => {
      await expectRefused(h, () => h.arm('GET', `${sub}/providers/Microsoft.Compute/restorePointCollections?api-version=2099-01-01`), 400, 'NoRegisteredProviderFound', /2026-04-01/);
      await expectRefused(h, () => h.arm('GET', `${sub}/providers/Microsoft.Compute/restorePointCollections?api-version=2020-12-01`), 400, 'NoRegisteredProviderFound');
      await expectRefused(h, () => h.arm('GET', `/subscriptions?api-version=2023-01-01`), 400, 'InvalidApiVersionParameter');
      await expectRefused(h, () => h.arm('GET', `${sub}/providers/Microsoft.Compute/disks?api-version=2026-04-01`), 400, 'NoRegisteredProviderFound');
    });

    it('accepts every published stable version and answers in the newest shape', async () => {
      for (const version of ['2021-03-01', '2023-03-01', '2025-04-01', C]) {
        const res = await h.arm('GET', `${restorePoint(dev.web02.resourceGroup, dev.web02.collection, dev.web02.restorePoints[0])}?api-version=${version}`);
        assert.equal(res.status, 200, version);
        assert.equal(res.json.properties.consistencyMode, 'ApplicationConsistent');
      }
      const disks = await h.arm('GET', `${sub}/providers/Microsoft.Compute/disks?api-version=2025-01-02`);
      assert.equal(disks.status, 200);
    });
  });

  describe('names', () => {
    const bad = ['-starts-with-dash', 'ends-with-dot.', 'has space', '_underscore-first', 'x'.repeat(81), 'semi;colon'];
    it('refuses collection names that break the naming rules', async () => {
      const vm = vmId(dev.web02.resourceGroup, dev.web02.vm);
      for (const name of bad) {
        await expectRefused(h, () => h.arm('PUT', `${collection(dev.web02.resourceGroup, encodeURIComponent(name))}?api-version=${C}`, { body: { location: 'eastus', properties: { source: { id: vm } } } }), 400, 'InvalidParameter', /restorePointCollectionName/);
      }
    });

    it('refuses restore point names that break the naming rules', async () => {
      for (const name of bad) {
        await expectRefused(h, () => h.arm('PUT', `${restorePoint(dev.web02.resourceGroup, dev.web02.collection, encodeURIComponent(name))}?api-version=${C}`, { body: {} }), 400, 'InvalidParameter', /restorePointName/);
      }
    });
  });

  describe('unknown scopes and parents', () => {
    it('answers 404 with the right code for subscription, resource group, collection, restore point and disk restore point', async () => {
      await expectRefused(h, () => h.arm('GET', `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Compute/virtualMachines?api-version=${C}`), 404, 'SubscriptionNotFound');
      await expectRefused(h, () => h.arm('GET', `${group('rg-missing')}/providers/Microsoft.Compute/restorePointCollections?api-version=${C}`), 404, 'ResourceGroupNotFound');
      await expectRefused(h, () => h.arm('PUT', `${restorePoint(dev.web02.resourceGroup, 'no-such-rpc', 'rp1')}?api-version=${C}`, { body: {} }), 404, 'ParentResourceNotFound');
      await expectRefused(h, () => h.arm('GET', `${restorePoint(dev.web02.resourceGroup, dev.web02.collection, 'missing')}?api-version=${C}`), 404, 'ResourceNotFound');
      await expectRefused(h, () => h.arm('GET', `${restorePoint(dev.web02.resourceGroup, dev.web02.collection, 'missing')}/diskRestorePoints?api-version=${D}`), 404, 'ParentResourceNotFound');
      await expectRefused(h, () => h.arm('GET', `${vmId(dev.web02.resourceGroup, 'missing-vm')}?api-version=${C}`), 404, 'ResourceNotFound');
      const vm = vmId(dev.web02.resourceGroup, 'missing-vm');
      await expectRefused(h, () => h.arm('PUT', `${collection(dev.web02.resourceGroup, 'orphan')}?api-version=${C}`, { body: { location: 'eastus', properties: { source: { id: vm } } } }), 404, 'ResourceNotFound');
    });

    it('answers 403 AuthorizationFailed on the resources of the subscription without access', async () => {
      const finance = `/subscriptions/${demoCatalog.forbiddenSubscriptionId}`;
      const visible = await h.arm('GET', `${finance}?api-version=2022-12-01`, { token: h.fabrikamToken });
      assert.equal(visible.status, 200);
      await expectRefused(h, () => h.arm('GET', `${finance}/resourcegroups?api-version=2025-04-01`, { token: h.fabrikamToken }), 403, 'AuthorizationFailed');
      await expectRefused(h, () => h.arm('GET', `${finance}/providers/Microsoft.Compute/restorePointCollections?api-version=${C}`, { token: h.fabrikamToken }), 403, 'AuthorizationFailed', /Microsoft.Compute\/restorePointCollections\/read/);
    });

    it('answers 404 for unknown paths and 405 for unsupported methods', async () => {
      await expectRefused(h, () => h.arm('GET', `${sub}/providers/Microsoft.Compute/widgets?api-version=${C}`), 404, 'InvalidResourceType');
      await expectRefused(h, () => h.arm('POST', `${sub}/providers/Microsoft.Compute/virtualMachines?api-version=${C}`), 405, 'MethodNotAllowed');
      await expectRefused(h, () => h.arm('GET', `${collection(dev.web01.resourceGroup, dev.web01.collection)}?api-version=${C}&$expand=everything`), 400, 'InvalidParameter');
    });
  });

  describe('restore point collections', () => {
    it('refuses a collection in another region than its VM, and a copy collection in the source region', async () => {
      const vm = vmId(dev.web02.resourceGroup, dev.web02.vm);
      await expectRefused(h, () => h.arm('PUT', `${collection(dev.web02.resourceGroup, 'wrong-region')}?api-version=${C}`, { body: { location: 'westus', properties: { source: { id: vm } } } }), 400, 'InvalidParameter', /same location/);
      const source = collection(dev.web02.resourceGroup, dev.web02.collection);
      await expectRefused(h, () => h.arm('PUT', `${collection(dev.web02.resourceGroup, 'same-region-copy')}?api-version=${C}`, { body: { location: 'eastus', properties: { source: { id: source } } } }), 400, 'InvalidParameter', /different region/);
      await expectRefused(h, () => h.arm('PUT', `${collection(dev.web02.resourceGroup, 'no-location')}?api-version=${C}`, { body: { properties: { source: { id: vm } } } }), 400, 'LocationRequired');
      await expectRefused(h, () => h.arm('PUT', `${collection(dev.web02.resourceGroup, 'no-source')}?api-version=${C}`, { body: { location: 'eastus' } }), 400, 'InvalidParameter', /source/);
    });

    it('refuses to change the source of an existing collection and updates tags only', async () => {
      const other = vmId(dev.web01.resourceGroup, dev.web01.vm);
      await expectRefused(h, () => h.arm('PUT', `${collection(dev.web02.resourceGroup, dev.web02.collection)}?api-version=${C}`, { body: { location: 'eastus', properties: { source: { id: other } } } }), 409, 'PropertyChangeNotAllowed');
      const patched = await h.arm('PATCH', `${collection(dev.web02.resourceGroup, dev.web02.collection)}?api-version=${C}`, { body: { tags: { owner: 'ops' } } });
      assert.equal(patched.status, 200);
      assert.deepEqual(patched.json.tags, { owner: 'ops' });
    });
  });

  describe('restore points', () => {
    const web02 = (name: string): string => `${restorePoint(dev.web02.resourceGroup, dev.web02.collection, name)}?api-version=${C}`;

    it('refuses to exclude a disk the VM does not have', async () => {
      const foreign = await diskIdOf(h, dev.web01.resourceGroup, dev.web01.vm, 0);
      await expectRefused(h, () => h.arm('PUT', web02('rp-x'), { body: { properties: { excludeDisks: [{ id: foreign }] } } }), 400, 'InvalidParameter', /not attached/);
    });

    it('refuses a second creation while one is in progress on the same VM (409), then allows it', async () => {
      const first = await h.arm('PUT', web02('rp-first'), { body: {} });
      assert.equal(first.status, 201);
      assert.equal(first.json.properties.provisioningState, 'Creating');
      assert.match(String(first.headers['azure-asyncoperation']), /\/operations\//);
      await expectRefused(h, () => h.arm('PUT', web02('rp-second'), { body: {} }), 409, 'OperationNotAllowed', /already being created/);
      await expectRefused(h, () => h.arm('PUT', `${restorePoint(dev.web01.resourceGroup, dev.web01.collection, 'rp-new')}?api-version=${C}`, { body: {} }), 409, 'OperationNotAllowed');
      h.emulator.controls.clock.advance(10_000);
      assert.equal((await h.arm('PUT', web02('rp-second'), { body: {} })).status, 201);
    });

    it('refuses an existing restore point name (restore points cannot be updated)', async () => {
      await expectRefused(h, () => h.arm('PUT', web02(dev.web02.restorePoints[0]), { body: {} }), 409, 'OperationNotAllowed', /already exists/);
    });

    it('enforces the limit of 500 restore points per VM', async () => {
      const { store } = h.emulator.controls;
      const rpc = store.collections.get(key(collection(dev.web02.resourceGroup, dev.web02.collection)))!;
      const vm = store.virtualMachines.get(key(vmId(dev.web02.resourceGroup, dev.web02.vm)))!;
      for (let i = store.restorePointsOfVm(vm.id).length; i < 500; i++) {
        const rp = buildVmRestorePoint(store, { collection: rpc, name: `filler-${i}`, vm, consistencyMode: 'ApplicationConsistent', excludeDiskIds: [], timeCreated: 0, readyAt: 0, outcome: 'Succeeded' });
        store.restorePoints.set(key(rp.id), rp);
      }
      await expectRefused(h, () => h.arm('PUT', web02('rp-501'), { body: {} }), 409, 'OperationNotAllowed', /500/);
    });

    it('checks consistencyMode: only CrashConsistent may be asked for, and only from 2021-07-01', async () => {
      await expectRefused(h, () => h.arm('PUT', web02('rp-app'), { body: { properties: { consistencyMode: 'ApplicationConsistent' } } }), 400, 'InvalidParameter', /CrashConsistent/);
      await expectRefused(h, () => h.arm('PUT', web02('rp-bogus'), { body: { properties: { consistencyMode: 'Sometimes' } } }), 400, 'InvalidParameter');
      await expectRefused(h, () => h.arm('PUT', `${restorePoint(dev.web02.resourceGroup, dev.web02.collection, 'rp-old')}?api-version=2021-03-01`, { body: { properties: { consistencyMode: 'CrashConsistent' } } }), 400, 'InvalidParameter', /2021-07-01/);
      const linux = await h.arm('PUT', `${restorePoint(dev.web01.resourceGroup, dev.web01.collection, 'rp-fs')}?api-version=${C}`, { body: {} });
      assert.equal(linux.status, 409, 'web-01 is still creating one (demo)');
    });

    it('refuses disks the documentation excludes: ephemeral OS and shared disks always, Ultra and Premium SSD v2 for crash consistency', async () => {
      const cacheRpc = await h.arm('PUT', `${collection(dev.cache01.resourceGroup, 'cache-01-rpc')}?api-version=${C}`, { body: { location: dev.cache01.location, properties: { source: { id: vmId(dev.cache01.resourceGroup, dev.cache01.vm) } } } });
      assert.equal(cacheRpc.status, 201);
      const cacheRp = (name: string): string => `${restorePoint(dev.cache01.resourceGroup, 'cache-01-rpc', name)}?api-version=${C}`;
      await expectRefused(h, () => h.arm('PUT', cacheRp('rp1'), { body: {} }), 400, 'InvalidParameter', /ephemeral OS/);
      const os = await diskIdOf(h, dev.cache01.resourceGroup, dev.cache01.vm, 'os');
      await expectRefused(h, () => h.arm('PUT', cacheRp('rp1'), { body: { properties: { excludeDisks: [{ id: os }] } } }), 400, 'InvalidParameter', /shared/);
      const shared = await diskIdOf(h, dev.cache01.resourceGroup, dev.cache01.vm, dev.cache01.sharedDataDiskLun);
      const ok = await h.arm('PUT', cacheRp('rp1'), { body: { properties: { excludeDisks: [{ id: os }, { id: shared }] } } });
      assert.equal(ok.status, 201, ok.text);
      assert.equal(ok.json.properties.excludeDisks.length, 2);

      const sqlRp = (name: string): string => `${restorePoint(dev.sql01.resourceGroup, dev.sql01.collection, name)}?api-version=${C}`;
      await expectRefused(h, () => h.arm('PUT', sqlRp('crash'), { body: { properties: { consistencyMode: 'CrashConsistent' } } }), 400, 'InvalidParameter', /Premium SSD v2/);
      const v2 = await diskIdOf(h, dev.sql01.resourceGroup, dev.sql01.vm, 2);
      const ultra = await diskIdOf(h, dev.sql01.resourceGroup, dev.sql01.vm, 3);
      await expectRefused(h, () => h.arm('PUT', sqlRp('crash'), { body: { properties: { consistencyMode: 'CrashConsistent', excludeDisks: [{ id: v2 }] } } }), 400, 'InvalidParameter', /Ultra/);
      const crash = await h.arm('PUT', sqlRp('crash'), { body: { properties: { consistencyMode: 'CrashConsistent', excludeDisks: [{ id: v2 }, { id: ultra }] } } });
      assert.equal(crash.status, 201, crash.text);
    });

    it('refuses to copy a restore point that has not finished or has failed', async () => {
      const copyRpc = collection(dev.copies.resourceGroup, 'web-01-rpc-westus');
      const created = await h.arm('PUT', `${copyRpc}?api-version=${C}`, { body: { location: 'westus', properties: { source: { id: collection(dev.web01.resourceGroup, dev.web01.collection) } } } });
      assert.equal(created.status, 201);
      for (const [name, state] of [[dev.web01.restorePoints.creating, 'Creating'], [dev.web01.restorePoints.failed, 'Failed']]) {
        const source = restorePoint(dev.web01.resourceGroup, dev.web01.collection, name);
        await expectRefused(h, () => h.arm('PUT', `${copyRpc}/restorePoints/copy-${name}?api-version=${C}`, { body: { properties: { sourceRestorePoint: { id: source } } } }), 409, 'OperationNotAllowed', new RegExp(state));
      }
      await expectRefused(h, () => h.arm('PUT', `${copyRpc}/restorePoints/not-a-copy?api-version=${C}`, { body: {} }), 400, 'InvalidParameter', /sourceRestorePoint/);
      const vmRpcCopy = restorePoint(dev.web01.resourceGroup, dev.web01.collection, dev.web01.restorePoints.succeeded[0]);
      await expectRefused(h, () => h.arm('PUT', web02('copy-into-vm-collection'), { body: { properties: { sourceRestorePoint: { id: vmRpcCopy } } } }), 400, 'InvalidParameter', /cross-region copy/);
    });
  });

  describe('disks', () => {
    it('refuses to restore from a disk restore point that is still replicating, or into another region', async () => {
      const copyDrps = await h.arm('GET', `${restorePoint(dev.copies.resourceGroup, dev.copies.collection, dev.copies.replicating.name)}/diskRestorePoints?api-version=${D}`);
      const disk = (name: string): string => `${group(dev.copies.resourceGroup)}/providers/Microsoft.Compute/disks/${name}?api-version=${D}`;
      await expectRefused(h, () => h.arm('PUT', disk('from-copy'), { body: { location: 'westus', properties: { creationData: { createOption: 'Restore', sourceResourceId: copyDrps.json.value[0].id } } } }), 409, 'OperationNotAllowed', /still being copied/);
      await expectRefused(h, () => h.arm('PUT', disk('elsewhere'), { body: { location: 'japaneast', properties: { creationData: { createOption: 'Restore', sourceResourceId: copyDrps.json.value[0].id } } } }), 400, 'InvalidParameter', /location/);
      await expectRefused(h, () => h.arm('PUT', disk('nowhere'), { body: { location: 'westus', properties: { creationData: { createOption: 'Restore', sourceResourceId: `${copyDrps.json.value[0].id}-nope` } } } }), 404, 'NotFound');
      h.emulator.controls.clock.advance(120_000);
      const done = await h.arm('PUT', disk('from-copy'), { body: { location: 'westus', properties: { creationData: { createOption: 'Restore', sourceResourceId: copyDrps.json.value[0].id } } } });
      assert.equal(done.status, 202, 'allowed once replication finished');
    });
  });

  describe('malformed requests', () => {
    const url = (): string => `${collection(dev.web02.resourceGroup, 'malformed')}?api-version=${C}`;

    it('answers 400 to malformed JSON and wrong types, never creating anything', async () => {
      await expectRefused(h, () => h.arm('PUT', url(), { rawBody: '{"location": "eastus", ' }), 400, 'InvalidRequestContent');
      await expectRefused(h, () => h.arm('PUT', url(), { rawBody: 'null' }), 400, 'InvalidRequestContent');
      await expectRefused(h, () => h.arm('PUT', url(), { body: [1, 2] }), 400, 'InvalidRequestContent');
      await expectRefused(h, () => h.arm('PUT', url(), { body: { location: 5 } }), 400, 'InvalidRequestContent', /location/);
      await expectRefused(h, () => h.arm('PUT', url(), { body: { location: 'eastus', tags: 'x' } }), 400, 'InvalidRequestContent', /tags/);
      await expectRefused(h, () => h.arm('PUT', url(), { body: { location: 'eastus', properties: { source: { id: 42 } } } }), 400, 'InvalidRequestContent', /source\.id/);
      await expectRefused(h, () => h.arm('PUT', `${restorePoint(dev.web02.resourceGroup, dev.web02.collection, 'typed')}?api-version=${C}`, { body: { properties: { excludeDisks: { id: 'x' } } } }), 400, 'InvalidRequestContent', /excludeDisks/);
      await expectRefused(h, () => h.arm('PUT', `${restorePoint(dev.web02.resourceGroup, dev.web02.collection, 'typed')}?api-version=${C}`, { body: { properties: { instantAccessDurationMinutes: 'soon' } } }), 400, 'InvalidRequestContent');
      await expectRefused(h, () => h.arm('PATCH', `${collection(dev.web02.resourceGroup, dev.web02.collection)}?api-version=${C}`, { rawBody: '<xml/>' }), 400, 'InvalidRequestContent');
      const ok = await h.arm('GET', `${collection(dev.web02.resourceGroup, dev.web02.collection)}?api-version=${C}`);
      assert.equal(ok.status, 200, 'the emulator still answers');
    });
  });
});
