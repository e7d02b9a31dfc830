import * as assert from 'node:assert/strict';
import type { ComputeManagementClient } from '@azure/arm-compute';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { useEmulator } from './harness';
import { computeClient, resourceClient } from './sdkClients';

const dev = demoCatalog.devTest;
const large = demoCatalog.large;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of items) result.push(item);
  return result;
}

describe('emulator with the real @azure/arm-compute client', function () {
  const h = useEmulator();
  let devClient: ComputeManagementClient;
  let largeClient: ComputeManagementClient;

  before(() => {
    devClient = computeClient(h.emulator, dev.subscriptionId);
    largeClient = computeClient(h.emulator, large.subscriptionId);
  });

  it('lists every VM of the large subscription across nextLink pages', async () => {
    const vms = await collect(largeClient.virtualMachines.listAll());
    assert.equal(vms.length, large.virtualMachines);
    assert.equal(new Set(vms.map((v) => v.id)).size, large.virtualMachines);
    const pages = h.emulator.controls.requestLog.filter((r) => r.path.endsWith('/providers/Microsoft.Compute/virtualMachines'));
    assert.ok(pages.length > 1, 'the list came in more than one page');
    assert.equal(pages[0].query['api-version'], '2026-04-01');
  });

  it('returns power state in the list with statusOnly=true', async () => {
    const vms = await collect(devClient.virtualMachines.listAll({ statusOnly: 'true' }));
    const web01 = vms.find((v) => v.name === dev.web01.vm);
    const power = web01?.instanceView?.statuses?.find((s) => s.code?.startsWith('PowerState/'));
    assert.equal(power?.code, 'PowerState/running');
  });

  it('lists resource groups, VMs of a group and gets a VM with its instance view and managed disks', async () => {
    const groups = await collect(resourceClient(h.emulator, dev.subscriptionId).resourceGroups.list());
    assert.deepEqual(groups.map((g) => g.name).sort(), dev.resourceGroups.map((g) => g.name).sort());
    const inGroup = await collect(devClient.virtualMachines.list(dev.sql01.resourceGroup));
    assert.ok(inGroup.some((v) => v.name === dev.sql01.vm));
    const vm = await devClient.virtualMachines.get(dev.sql01.resourceGroup, dev.sql01.vm, { expand: 'instanceView' });
    assert.equal(vm.storageProfile?.dataDisks?.length, dev.sql01.dataDisks);
    assert.ok(vm.instanceView?.statuses?.some((s) => s.code === 'PowerState/running'));
    for (const d of vm.storageProfile?.dataDisks ?? []) {
      const disk = await devClient.disks.get(dev.sql01.resourceGroup, d.name ?? '');
      assert.equal(disk.id?.toLowerCase(), d.managedDisk?.id?.toLowerCase());
    }
  });

  it('creates a collection and a restore point, waits on the poller, reads the instance view and deletes both', async () => {
    const vm = await devClient.virtualMachines.get(dev.web02.resourceGroup, dev.web02.vm);
    const rpc = await devClient.restorePointCollections.createOrUpdate(dev.web02.resourceGroup, 'sdk-rpc', { location: vm.location, source: { id: vm.id } });
    assert.equal(rpc.provisioningState, 'Succeeded');

    const poller = devClient.restorePoints.create(dev.web02.resourceGroup, 'sdk-rpc', 'sdk-rp', { consistencyMode: 'CrashConsistent' }, { updateIntervalInMs: 10 });
    await poller.submitted();
    const creating = await devClient.restorePoints.get(dev.web02.resourceGroup, 'sdk-rpc', 'sdk-rp');
    assert.equal(creating.provisioningState, 'Creating');
    h.emulator.controls.clock.advance(10_000);
    const created = await poller.pollUntilDone();
    assert.equal(created.provisioningState, 'Succeeded');
    assert.equal(created.consistencyMode, 'CrashConsistent');

    const withView = await devClient.restorePoints.get(dev.web02.resourceGroup, 'sdk-rpc', 'sdk-rp', { expand: 'instanceView' });
    const diskViews = withView.instanceView?.diskRestorePoints ?? [];
    assert.equal(diskViews.length, 1 + dev.web02.dataDisks);
    const drps = await collect(devClient.diskRestorePoint.listByRestorePoint(dev.web02.resourceGroup, 'sdk-rpc', 'sdk-rp'));
    assert.deepEqual(drps.map((d) => d.id).sort(), diskViews.map((d) => d.id).sort());

    const rpDelete = devClient.restorePoints.delete(dev.web02.resourceGroup, 'sdk-rpc', 'sdk-rp', { updateIntervalInMs: 10 });
    await rpDelete.submitted();
    const whileDeleting = await devClient.restorePoints.get(dev.web02.resourceGroup, 'sdk-rpc', 'sdk-rp');
    assert.equal(whileDeleting.provisioningState, 'Deleting');
    h.emulator.controls.clock.advance(10_000);
    await rpDelete.pollUntilDone();
    await assert.rejects(devClient.restorePoints.get(dev.web02.resourceGroup, 'sdk-rpc', 'sdk-rp'), (e: { statusCode?: number }) => e.statusCode === 404);
    await devClient.restorePoints.create(dev.web02.resourceGroup, 'sdk-rpc', 'sdk-rp-2', {}).submitted();

    const deleting = devClient.restorePointCollections.delete(dev.web02.resourceGroup, 'sdk-rpc', { updateIntervalInMs: 10 });
    await deleting.submitted();
    h.emulator.controls.clock.advance(10_000);
    await deleting.pollUntilDone();
    await assert.rejects(devClient.restorePointCollections.get(dev.web02.resourceGroup, 'sdk-rpc'), (e: { statusCode?: number }) => e.statusCode === 404);
    assert.equal(h.emulator.controls.store.restorePointsOf(rpc.id ?? '').length, 0, 'the contained restore points went with the collection');
  });

  it('reports a failed creation through the poller', async () => {
    h.emulator.controls.failNext('restorePointCreation');
    const poller = devClient.restorePoints.create(dev.web02.resourceGroup, dev.web02.collection, 'doomed', {}, { updateIntervalInMs: 10 });
    await poller.submitted();
    h.emulator.controls.clock.advance(10_000);
    await assert.rejects(poller.pollUntilDone(), /InternalDiskRestorePointError|failed/);
    const rp = await devClient.restorePoints.get(dev.web02.resourceGroup, dev.web02.collection, 'doomed');
    assert.equal(rp.provisioningState, 'Failed');
  });

  it('copies a restore point to another region and reports rising replication progress', async () => {
    const source = await devClient.restorePointCollections.get(dev.web02.resourceGroup, dev.web02.collection);
    await devClient.restorePointCollections.createOrUpdate(dev.copies.resourceGroup, 'sdk-copy-rpc', { location: 'westus2', source: { id: source.id } });
    const sourceRp = `${source.id}/restorePoints/${dev.web02.restorePoints[0]}`;
    const poller = devClient.restorePoints.create(dev.copies.resourceGroup, 'sdk-copy-rpc', 'copy-1', { sourceRestorePoint: { id: sourceRp } }, { updateIntervalInMs: 10 });
    await poller.submitted();
    h.emulator.controls.clock.advance(5_000);
    await poller.pollUntilDone();

    const percents: number[] = [];
    for (let i = 0; i < 5; i++) {
      const rp = await devClient.restorePoints.get(dev.copies.resourceGroup, 'sdk-copy-rpc', 'copy-1', { expand: 'instanceView' });
      const views = rp.instanceView?.diskRestorePoints ?? [];
      assert.ok(views.length > 0);
      percents.push(Math.min(...views.map((v) => v.replicationStatus?.completionPercent ?? -1)));
      h.emulator.controls.clock.advance(15_000);
    }
    assert.ok(percents[0] < 100 && percents[1] > percents[0], `progress rises: ${percents.join(', ')}`);
    const done = await devClient.restorePoints.get(dev.copies.resourceGroup, 'sdk-copy-rpc', 'copy-1', { expand: 'instanceView' });
    for (const v of done.instanceView?.diskRestorePoints ?? []) {
      assert.equal(v.replicationStatus?.completionPercent, 100);
      assert.equal(v.replicationStatus?.status?.code, 'ReplicationState/succeeded');
    }
  });

  it('restores a disk from a disk restore point and grants and revokes SAS access', async () => {
    const rg = dev.web02.resourceGroup;
    const drps = await collect(devClient.diskRestorePoint.listByRestorePoint(rg, dev.web02.collection, dev.web02.restorePoints[0]));
    const source = drps[0];
    const restore = devClient.disks.createOrUpdate(rg, 'restored-disk', { location: dev.web02.location, creationData: { createOption: 'Restore', sourceResourceId: source.id } }, { updateIntervalInMs: 10 });
    await restore.submitted();
    h.emulator.controls.clock.advance(10_000);
    const disk = await restore.pollUntilDone();
    assert.equal(disk.provisioningState, 'Succeeded');
    assert.equal(disk.creationData?.sourceResourceId, source.id);

    const grant = devClient.diskRestorePoint.grantAccess(rg, dev.web02.collection, dev.web02.restorePoints[0], source.name ?? '', { access: 'Read', durationInSeconds: 600 }, { updateIntervalInMs: 10 });
    await grant.submitted();
    h.emulator.controls.clock.advance(5_000);
    const access = await grant.pollUntilDone();
    assert.match(access.accessSAS ?? '', /^https:\/\/.+sig=/);
    const revoke = devClient.diskRestorePoint.revokeAccess(rg, dev.web02.collection, dev.web02.restorePoints[0], source.name ?? '', { updateIntervalInMs: 10 });
    await revoke.submitted();
    h.emulator.controls.clock.advance(5_000);
    await revoke.pollUntilDone();
  });

  it('retries a 429 with Retry-After and succeeds, as the SDK does against ARM', async () => {
    h.emulator.controls.injectFault({ pathPattern: '/restorePointCollections$', status: 429, retryAfterSeconds: 0, count: 1 });
    const list = await collect(devClient.restorePointCollections.list(dev.web01.resourceGroup));
    assert.ok(list.some((c) => c.name === dev.web01.collection));
    const calls = h.emulator.controls.requestLog.filter((r) => r.path.endsWith('/restorePointCollections'));
    assert.deepEqual(calls.map((c) => c.status), [429, 200]);
  });
});
