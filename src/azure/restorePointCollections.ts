import type { ComputeManagementClient, RestorePointCollection } from '@azure/arm-compute';
import { createCollectionForCopy, createCollectionForVm, type CollectionForCopy, type CollectionForVm } from './actions/createRestorePointCollection';
import { deleteRestorePointCollection } from './actions/deleteRestorePointResources';
import type { LongRunningOptions } from './actions/longRunning';
import { collectionRefFromId } from './actions/resourceRefs';
import { allPages } from './paging';
import type { ClientFactory } from './clients';
import { computeClientOf, computeRead, computeWrite, idParts, type SubscriptionRef } from './subscriptionScope';

/** Every restore point collection of the subscription, cross-region copies included (without their restore points). */
export async function listCollections(factory: ClientFactory, subscription: SubscriptionRef, options: { abortSignal?: AbortSignal } = {}): Promise<RestorePointCollection[]> {
  const client = await computeClientOf(factory, subscription);
  return allPages(factory, subscription.subscriptionId, (o) => client.restorePointCollections.listAll({ ...o, abortSignal: options.abortSignal }));
}

/**
 * The collections of one resource group: what a VM's Refresh reads. A VM's collection must be in its
 * region but may be in any group; the wizards put it in the VM's own group, as the portal proposes,
 * and copies go to groups of their own, so the tree lists the groups where the VM's collections are
 * (one page each) rather than every collection of the subscription (the large demo: 6 pages).
 */
export async function listRestorePointCollectionsIn(factory: ClientFactory, subscription: SubscriptionRef, resourceGroup: string): Promise<RestorePointCollection[]> {
  const client = await computeClientOf(factory, subscription);
  return allPages(factory, subscription.subscriptionId, (o) => client.restorePointCollections.list(resourceGroup, o));
}

interface ReadCollectionOptions {
  restorePoints?: boolean;
  abortSignal?: AbortSignal;
}

function getCollection(client: ComputeManagementClient, collectionId: string, options: ReadCollectionOptions): Promise<RestorePointCollection> {
  const { resourceGroup, name } = idParts(collectionId);
  return client.restorePointCollections.get(resourceGroup, name, { ...(options.restorePoints ? { expand: 'restorePoints' } : {}), abortSignal: options.abortSignal });
}

/** One collection; with `restorePoints`, its restore points in the same call (`$expand=restorePoints`). */
export function readCollection(factory: ClientFactory, subscription: SubscriptionRef, collectionId: string, options: ReadCollectionOptions = {}): Promise<RestorePointCollection> {
  return computeRead(factory, subscription, (client) => getCollection(client, collectionId, options));
}

/**
 * One collection, of which only what `keep` returns outlives the read: for callers that start
 * thousands of reads at once and queue them behind the read budget. A queued call's promises are
 * old by the time its answer comes, so V8's scavenger keeps whatever resolves them alive until the
 * next full collection; the whole model of a collection with its restore points resolved them, and
 * a fleet's coverage read (15,000 collections) moved 30 KB per read into the old generation, where
 * with `keep` it moves 10 KB. `keep` runs as the answer arrives, within the request's own promises,
 * and only its result crosses the old ones.
 */
export function readCollectionKeeping<T>(factory: ClientFactory, subscription: SubscriptionRef, collectionId: string, keep: (collection: RestorePointCollection) => T, options: ReadCollectionOptions = {}): Promise<T> {
  return computeRead(factory, subscription, async (client) => keep(await getCollection(client, collectionId, options)));
}

export const createVmCollection = (factory: ClientFactory, subscription: SubscriptionRef, input: CollectionForVm): Promise<RestorePointCollection> =>
  computeWrite(factory, subscription, (client) => createCollectionForVm(client, input));

export const createCopyCollection = (factory: ClientFactory, subscription: SubscriptionRef, input: CollectionForCopy): Promise<RestorePointCollection> =>
  computeWrite(factory, subscription, (client) => createCollectionForCopy(client, input));

/** Deletes the collection and every restore point in it (long-running). */
export async function deleteCollection(factory: ClientFactory, subscription: SubscriptionRef, collectionId: string, options: LongRunningOptions = {}): Promise<void> {
  const client = await computeClientOf(factory, subscription);
  return deleteRestorePointCollection(client, collectionRefFromId(collectionId), { ...options, limit: factory.limit });
}
