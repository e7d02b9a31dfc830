import type { QueryResponse } from '@azure/arm-resourcegraph';
import type { RestorePointCollection, VirtualMachine } from '@azure/arm-compute';
import type { ClientFactory } from './clients';
import { listCollections } from './restorePointCollections';
import type { SubscriptionRef } from './subscriptionScope';
import { listVirtualMachines } from './virtualMachines';

export interface FleetVirtualMachine {
  id: string;
  name: string;
  subscriptionId: string;
  location: string;
  /** `PowerState/running` etc., when ARM said. */
  powerState?: string;
  osType?: string;
}

export interface FleetCollection {
  id: string;
  name: string;
  subscriptionId: string;
  location: string;
  /** The VM, or for a cross-region copy the source collection. */
  sourceId?: string;
}

export interface FleetListing {
  virtualMachines: FleetVirtualMachine[];
  collections: FleetCollection[];
  /** Tenants whose lists were read per subscription because Resource Graph refused the query. */
  readPerSubscription: string[];
  /** Subscriptions that could not be read (per-subscription reads only; Resource Graph leaves them out silently). */
  unreadable: Array<{ subscriptionId: string; error: unknown }>;
}

export interface FleetOptions {
  /** After each page or subscription, with the totals so far. */
  onProgress?: (counts: { virtualMachines: number; collections: number }) => void;
  /** Cancel: no further page or subscription is read, and the requests in flight are aborted. */
  abortSignal?: AbortSignal;
}

/**
 * What Resource Graph returns per row, as the query below projects it. `order by id` keeps the pages
 * stable: Resource Graph documents that paging needs a sort on a unique column.
 */
const FLEET_QUERY = [
  'resources',
  "where type =~ 'microsoft.compute/virtualmachines' or type =~ 'microsoft.compute/restorepointcollections'",
  'project id, name, type, location, subscriptionId, source = properties.source.id, powerState = properties.extended.instanceView.powerState.code, osType = properties.storageProfile.osDisk.osType',
  'order by id asc',
].join(' | ');

/** Resource Graph's largest page. */
const PAGE_SIZE = 1000;

interface FleetRow {
  id: string;
  name: string;
  type: string;
  location: string;
  subscriptionId: string;
  source?: string | null;
  powerState?: string | null;
  osType?: string | null;
}

/**
 * The VMs and restore point collections of many subscriptions: one Resource Graph query per tenant
 * (paged with `$skipToken`), so 200 subscriptions cost a few dozen requests instead of two lists
 * each. Restore points are not in Resource Graph; read each collection with `$expand=restorePoints`.
 * When a tenant refuses Resource Graph (403: no access to it; 400: a query it will not run), that
 * tenant's subscriptions are listed one by one, each within its read budget.
 */
export async function listFleet(factory: ClientFactory, subscriptions: readonly SubscriptionRef[], options: FleetOptions = {}): Promise<FleetListing> {
  const listing: FleetListing = { virtualMachines: [], collections: [], readPerSubscription: [], unreadable: [] };
  const byTenant = new Map<string, SubscriptionRef[]>();
  for (const s of subscriptions) byTenant.set(s.tenantId, [...(byTenant.get(s.tenantId) ?? []), s]);
  const progress = (): void => options.onProgress?.({ virtualMachines: listing.virtualMachines.length, collections: listing.collections.length });
  await Promise.all(
    [...byTenant].map(async ([tenantId, members]) => {
      try {
        await queryTenant(factory, tenantId, members, listing, progress, options.abortSignal);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        listing.readPerSubscription.push(tenantId);
        await Promise.all(members.map((s) => listSubscription(factory, s, listing, progress, options.abortSignal)));
      }
    }),
  );
  return listing;
}

async function queryTenant(factory: ClientFactory, tenantId: string, members: SubscriptionRef[], listing: FleetListing, progress: () => void, abortSignal?: AbortSignal): Promise<void> {
  const client = await factory.resourceGraphClient(tenantId);
  const rows: FleetRow[] = [];
  let skipToken: string | undefined;
  do {
    abortSignal?.throwIfAborted();
    const page: QueryResponse = await factory.read(undefined, () =>
      client.resources({ query: FLEET_QUERY, subscriptions: members.map((s) => s.subscriptionId), options: { top: PAGE_SIZE, skipToken, resultFormat: 'objectArray' } }, { abortSignal }),
    );
    rows.push(...(page.data as FleetRow[]));
    skipToken = page.skipToken || undefined;
  } while (skipToken);
  // Rows join the listing only once every page has come: a refusal part-way leaves nothing for the fallback to repeat.
  for (const row of rows) {
    if (row.type.toLowerCase() === 'microsoft.compute/virtualmachines') {
      listing.virtualMachines.push({ id: row.id, name: row.name, subscriptionId: row.subscriptionId, location: row.location, powerState: row.powerState ?? undefined, osType: row.osType ?? undefined });
    } else {
      listing.collections.push({ id: row.id, name: row.name, subscriptionId: row.subscriptionId, location: row.location, sourceId: row.source ?? undefined });
    }
  }
  progress();
}

async function listSubscription(factory: ClientFactory, subscription: SubscriptionRef, listing: FleetListing, progress: () => void, abortSignal?: AbortSignal): Promise<void> {
  try {
    const [vms, collections] = await Promise.all([allVirtualMachines(factory, subscription, abortSignal), listCollections(factory, subscription, { abortSignal })]);
    listing.virtualMachines.push(...vms.map((vm) => fleetVm(vm, subscription)));
    listing.collections.push(...collections.map((c) => fleetCollection(c, subscription)));
    progress();
  } catch (error) {
    // A cancel is not a subscription that could not be read.
    if (abortSignal?.aborted) throw error;
    listing.unreadable.push({ subscriptionId: subscription.subscriptionId, error });
  }
}

async function allVirtualMachines(factory: ClientFactory, subscription: SubscriptionRef, abortSignal?: AbortSignal): Promise<VirtualMachine[]> {
  const vms: VirtualMachine[] = [];
  let token: string | undefined;
  do {
    abortSignal?.throwIfAborted();
    const page = await listVirtualMachines(factory, subscription, token, { abortSignal });
    vms.push(...page.items);
    token = page.continuationToken;
  } while (token);
  return vms;
}

const fleetVm = (vm: VirtualMachine, subscription: SubscriptionRef): FleetVirtualMachine => ({
  id: vm.id ?? '',
  name: vm.name ?? '',
  subscriptionId: subscription.subscriptionId,
  location: vm.location,
  powerState: vm.instanceView?.statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code,
  osType: vm.storageProfile?.osDisk?.osType,
});

const fleetCollection = (c: RestorePointCollection, subscription: SubscriptionRef): FleetCollection => ({
  id: c.id ?? '',
  name: c.name ?? '',
  subscriptionId: subscription.subscriptionId,
  location: c.location,
  sourceId: c.source?.id,
});

/** Resource Graph said no to this tenant (no access, or a query it will not run), as opposed to failing. */
function isRefusal(error: unknown): boolean {
  const status = (error as { statusCode?: unknown; status?: unknown } | undefined)?.statusCode;
  return status === 403 || status === 400;
}
