import type { DiskRestorePoint, RestorePoint, RestorePointCollection, VirtualMachine } from '@azure/arm-compute';
import type { ClientFactory } from './clients';
import { parseResourceId, resourceTypePath } from './ids';

export interface TenantInfo {
  tenantId: string;
  displayName?: string;
  defaultDomain?: string;
}

export interface SubscriptionInfo {
  subscriptionId: string;
  tenantId: string;
  displayName: string;
  state?: string;
}

/** One page of a list and where the next one starts ("Load more…" resumes from the token). */
export interface Page<T> {
  items: T[];
  continuationToken?: string;
}

interface Pageable<T> {
  byPage(settings?: { continuationToken?: string }): AsyncIterableIterator<T[] & { continuationToken?: string }>;
}

/** What list operations accept to show us the raw response. */
interface ResponseWatcher {
  onResponse?: (response: { status: number; bodyAsText?: string | null; parsedBody?: unknown }) => void;
}

/**
 * The SDK's pager throws "Pagination failed with unexpected statusCode …" and drops ARM's error
 * body, whose message is what a person needs to read; the raw response is watched to keep it.
 */
export async function onePage<T>(list: (options: ResponseWatcher) => Pageable<T>, continuationToken: string | undefined): Promise<Page<T>> {
  let failed: { status: number; bodyAsText?: string | null; parsedBody?: unknown } | undefined;
  const pages = list({ onResponse: (response) => (failed = response.status >= 400 ? response : undefined) }).byPage(continuationToken ? { continuationToken } : undefined);
  try {
    const first = await pages.next();
    if (first.done) return { items: [] };
    return { items: [...first.value], continuationToken: first.value.continuationToken || undefined };
  } catch (error) {
    if (failed && error && typeof error === 'object' && !(error as { response?: { bodyAsText?: unknown } }).response?.bodyAsText) {
      Object.assign(error, { response: { ...(error as { response?: object }).response, status: failed.status, bodyAsText: failed.bodyAsText ?? undefined, parsedBody: failed.parsedBody } });
    }
    throw error;
  }
}

/** Every page, each fetched through the limiter (pages are sequential by nature). */
export async function allPages<T>(factory: ClientFactory, list: (options: ResponseWatcher) => Pageable<T>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await factory.limit(() => onePage(list, token));
    items.push(...page.items);
    token = page.continuationToken;
  } while (token);
  return items;
}

function parts(id: string): { resourceGroup: string; name: string; children: string[] } {
  const parsed = parseResourceId(id);
  if (!parsed) throw new Error(`Not an ARM resource id: ${id}`);
  return parsed;
}

export async function listTenants(factory: ClientFactory): Promise<TenantInfo[]> {
  const client = await factory.subscriptionClient(undefined);
  const tenants = await allPages(factory, (o) => client.tenants.list(o));
  return tenants.filter((t) => t.tenantId).map((t) => ({ tenantId: t.tenantId!, displayName: t.displayName, defaultDomain: t.defaultDomain }));
}

export async function listSubscriptions(factory: ClientFactory, tenantId: string): Promise<SubscriptionInfo[]> {
  const client = await factory.subscriptionClient(tenantId);
  const subscriptions = await allPages(factory, (o) => client.subscriptions.list(o));
  return subscriptions
    .filter((s) => s.subscriptionId)
    .map((s) => ({ subscriptionId: s.subscriptionId!, tenantId: s.tenantId ?? tenantId, displayName: s.displayName ?? s.subscriptionId!, state: s.state }));
}

/** One page of the subscription's VMs, with power state (statusOnly=true puts the instance view in the same call). */
export async function listVirtualMachines(factory: ClientFactory, subscription: SubscriptionInfo, continuationToken?: string): Promise<Page<VirtualMachine>> {
  const client = await factory.computeClient(subscription.tenantId, subscription.subscriptionId);
  return factory.limit(() => onePage((o) => client.virtualMachines.listAll({ ...o, statusOnly: 'true' }), continuationToken));
}

