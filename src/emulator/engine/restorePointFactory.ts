import { randomUUID } from 'node:crypto';
import { diskRestorePointId, key, restorePointId } from './ids';
import type { ConsistencyMode, DiskRestorePoint, RestorePoint, RestorePointCollection, VirtualMachine, VmSnapshot } from './model';
import type { Store } from './store';

/** Deterministic ids when the demo builds data (`uuid` given), random ones at run time. */
export type UuidSource = () => string;

const nameOf = (id: string): string => id.slice(id.lastIndexOf('/') + 1);

export function snapshotVm(store: Store, vm: VirtualMachine): VmSnapshot {
  const sku = (id: string, fallback: VmSnapshot['osDisk']['sku']): VmSnapshot['osDisk']['sku'] => store.disks.get(key(id))?.sku ?? fallback;
  const size = (id: string, fallback: number): number => store.disks.get(key(id))?.sizeGB ?? fallback;
  return {
    vmId: vm.vmId,
    vmSize: vm.vmSize,
    osType: vm.osType,
    location: vm.location,
    computerName: vm.computerName,
    adminUsername: vm.adminUsername,
    hyperVGeneration: vm.hyperVGeneration,
    ...(vm.securityProfile ? { securityProfile: vm.securityProfile } : {}),
    fromImage: vm.imageReference !== undefined,
    osDisk: { name: nameOf(vm.osDisk.diskId), diskId: vm.osDisk.diskId, caching: vm.osDisk.caching, sizeGB: vm.osDisk.sizeGB, sku: sku(vm.osDisk.diskId, 'Standard_LRS') },
    dataDisks: vm.dataDisks.map((d) => ({
      lun: d.lun,
      name: nameOf(d.diskId),
      diskId: d.diskId,
      caching: d.caching,
      sizeGB: size(d.diskId, 128),
      sku: sku(d.diskId, 'Premium_LRS'),
      writeAcceleratorEnabled: d.writeAcceleratorEnabled ?? false,
    })),
  };
}

export interface VmRestorePointSpec {
  collection: RestorePointCollection;
  name: string;
  vm: VirtualMachine;
  consistencyMode: ConsistencyMode;
  excludeDiskIds: string[];
  timeCreated: number;
  readyAt: number;
  outcome: 'Succeeded' | 'Failed';
  instantAccessDurationMinutes?: number;
  uuid?: UuidSource;
}

export function buildVmRestorePoint(store: Store, spec: VmRestorePointSpec): RestorePoint {
  const uuid = spec.uuid ?? randomUUID;
  const id = restorePointId(spec.collection.id, spec.name);
  const snapshot = snapshotVm(store, spec.vm);
  const excluded = new Set(spec.excludeDiskIds.map(key));
  const disks = [
    { diskId: snapshot.osDisk.diskId, name: snapshot.osDisk.name, sku: snapshot.osDisk.sku, sizeGB: snapshot.osDisk.sizeGB, os: true },
    ...snapshot.dataDisks.map((d) => ({ diskId: d.diskId, name: d.name, sku: d.sku, sizeGB: d.sizeGB, os: false })),
  ].filter((d) => !excluded.has(key(d.diskId)));
  const diskRestorePoints: DiskRestorePoint[] = disks.map((d) => {
    const name = `${d.name}_${uuid()}`;
    const sourceDisk = store.disks.get(key(d.diskId));
    return {
      id: diskRestorePointId(id, name),
      name,
      sourceResourceId: d.diskId,
      sourceDiskId: d.diskId,
      sourceResourceLocation: spec.vm.location,
      sku: d.sku,
      sizeGB: d.sizeGB,
      ...(d.os ? { osType: spec.vm.osType, hyperVGeneration: spec.vm.hyperVGeneration } : {}),
      ...(d.os && sourceDisk?.securityType ? { securityType: sourceDisk.securityType } : {}),
      familyId: uuid(),
      sourceUniqueId: sourceDisk?.uniqueId ?? uuid(),
    };
  });
  return {
    id,
    collectionId: spec.collection.id,
    name: spec.name,
    vmArmId: spec.vm.id,
    timeCreated: spec.timeCreated,
    readyAt: spec.readyAt,
    outcome: spec.outcome,
    consistencyMode: spec.consistencyMode,
    excludeDiskIds: spec.excludeDiskIds,
    snapshot: { ...snapshot, dataDisks: snapshot.dataDisks.filter((d) => !excluded.has(key(d.diskId))) },
    instantAccessDurationMinutes: spec.instantAccessDurationMinutes,
    diskRestorePoints,
  };
}

export interface CopySpec {
  target: RestorePointCollection;
  name: string;
  source: RestorePoint;
  sourceLocation: string;
  timeCreated: number;
  readyAt: number;
  /** Replication of each disk starts when the copy exists and takes about this long. */
  replicationMs: number;
  failAtPercent?: number;
  uuid?: UuidSource;
}

/** A cross-region copy: same VM metadata, new disk restore points that replicate from the source's. */
export function buildCopy(spec: CopySpec): RestorePoint {
  const uuid = spec.uuid ?? randomUUID;
  const id = restorePointId(spec.target.id, spec.name);
  const diskRestorePoints: DiskRestorePoint[] = spec.source.diskRestorePoints.map((src, i) => {
    const name = `${nameOf(src.sourceDiskId)}_${uuid()}`;
    return {
      ...src,
      id: diskRestorePointId(id, name),
      name,
      sourceResourceId: src.id,
      sourceResourceLocation: spec.sourceLocation,
      familyId: uuid(),
      access: undefined,
      // Larger and later disks take a little longer, so the disks do not move in lockstep.
      replication: { startedAt: spec.readyAt, durationMs: Math.round(spec.replicationMs * (0.85 + 0.05 * (i % 4))), failAtPercent: spec.failAtPercent },
    };
  });
  return {
    id,
    collectionId: spec.target.id,
    name: spec.name,
    vmArmId: spec.source.vmArmId,
    timeCreated: spec.timeCreated,
    readyAt: spec.readyAt,
    outcome: 'Succeeded',
    consistencyMode: spec.source.consistencyMode,
    excludeDiskIds: [],
    snapshot: { ...spec.source.snapshot, location: spec.source.snapshot.location },
    sourceRestorePointId: spec.source.id,
    diskRestorePoints,
  };
}
