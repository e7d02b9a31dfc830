import type { ComputeManagementClient, RestorePoint } from '@azure/arm-compute';
import { sdkOptions, untilDone, type LongRunningOptions } from './longRunning';
import type { CollectionRef } from './resourceRefs';

export interface RestorePointCopy {
  /** A collection in the target region whose source is the source restore point's collection. */
  targetCollection: CollectionRef;
  name: string;
  sourceRestorePointId: string;
}

/**
 * Copies a restore point to another region ("Copy VM restore points across regions": create a
 * restore point with `sourceRestorePoint.id`). The operation ends when the copy exists; its disk
 * restore points go on replicating afterwards (see replicationProgress).
 */
export function copyRestorePoint(client: ComputeManagementClient, input: RestorePointCopy, options: LongRunningOptions = {}): Promise<RestorePoint> {
  const { resourceGroup, name: collection } = input.targetCollection;
  const body: RestorePoint = { sourceRestorePoint: { id: input.sourceRestorePointId } };
  return untilDone(() => client.restorePoints.create(resourceGroup, collection, input.name, body, sdkOptions(options)), options);
}
