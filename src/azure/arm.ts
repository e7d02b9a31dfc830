import type { ClientFactory } from './clients';
import { parseResourceId, resourceTypePath } from './ids';
import { allPages } from './paging';
import { readCollection } from './restorePointCollections';
import { readDiskRestorePoint, readRestorePoint } from './restorePoints';
import type { SubscriptionRef } from './subscriptionScope';
import { readVirtualMachine } from './virtualMachines';

export interface TenantInfo {
  tenantId: string;
  displayName?: string;
  defaultDomain?: string;
}

/** A subscription as the tree lists it: the reference every operation takes, with what is shown. */
export interface SubscriptionInfo extends SubscriptionRef {
  displayName: string;
  state?: string;
}

export async function listTenants(factory: ClientFactory): Promise<TenantInfo[]> {
  const client = await factory.subscriptionClient(undefined);
  const tenants = await allPages(factory, undefined, (o) => client.tenants.list(o));
  return tenants.filter((t) => t.tenantId).map((t) => ({ tenantId: t.tenantId!, displayName: t.displayName, defaultDomain: t.defaultDomain }));
}

export async function listSubscriptions(factory: ClientFactory, tenantId: string): Promise<SubscriptionInfo[]> {
  const client = await factory.subscriptionClient(tenantId);
  const subscriptions = await allPages(factory, undefined, (o) => client.subscriptions.list(o));
  return subscriptions
    .filter((s) => s.subscriptionId)
    .map((s) => ({ subscriptionId: s.subscriptionId!, tenantId: s.tenantId ?? tenantId, displayName: s.displayName ?? s.subscriptionId!, state: s.state }));
}

/**
 * A resource as ARM returns it, for View Properties: the tree keeps only what it shows, so the full
 * JSON is read when someone asks for it.
 */
export async function getResourceProperties(factory: ClientFactory, tenantId: string, id: string): Promise<unknown> {
  const subscriptionOnly = /^\/subscriptions\/([^/]+)\/?$/i.exec(id);
  if (subscriptionOnly) {
    const client = await factory.subscriptionClient(tenantId);
    return factory.read(subscriptionOnly[1], () => client.subscriptions.get(subscriptionOnly[1]));
  }
  const parsed = parseResourceId(id);
  if (!parsed) throw new Error(`Not an ARM resource id: ${id}`);
  const subscription = { tenantId, subscriptionId: parsed.subscriptionId };
  switch (resourceTypePath(parsed)) {
    case 'virtualmachines':
      return readVirtualMachine(factory, subscription, id);
    case 'restorepointcollections':
      return readCollection(factory, subscription, id);
    case 'restorepointcollections/restorepoints':
      return readRestorePoint(factory, subscription, id, { instanceView: true });
    case 'restorepointcollections/restorepoints/diskrestorepoints':
      return readDiskRestorePoint(factory, subscription, id);
    default:
      throw new Error(`No properties to show for ${id}`);
  }
}
