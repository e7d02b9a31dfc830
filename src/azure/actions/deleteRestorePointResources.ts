import type { ComputeManagementClient } from '@azure/arm-compute';
import { sdkOptions, untilDone, type LongRunningOptions, type SdkPoller } from './longRunning';
import type { CollectionRef, RestorePointRef } from './resourceRefs';

interface DeletableRefs {
  restorePoint: RestorePointRef;
  restorePointCollection: CollectionRef;
}

/**
 * Both deletes are long-running (202 with Azure-AsyncOperation and Location). Deleting a
 * collection also deletes every restore point in it ("Restore Point Collections - Delete").
 */
const deletions = {
  restorePoint: (client, ref, options) => client.restorePoints.delete(ref.resourceGroup, ref.collection, ref.name, options),
  restorePointCollection: (client, ref, options) => client.restorePointCollections.delete(ref.resourceGroup, ref.name, options),
} satisfies { [K in keyof DeletableRefs]: (client: ComputeManagementClient, ref: DeletableRefs[K], options: ReturnType<typeof sdkOptions>) => SdkPoller<void> };

function deleteResource<K extends keyof DeletableRefs>(kind: K, client: ComputeManagementClient, ref: DeletableRefs[K], options: LongRunningOptions): Promise<void> {
  // TypeScript does not correlate `kind` with the matching entry's parameter type by itself.
  const start = deletions[kind] as (client: ComputeManagementClient, ref: DeletableRefs[K], options: ReturnType<typeof sdkOptions>) => SdkPoller<void>;
  return untilDone(() => start(client, ref, sdkOptions(options)), options);
}

export const deleteRestorePoint = (client: ComputeManagementClient, ref: RestorePointRef, options: LongRunningOptions = {}): Promise<void> =>
  deleteResource('restorePoint', client, ref, options);

export const deleteRestorePointCollection = (client: ComputeManagementClient, ref: CollectionRef, options: LongRunningOptions = {}): Promise<void> =>
  deleteResource('restorePointCollection', client, ref, options);
