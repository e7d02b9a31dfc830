import type { ArmRoute, HandlerResult, RequestContext } from '../http/context';
import { conflict, invalidParameter, parentNotFound, resourceNotFound } from '../http/errors';
import { Body, checkComputeName } from '../http/validation';
import { durationMs } from '../engine/clock';
import { key, parseComputeId, restorePointId } from '../engine/ids';
import type { RestorePoint, RestorePointCollection, VirtualMachine } from '../engine/model';
import { buildCopy, buildVmRestorePoint } from '../engine/restorePointFactory';
import type { OperationOutcome } from '../engine/operations';
import { acceptDeletion, expandOption, findDisk, requireCollection } from './common';
import { renderRestorePoint } from './restorePointRender';
import { checkIncludedDisks, checkLimit, checkNoCreationInProgress, resolveConsistencyMode, type VmDiskInfo } from './restorePointRules';
import { restorePointState } from './restorePointState';

const TYPE = 'Microsoft.Compute/restorePointCollections/restorePoints';

const parent = (ctx: RequestContext): RestorePointCollection => requireCollection(ctx, () => parentNotFound(ctx.params.restorePointCollectionName));

function findRestorePoint(ctx: RequestContext, rpc: RestorePointCollection): RestorePoint | undefined {
  return ctx.state.store.restorePoints.get(key(restorePointId(rpc.id, ctx.params.restorePointName)));
}

function vmDisks(ctx: RequestContext, vm: VirtualMachine): VmDiskInfo[] {
  const name = (id: string): string => id.slice(id.lastIndexOf('/') + 1);
  return [
    { id: vm.osDisk.diskId, name: name(vm.osDisk.diskId), role: 'OS disk' as const, disk: findDisk(ctx, vm.osDisk.diskId), ephemeral: vm.osDisk.ephemeral, writeAccelerated: false },
    ...vm.dataDisks.map((d) => ({ id: d.diskId, name: name(d.diskId), role: 'data disk' as const, disk: findDisk(ctx, d.diskId), ephemeral: false, writeAccelerated: d.writeAcceleratorEnabled ?? false })),
  ];
}

/** A restore point of the collection's VM. Every check runs before anything is stored. */
function createFromVm(ctx: RequestContext, rpc: RestorePointCollection, properties: Body | undefined): RestorePoint {
  const { state } = ctx;
  const source = parseComputeId(rpc.sourceId)!;
  if (source.type.toLowerCase() === 'restorepointcollections') {
    throw invalidParameter(`Restore point collection '${rpc.name}' holds cross-region copies; set 'sourceRestorePoint' to the restore point to copy.`, 'properties.sourceRestorePoint.id');
  }
  const vm = state.store.virtualMachines.get(key(rpc.sourceId));
  if (!vm) throw resourceNotFound('Microsoft.Compute/virtualMachines', source.name, source.resourceGroup);
  const mode = resolveConsistencyMode(properties?.string('consistencyMode'), vm, ctx.apiVersion);
  const excludeIds = (properties?.array('excludeDisks') ?? []).map((ref, i) => {
    const id = ref.string('id');
    if (!id) throw invalidParameter(`'excludeDisks[${i}].id' is required.`, `properties.excludeDisks[${i}].id`);
    return id;
  });
  const instantAccess = properties?.integer('instantAccessDurationMinutes');
  if (instantAccess !== undefined && instantAccess <= 0) throw invalidParameter("'instantAccessDurationMinutes' must be a positive number of minutes.", 'properties.instantAccessDurationMinutes');
  const disks = vmDisks(ctx, vm);
  const byKey = new Map(disks.map((d) => [key(d.id), d]));
  const unknown = excludeIds.find((id) => !byKey.has(key(id)));
  if (unknown) throw invalidParameter(`The disk '${unknown}' in 'excludeDisks' is not attached to virtual machine '${vm.name}'.`, 'properties.excludeDisks');
  const excluded = new Set(excludeIds.map(key));
  checkIncludedDisks(disks.filter((d) => !excluded.has(key(d.id))), mode);
  const existing = state.store.restorePointsOfVm(vm.id);
  checkNoCreationInProgress(vm, existing, ctx.now);
  checkLimit(vm, existing);
  return buildVmRestorePoint(state.store, {
    collection: rpc,
    name: ctx.params.restorePointName,
    vm,
    consistencyMode: mode,
    // Excluded disks are reported with the VM's spelling of their ids.
    excludeDiskIds: disks.filter((d) => excluded.has(key(d.id))).map((d) => d.id),
    timeCreated: ctx.now,
    readyAt: ctx.now + durationMs('restorePointCreation', state.pace),
    outcome: state.takeFailure('restorePointCreation') ? 'Failed' : 'Succeeded',
    instantAccessDurationMinutes: instantAccess,
  });
}

