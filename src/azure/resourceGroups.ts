import { allPages } from './paging';
import type { ClientFactory } from './clients';
import type { SubscriptionRef } from './subscriptionScope';

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
