import { randomUUID } from 'node:crypto';
import type { ArmRoute, HandlerResult, RequestContext } from '../http/context';
import { ArmError, conflict, invalidContent, invalidParameter, resourceNotFound } from '../http/errors';
import { page, PAGE_SIZE } from '../http/paging';
import { Body, checkComputeName } from '../http/validation';
import { computeId, key, parseComputeId } from '../engine/ids';
import type { RestorePointCollection } from '../engine/model';
import { findRegion } from '../data/regions';
import { acceptDeletion, expandOption, inScope, requireCollection } from './common';
import { renderRestorePoint } from './restorePointRender';

const TYPE = 'Microsoft.Compute/restorePointCollections';

export function renderCollection(ctx: RequestContext, rpc: RestorePointCollection, withRestorePoints: boolean): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    source: { id: rpc.sourceId, location: rpc.sourceLocation },
    provisioningState: rpc.deletingUntil !== undefined ? 'Deleting' : 'Succeeded',
    restorePointCollectionId: rpc.collectionId,
  };
  if (withRestorePoints) properties.restorePoints = ctx.state.store.restorePointsOf(rpc.id).map((rp) => renderRestorePoint(rp, rpc, ctx.now, false));
  return { id: rpc.id, name: rpc.name, type: TYPE, location: rpc.location, tags: rpc.tags, properties };
}

const collectionNotFound = (ctx: RequestContext) => (): ArmError => resourceNotFound(TYPE, ctx.params.restorePointCollectionName, ctx.params.resourceGroupName);

/** The collection's source: a VM in the same region, or (cross-region copy) a collection in another region. */
function resolveSource(ctx: RequestContext, sourceId: string, location: string): { id: string; location: string } {
  const parsed = parseComputeId(sourceId);
  const type = parsed?.children.length === 0 ? parsed.type.toLowerCase() : undefined;
  const store = ctx.state.store;
  if (type === 'virtualmachines') {
    const vm = store.virtualMachines.get(key(sourceId));
    if (!vm) throw resourceNotFound('Microsoft.Compute/virtualMachines', parsed!.name, parsed!.resourceGroup);
    if (vm.location !== location) {
      throw invalidParameter(`The restore point collection must be in the same location as virtual machine '${vm.name}' ('${vm.location}'), not '${location}'. To copy restore points to another region, create a collection whose source is the source restore point collection.`, 'location');
    }
    return { id: vm.id, location: vm.location };
  }
  if (type === 'restorepointcollections') {
    const source = store.collections.get(key(sourceId));
    if (!source) throw resourceNotFound(TYPE, parsed!.name, parsed!.resourceGroup);
    if (source.location === location) {
      throw invalidParameter(`A restore point collection for cross-region copy must be in a different region than its source collection ('${source.location}').`, 'location');
    }
    return { id: source.id, location: source.location };
  }
  throw invalidParameter(`The source id '${sourceId}' must be a virtual machine or, for a cross-region copy, a restore point collection.`, 'properties.source.id');
}

function createOrUpdate(ctx: RequestContext): HandlerResult {
  const { params, state } = ctx;
  checkComputeName(params.restorePointCollectionName, 'restorePointCollectionName');
  if (ctx.body === undefined) throw invalidContent('a restore point collection definition is required.');
  const body = Body.of(ctx.body);
  const locationInput = body.string('location');
  if (!locationInput) throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.');
  const region = findRegion(locationInput);
  if (!region) throw invalidParameter(`The location '${locationInput}' is not available for resource type '${TYPE}'.`, 'location');
  const tags = body.tags();
  const properties = body.object('properties');
  const sourceId = properties?.object('source')?.string('id');
  properties?.boolean('instantAccess');

  const id = computeId(params.subscriptionId, params.resourceGroupName, 'restorePointCollections', params.restorePointCollectionName);
  const existing = state.store.collections.get(key(id));
  if (existing) {
    if (existing.deletingUntil !== undefined) throw conflict('OperationNotAllowed', `Restore point collection '${existing.name}' is being deleted.`);
    if (existing.location !== region.name) throw conflict('PropertyChangeNotAllowed', "Changing property 'location' is not allowed.");
    if (sourceId !== undefined && key(sourceId) !== key(existing.sourceId)) throw conflict('PropertyChangeNotAllowed', "Changing property 'source.id' is not allowed.");
    if (tags) existing.tags = tags;
    return { status: 200, body: renderCollection(ctx, existing, false) };
  }
  if (!sourceId) throw invalidParameter("Required parameter 'source.id' is missing (null).", 'properties.source.id');
  const source = resolveSource(ctx, sourceId, region.name);
  const rpc: RestorePointCollection = {
    id,
    subscriptionId: params.subscriptionId,
    resourceGroup: params.resourceGroupName,
    name: params.restorePointCollectionName,
    location: region.name,
    sourceId: source.id,
    sourceLocation: source.location,
    collectionId: randomUUID(),
    tags: tags ?? {},
  };
  state.store.collections.set(key(id), rpc);
  return { status: 201, body: renderCollection(ctx, rpc, false) };
}

