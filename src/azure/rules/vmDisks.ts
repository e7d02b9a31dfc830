import type { Disk, VirtualMachine } from '@azure/arm-compute';

/** What the rules need to know about one disk of a VM. */
export interface VmDisk {
  id: string;
  name: string;
  role: 'os' | 'data';
  lun?: number;
  /** Storage account type, e.g. Premium_LRS, PremiumV2_LRS, UltraSSD_LRS. */
  sku?: string;
  sizeGB?: number;
  /** Ephemeral OS disk: `diffDiskSettings.option` is Local. */
  ephemeral: boolean;
  /** More than 1 means a shared disk. */
  maxShares?: number;
  writeAccelerated: boolean;
}

const same = (a: string | undefined, b: string | undefined): boolean => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** The VM's disks from its model and its managed disks' resources (for SKU, size and maxShares). */
export function vmDisksOf(vm: VirtualMachine, managedDisks: readonly Disk[] = []): VmDisk[] {
  const storage = vm.storageProfile;
  const resource = (id: string | undefined): Disk | undefined => managedDisks.find((d) => same(d.id, id));
  const disks: VmDisk[] = [];
  const os = storage?.osDisk;
  if (os?.managedDisk?.id) {
    const r = resource(os.managedDisk.id);
    disks.push({
      id: os.managedDisk.id,
      name: os.name ?? r?.name ?? os.managedDisk.id,
      role: 'os',
      sku: r?.sku?.name ?? os.managedDisk.storageAccountType,
      sizeGB: r?.diskSizeGB ?? os.diskSizeGB,
      ephemeral: os.diffDiskSettings?.option?.toLowerCase() === 'local',
      maxShares: r?.maxShares,
      writeAccelerated: os.writeAcceleratorEnabled ?? false,
    });
  }
  for (const d of storage?.dataDisks ?? []) {
    if (!d.managedDisk?.id) continue;
    const r = resource(d.managedDisk.id);
    disks.push({
      id: d.managedDisk.id,
      name: d.name ?? r?.name ?? d.managedDisk.id,
      role: 'data',
      lun: d.lun,
      sku: r?.sku?.name ?? d.managedDisk.storageAccountType,
      sizeGB: r?.diskSizeGB ?? d.diskSizeGB,
      ephemeral: false,
      maxShares: r?.maxShares,
      writeAccelerated: d.writeAcceleratorEnabled ?? false,
    });
  }
  return disks;
}
