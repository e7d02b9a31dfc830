import { ArmError, conflict, invalidParameter } from '../http/errors';
import type { ConsistencyMode, Disk, RestorePoint, VirtualMachine } from '../engine/model';
import { restorePointState } from './restorePointState';

/*
 * Rules from the public documentation "Overview of VM restore points" (Limitations) and
 * "Support matrix for VM restore points":
 * - "A maximum of 500 VM restore points can be retained at any time for a VM, irrespective of
 *   the number of restore point collections" (copies in other regions are not the VM's own).
 * - "Concurrent creation of restore points for the same VM isn't supported."
 * - "Ultra Disks, Premium SSD v2 disks, Write-accelerated disks, Ephemeral OS disks, and shared
 *   disks aren't supported for crash consistency mode" and "Ephemeral OS disks, and shared disks
 *   aren't supported for application consistency mode" — the fix the docs give is to exclude them.
 * - Restore point APIs need api-version 2021-03-01 or later; crash consistency needs 2021-07-01.
 * The RestorePoint schema says of consistencyMode: "For now, only CrashConsistent is accepted as
 * a valid input"; leaving it out gives an application-consistent restore point (Windows) or a
 * file-system-consistent one (Linux), as the overview describes.
 */
export const MAX_RESTORE_POINTS_PER_VM = 500;
export const CRASH_CONSISTENCY_MIN_API_VERSION = '2021-07-01';

const MODES: ConsistencyMode[] = ['CrashConsistent', 'FileSystemConsistent', 'ApplicationConsistent'];

export function resolveConsistencyMode(requested: string | undefined, vm: VirtualMachine, apiVersion: string): ConsistencyMode {
  if (requested === undefined) return vm.osType === 'Windows' ? 'ApplicationConsistent' : 'FileSystemConsistent';
  const mode = MODES.find((m) => m.toLowerCase() === requested.toLowerCase());
  if (!mode) throw invalidParameter(`The value '${requested}' of property 'consistencyMode' is not valid. Allowed values are ${MODES.join(', ')}.`, 'properties.consistencyMode');
  if (mode !== 'CrashConsistent') {
    throw invalidParameter(`Only 'CrashConsistent' may be requested as consistencyMode. Leave consistencyMode out to create an application-consistent (Windows) or file-system-consistent (Linux) restore point.`, 'properties.consistencyMode');
  }
  if (apiVersion < CRASH_CONSISTENCY_MIN_API_VERSION) {
    throw invalidParameter(`Crash-consistent restore points need api-version ${CRASH_CONSISTENCY_MIN_API_VERSION} or later.`, 'properties.consistencyMode');
  }
  return mode;
}

export interface VmDiskInfo {
  id: string;
  name: string;
  role: 'OS disk' | 'data disk';
  disk?: Disk;
  ephemeral: boolean;
  writeAccelerated: boolean;
}

/** Why a disk cannot be in a restore point of this consistency mode, or undefined. */
function unsupportedReason(d: VmDiskInfo, mode: ConsistencyMode): string | undefined {
  if (d.ephemeral) return 'ephemeral OS disks are not supported in restore points';
  if ((d.disk?.maxShares ?? 1) > 1) return 'shared disks are not supported in restore points';
  if (mode === 'CrashConsistent') {
    if (d.disk?.sku === 'UltraSSD_LRS') return 'Ultra Disks are not supported for crash consistency';
    if (d.disk?.sku === 'PremiumV2_LRS') return 'Premium SSD v2 disks are not supported for crash consistency';
    if (d.writeAccelerated) return 'write-accelerated disks are not supported for crash consistency';
  }
  return undefined;
}

export function checkIncludedDisks(included: VmDiskInfo[], mode: ConsistencyMode): void {
  for (const d of included) {
    const reason = unsupportedReason(d, mode);
    if (reason) {
      throw invalidParameter(`The ${d.role} '${d.name}' cannot be included in a restore point: ${reason}. Exclude it with 'excludeDisks' and try again.`, 'properties.excludeDisks');
    }
  }
  if (included.length === 0) throw invalidParameter('All disks of the virtual machine are excluded; a restore point needs at least one disk.', 'properties.excludeDisks');
}

export function checkNoCreationInProgress(vm: VirtualMachine, existing: RestorePoint[], now: number): void {
  const busy = existing.find((rp) => restorePointState(rp, now) === 'Creating');
  if (busy) {
    throw conflict('OperationNotAllowed', `A restore point ('${busy.name}') is already being created for virtual machine '${vm.name}'. Concurrent creation of restore points for the same VM is not supported; retry when it has finished.`);
  }
}

export function checkLimit(vm: VirtualMachine, existing: RestorePoint[]): void {
  if (existing.length >= MAX_RESTORE_POINTS_PER_VM) {
    throw new ArmError(409, 'OperationNotAllowed', `Virtual machine '${vm.name}' already has ${existing.length} restore points; at most ${MAX_RESTORE_POINTS_PER_VM} can be retained for a VM. Delete older restore points first.`);
  }
}
