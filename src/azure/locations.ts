import { allPages } from './paging';
import type { ClientFactory } from './clients';
import type { SubscriptionRef } from './subscriptionScope';

export interface RegionSummary {
  /** ARM's name, e.g. westeurope. */
  name: string;
  displayName: string;
}

/** The regions the subscription may use. */
export async function listRegions(factory: ClientFactory, subscription: SubscriptionRef): Promise<RegionSummary[]> {
  const client = await factory.subscriptionClient(subscription.tenantId);
  const locations = await allPages(factory, subscription.subscriptionId, (o) => client.subscriptions.listLocations(subscription.subscriptionId, o));
  return locations.filter((l) => l.name).map((l) => ({ name: l.name!, displayName: l.displayName ?? l.name! }));
}
