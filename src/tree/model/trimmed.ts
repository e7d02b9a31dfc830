import type { DiskCreateOptionTypes, OperatingSystemTypes, OSDisk, RestorePoint, RestorePointCollection, RestorePointSourceVMDataDisk, RestorePointSourceVmosDisk, VirtualMachine } from '@azure/arm-compute';
import { StringPool } from '../../azure/stringPool';

/*
 * What a tree node keeps of the ARM model: what its label, hover, context value (menus) and the
 * actions started from it read, nothing more. The full JSON of a restore point carries its VM's whole
 * model (`sourceMetadata`); kept per tree item, 3,000 of them held tens of MB. View Properties reads
 * the full JSON from ARM when asked. The shapes stay the SDK's, so formatters and commands read them
 * as before; a VM's is made from its flat summary when asked.
 */

/**
 * Words that repeat across thousands of VMs and collections (regions, sizes, OS types, states, the
 * descriptions and context values made of them): each parsed response or item has its own copy of
 * every one; the tree keeps one. Bounded, in case a tenant has more distinct words than any real
 * one: past the bound, a word is kept as it came.
 */
const words = new StringPool(10_000);

export const shared = <T extends string | undefined>(word: T): T => words.share(word);

/**
 * A VM as its tree item keeps it, one flat object: its label, description, icon, hover and menus
 * read these, and its commands its id. At 20,000 VMs the SDK's nested shape cost about 10 MB more.
 */
export interface VmSummary {
  readonly id: string;
  readonly name?: string;
  readonly location: string;
  readonly vmSize?: string;
  readonly osType?: OperatingSystemTypes;
  /** The OS disk's, as listed: a VM without an OS disk in its model has neither this nor osType. */
  readonly createOption?: DiskCreateOptionTypes;
  /** The instance view's `PowerState/<state>` status code. */
  readonly powerCode?: string;
}

export function summarizeVm(vm: VirtualMachine): VmSummary {
  const power = vm.instanceView?.statuses?.find((s) => s.code?.toLowerCase().startsWith('powerstate/'))?.code;
  const osDisk = vm.storageProfile?.osDisk;
  return {
    id: vm.id ?? '',
    name: vm.name,
    location: shared(vm.location),
    vmSize: shared(vm.hardwareProfile?.vmSize),
    osType: shared(osDisk?.osType),
    createOption: shared(osDisk?.createOption),
    powerCode: shared(power),
  };
}

/** The summary in the SDK's shape, made when asked (the formatters and commands read that shape). */
export function vmModel(vm: VmSummary): VirtualMachine {
  return {
    id: vm.id,
    name: vm.name,
    location: vm.location,
    hardwareProfile: { vmSize: vm.vmSize },
    storageProfile: vm.osType || vm.createOption ? { osDisk: { osType: vm.osType, createOption: vm.createOption } as OSDisk } : undefined,
    instanceView: vm.powerCode ? { statuses: [{ code: vm.powerCode }] } : undefined,
  };
}

export function trimCollection(collection: RestorePointCollection): RestorePointCollection {
  const { id, name, location, source, provisioningState } = collection;
  return { id, name, location: shared(location), provisioningState: shared(provisioningState), source: source ? { id: source.id, location: shared(source.location) } : undefined };
}

/** A disk as the restore point's metadata names it: what the disk rows show. */
function trimDisk<D extends RestorePointSourceVmosDisk | RestorePointSourceVMDataDisk>(disk: D): D {
  const managed = disk.managedDisk;
  const encryptionSet = managed?.diskEncryptionSet?.id;
  const securitySet = managed?.securityProfile?.diskEncryptionSet?.id;
  return {
    name: disk.name,
    diskSizeGB: disk.diskSizeGB,
    ...('lun' in disk ? { lun: disk.lun } : {}),
    managedDisk: encryptionSet || securitySet ? { diskEncryptionSet: encryptionSet ? { id: encryptionSet } : undefined, securityProfile: securitySet ? { diskEncryptionSet: { id: securitySet } } : undefined } : undefined,
    diskRestorePoint: disk.diskRestorePoint ? { id: disk.diskRestorePoint.id, encryption: disk.diskRestorePoint.encryption?.type ? { type: disk.diskRestorePoint.encryption.type } : undefined } : undefined,
  } as D;
}

export function trimRestorePoint(rp: RestorePoint): RestorePoint {
  const storage = rp.sourceMetadata?.storageProfile;
  return {
    id: rp.id,
    name: rp.name,
    provisioningState: rp.provisioningState,
    timeCreated: rp.timeCreated,
    consistencyMode: rp.consistencyMode,
    excludeDisks: rp.excludeDisks?.map((d) => ({ id: d.id })),
    sourceRestorePoint: rp.sourceRestorePoint?.id ? { id: rp.sourceRestorePoint.id } : undefined,
    sourceMetadata: storage ? { storageProfile: { osDisk: storage.osDisk && trimDisk(storage.osDisk), dataDisks: storage.dataDisks?.map(trimDisk) } } : undefined,
  };
}

/** A copy's instance view as the hover shows it: each disk's replication percentage. */
export function trimReplicationView(rp: RestorePoint): RestorePoint {
  return { instanceView: { diskRestorePoints: rp.instanceView?.diskRestorePoints?.map((d) => ({ replicationStatus: { completionPercent: d.replicationStatus?.completionPercent } })) } };
}
