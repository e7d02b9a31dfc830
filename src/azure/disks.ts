import type { Disk } from '@azure/arm-compute';
import type { LongRunningOptions } from './actions/longRunning';
import { restoreDisk as restoreWithClient, type DiskRestore } from './actions/restoreDisk';
import { allPages } from './paging';
import type { ClientFactory } from './clients';
import { sdkOptions } from './actions/longRunning';
import { computeClientOf, computeOperation, computeRead, idParts, type SubscriptionRef } from './subscriptionScope';

export function readDisk(factory: ClientFactory, subscription: SubscriptionRef, diskId: string, options: { abortSignal?: AbortSignal } = {}): Promise<Disk> {
  const { resourceGroup, name } = idParts(diskId);
  return computeRead(factory, subscription, (client) => client.disks.get(resourceGroup, name, { abortSignal: options.abortSignal }));
}

/** The managed disks of a resource group (every page): the names a new disk there may not take. */
export async function listDisksIn(factory: ClientFactory, subscription: SubscriptionRef, resourceGroup: string): Promise<Disk[]> {
  const client = await computeClientOf(factory, subscription);
  return allPages(factory, subscription.subscriptionId, (o) => client.disks.listByResourceGroup(resourceGroup, o));
}

/** A managed disk from a disk restore point (long-running); returns the new disk's id. */
export async function restoreDisk(factory: ClientFactory, subscription: SubscriptionRef, input: DiskRestore, options: LongRunningOptions = {}): Promise<string> {
  return restoreWithClient(await computeClientOf(factory, subscription), input, { ...options, limit: factory.limit });
}

/** Deletes a managed disk (long-running); ARM refuses one attached to a VM. */
export function deleteDisk(factory: ClientFactory, subscription: SubscriptionRef, diskId: string, options: LongRunningOptions = {}): Promise<void> {
  const { resourceGroup, name } = idParts(diskId);
  return computeOperation(factory, subscription, (client) => client.disks.delete(resourceGroup, name, sdkOptions(options)), options);
}

/** Replaces a disk's tags (PATCH, long-running), leaving the rest of it alone. */
export async function tagDisk(factory: ClientFactory, subscription: SubscriptionRef, diskId: string, tags: Record<string, string>, options: LongRunningOptions = {}): Promise<void> {
  const { resourceGroup, name } = idParts(diskId);
  await computeOperation(factory, subscription, (client) => client.disks.update(resourceGroup, name, { tags }, sdkOptions(options)), options);
}

/** Every managed disk of the subscription (every page): where the disks a revert kept are found by their tags. */
export async function listAllDisks(factory: ClientFactory, subscription: SubscriptionRef): Promise<Disk[]> {
  const client = await computeClientOf(factory, subscription);
  return allPages(factory, subscription.subscriptionId, (o) => client.disks.list(o));
}
