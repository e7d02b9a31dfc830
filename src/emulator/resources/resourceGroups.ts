import type { ArmRoute, HandlerResult, RequestContext } from '../http/context';
import { ArmError, conflict, invalidContent } from '../http/errors';
import { page, PAGE_SIZE } from '../http/paging';
import { Body } from '../http/validation';
import { key, resourceGroupId } from '../engine/ids';
import type { ResourceGroup } from '../engine/model';
import type { Store } from '../engine/store';
import { findRegion } from '../data/regions';

function renderResourceGroup(rg: ResourceGroup): unknown {
  return {
    id: resourceGroupId(rg.subscriptionId, rg.name),
    name: rg.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: rg.location,
    tags: rg.tags,
    properties: { provisioningState: 'Succeeded' },
  };
}

/** The maps of resources that live in a resource group (restore points go with their collection). */
const groupedMaps = (store: Store): Map<string, { id: string; location: string; tags?: Record<string, string> }>[] => [
  store.virtualMachines,
  store.disks,
  store.collections,
  store.virtualNetworks,
  store.networkInterfaces,
  store.publicIpAddresses,
];

/** Every resource of the group, by its lower-cased id. */
function resourcesIn(store: Store, sub: string, rg: string): { id: string; location: string; tags?: Record<string, string> }[] {
  store.touchSubscription(sub);
  const prefix = `${key(resourceGroupId(sub, rg))}/`;
  return groupedMaps(store).flatMap((map) => [...map].filter(([id]) => id.startsWith(prefix)).map(([, resource]) => resource));
}

/** `Microsoft.Compute/disks` from `/subscriptions/…/providers/Microsoft.Compute/disks/name`. */
const typeOf = (id: string): string => {
  const parts = id.split('/');
  const at = parts.findIndex((p) => p.toLowerCase() === 'providers');
  return `${parts[at + 1]}/${parts[at + 2]}`;
};

/** Creates a group (201) or updates the tags of one (200); a group's location never changes (ARM: 409 InvalidResourceGroupLocation). */
function putResourceGroup(ctx: RequestContext): HandlerResult {
  if (ctx.body === undefined) throw invalidContent('a resource group definition is required.');
  const body = Body.of(ctx.body);
  const location = body.string('location');
  if (!location) throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.');
  const region = findRegion(location);
  if (!region) throw new ArmError(400, 'LocationNotAvailableForResourceGroup', `The provided location '${location}' is not available for resource group.`);
  const { subscriptionId, resourceGroupName } = ctx.params;
  const existing = ctx.state.store.getResourceGroup(subscriptionId, resourceGroupName);
  if (existing) {
    if (existing.location !== region.name) {
      throw conflict('InvalidResourceGroupLocation', `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`);
    }
    existing.tags = body.tags() ?? existing.tags;
    return { status: 200, body: renderResourceGroup(existing) };
  }
  const rg: ResourceGroup = { subscriptionId, name: resourceGroupName, location: region.name, tags: body.tags() ?? {} };
  ctx.state.store.addResourceGroup(rg);
  return { status: 201, body: renderResourceGroup(rg) };
}

/**
 * Deletes a group and every resource in it, as ARM does. ARM answers 202 and deletes in the
 * background; the emulator deletes at once and answers 200, which the spec also allows (our choice:
 * no test needs to watch a group being deleted).
 */
function deleteResourceGroup(ctx: RequestContext): HandlerResult {
  const { store } = ctx.state;
  const { subscriptionId, resourceGroupName } = ctx.params;
  for (const resource of resourcesIn(store, subscriptionId, resourceGroupName)) {
    for (const map of groupedMaps(store)) map.delete(key(resource.id));
    for (const rp of store.restorePointsOf(resource.id)) store.restorePoints.delete(key(rp.id));
  }
  store.resourceGroups.delete(key(resourceGroupId(subscriptionId, resourceGroupName)));
  return { status: 200 };
}

const one = '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}';
const RG = 'Microsoft.Resources/subscriptions/resourceGroups';

export const resourceGroupRoutes: ArmRoute[] = [
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/resourcegroups',
    family: 'resourceGroups',
    scope: 'access',
    action: `${RG}/read`,
    handler: (ctx) => {
      const sub = ctx.params.subscriptionId.toLowerCase();
      const groups = [...ctx.state.store.resourceGroups.values()].filter((rg) => rg.subscriptionId.toLowerCase() === sub);
      return { status: 200, body: page(groups, ctx, PAGE_SIZE.resourceGroups, renderResourceGroup) };
    },
  },
  {
    method: 'GET',
    template: one,
    family: 'resourceGroups',
    scope: 'resourceGroup',
    action: `${RG}/read`,
    handler: (ctx) => ({ status: 200, body: renderResourceGroup(ctx.state.store.getResourceGroup(ctx.params.subscriptionId, ctx.params.resourceGroupName)!) }),
  },
  // The group need not exist: `access` checks only the subscription.
  { method: 'PUT', template: one, family: 'resourceGroups', scope: 'access', action: `${RG}/write`, handler: putResourceGroup },
  { method: 'DELETE', template: one, family: 'resourceGroups', scope: 'resourceGroup', action: `${RG}/delete`, handler: deleteResourceGroup },
  {
    method: 'GET',
    template: `${one}/resources`,
    family: 'resourceGroups',
    scope: 'resourceGroup',
    action: `${RG}/resources/read`,
    handler: (ctx) => {
      const resources = resourcesIn(ctx.state.store, ctx.params.subscriptionId, ctx.params.resourceGroupName);
      return { status: 200, body: page(resources, ctx, PAGE_SIZE.resourceGroups, (r) => ({ id: r.id, name: r.id.slice(r.id.lastIndexOf('/') + 1), type: typeOf(r.id), location: r.location, tags: r.tags ?? {} })) };
    },
  },
];