function update(ctx: RequestContext): HandlerResult {
  const rpc = requireCollection(ctx, collectionNotFound(ctx));
  if (ctx.body === undefined) throw invalidContent('an update definition is required.');
  const body = Body.of(ctx.body);
  const tags = body.tags();
  const sourceId = body.object('properties')?.object('source')?.string('id');
  if (sourceId !== undefined && key(sourceId) !== key(rpc.sourceId)) throw conflict('PropertyChangeNotAllowed', "Changing property 'source.id' is not allowed.");
  if (rpc.deletingUntil !== undefined) throw conflict('OperationNotAllowed', `Restore point collection '${rpc.name}' is being deleted.`);
  if (tags) rpc.tags = tags;
  return { status: 200, body: renderCollection(ctx, rpc, false) };
}

/** Deletes the collection and every restore point in it, as a long-running operation. */
function remove(ctx: RequestContext): HandlerResult {
  const { state } = ctx;
  const id = computeId(ctx.params.subscriptionId, ctx.params.resourceGroupName, 'restorePointCollections', ctx.params.restorePointCollectionName);
  const rpc = state.store.collections.get(key(id));
  if (!rpc) return { status: 204 };
  return acceptDeletion(ctx, rpc, rpc);
}

const base = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/restorePointCollections';
const read = `${TYPE}/read`;

export const restorePointCollectionRoutes: ArmRoute[] = [
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/restorePointCollections',
    family: 'restorePointCollections',
    scope: 'access',
    action: read,
    handler: (ctx) => ({
      status: 200,
      body: page(inScope(ctx.state.store.collections.values(), ctx.params.subscriptionId), ctx, PAGE_SIZE.restorePointCollections, (c) => renderCollection(ctx, c, false)),
    }),
  },
  {
    method: 'GET',
    template: base,
    family: 'restorePointCollections',
    scope: 'resourceGroup',
    action: read,
    handler: (ctx) => ({
      status: 200,
      body: page(inScope(ctx.state.store.collections.values(), ctx.params.subscriptionId, ctx.params.resourceGroupName), ctx, PAGE_SIZE.restorePointCollections, (c) => renderCollection(ctx, c, false)),
    }),
  },
  {
    method: 'GET',
    template: `${base}/{restorePointCollectionName}`,
    family: 'restorePointCollections',
    scope: 'resourceGroup',
    action: read,
    handler: (ctx) => {
      const expand = expandOption(ctx, ['restorePoints']);
      return { status: 200, body: renderCollection(ctx, requireCollection(ctx, collectionNotFound(ctx)), expand === 'restorePoints') };
    },
  },
  { method: 'PUT', template: `${base}/{restorePointCollectionName}`, family: 'restorePointCollections', scope: 'resourceGroup', action: `${TYPE}/write`, handler: createOrUpdate },
  { method: 'PATCH', template: `${base}/{restorePointCollectionName}`, family: 'restorePointCollections', scope: 'resourceGroup', action: `${TYPE}/write`, handler: update },
  { method: 'DELETE', template: `${base}/{restorePointCollectionName}`, family: 'restorePointCollections', scope: 'resourceGroup', action: `${TYPE}/delete`, handler: remove },
];
