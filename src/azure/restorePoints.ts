import type { DiskRestorePoint, RestorePoint } from '@azure/arm-compute';
import type { FullOperationResponse } from '@azure/core-client';
import { copyRestorePoint as copyWithClient, type RestorePointCopy } from './actions/copyRestorePoint';
import { createRestorePoint as createWithClient, type NewRestorePoint } from './actions/createRestorePoint';
import { deleteRestorePoint as deleteWithClient } from './actions/deleteRestorePointResources';
import type { LongRunningOptions } from './actions/longRunning';
import { watchReplication, type ReplicationProgress, type WatchReplicationOptions } from './actions/replicationProgress';
import { restorePointRefFromId } from './actions/resourceRefs';
import { allPages } from './paging';
import type { ClientFactory } from './clients';
import { computeClientOf, computeRead, idParts, type SubscriptionRef } from './subscriptionScope';

export interface ReadRestorePointOptions {
  /** Each disk restore point's replication (what a copy needs). */
  instanceView?: boolean;
  abortSignal?: AbortSignal;
  /** Sees ARM's response as it arrives: the replication watch takes its Retry-After. */
  onResponse?: (response: FullOperationResponse) => void;
}

/** One restore point, through the shared limiter. */
export function readRestorePoint(factory: ClientFactory, subscription: SubscriptionRef, restorePointId: string, options: ReadRestorePointOptions = {}): Promise<RestorePoint> {
  const ref = restorePointRefFromId(restorePointId);
  const { instanceView, abortSignal, onResponse } = options;
  return computeRead(factory, subscription, (client) => client.restorePoints.get(ref.resourceGroup, ref.collection, ref.name, { ...(instanceView ? { expand: 'instanceView' } : {}), abortSignal, onResponse }));
}

/** The disk restore points of a restore point, every page. */
export async function listDiskRestorePointsOf(factory: ClientFactory, subscription: SubscriptionRef, restorePointId: string): Promise<DiskRestorePoint[]> {
  const client = await computeClientOf(factory, subscription);
  const ref = restorePointRefFromId(restorePointId);
  return allPages(factory, subscription.subscriptionId, (o) => client.diskRestorePoint.listByRestorePoint(ref.resourceGroup, ref.collection, ref.name, o));
}

/** One disk restore point, as ARM returns it. */
export function readDiskRestorePoint(factory: ClientFactory, subscription: SubscriptionRef, diskRestorePointId: string): Promise<DiskRestorePoint> {
  const { resourceGroup, name, children } = idParts(diskRestorePointId);
  return computeRead(factory, subscription, (client) => client.diskRestorePoint.get(resourceGroup, name, children[1], children[3]));
}

/** Creates a restore point and waits for ARM's long-running operation (see actions/createRestorePoint). */
export async function createRestorePoint(factory: ClientFactory, subscription: SubscriptionRef, input: NewRestorePoint, options: LongRunningOptions = {}): Promise<RestorePoint> {
  return createWithClient(await computeClientOf(factory, subscription), input, { ...options, limit: factory.limit });
}

/** Copies a restore point to another region; ends when the copy exists, before its replication does. */
export async function copyRestorePoint(factory: ClientFactory, subscription: SubscriptionRef, input: RestorePointCopy, options: LongRunningOptions = {}): Promise<RestorePoint> {
  return copyWithClient(await computeClientOf(factory, subscription), input, { ...options, limit: factory.limit });
}

export async function deleteRestorePoint(factory: ClientFactory, subscription: SubscriptionRef, restorePointId: string, options: LongRunningOptions = {}): Promise<void> {
  return deleteWithClient(await computeClientOf(factory, subscription), restorePointRefFromId(restorePointId), { ...options, limit: factory.limit });
}

/** A copy's replication, read at the pace ARM asks for until it ends (see watchReplication). */
export async function* watchCopyReplication(factory: ClientFactory, subscription: SubscriptionRef, copyId: string, options: WatchReplicationOptions = {}): AsyncGenerator<ReplicationProgress, void, undefined> {
  yield* watchReplication((request) => readRestorePoint(factory, subscription, copyId, { instanceView: true, ...request }), options);
}
