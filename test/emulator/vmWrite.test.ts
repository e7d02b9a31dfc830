import * as assert from 'node:assert/strict';
import type { ComputeManagementClient, VirtualMachine } from '@azure/arm-compute';
import type { NetworkManagementClient } from '@azure/arm-network';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { key } from '../../src/emulator/engine/ids';
import { useEmulator } from './harness';
import { computeClient, networkClient } from './sdkClients';

const dev = demoCatalog.devTest;
const rg: string = dev.web01.resourceGroup;
const sub = `/subscriptions/${dev.subscriptionId}`;
const poll = { updateIntervalInMs: 10 };
const vmId = (name: string): string => `${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;

const armError = (statusCode: number, code: string) => (e: { statusCode?: number; code?: string }): boolean => {
  assert.equal(e.statusCode, statusCode, `status of ${e.code}`);
  assert.equal(e.code, code);
  return true;
};

interface Restored {
  osDisk: string;
  osType: 'Windows' | 'Linux';
  dataDisks: Array<{ lun: number; id: string }>;
}

describe('VM create, update and delete by attaching disks, with the real SDK clients', function () {
  const h = useEmulator();
  let compute: ComputeManagementClient;
  let network: NetworkManagementClient;
  before(() => {
    compute = computeClient(h.emulator, dev.subscriptionId);
    network = networkClient(h.emulator, dev.subscriptionId);
  });

  /** Restores every disk of a web-01 restore point (a Trusted Launch VM), as restoring a VM begins. */
  async function restoreDisks(prefix: string, rp: string = dev.web01.restorePoints.succeeded[0]): Promise<Restored> {
    const point = await compute.restorePoints.get(rg, dev.web01.collection, rp);
    const storage = point.sourceMetadata?.storageProfile;
    const restore = async (name: string, source: string | undefined): Promise<string> => {
      const poller = compute.disks.createOrUpdate(rg, name, { location: 'eastus', creationData: { createOption: 'Restore', sourceResourceId: source } }, poll);
      await poller.submitted();
      return `${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/disks/${name}`;
    };
    const osDisk = await restore(`${prefix}-os`, storage?.osDisk?.diskRestorePoint?.id);
    const dataDisks = await Promise.all((storage?.dataDisks ?? []).map(async (d) => ({ lun: d.lun ?? 0, id: await restore(`${prefix}-lun${d.lun}`, d.diskRestorePoint?.id) })));
    h.emulator.controls.clock.advance(10_000);
    return { osDisk, osType: storage?.osDisk?.osType as 'Linux', dataDisks };
  }

  async function newNic(name: string, location = 'eastus'): Promise<string> {
    const vnetName = `${name}-vnet`;
    await network.virtualNetworks.createOrUpdate(rg, vnetName, { location, addressSpace: { addressPrefixes: ['10.200.0.0/16'] }, subnets: [{ name: 'default', addressPrefix: '10.200.0.0/24' }] }, poll).pollUntilDone();
    const nic = await network.networkInterfaces.createOrUpdate(rg, name, { location, ipConfigurations: [{ name: 'ipconfig1', subnet: { id: `${sub}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${vnetName}/subnets/default` } }] }, poll).pollUntilDone();
    return nic.id ?? '';
  }

  function definition(disks: Restored, nicId: string, extra: Partial<VirtualMachine> = {}): VirtualMachine {
    return {
      location: 'eastus',
      hardwareProfile: { vmSize: 'Standard_D2s_v3' },
      storageProfile: {
        osDisk: { createOption: 'Attach', osType: disks.osType, managedDisk: { id: disks.osDisk } },
        dataDisks: disks.dataDisks.map((d) => ({ lun: d.lun, createOption: 'Attach', managedDisk: { id: d.id } })),
      },
      networkProfile: { networkInterfaces: [{ id: nicId, primary: true }] },
      securityProfile: { securityType: 'TrustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
      ...extra,
    };
  }

  async function createVm(name: string, body: VirtualMachine): Promise<VirtualMachine> {
    const poller = compute.virtualMachines.createOrUpdate(rg, name, body, poll);
    await poller.submitted();
    h.emulator.controls.clock.advance(10_000);
    return poller.pollUntilDone();
  }

  const disk = (id: string) => compute.disks.get(rg, id.slice(id.lastIndexOf('/') + 1));
  const powerOf = async (name: string): Promise<string | undefined> => (await compute.virtualMachines.instanceView(rg, name)).statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code;

  it('creates a Trusted Launch VM from restored disks and a new NIC: 201 Creating, then running, disks Attached to it', async () => {
    const disks = await restoreDisks('new');
    const nicId = await newNic('new-nic');
    const poller = compute.virtualMachines.createOrUpdate(rg, 'web-01-restored', definition(disks, nicId), poll);
    await poller.submitted();
    const put = h.emulator.controls.requestLog.find((r) => r.method === 'PUT' && r.path.endsWith('/virtualMachines/web-01-restored'));
    assert.equal(put?.status, 201);
    assert.equal((await compute.virtualMachines.get(rg, 'web-01-restored')).provisioningState, 'Creating');
    assert.equal(await powerOf('web-01-restored'), 'PowerState/starting');
    h.emulator.controls.clock.advance(10_000);
    const vm = await poller.pollUntilDone();
    assert.equal(vm.provisioningState, 'Succeeded');
    assert.equal(vm.securityProfile?.securityType, 'TrustedLaunch');
    assert.equal(vm.storageProfile?.osDisk?.createOption, 'Attach');
    assert.equal(vm.storageProfile?.osDisk?.managedDisk?.id, disks.osDisk);
    assert.deepEqual(vm.storageProfile?.dataDisks?.map((d) => [d.lun, d.managedDisk?.id]), disks.dataDisks.map((d) => [d.lun, d.id]));
    assert.equal(vm.osProfile, undefined, 'a VM made from an attached disk has no osProfile');
    assert.equal(await powerOf('web-01-restored'), 'PowerState/running');
    const view = await compute.virtualMachines.instanceView(rg, 'web-01-restored');
    assert.equal(view.hyperVGeneration, 'V2', 'the generation comes from the disk');
    for (const id of [disks.osDisk, ...disks.dataDisks.map((d) => d.id)]) {
      const d = await disk(id);
      assert.equal(d.diskState, 'Attached');
      assert.equal(d.managedBy, vmId('web-01-restored'));
    }
    assert.equal((await network.networkInterfaces.get(rg, 'new-nic')).virtualMachine?.id, vmId('web-01-restored'));
  });

  it('refuses a disk attached to another VM (409 ConflictingUserInput), a Trusted Launch disk in a standard VM, duplicate LUNs, and changes nothing', async () => {
    const disks = await restoreDisks('bad');
    const nicId = await newNic('bad-nic');
    const web02 = await compute.virtualMachines.get(rg, dev.web02.vm);
    const before = JSON.stringify(h.emulator.controls.counts());
    const taken = { ...disks, dataDisks: [{ lun: 0, id: web02.storageProfile?.dataDisks?.[0].managedDisk?.id ?? '' }] };
    await assert.rejects(compute.virtualMachines.createOrUpdate(rg, 'bad-vm', definition(taken, nicId)).submitted(), armError(409, 'ConflictingUserInput'));
    await assert.rejects(compute.virtualMachines.createOrUpdate(rg, 'bad-vm', definition(disks, nicId, { securityProfile: undefined })).submitted(), armError(400, 'InvalidParameter'));
    const twice = { ...disks, dataDisks: [{ lun: 0, id: disks.dataDisks[0].id }, { lun: 0, id: disks.dataDisks[1].id }] };
    await assert.rejects(compute.virtualMachines.createOrUpdate(rg, 'bad-vm', definition(twice, nicId)).submitted(), armError(400, 'InvalidParameter'));
    assert.equal(JSON.stringify(h.emulator.controls.counts()), before);
    for (const id of [disks.osDisk, ...disks.dataDisks.map((d) => d.id)]) assert.equal((await disk(id)).diskState, 'Unattached');
    assert.equal((await network.networkInterfaces.get(rg, 'bad-nic')).virtualMachine, undefined);
  });

  it('refuses a Confidential VM whose OS disk is not a confidential disk, and a confidential disk in a Trusted Launch VM (400 InvalidParameter naming the disk), and changes nothing', async () => {
    const disks = await restoreDisks('cvm');
    const nicId = await newNic('cvm-nic');
    const confidential = { securityProfile: { securityType: 'ConfidentialVM' as const, uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } } };
    const plain = compute.disks.createOrUpdate(rg, 'cvm-plain-os', { location: 'eastus', osType: 'Linux', hyperVGeneration: 'V2', creationData: { createOption: 'Empty' }, diskSizeGB: 30 }, poll);
    await plain.submitted();
    const sealed = compute.disks.createOrUpdate(rg, 'cvm-sealed-os', {
      location: 'eastus', osType: 'Linux', hyperVGeneration: 'V2', creationData: { createOption: 'Empty' }, diskSizeGB: 30,
      securityProfile: { securityType: 'ConfidentialVM_DiskEncryptedWithPlatformKey' },
    }, poll);
    await sealed.submitted();
    const plainOs = `${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/disks/cvm-plain-os`;
    const sealedOs = `${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/disks/cvm-sealed-os`;
    const before = JSON.stringify(h.emulator.controls.counts());
    const naming = (name: string) => (e: { statusCode?: number; code?: string; message?: string }): boolean => {
      assert.match(e.message ?? '', new RegExp(`OS disk '${name}'`));
      return armError(400, 'InvalidParameter')(e);
    };
    await assert.rejects(compute.virtualMachines.createOrUpdate(rg, 'cvm-vm', definition({ ...disks, osDisk: plainOs, dataDisks: [] }, nicId, confidential)).submitted(), naming('cvm-plain-os'));
    // A disk restored from a Trusted Launch VM's restore point is no confidential disk either.
    await assert.rejects(compute.virtualMachines.createOrUpdate(rg, 'cvm-vm', definition(disks, nicId, confidential)).submitted(), naming('cvm-os'));
    await assert.rejects(compute.virtualMachines.createOrUpdate(rg, 'cvm-vm', definition({ ...disks, osDisk: sealedOs, dataDisks: [] }, nicId)).submitted(), naming('cvm-sealed-os'));
    assert.equal(JSON.stringify(h.emulator.controls.counts()), before);
    await assert.rejects(compute.virtualMachines.get(rg, 'cvm-vm'), armError(404, 'ResourceNotFound'));
    for (const id of [plainOs, sealedOs, disks.osDisk]) assert.equal((await disk(id)).diskState, 'Unattached');
    assert.equal((await network.networkInterfaces.get(rg, 'cvm-nic')).virtualMachine, undefined);

    const vm = await createVm('cvm-vm', definition({ ...disks, osDisk: sealedOs, dataDisks: [] }, nicId, confidential));
    assert.equal(vm.securityProfile?.securityType, 'ConfidentialVM');
    assert.equal((await disk(sealedOs)).securityProfile?.securityType, 'ConfidentialVM_DiskEncryptedWithPlatformKey');
  });

  it('refuses disks and NICs outside the VM\'s region, and a NIC another VM uses (NicInUse)', async () => {
    const disks = await restoreDisks('far');
    const westNic = await newNic('west-nic', 'westus');
    await assert.rejects(compute.virtualMachines.createOrUpdate(rg, 'far-vm', definition(disks, westNic)).submitted(), armError(400, 'InvalidParameter'));
    const usedNic = `${sub}/resourceGroups/${rg}/providers/Microsoft.Network/networkInterfaces/${dev.web02.vm}-nic`;
    await assert.rejects(compute.virtualMachines.createOrUpdate(rg, 'far-vm', definition(disks, usedNic)).submitted(), armError(400, 'NicInUse'));
    const westDisk = compute.disks.createOrUpdate(rg, 'west-empty', { location: 'westus', creationData: { createOption: 'Empty' }, diskSizeGB: 32 }, poll);
    await westDisk.submitted();
    const eastNic = await newNic('east-nic');
    const withWest = { ...disks, dataDisks: [{ lun: 5, id: `${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/disks/west-empty` }] };
    await assert.rejects(compute.virtualMachines.createOrUpdate(rg, 'far-vm', definition(withWest, eastNic)).submitted(), armError(400, 'InvalidParameter'));
    await assert.rejects(compute.virtualMachines.get(rg, 'far-vm'), armError(404, 'ResourceNotFound'));
  });

  it('swaps the OS disk only while the VM is deallocated; the old disk is Unattached, the new one Reserved, then Attached once started', async () => {
    const original = await restoreDisks('swap-a');
    const replacement = await restoreDisks('swap-b');
    const vm = await createVm('swap-vm', definition(original, await newNic('swap-nic')));
    const swapped = { ...vm, storageProfile: { ...vm.storageProfile, osDisk: { ...vm.storageProfile?.osDisk, managedDisk: { id: replacement.osDisk } } } } as VirtualMachine;
    await assert.rejects(compute.virtualMachines.createOrUpdate(rg, 'swap-vm', swapped).submitted(), armError(409, 'OperationNotAllowed'));
    assert.equal((await compute.virtualMachines.get(rg, 'swap-vm')).storageProfile?.osDisk?.managedDisk?.id, original.osDisk);

    const deallocate = await compute.virtualMachines.beginDeallocate(rg, 'swap-vm', poll);
    h.emulator.controls.clock.advance(10_000);
    await deallocate.pollUntilDone();
    assert.equal((await disk(original.osDisk)).diskState, 'Reserved', 'a deallocated VM\'s disks are Reserved');
    const update = compute.virtualMachines.createOrUpdate(rg, 'swap-vm', swapped, poll);
    await update.submitted();
    assert.equal(h.emulator.controls.requestLog.filter((r) => r.method === 'PUT' && r.path.endsWith('/virtualMachines/swap-vm')).at(-1)?.status, 200);
    h.emulator.controls.clock.advance(10_000);
    const after = await update.pollUntilDone();
    assert.equal(after.storageProfile?.osDisk?.managedDisk?.id, replacement.osDisk);
    const old = await disk(original.osDisk);
    assert.equal(old.diskState, 'Unattached');
    assert.equal(old.managedBy, undefined);
    assert.equal((await disk(replacement.osDisk)).diskState, 'Reserved');
    const start = await compute.virtualMachines.beginStart(rg, 'swap-vm', poll);
    h.emulator.controls.clock.advance(10_000);
    await start.pollUntilDone();
    assert.equal((await disk(replacement.osDisk)).diskState, 'Attached');

    // The disk that was swapped out is kept and labelled with what replaced it (Disks_Update, tags only).
    const oldName = original.osDisk.slice(original.osDisk.lastIndexOf('/') + 1);
    const tagged = await compute.disks.update(rg, oldName, { tags: { replacedBy: replacement.osDisk } }, poll).pollUntilDone();
    assert.deepEqual(tagged.tags, { replacedBy: replacement.osDisk });
    assert.deepEqual((await disk(original.osDisk)).tags, { replacedBy: replacement.osDisk });
    await assert.rejects(compute.disks.update(rg, oldName, { diskSizeGB: 4096 }, poll).pollUntilDone(), armError(400, 'InvalidParameter'));
  });

  it('detaches data disks (left out, or toBeDetached) and attaches others at the same LUNs on a running VM', async () => {
    const current = await restoreDisks('data-a');
    const restored = await restoreDisks('data-b');
    const vm = await createVm('data-vm', definition(current, await newNic('data-nic')));
    const [first, second] = vm.storageProfile?.dataDisks ?? [];
    const dataDisks = [
      { ...first, toBeDetached: true },
      { lun: first.lun, createOption: 'Attach' as const, managedDisk: { id: restored.dataDisks[0].id } },
    ];
    // The second disk is left out of the request altogether, which detaches it too.
    const next = { ...vm, storageProfile: { ...vm.storageProfile, dataDisks } } as VirtualMachine;
    await assert.rejects(compute.virtualMachines.createOrUpdate(rg, 'data-vm', { ...next, storageProfile: { ...next.storageProfile, dataDisks: [...dataDisks, { lun: first.lun, createOption: 'Attach', managedDisk: { id: restored.dataDisks[1].id } }] } }).submitted(), armError(400, 'InvalidParameter'));
    const update = compute.virtualMachines.createOrUpdate(rg, 'data-vm', next, poll);
    await update.submitted();
    h.emulator.controls.clock.advance(10_000);
    const after = await update.pollUntilDone();
    assert.deepEqual(after.storageProfile?.dataDisks?.map((d) => [d.lun, d.managedDisk?.id]), [[first.lun, restored.dataDisks[0].id]]);
    assert.equal((await disk(first.managedDisk?.id ?? '')).diskState, 'Unattached');
    assert.equal((await disk(second.managedDisk?.id ?? '')).diskState, 'Unattached');
    assert.equal((await disk(restored.dataDisks[0].id)).managedBy, vmId('data-vm'));
  });

  it('deletes a VM as a long-running operation: Deleting, then gone, its disks Unattached and its NIC free to delete', async () => {
    const disks = await restoreDisks('gone');
    await createVm('gone-vm', definition(disks, await newNic('gone-nic')));
    const deleting = compute.virtualMachines.delete(rg, 'gone-vm', poll);
    await deleting.submitted();
    assert.equal(h.emulator.controls.requestLog.filter((r) => r.method === 'DELETE').at(-1)?.status, 202);
    assert.equal((await compute.virtualMachines.get(rg, 'gone-vm')).provisioningState, 'Deleting');
    assert.equal((await disk(disks.osDisk)).diskState, 'Attached', 'the disks stay attached until the deletion ends');
    const osDiskName = disks.osDisk.slice(disks.osDisk.lastIndexOf('/') + 1);
    await assert.rejects(compute.disks.delete(rg, osDiskName, poll).submitted(), armError(409, 'OperationNotAllowed'));
    h.emulator.controls.clock.advance(10_000);
    await deleting.pollUntilDone();
    await assert.rejects(compute.virtualMachines.get(rg, 'gone-vm'), armError(404, 'ResourceNotFound'));
    for (const id of [disks.osDisk, ...disks.dataDisks.map((d) => d.id)]) assert.equal((await disk(id)).diskState, 'Unattached');
    await network.networkInterfaces.delete(rg, 'gone-nic', poll).pollUntilDone();
    const diskDeletion = compute.disks.delete(rg, osDiskName, poll);
    await diskDeletion.submitted();
    await assert.rejects(compute.virtualMachines.createOrUpdate(rg, 'late-vm', definition(disks, await newNic('late-nic'))).submitted(), armError(409, 'OperationNotAllowed'));
    h.emulator.controls.clock.advance(10_000);
    await diskDeletion.pollUntilDone();
    assert.equal(h.emulator.controls.store.networkInterfaces.has(key(`${sub}/resourceGroups/${rg}/providers/Microsoft.Network/networkInterfaces/gone-nic`)), false);
  });

  it('keeps the demo VMs updatable: a PUT of what GET returned (tags changed) is accepted', async () => {
    const vm = await compute.virtualMachines.get(rg, dev.web02.vm);
    const update = compute.virtualMachines.createOrUpdate(rg, dev.web02.vm, { ...vm, tags: { restored: 'no' } }, poll);
    await update.submitted();
    h.emulator.controls.clock.advance(10_000);
    assert.deepEqual((await update.pollUntilDone()).tags, { restored: 'no' });
    const patch = compute.virtualMachines.update(rg, dev.web02.vm, { tags: { patched: 'yes' } }, poll);
    await patch.submitted();
    h.emulator.controls.clock.advance(10_000);
    const patched = await patch.pollUntilDone();
    assert.deepEqual(patched.tags, { patched: 'yes' });
    assert.equal(patched.storageProfile?.dataDisks?.length, dev.web02.dataDisks, 'a PATCH keeps what it does not name');
    assert.equal(h.emulator.controls.requestLog.filter((r) => r.method === 'PATCH').at(-1)?.status, 200);
  });

  it('ends a creation a test asked to fail as AllocationFailed: the VM stays, Failed, holding its disks until it is deleted', async () => {
    const disks = await restoreDisks('fail');
    const nicId = await newNic('fail-nic');
    h.emulator.controls.failNext('vmCreation');
    const poller = compute.virtualMachines.createOrUpdate(rg, 'fail-vm', definition(disks, nicId), poll);
    await poller.submitted();
    h.emulator.controls.clock.advance(10_000);
    await assert.rejects(poller.pollUntilDone(), /Allocation failed/);
    const vm = await compute.virtualMachines.get(rg, 'fail-vm', { expand: 'instanceView' });
    assert.equal(vm.provisioningState, 'Failed');
    assert.ok(vm.instanceView?.statuses?.some((s) => s.code === 'ProvisioningState/failed/AllocationFailed'));
    assert.equal((await disk(disks.osDisk)).managedBy, vmId('fail-vm'));
    const deleting = compute.virtualMachines.delete(rg, 'fail-vm', poll);
    await deleting.submitted();
    h.emulator.controls.clock.advance(10_000);
    await deleting.pollUntilDone();
    assert.equal((await disk(disks.osDisk)).diskState, 'Unattached');
  });
});
