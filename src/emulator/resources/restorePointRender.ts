import type { DiskRestorePoint, RestorePoint, RestorePointCollection } from '../engine/model';
import { iso, osProfileOf, status } from './common';
import { replicationOf, restorePointState } from './restorePointState';

function replicationStatus(drp: DiskRestorePoint, now: number, state: string): Record<string, unknown> | undefined {
  const replication = replicationOf(drp, now);
  if (!replication) {
    // A restore point taken in its own region has nothing to copy: done once it exists.
    return state === 'Succeeded' ? { status: status('ReplicationState/succeeded', 'Succeeded'), completionPercent: 100 } : undefined;
  }
  const s = {
    Replicating: status('ReplicationState/replicating', 'Replicating'),
    Succeeded: status('ReplicationState/succeeded', 'Succeeded'),
    Failed: status('ReplicationState/failed', 'Failed', 'Error', undefined, 'Copying the disk restore point to the target region failed.'),
  }[replication.state];
  return { status: s, completionPercent: replication.completionPercent };
}

function instanceView(rp: RestorePoint, now: number, state: string): Record<string, unknown> {
  const disks = rp.diskRestorePoints.map((drp) => {
    const replication = replicationStatus(drp, now, state);
    const done = replication?.completionPercent === 100;
    return { id: drp.id, ...(replication ? { replicationStatus: replication } : {}), snapshotAccessState: done ? 'Available' : 'Pending' };
  });
  const statuses = [status(`ProvisioningState/${state.toLowerCase()}`, `Provisioning ${state.toLowerCase()}`, state === 'Failed' ? 'Error' : 'Info', rp.readyAt)];
  if (rp.sourceRestorePointId) {
    const states = rp.diskRestorePoints.map((d) => replicationOf(d, now)?.state ?? 'Succeeded');
    const overall = states.includes('Failed') ? 'failed' : states.includes('Replicating') ? 'replicating' : 'succeeded';
    statuses.push(status(`ReplicationState/${overall}`, overall[0].toUpperCase() + overall.slice(1), overall === 'failed' ? 'Error' : 'Info'));
  }
  return { diskRestorePoints: disks, statuses };
}

export function renderRestorePoint(rp: RestorePoint, collection: RestorePointCollection, now: number, withInstanceView: boolean): Record<string, unknown> {
  const state = restorePointState(rp, now, collection);
  const s = rp.snapshot;
  const drpId = (diskId: string): Record<string, unknown> => {
    const drp = rp.diskRestorePoints.find((d) => d.sourceDiskId.toLowerCase() === diskId.toLowerCase());
    return drp ? { diskRestorePoint: { id: drp.id, ...(rp.sourceRestorePointId ? { sourceDiskRestorePoint: { id: drp.sourceResourceId } } : {}) } } : {};
  };
  const included = (diskId: string): boolean => !rp.excludeDiskIds.some((x) => x.toLowerCase() === diskId.toLowerCase());
  const properties: Record<string, unknown> = {
    ...(rp.excludeDiskIds.length ? { excludeDisks: rp.excludeDiskIds.map((id) => ({ id })) } : {}),
    ...(rp.sourceRestorePointId ? { sourceRestorePoint: { id: rp.sourceRestorePointId } } : {}),
    sourceMetadata: {
      vmId: s.vmId,
      hardwareProfile: { vmSize: s.vmSize },
      storageProfile: {
        osDisk: {
          osType: s.osType,
          name: s.osDisk.name,
          caching: s.osDisk.caching,
          diskSizeGB: s.osDisk.sizeGB,
          managedDisk: { storageAccountType: s.osDisk.sku, id: s.osDisk.diskId },
          ...drpId(s.osDisk.diskId),
          writeAcceleratorEnabled: false,
        },
        dataDisks: s.dataDisks.filter((d) => included(d.diskId)).map((d) => ({
          lun: d.lun,
          name: d.name,
          caching: d.caching,
          diskSizeGB: d.sizeGB,
          managedDisk: { storageAccountType: d.sku, id: d.diskId },
          ...drpId(d.diskId),
          writeAcceleratorEnabled: d.writeAcceleratorEnabled,
        })),
        diskControllerType: 'SCSI',
      },
      ...(s.fromImage ? { osProfile: osProfileOf(s) } : {}),
      ...(s.securityProfile ? { securityProfile: s.securityProfile } : {}),
      diagnosticsProfile: { bootDiagnostics: { enabled: true } },
      location: s.location,
      hyperVGeneration: s.hyperVGeneration,
    },
    provisioningState: state,
    consistencyMode: rp.consistencyMode,
    timeCreated: iso(rp.timeCreated),
    ...(rp.instantAccessDurationMinutes !== undefined ? { instantAccessDurationMinutes: rp.instantAccessDurationMinutes } : {}),
  };
  if (withInstanceView) properties.instanceView = instanceView(rp, now, state);
  return { id: rp.id, name: rp.name, type: 'Microsoft.Compute/restorePointCollections/restorePoints', properties };
}
