import type { RequestContext } from '../http/context';
import type { Subscription } from '../engine/model';
import { renderCollection } from '../resources/restorePointCollections';
import { renderVm } from '../resources/virtualMachines';
import type { Row } from './evaluate';

interface Resource {
  id: string;
  name: string;
  location: string;
  resourceGroup: string;
  tags: Record<string, string>;
}

/**
 * One row in Resource Graph's column order. `properties` is rendered when first read: a query that
 * filters by type or projects other columns (most of them) does not pay for 20,000 VMs' models.
 */
function row(sub: Subscription, resource: Resource, type: string, zones: string[] | null, properties: () => unknown): Row {
  let rendered: unknown;
  const result: Row = {
    id: resource.id, name: resource.name, type, tenantId: sub.tenantId, kind: '', location: resource.location,
    resourceGroup: resource.resourceGroup.toLowerCase(), subscriptionId: sub.subscriptionId, managedBy: '', sku: null, plan: null,
    properties: null, tags: resource.tags, identity: null, zones, extendedLocation: null,
  };
  Object.defineProperty(result, 'properties', { enumerable: true, get: () => (rendered ??= properties()) });
  return result;
}

/**
 * The `resources` rows of some subscriptions, shaped as Resource Graph returns them: the resource's
 * ARM shape plus tenantId, subscriptionId and resourceGroup, `type` and `resourceGroup` lower-cased
 * (Resource Graph normalises both; `id` keeps ARM's casing), empty kind and managedBy, null where a
 * resource has no such part. A VM's properties carry `extended.instanceView.powerState`, as
 * Resource Graph indexes it. Restore points are not indexed by Resource Graph, so they are not here.
 */
export function resourceRows(ctx: RequestContext, subscriptions: readonly Subscription[]): Row[] {
  const wanted = new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s]));
  const rows: Row[] = [];
  const { store } = ctx.state;
  for (const vm of store.virtualMachines.values()) {
    const sub = wanted.get(vm.subscriptionId.toLowerCase());
    if (!sub) continue;
    rows.push(row(sub, vm, 'microsoft.compute/virtualmachines', vm.zones ?? null, () => {
      const powerState = { code: `PowerState/${vm.powerState}`, level: 'Info', displayStatus: `VM ${vm.powerState}` };
      return { ...(renderVm(ctx, vm, false).properties as Row), extended: { instanceView: { powerState } } };
    }));
  }
  for (const rpc of store.collections.values()) {
    const sub = wanted.get(rpc.subscriptionId.toLowerCase());
    if (!sub) continue;
    rows.push(row(sub, rpc, 'microsoft.compute/restorepointcollections', null, () => renderCollection(ctx, rpc, false).properties));
  }
  return rows;
}
