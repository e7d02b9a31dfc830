import type { RestorePoint, RestorePointCollection, RestorePointSourceVMDataDisk, RestorePointSourceVmosDisk, VirtualMachine } from '@azure/arm-compute';

/*
 * What a tree node keeps of the ARM model: what its label, hover, context value (menus) and the
 * actions started from it read, nothing more. The full JSON of a restore point carries its VM's whole
 * model (`sourceMetadata`); kept per tree item, 3,000 of them held tens of MB. View Properties reads
 * the full JSON from ARM when asked. The shapes stay the SDK's, so formatters and commands read them
 * as before.
 */

export function trimVm(vm: VirtualMachine): VirtualMachine {
  const osDisk = vm.storageProfile?.osDisk;
  const power = vm.instanceView?.statuses?.filter((s) => s.code?.toLowerCase().startsWith('powerstate/')).map((s) => ({ code: s.code }));
  return {
    id: vm.id,
    name: vm.name,
    location: vm.location,
    hardwareProfile: { vmSize: vm.hardwareProfile?.vmSize },
    storageProfile: osDisk ? { osDisk: { osType: osDisk.osType, createOption: osDisk.createOption } } : undefined,
    instanceView: power ? { statuses: power } : undefined,
  };
}

export function trimCollection(collection: RestorePointCollection): RestorePointCollection {
  const { id, name, location, source, provisioningState } = collection;
  return { id, name, location, provisioningState, source: source ? { id: source.id, location: source.location } : undefined };
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
