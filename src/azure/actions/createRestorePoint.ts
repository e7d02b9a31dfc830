import type { ComputeManagementClient, RestorePoint } from '@azure/arm-compute';
import { sdkOptions, untilDone, type LongRunningOptions } from './longRunning';
import type { CollectionRef } from './resourceRefs';

export interface NewRestorePoint {
  collection: CollectionRef;
  name: string;
  /**
   * Left out, ARM takes an application-consistent restore point on Windows and a file-system-
   * consistent one on Linux. The RestorePoint schema says of consistencyMode "For now, only
   * CrashConsistent is accepted as a valid input", so that is the only value this sends.
   */
  consistencyMode?: 'CrashConsistent';
  /** Managed disk ids of the VM to leave out. */
  excludeDiskIds?: readonly string[];
  /** Instant access snapshot retention for Premium SSD v2 and Ultra disks (api-version 2026-04-01 has it). */
  instantAccessDurationMinutes?: number;
}

/** The request body: only what the caller chose, so ARM applies its own defaults for the rest. */
export function restorePointBody(input: NewRestorePoint): RestorePoint {
  return {
    ...(input.consistencyMode ? { consistencyMode: input.consistencyMode } : {}),
    ...(input.excludeDiskIds?.length ? { excludeDisks: input.excludeDiskIds.map((id) => ({ id })) } : {}),
    ...(input.instantAccessDurationMinutes !== undefined ? { instantAccessDurationMinutes: input.instantAccessDurationMinutes } : {}),
  };
}

/** Creates a restore point of the collection's VM and waits for ARM's long-running operation. */
export function createRestorePoint(client: ComputeManagementClient, input: NewRestorePoint, options: LongRunningOptions = {}): Promise<RestorePoint> {
  const { resourceGroup, name: collection } = input.collection;
  return untilDone(() => client.restorePoints.create(resourceGroup, collection, input.name, restorePointBody(input), sdkOptions(options)), options);
}
