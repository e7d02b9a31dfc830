import type { ComputeManagementClient, RestorePointCollection } from '@azure/arm-compute';

export interface CollectionForVm {
  resourceGroup: string;
  name: string;
  vm: { id: string; location: string };
  tags?: Record<string, string>;
}

export interface CollectionForCopy {
  resourceGroup: string;
  name: string;
  /** The region the copies go to; ARM refuses the source collection's own region. */
  location: string;
  sourceCollectionId: string;
  tags?: Record<string, string>;
}

/**
 * A collection for a VM's restore points. ARM requires it in the VM's region ("Restore Point
 * Collections - Create Or Update": the source is the VM).
 */
export function createCollectionForVm(client: ComputeManagementClient, input: CollectionForVm, options: { abortSignal?: AbortSignal } = {}): Promise<RestorePointCollection> {
  return client.restorePointCollections.createOrUpdate(input.resourceGroup, input.name, { location: input.vm.location, source: { id: input.vm.id }, tags: input.tags }, options);
}

/**
 * A collection that holds cross-region copies: its source is the source collection and it lives
 * in the target region ("Copy VM restore points across regions", create the target collection
 * with `source.id` set to the source collection).
 */
export function createCollectionForCopy(client: ComputeManagementClient, input: CollectionForCopy, options: { abortSignal?: AbortSignal } = {}): Promise<RestorePointCollection> {
  return client.restorePointCollections.createOrUpdate(input.resourceGroup, input.name, { location: input.location, source: { id: input.sourceCollectionId }, tags: input.tags }, options);
}