/** Every restore point collection of the subscription, cross-region copies included. */
export async function listAllRestorePointCollections(factory: ClientFactory, subscription: SubscriptionInfo): Promise<RestorePointCollection[]> {
  const client = await factory.computeClient(subscription.tenantId, subscription.subscriptionId);
  return allPages(factory, (o) => client.restorePointCollections.listAll(o));
}

/**
 * The collections of one resource group: what a VM's Refresh reads. A VM's collection must be in its
 * region but may be in any group; the wizards put it in the VM's own group, as the portal proposes,
 * and copies go to groups of their own, so the tree lists the groups where the VM's collections are
 * (one page each) rather than every collection of the subscription (the large demo: 6 pages).
 */
export async function listRestorePointCollectionsIn(factory: ClientFactory, subscription: SubscriptionInfo, resourceGroup: string): Promise<RestorePointCollection[]> {
  const client = await factory.computeClient(subscription.tenantId, subscription.subscriptionId);
  return allPages(factory, (o) => client.restorePointCollections.list(resourceGroup, o));
}

/** A collection with its restore points (`$expand=restorePoints`): one call for a whole level of the tree. */
export async function getRestorePointCollection(factory: ClientFactory, subscription: SubscriptionInfo, collectionId: string): Promise<RestorePointCollection> {
  const client = await factory.computeClient(subscription.tenantId, subscription.subscriptionId);
  const { resourceGroup, name } = parts(collectionId);
  return factory.limit(() => client.restorePointCollections.get(resourceGroup, name, { expand: 'restorePoints' }));
}

/** A restore point with its instance view: replication progress of copies. */
export async function getRestorePoint(factory: ClientFactory, subscription: SubscriptionInfo, restorePointId: string): Promise<RestorePoint> {
  const client = await factory.computeClient(subscription.tenantId, subscription.subscriptionId);
  const { resourceGroup, name, children } = parts(restorePointId);
  return factory.limit(() => client.restorePoints.get(resourceGroup, name, children[1], { expand: 'instanceView' }));
}

/** The disk restore points of a restore point: encryption and, for copies, replication state. */
export async function listDiskRestorePoints(factory: ClientFactory, subscription: SubscriptionInfo, restorePointId: string): Promise<DiskRestorePoint[]> {
  const client = await factory.computeClient(subscription.tenantId, subscription.subscriptionId);
  const { resourceGroup, name, children } = parts(restorePointId);
  return allPages(factory, (o) => client.diskRestorePoint.listByRestorePoint(resourceGroup, name, children[1], o));
}

/**
 * A resource as ARM returns it, for View Properties: the tree keeps only what it shows, so the full
 * JSON is read when someone asks for it.
 */
export async function getResourceProperties(factory: ClientFactory, tenantId: string, id: string): Promise<unknown> {
  const subscriptionOnly = /^\/subscriptions\/([^/]+)\/?$/i.exec(id);
  if (subscriptionOnly) {
    const client = await factory.subscriptionClient(tenantId);
    return factory.limit(() => client.subscriptions.get(subscriptionOnly[1]));
  }
  const parsed = parseResourceId(id);
  if (!parsed) throw new Error(`Not an ARM resource id: ${id}`);
  const client = await factory.computeClient(tenantId, parsed.subscriptionId);
  const { resourceGroup, name, children } = parsed;
  switch (resourceTypePath(parsed)) {
    case 'virtualmachines':
      return factory.limit(() => client.virtualMachines.get(resourceGroup, name));
    case 'restorepointcollections':
      return factory.limit(() => client.restorePointCollections.get(resourceGroup, name));
    case 'restorepointcollections/restorepoints':
      return factory.limit(() => client.restorePoints.get(resourceGroup, name, children[1], { expand: 'instanceView' }));
    case 'restorepointcollections/restorepoints/diskrestorepoints':
      return factory.limit(() => client.diskRestorePoint.get(resourceGroup, name, children[1], children[3]));
    default:
      throw new Error(`No properties to show for ${id}`);
  }
}
