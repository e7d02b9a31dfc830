import * as l10n from '@vscode/l10n';
import { allPages } from './paging';
import type { ClientFactory } from './clients';
import { resourcesOperation, type SubscriptionRef } from './subscriptionScope';
import { sdkOptions, type LongRunningOptions } from './actions/longRunning';

export interface ResourceGroupSummary {
  name: string;
  location: string;
}

/** The subscription's resource groups by name (every page), for a picker. */
export async function listResourceGroups(factory: ClientFactory, subscription: SubscriptionRef): Promise<ResourceGroupSummary[]> {
  const client = await factory.resourceClient(subscription.tenantId, subscription.subscriptionId);
  const groups = await allPages(factory, subscription.subscriptionId, (o) => client.resourceGroups.list(o));
  return groups
    .filter((rg) => rg.name)
    .map((rg) => ({ name: rg.name!, location: rg.location }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Creates a resource group, or leaves one that exists as it is (PUT is idempotent; the location of an existing group cannot change). */
export async function createResourceGroup(factory: ClientFactory, subscription: SubscriptionRef, name: string, location: string): Promise<void> {
  const client = await factory.resourceClient(subscription.tenantId, subscription.subscriptionId);
  await factory.limit(() => client.resourceGroups.createOrUpdate(name, { location }));
}

/** A group's provisioning state; 404 when it does not exist. */
export async function readResourceGroup(factory: ClientFactory, subscription: SubscriptionRef, name: string, options: { abortSignal?: AbortSignal } = {}): Promise<{ provisioningState?: string }> {
  const client = await factory.resourceClient(subscription.tenantId, subscription.subscriptionId);
  const group = await factory.read(subscription.subscriptionId, () => client.resourceGroups.get(name, { abortSignal: options.abortSignal }));
  return { provisioningState: group.properties?.provisioningState };
}

/** The ids of every resource in a group (every page). */
export async function listResourceIdsIn(factory: ClientFactory, subscription: SubscriptionRef, name: string): Promise<string[]> {
  const client = await factory.resourceClient(subscription.tenantId, subscription.subscriptionId);
  const resources = await allPages(factory, subscription.subscriptionId, (o) => client.resources.listByResourceGroup(name, o));
  return resources.map((r) => r.id ?? '').filter(Boolean);
}

/**
 * Deletes a group only if it holds nothing: ARM deletes a group with everything in it, so a group
 * that holds anything (put there by someone else, or left because its delete failed) is kept and
 * the error names what it holds.
 */
export async function deleteResourceGroupIfEmpty(factory: ClientFactory, subscription: SubscriptionRef, name: string, options: LongRunningOptions = {}): Promise<void> {
  const held = await listResourceIdsIn(factory, subscription, name);
  if (held.length) {
    const names = held.map((id) => id.slice(id.lastIndexOf('/') + 1));
    throw new ResourceGroupNotEmptyError(name, names);
  }
  await resourcesOperation(factory, subscription, (client) => client.resourceGroups.beginDelete(name, sdkOptions(options)), options);
}

/** The group holds resources the run did not create (or could not delete): it is kept. */
export class ResourceGroupNotEmptyError extends Error {
  constructor(
    readonly group: string,
    readonly held: string[],
  ) {
    super(l10n.t("Resource group '{0}' was kept: it holds {1}.", group, held.join(', ')));
    // The name is the code a failure report shows.
    this.name = 'ResourceGroupNotEmpty';
  }
}
