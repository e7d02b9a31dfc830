import type { RequestContext } from '../http/context';
import type { Subscription } from '../engine/model';
import { renderCollection } from '../resources/restorePointCollections';
import { renderVm } from '../resources/virtualMachines';
import { RESOURCE_COLUMNS, type Row } from './evaluate';

/** A row with Resource Graph's column order, which an unprojected answer keeps. */
const ordered = (row: Row): Row => Object.fromEntries(RESOURCE_COLUMNS.map((c) => [c.name, row[c.name] ?? null]));

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
  const common = (sub: Subscription, resourceGroup: string): Row => ({
    tenantId: sub.tenantId,
    kind: '',
    resourceGroup: resourceGroup.toLowerCase(),
    subscriptionId: sub.subscriptionId,
    managedBy: '',
    sku: null,
    plan: null,
    identity: null,
    extendedLocation: null,
  });
  for (const vm of store.virtualMachines.values()) {
    const sub = wanted.get(vm.subscriptionId.toLowerCase());
    if (!sub) continue;
    const arm = renderVm(ctx, vm, false);
    const powerState = { code: `PowerState/${vm.powerState}`, level: 'Info', displayStatus: `VM ${vm.powerState}` };
    rows.push(ordered({
      ...common(sub, vm.resourceGroup),
      id: arm.id, name: arm.name, type: 'microsoft.compute/virtualmachines', location: arm.location, tags: arm.tags, zones: vm.zones ?? null,
      properties: { ...(arm.properties as Row), extended: { instanceView: { powerState } } },
    }));
  }
  for (const rpc of store.collections.values()) {
    const sub = wanted.get(rpc.subscriptionId.toLowerCase());
    if (!sub) continue;
    const arm = renderCollection(ctx, rpc, false);
    rows.push(ordered({
      ...common(sub, rpc.resourceGroup),
      id: arm.id, name: arm.name, type: 'microsoft.compute/restorepointcollections', location: arm.location, tags: arm.tags, zones: null,
      properties: arm.properties,
    }));
  }
  return rows;
}
