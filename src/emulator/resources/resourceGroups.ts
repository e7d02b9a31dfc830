import type { ArmRoute } from '../http/context';
import { page, PAGE_SIZE } from '../http/paging';
import { resourceGroupId } from '../engine/ids';
import type { ResourceGroup } from '../engine/model';

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

export const resourceGroupRoutes: ArmRoute[] = [
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/resourcegroups',
    family: 'resourceGroups',
    scope: 'access',
    action: 'Microsoft.Resources/subscriptions/resourceGroups/read',
    handler: (ctx) => {
      const sub = ctx.params.subscriptionId.toLowerCase();
      const groups = [...ctx.state.store.resourceGroups.values()].filter((rg) => rg.subscriptionId.toLowerCase() === sub);
      return { status: 200, body: page(groups, ctx, PAGE_SIZE.resourceGroups, renderResourceGroup) };
    },
  },
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}',
    family: 'resourceGroups',
    scope: 'resourceGroup',
    action: 'Microsoft.Resources/subscriptions/resourceGroups/read',
    handler: (ctx) => ({ status: 200, body: renderResourceGroup(ctx.state.store.getResourceGroup(ctx.params.subscriptionId, ctx.params.resourceGroupName)!) }),
  },
];
