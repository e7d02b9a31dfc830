import type { CachingTypes, DiskStorageAccountTypes, RestorePoint } from '@azure/arm-compute';
import { lastSegment } from '../ids';

/** A disk in a restore point, as its source metadata says: what restoring it needs. */
export interface RestorePointDisk {
  /** The LUN of a data disk; 'os' for the OS disk. */
  lun: number | 'os';
  /** The source disk's name and id. */
  name: string;
  sourceDiskId?: string;
  diskRestorePointId: string;
  sku?: DiskStorageAccountTypes;
  caching?: CachingTypes;
}

/**
 * The disks a restore point holds, the OS disk first, then the data disks by LUN. A disk without a
 * disk restore point (left out of the restore point) is not among them; see excludedDisksOf.
 */
export function restorePointDisks(rp: RestorePoint): RestorePointDisk[] {
  const storage = rp.sourceMetadata?.storageProfile;
  const os = storage?.osDisk;
  const disks: RestorePointDisk[] = [];
  if (os?.diskRestorePoint?.id) {
    disks.push({ lun: 'os', name: os.name ?? lastSegment(os.managedDisk?.id ?? ''), sourceDiskId: os.managedDisk?.id, diskRestorePointId: os.diskRestorePoint.id, sku: os.managedDisk?.storageAccountType, caching: os.caching });
  }
  for (const d of [...(storage?.dataDisks ?? [])].sort((a, b) => (a.lun ?? 0) - (b.lun ?? 0))) {
    if (!d.diskRestorePoint?.id) continue;
    disks.push({ lun: d.lun ?? 0, name: d.name ?? lastSegment(d.managedDisk?.id ?? ''), sourceDiskId: d.managedDisk?.id, diskRestorePointId: d.diskRestorePoint.id, sku: d.managedDisk?.storageAccountType, caching: d.caching });
  }
  return disks;
}

/** The names of the source VM's disks left out of the restore point: a VM restored from it has none of their data. */
export const excludedDisksOf = (rp: RestorePoint): string[] => (rp.excludeDisks ?? []).map((d) => lastSegment(d.id ?? ''));

/** A key per disk: 'os' or the data disk's LUN. */
export const diskKey = (disk: { lun: number | 'os' }): string => String(disk.lun);
