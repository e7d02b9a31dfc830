/**
 * The VM sizes the emulator offers, with Azure's published figures (cores, memory in MB, data disks,
 * temporary disk in MB; 0 for sizes without one). Every region offers them all (our choice: the
 * tests need a list, not Azure's regional differences). The demo VMs' sizes are among them.
 */
export interface VmSize {
  name: string;
  numberOfCores: number;
  memoryInMB: number;
  maxDataDiskCount: number;
  resourceDiskSizeInMB: number;
}

export const VM_SIZES: readonly VmSize[] = [
  { name: 'Standard_B2s', numberOfCores: 2, memoryInMB: 4096, maxDataDiskCount: 4, resourceDiskSizeInMB: 8192 },
  { name: 'Standard_B2ms', numberOfCores: 2, memoryInMB: 8192, maxDataDiskCount: 4, resourceDiskSizeInMB: 16384 },
  { name: 'Standard_B4ms', numberOfCores: 4, memoryInMB: 16384, maxDataDiskCount: 8, resourceDiskSizeInMB: 32768 },
  { name: 'Standard_D2s_v3', numberOfCores: 2, memoryInMB: 8192, maxDataDiskCount: 4, resourceDiskSizeInMB: 16384 },
  { name: 'Standard_D4s_v3', numberOfCores: 4, memoryInMB: 16384, maxDataDiskCount: 8, resourceDiskSizeInMB: 32768 },
  { name: 'Standard_D8s_v3', numberOfCores: 8, memoryInMB: 32768, maxDataDiskCount: 16, resourceDiskSizeInMB: 65536 },
  { name: 'Standard_D2s_v5', numberOfCores: 2, memoryInMB: 8192, maxDataDiskCount: 4, resourceDiskSizeInMB: 0 },
  { name: 'Standard_D4s_v5', numberOfCores: 4, memoryInMB: 16384, maxDataDiskCount: 8, resourceDiskSizeInMB: 0 },
  { name: 'Standard_DC2as_v5', numberOfCores: 2, memoryInMB: 8192, maxDataDiskCount: 4, resourceDiskSizeInMB: 0 },
  { name: 'Standard_E4s_v3', numberOfCores: 4, memoryInMB: 32768, maxDataDiskCount: 8, resourceDiskSizeInMB: 65536 },
  { name: 'Standard_E8s_v3', numberOfCores: 8, memoryInMB: 65536, maxDataDiskCount: 16, resourceDiskSizeInMB: 131072 },
  { name: 'Standard_F4s_v2', numberOfCores: 4, memoryInMB: 8192, maxDataDiskCount: 8, resourceDiskSizeInMB: 32768 },
];

/** What every size allows for the OS disk: 1023 GiB in MB, as Azure lists it. */
export const OS_DISK_SIZE_IN_MB = 1047552;