/** A cross-region copy into a collection whose source is the source restore point's collection. */
function createCopy(ctx: RequestContext, rpc: RestorePointCollection, properties: Body, sourceRestorePointId: string): RestorePoint {
  const { state } = ctx;
  const sourceCollection = state.store.collections.get(key(rpc.sourceId));
  if (!sourceCollection) {
    throw invalidParameter(`Restore point collection '${rpc.name}' was not created for cross-region copy (its source is not a restore point collection), so it cannot hold copies.`, 'properties.sourceRestorePoint.id');
  }
  if (properties.has('excludeDisks') || properties.has('consistencyMode')) {
    throw invalidParameter("'excludeDisks' and 'consistencyMode' cannot be set on a copy; it copies the source restore point as it is.", 'properties');
  }
  const sourceRp = state.store.restorePoints.get(key(sourceRestorePointId));
  if (!sourceRp) {
    const parsed = parseComputeId(sourceRestorePointId);
    throw resourceNotFound(TYPE.replace('/restorePoints', ''), `${parsed?.name ?? '?'}/restorePoints/${parsed?.children[1] ?? sourceRestorePointId}`, parsed?.resourceGroup ?? '?');
  }
  if (key(sourceRp.collectionId) !== key(sourceCollection.id)) {
    throw invalidParameter(`The source restore point must belong to '${sourceCollection.id}', the source collection of '${rpc.name}'.`, 'properties.sourceRestorePoint.id');
  }
  const sourceState = restorePointState(sourceRp, ctx.now, sourceCollection);
  if (sourceState !== 'Succeeded') {
    throw conflict('OperationNotAllowed', `The source restore point '${sourceRp.name}' is in state '${sourceState}'; only a restore point whose creation has succeeded can be copied.`);
  }
  const readyAt = ctx.now + durationMs('restorePointCreation', state.pace);
  return buildCopy({
    target: rpc,
    name: ctx.params.restorePointName,
    source: sourceRp,
    sourceLocation: sourceCollection.location,
    timeCreated: ctx.now,
    readyAt,
    replicationMs: durationMs('crossRegionReplication', state.pace),
    failAtPercent: state.takeFailure('replication') ? 40 : undefined,
  });
}

function create(ctx: RequestContext): HandlerResult {
  const { state, params } = ctx;
  const rpc = parent(ctx);
  checkComputeName(params.restorePointName, 'restorePointName');
  const body = Body.of(ctx.body ?? {});
  const properties = body.object('properties');
  if (rpc.deletingUntil !== undefined) throw conflict('OperationNotAllowed', `Restore point collection '${rpc.name}' is being deleted.`);
  if (findRestorePoint(ctx, rpc)) throw conflict('OperationNotAllowed', `Restore point '${params.restorePointName}' already exists; restore points cannot be changed once created.`);
  const sourceRestorePointId = properties?.object('sourceRestorePoint')?.string('id');
  const rp = sourceRestorePointId ? createCopy(ctx, rpc, properties!, sourceRestorePointId) : createFromVm(ctx, rpc, properties);
  state.store.restorePoints.set(key(rp.id), rp);

  const op = state.operations.start(rpc.subscriptionId, rpc.location, (now): OperationOutcome => {
    const current = state.store.restorePoints.get(key(rp.id));
    if (now < rp.readyAt) return { status: 'InProgress', remainingMs: rp.readyAt - now };
    if (current && current.outcome === 'Failed') {
      return { status: 'Failed', endTime: rp.readyAt, error: { code: 'InternalDiskRestorePointError', message: `Creating restore point '${rp.name}' failed: the disk snapshots could not be taken.` } };
    }
    return { status: 'Succeeded', endTime: rp.readyAt };
  });
  return {
    status: 201,
    body: renderRestorePoint(rp, rpc, ctx.now, false),
    headers: state.operations.headers(op, { endpoint: ctx.endpoint, apiVersion: ctx.apiVersion, location: false }),
  };
}

function get(ctx: RequestContext): HandlerResult {
  const rpc = parent(ctx);
  const expand = expandOption(ctx, ['instanceView']);
  const rp = findRestorePoint(ctx, rpc);
  if (!rp) throw resourceNotFound(TYPE.replace('/restorePoints', ''), `${rpc.name}/restorePoints/${ctx.params.restorePointName}`, ctx.params.resourceGroupName);
  return { status: 200, body: renderRestorePoint(rp, rpc, ctx.now, expand === 'instanceView') };
}

function remove(ctx: RequestContext): HandlerResult {
  const rpc = parent(ctx);
  const rp = findRestorePoint(ctx, rpc);
  if (!rp) return { status: 204 };
  return acceptDeletion(ctx, rp, rpc);
}

const path = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/restorePointCollections/{restorePointCollectionName}/restorePoints/{restorePointName}';

export const restorePointRoutes: ArmRoute[] = [
  { method: 'PUT', template: path, family: 'restorePoints', scope: 'resourceGroup', action: `${TYPE}/write`, handler: create },
  { method: 'GET', template: path, family: 'restorePoints', scope: 'resourceGroup', action: `${TYPE}/read`, handler: get },
  { method: 'DELETE', template: path, family: 'restorePoints', scope: 'resourceGroup', action: `${TYPE}/delete`, handler: remove },
];
