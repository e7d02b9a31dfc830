import * as assert from 'node:assert/strict';
import type { Disk, RestorePoint, VirtualMachine } from '@azure/arm-compute';
import { restoreAsNewVmRun } from '../../../src/azure/actions/restoreAsNewVm';
import { vmSecurityProblem } from '../../../src/azure/actions/vmSecurity';
import { KEPT_DISK_TAGS, keptDisksOf, revertVmRun, undoRevertRun } from '../../../src/azure/actions/revertVm';
import { allSteps, type StepSpec } from '../../../src/azure/actions/runs/runRecord';

const SUB = '00000000-0000-0000-0000-000000000001';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-web`;
const disk = (name: string): string => `${RG}/providers/Microsoft.Compute/disks/${name}`;
const RPC = `${RG}/providers/Microsoft.Compute/restorePointCollections/web-rpc`;
const drp = (name: string): string => `${RPC}/restorePoints/rp-1/diskRestorePoints/${name}`;

/** A restore point of a Trusted Launch Linux VM with two data disks, LUN 2 left out of it. */
const restorePoint: RestorePoint = {
  id: `${RPC}/restorePoints/rp-1`,
  name: 'rp-1',
  excludeDisks: [{ id: disk('web-data-2') }],
  sourceMetadata: {
    hardwareProfile: { vmSize: 'Standard_D2s_v5' },
    hyperVGeneration: 'V2',
    securityProfile: { securityType: 'TrustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
    storageProfile: {
      osDisk: { osType: 'Linux', name: 'web-os', managedDisk: { id: disk('web-os'), storageAccountType: 'Premium_LRS' }, diskRestorePoint: { id: drp('web-os') } },
      dataDisks: [{ lun: 0, name: 'web-data-0', managedDisk: { id: disk('web-data-0'), storageAccountType: 'StandardSSD_LRS' }, diskRestorePoint: { id: drp('web-data-0') } }],
    },
  },
} as RestorePoint;

const specs = (steps: { spec: StepSpec }[]): StepSpec[] => steps.map((s) => s.spec);

describe('plans of the VM actions', () => {
  describe('Restore as New VM', () => {
    const base = { tenantId: 't', subscriptionId: SUB, resourceGroup: 'rg-new', location: 'eastus', vmName: 'web-back', restorePoint, publicIp: false, vmSize: 'Standard_D2s_v5' };

    it('restores the disks beside a new network, then the NIC, then the VM attaching every disk at its LUN, Trusted Launch kept', () => {
      const run = restoreAsNewVmRun({ ...base, network: { newNetwork: { addressPrefix: '10.3.0.0/16', subnetPrefix: '10.3.0.0/24' } }, diskSkus: { '0': 'Premium_LRS' } }, 'r', 0);
      assert.deepEqual(run.stages.map((s) => s.steps.map((x) => x.spec.kind)), [['restoreDisk', 'restoreDisk', 'createVirtualNetwork'], ['createNetworkInterface'], ['putVirtualMachine']]);
      const [os, data, vnet] = specs(run.stages[0].steps);
      const group = `/subscriptions/${SUB}/resourceGroups/rg-new/providers`;
      assert.deepEqual(os, { kind: 'restoreDisk', diskId: `${group}/Microsoft.Compute/disks/web-back-osdisk`, diskRestorePointId: drp('web-os'), location: 'eastus', sku: 'Premium_LRS', osType: 'Linux', hyperVGeneration: 'V2', securityType: 'TrustedLaunch' });
      assert.deepEqual(data, { kind: 'restoreDisk', diskId: `${group}/Microsoft.Compute/disks/web-back-datadisk-0`, diskRestorePointId: drp('web-data-0'), location: 'eastus', sku: 'Premium_LRS' });
      assert.deepEqual(vnet, { kind: 'createVirtualNetwork', id: `${group}/Microsoft.Network/virtualNetworks/web-back-vnet`, location: 'eastus', addressPrefix: '10.3.0.0/16', subnetPrefix: '10.3.0.0/24', subnetName: 'default' });
      const [nic] = specs(run.stages[1].steps);
      assert.equal(nic.kind === 'createNetworkInterface' && nic.subnetId, `${group}/Microsoft.Network/virtualNetworks/web-back-vnet/subnets/default`);
      const [vm] = specs(run.stages[2].steps);
      assert.ok(vm.kind === 'putVirtualMachine');
      assert.deepEqual(vm.vm.securityProfile, { securityType: 'TrustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } });
      assert.deepEqual(vm.vm.storageProfile?.osDisk, { osType: 'Linux', name: 'web-back-osdisk', createOption: 'Attach', caching: undefined, managedDisk: { id: `${group}/Microsoft.Compute/disks/web-back-osdisk` } });
      assert.deepEqual(vm.vm.storageProfile?.dataDisks?.map((d) => [d.lun, d.createOption, d.managedDisk?.id]), [[0, 'Attach', `${group}/Microsoft.Compute/disks/web-back-datadisk-0`]]);
      assert.deepEqual(vm.vm.networkProfile?.networkInterfaces, [{ id: `${group}/Microsoft.Network/networkInterfaces/web-back-nic`, primary: true }]);
      assert.equal(vm.vm.hardwareProfile?.vmSize, 'Standard_D2s_v5');
    });

    it('creates a new resource group first, in the restore point\'s region, before anything goes in it', () => {
      const run = restoreAsNewVmRun({ ...base, newResourceGroup: true, network: { newNetwork: { addressPrefix: '10.3.0.0/16', subnetPrefix: '10.3.0.0/24' } } }, 'r', 0);
      assert.deepEqual(specs(run.stages[0].steps), [{ kind: 'createResourceGroup', id: `/subscriptions/${SUB}/resourceGroups/rg-new`, location: 'eastus' }]);
      assert.deepEqual(run.stages.slice(1).map((s) => s.steps.map((x) => x.spec.kind)), [['restoreDisk', 'restoreDisk', 'createVirtualNetwork'], ['createNetworkInterface'], ['putVirtualMachine']]);
    });

    it('refuses a Confidential VM\'s restore point with the reason, and nothing else', () => {
      assert.equal(vmSecurityProblem(restorePoint), undefined, 'Trusted Launch is restored');
      const confidential = { ...restorePoint, sourceMetadata: { ...restorePoint.sourceMetadata, securityProfile: { securityType: 'ConfidentialVM' } } } as RestorePoint;
      assert.match(vmSecurityProblem(confidential) ?? '', /^Restore point 'rp-1' is of a Confidential VM: /);
    });

    it('uses an existing subnet, adds a public IP only when asked, and restores no disk left out of the restore point', () => {
      const subnetId = `${RG}/providers/Microsoft.Network/virtualNetworks/shared/subnets/apps`;
      const run = restoreAsNewVmRun({ ...base, network: { subnetId }, publicIp: true }, 'r', 0);
      const all = specs(allSteps(run));
      assert.deepEqual(all.map((s) => s.kind), ['restoreDisk', 'restoreDisk', 'createPublicIpAddress', 'createNetworkInterface', 'putVirtualMachine']);
      assert.ok(!all.some((s) => s.kind === 'restoreDisk' && s.diskRestorePointId.includes('web-data-2')));
      const nic = all.find((s) => s.kind === 'createNetworkInterface');
      assert.ok(nic?.kind === 'createNetworkInterface');
      assert.equal(nic.subnetId, subnetId);
      assert.match(nic.publicIpAddressId ?? '', /publicIPAddresses\/web-back-ip$/);
    });
  });

  describe('Revert and Undo Revert', () => {
    const vm: VirtualMachine = {
      id: `${RG}/providers/Microsoft.Compute/virtualMachines/web`,
      name: 'web',
      location: 'eastus',
      provisioningState: 'Succeeded',
      storageProfile: {
        imageReference: { publisher: 'Canonical' },
        osDisk: { osType: 'Linux', name: 'web-os', createOption: 'FromImage', managedDisk: { id: disk('web-os') } },
        dataDisks: [
          { lun: 0, name: 'web-data-0', createOption: 'Attach', managedDisk: { id: disk('web-data-0') } },
          { lun: 2, name: 'web-data-2', createOption: 'Attach', managedDisk: { id: disk('web-data-2') } },
        ],
      },
    } as VirtualMachine;

    it('restores every disk, deallocates, swaps OS and data disks at the same LUNs, tags the kept disks before anything changes on the VM and starts a running VM again', () => {
      const { run, swaps } = revertVmRun({ tenantId: 't', subscriptionId: SUB, vm, restorePoint, running: true, deallocated: false, stamp: '202611291100' }, 'r', 0);
      assert.deepEqual(run.stages.map((s) => s.steps.map((x) => x.spec.kind)), [['restoreDisk', 'restoreDisk'], ['tagDisk', 'tagDisk'], ['deallocateVirtualMachine'], ['putVirtualMachine'], ['startVirtualMachine']]);
      assert.deepEqual(swaps.map((s) => [s.slot, s.currentDiskId, s.newDiskId]), [
        ['os', disk('web-os'), disk('web-os-r202611291100')],
        ['0', disk('web-data-0'), disk('web-data-0-r202611291100')],
      ]);
      const [put] = specs(run.stages[3].steps);
      assert.ok(put.kind === 'putVirtualMachine' && !put.creates);
      assert.deepEqual(put.vm.storageProfile?.osDisk?.managedDisk, { id: disk('web-os-r202611291100') });
      assert.equal(put.vm.storageProfile?.imageReference, undefined);
      // The disk left out of the restore point stays where it is.
      assert.deepEqual(put.vm.storageProfile?.dataDisks?.map((d) => [d.lun, d.managedDisk?.id]), [[0, disk('web-data-0-r202611291100')], [2, disk('web-data-2')]]);
      assert.equal((put.vm as { provisioningState?: string }).provisioningState, undefined);
      const [tagOs] = specs(run.stages[1].steps);
      const [restoreOs, restoreData] = specs(run.stages[0].steps);
      assert.deepEqual([restoreOs, restoreData].map((r) => r.kind === 'restoreDisk' && [r.osType, r.hyperVGeneration, r.securityType]), [['Linux', 'V2', 'TrustedLaunch'], [undefined, undefined, undefined]], "the OS disk is restored as the source's: a Trusted Launch VM boots from it again");
      assert.deepEqual(tagOs, { kind: 'tagDisk', diskId: disk('web-os'), tags: { [KEPT_DISK_TAGS.vm]: vm.id, [KEPT_DISK_TAGS.slot]: 'os', [KEPT_DISK_TAGS.replacedBy]: 'web-os-r202611291100', [KEPT_DISK_TAGS.restorePoint]: 'rp-1' } });
    });

    it('never names a restored disk after one the group has: a second revert in the same minute gets its own disks', () => {
      const first = revertVmRun({ tenantId: 't', subscriptionId: SUB, vm, restorePoint, running: true, deallocated: false, stamp: '202611291100' }, 'r1', 0);
      const groupDisks: Disk[] = first.swaps.map((s) => ({ id: s.newDiskId, name: s.newDiskId.split('/').pop(), location: 'eastus' }));
      const second = revertVmRun({ tenantId: 't', subscriptionId: SUB, vm, restorePoint, running: true, deallocated: false, stamp: '202611291100', groupDisks }, 'r2', 0);
      assert.deepEqual(second.swaps.map((s) => s.newDiskId), [disk('web-os-r202611291100-2'), disk('web-data-0-r202611291100-2')]);
      const restored = second.run.stages[0].steps.map((x) => (x.spec.kind === 'restoreDisk' ? x.spec.diskId : ''));
      for (const taken of first.swaps.map((s) => s.newDiskId)) assert.ok(!restored.includes(taken), `${taken} is not restored over`);
    });

    it('asks no deallocation of a VM already deallocated and starts only one that was running', () => {
      const { run } = revertVmRun({ tenantId: 't', subscriptionId: SUB, vm, restorePoint, running: false, deallocated: true, stamp: 's' }, 'r', 0);
      assert.deepEqual(run.stages.map((s) => s.steps[0].spec.kind), ['restoreDisk', 'tagDisk', 'putVirtualMachine']);
    });

    it('Undo Revert after two reverts puts back the disk the last one replaced, found by its replacedBy tag', () => {
      const tagged = (name: string, replacedBy: string): Disk => ({ id: disk(name), name, location: 'eastus', tags: { [KEPT_DISK_TAGS.vm]: vm.id!, [KEPT_DISK_TAGS.slot]: 'os', [KEPT_DISK_TAGS.replacedBy]: replacedBy } });
      const twice = { ...vm, storageProfile: { ...vm.storageProfile, osDisk: { ...vm.storageProfile!.osDisk!, managedDisk: { id: disk('web-os-rX-rY') } } } } as VirtualMachine;
      const kept = [tagged('web-os', 'web-os-rX'), tagged('web-os-rX', 'web-os-rX-rY'), tagged('web-os-stale', 'web-os-never-attached')];
      assert.deepEqual(keptDisksOf(twice, kept).map((d) => d.name), ['web-os-rX']);
      const { swaps } = undoRevertRun({ tenantId: 't', subscriptionId: SUB, vm: twice, running: false, deallocated: true, kept: keptDisksOf(twice, kept) }, 'r', 0);
      assert.deepEqual(swaps, [{ slot: 'os', currentDiskId: disk('web-os-rX-rY'), newDiskId: disk('web-os-rX') }]);
    });

    it('Undo Revert puts the kept disks back in their slots and removes only their revert tags', () => {
      const reverted = { ...vm, storageProfile: { ...vm.storageProfile, osDisk: { ...vm.storageProfile!.osDisk!, managedDisk: { id: disk('web-os-rX') } } } } as VirtualMachine;
      const kept: Disk[] = [
        { id: disk('web-os'), name: 'web-os', location: 'eastus', tags: { owner: 'ops', [KEPT_DISK_TAGS.vm]: vm.id!, [KEPT_DISK_TAGS.slot]: 'os', [KEPT_DISK_TAGS.replacedBy]: 'web-os-rX', [KEPT_DISK_TAGS.restorePoint]: 'rp-1' } },
        { id: disk('other'), name: 'other', location: 'eastus', tags: { [KEPT_DISK_TAGS.vm]: `${RG}/providers/Microsoft.Compute/virtualMachines/another`, [KEPT_DISK_TAGS.slot]: 'os' } },
      ];
      const mine = keptDisksOf({ ...reverted, id: vm.id!.toUpperCase() }, kept);
      assert.deepEqual(mine.map((d) => d.name), ['web-os']);
      const { run, swaps } = undoRevertRun({ tenantId: 't', subscriptionId: SUB, vm: reverted, running: true, deallocated: false, kept: mine }, 'r', 0);
      assert.deepEqual(swaps, [{ slot: 'os', currentDiskId: disk('web-os-rX'), newDiskId: disk('web-os') }]);
      assert.deepEqual(specs(allSteps(run)).map((s) => s.kind), ['deallocateVirtualMachine', 'putVirtualMachine', 'tagDisk', 'startVirtualMachine']);
      const tag = specs(allSteps(run))[2];
      assert.deepEqual(tag, { kind: 'tagDisk', diskId: disk('web-os'), tags: { owner: 'ops' } });
    });
  });
});
