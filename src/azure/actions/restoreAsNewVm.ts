import type { DiskStorageAccountTypes, OperatingSystemTypes, RestorePoint, VirtualMachine } from '@azure/arm-compute';
import * as l10n from '@vscode/l10n';
import { diskKey, restorePointDisks, type RestorePointDisk } from './restoredDisks';
import type { RunRecord, StepRecord, StepSpec } from './runs/runRecord';

/** Where the new VM's network interface goes: a subnet that exists, or a new network with one subnet. */
export type NetworkChoice = { subnetId: string } | { newNetwork: { addressPrefix: string; subnetPrefix: string } };

export interface RestoreAsNewVmInput {
  tenantId: string;
  subscriptionId: string;
  resourceGroup: string;
  /** The group is new: the run creates it first, and it is the run's to delete. */
  newResourceGroup?: boolean;
  /** The restore point's region: disks restore only there, and the VM must be with its disks. */
  location: string;
  vmName: string;
  restorePoint: RestorePoint;
  network: NetworkChoice;
  publicIp: boolean;
  vmSize: string;
  /** The new disks' types, by diskKey; a disk not listed keeps its source's type. */
  diskSkus?: Record<string, DiskStorageAccountTypes | undefined>;
}

/** Every resource the action creates, by id, for the summary and for the steps. */
export interface NewVmResources {
  vmId: string;
  disks: { disk: RestorePointDisk; id: string }[];
  networkInterfaceId: string;
  publicIpAddressId?: string;
  virtualNetworkId?: string;
  subnetId: string;
}

const SUBNET_NAME = 'default';

/** Names follow the portal's for a new VM: `<vm>-nic`, `<vm>-ip`, `<vm>-vnet`, and the disks after the VM and their LUN. */
export function newVmResources(input: RestoreAsNewVmInput): NewVmResources {
  const group = `/subscriptions/${input.subscriptionId}/resourceGroups/${input.resourceGroup}/providers`;
  const virtualNetworkId = 'newNetwork' in input.network ? `${group}/Microsoft.Network/virtualNetworks/${input.vmName}-vnet` : undefined;
  return {
    vmId: `${group}/Microsoft.Compute/virtualMachines/${input.vmName}`,
    disks: restorePointDisks(input.restorePoint).map((disk) => ({ disk, id: `${group}/Microsoft.Compute/disks/${input.vmName}-${disk.lun === 'os' ? 'osdisk' : `datadisk-${disk.lun}`}` })),
    networkInterfaceId: `${group}/Microsoft.Network/networkInterfaces/${input.vmName}-nic`,
    publicIpAddressId: input.publicIp ? `${group}/Microsoft.Network/publicIPAddresses/${input.vmName}-ip` : undefined,
    virtualNetworkId,
    subnetId: virtualNetworkId ? `${virtualNetworkId}/subnets/${SUBNET_NAME}` : (input.network as { subnetId: string }).subnetId,
  };
}

const nameOf = (id: string): string => id.slice(id.lastIndexOf('/') + 1);
const step = (spec: StepSpec, title: string): StepRecord => ({ spec, title, status: 'pending' });

/**
 * The new VM's model: every disk attached as restored (`createOption: Attach`), the OS disk's type
 * and the source's security profile, so that a Trusted Launch VM comes back as one. The generation
 * is the OS disk's own (set when it is restored); a VM has no property of its own for it.
 */
export function newVmModel(input: RestoreAsNewVmInput, resources: NewVmResources): VirtualMachine {
  const source = input.restorePoint.sourceMetadata;
  const os = resources.disks.find((d) => d.disk.lun === 'os')!;
  const security = source?.securityProfile;
  return {
    location: input.location,
    hardwareProfile: { vmSize: input.vmSize },
    storageProfile: {
      osDisk: { osType: source?.storageProfile?.osDisk?.osType as OperatingSystemTypes | undefined, name: nameOf(os.id), createOption: 'Attach', caching: os.disk.caching, managedDisk: { id: os.id } },
      dataDisks: resources.disks
        .filter((d) => d.disk.lun !== 'os')
        .map((d) => ({ lun: d.disk.lun as number, name: nameOf(d.id), createOption: 'Attach' as const, caching: d.disk.caching, managedDisk: { id: d.id } })),
    },
    networkProfile: { networkInterfaces: [{ id: resources.networkInterfaceId, primary: true }] },
    ...(security?.securityType ? { securityProfile: { securityType: security.securityType, uefiSettings: security.uefiSettings } } : {}),
    ...(source?.diagnosticsProfile ? { diagnosticsProfile: source.diagnosticsProfile } : {}),
    ...(source?.licenseType ? { licenseType: source.licenseType } : {}),
  };
}

/**
 * The run that restores a restore point as a new VM: a new resource group if asked, the disks side by side, then the network
 * (a new network and the public IP, when asked), the network interface, and the VM attaching them.
 */
export function restoreAsNewVmRun(input: RestoreAsNewVmInput, runId: string, now: number): RunRecord {
  const r = newVmResources(input);
  const source = input.restorePoint.sourceMetadata;
  const osType = source?.storageProfile?.osDisk?.osType;
  const disks = r.disks.map(({ disk, id }) =>
    step(
      {
        kind: 'restoreDisk',
        diskId: id,
        diskRestorePointId: disk.diskRestorePointId,
        location: input.location,
        sku: input.diskSkus?.[diskKey(disk)] ?? disk.sku,
        ...(disk.lun === 'os'
          ? { osType, hyperVGeneration: source?.hyperVGeneration, securityType: source?.securityProfile?.securityType }
          : {}),
      },
      l10n.t("Restore disk '{0}' from '{1}'", nameOf(id), disk.name),
    ),
  );
  const network: StepRecord[] = [];
  if (r.virtualNetworkId && 'newNetwork' in input.network) {
    network.push(step({ kind: 'createVirtualNetwork', id: r.virtualNetworkId, location: input.location, ...input.network.newNetwork, subnetName: SUBNET_NAME }, l10n.t("Create virtual network '{0}' ({1})", nameOf(r.virtualNetworkId), input.network.newNetwork.addressPrefix)));
  }
  if (r.publicIpAddressId) network.push(step({ kind: 'createPublicIpAddress', id: r.publicIpAddressId, location: input.location }, l10n.t("Create public IP address '{0}'", nameOf(r.publicIpAddressId))));
  const nic = step(
    { kind: 'createNetworkInterface', id: r.networkInterfaceId, location: input.location, subnetId: r.subnetId, publicIpAddressId: r.publicIpAddressId },
    l10n.t("Create network interface '{0}'", nameOf(r.networkInterfaceId)),
  );
  const groupId = `/subscriptions/${input.subscriptionId}/resourceGroups/${input.resourceGroup}`;
  const group = input.newResourceGroup ? [{ steps: [step({ kind: 'createResourceGroup', id: groupId, location: input.location }, l10n.t("Create resource group '{0}' in {1}", input.resourceGroup, input.location))] }] : [];
  const vm = step({ kind: 'putVirtualMachine', vmId: r.vmId, vm: newVmModel(input, r), creates: true, attaches: r.disks.map((d) => d.id) }, l10n.t("Create virtual machine '{0}'", input.vmName));
  return {
    id: runId,
    kind: 'restoreAsNewVm',
    name: input.vmName,
    vmId: r.vmId,
    tenantId: input.tenantId,
    subscriptionId: input.subscriptionId,
    startedAt: now,
    state: 'running',
    // The network goes beside the disks: neither needs the other, and disks take longest.
    stages: [...group, { steps: [...disks, ...network] }, { steps: [nic] }, { steps: [vm] }],
  };
}
