import type { ComputeManagementClient, DiskStorageAccountTypes, OperatingSystemTypes } from '@azure/arm-compute';
import { sdkOptions, untilDone, type LongRunningOptions } from './longRunning';

export interface DiskRestore {
  diskRestorePointId: string;
  resourceGroup: string;
  diskName: string;
  /** The disk restore point's region: DiskRP creates restored disks only there. */
  location: string;
  /** Left out, the disk takes the SKU of the disk it was taken from. */
  sku?: DiskStorageAccountTypes;
  tags?: Record<string, string>;
  /** For an OS disk a VM will boot from: the source VM's OS, generation and security type (Trusted Launch stays Trusted Launch). */
  osType?: string;
  hyperVGeneration?: string;
  securityType?: string;
}

/**
 * Creates a managed disk from a disk restore point ("Restore a VM with VM restore points":
 * `creationData.createOption: Restore` with `sourceResourceId` the disk restore point id) and
 * returns the new disk's id.
 */
export async function restoreDisk(client: ComputeManagementClient, input: DiskRestore, options: LongRunningOptions = {}): Promise<string> {
  const disk = await untilDone(
    () => client.disks.createOrUpdate(
      input.resourceGroup,
      input.diskName,
      {
        location: input.location,
        ...(input.sku ? { sku: { name: input.sku } } : {}),
        tags: input.tags,
        ...(input.osType ? { osType: input.osType as OperatingSystemTypes } : {}),
        ...(input.hyperVGeneration ? { hyperVGeneration: input.hyperVGeneration } : {}),
        ...(input.securityType ? { securityProfile: { securityType: input.securityType } } : {}),
        creationData: { createOption: 'Restore', sourceResourceId: input.diskRestorePointId },
      },
      sdkOptions(options),
    ),
    options,
  );
  if (!disk.id) throw new Error(`ARM created disk '${input.diskName}' but did not return its id.`);
  return disk.id;
}
