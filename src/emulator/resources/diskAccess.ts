import type { ArmRoute, HandlerResult, RequestContext } from '../http/context';
import { conflict, invalidContent, invalidParameter, parentNotFound, resourceNotFound } from '../http/errors';
import { Body } from '../http/validation';
import { durationMs } from '../engine/clock';
import { computeId, key } from '../engine/ids';
import { requireCollection } from './common';
import { DISK_RESTORE_POINT_TYPE, diskRestorePointItemPath, parentRestorePoint, requireDiskRestorePoint } from './diskRestorePoints';
import { restorableProblem } from './restorePointState';

const GiB = 1024 * 1024 * 1024;

/** What a grant is for: the resource, its size, and why it cannot be granted now, if it cannot. */
interface Grantable {
  resourceId: string;
  sizeGB: number;
  createdAt: number;
  subscriptionId: string;
  location: string;
  problem?: string;
}

function diskRestorePointTarget(ctx: RequestContext): Grantable {
  const rp = parentRestorePoint(ctx);
  const drp = requireDiskRestorePoint(ctx, rp);
  const collection = requireCollection(ctx, () => parentNotFound(ctx.params.restorePointCollectionName));
  return { resourceId: drp.id, sizeGB: drp.sizeGB, createdAt: rp.timeCreated, subscriptionId: collection.subscriptionId, location: collection.location, problem: restorableProblem(rp, drp, ctx.now) };
}

function diskTarget(ctx: RequestContext): Grantable {
  const id = computeId(ctx.params.subscriptionId, ctx.params.resourceGroupName, 'disks', ctx.params.diskName);
  const disk = ctx.state.store.disks.get(key(id));
  if (!disk) throw resourceNotFound('Microsoft.Compute/disks', ctx.params.diskName, ctx.params.resourceGroupName);
  const vm = disk.managedBy ? ctx.state.store.virtualMachines.get(key(disk.managedBy)) : undefined;
  // DiskRP exports only a disk no running VM writes to; the message is the emulator's wording.
  const problem = disk.creatingUntil !== undefined && ctx.now < disk.creatingUntil
    ? `Disk '${disk.name}' is still being created.`
    : vm && vm.powerState !== 'deallocated' ? `Disk '${disk.name}' is attached to VM '${vm.id}'; deallocate the VM or detach the disk to export it.` : undefined;
  return { resourceId: disk.id, sizeGB: disk.sizeGB, createdAt: disk.timeCreated, subscriptionId: disk.subscriptionId, location: disk.location, problem };
}

/**
 * GrantAccess: a read SAS for a limited time, delivered by a long-running operation (202 with
 * Location; the SAS is the operation's result). Only `Read` and the VHD file format are offered:
 * Write is for uploads, which disk restore points do not take, and VHDX export is not emulated.
 */
function grantAccess(target: (ctx: RequestContext) => Grantable) {
  return (ctx: RequestContext): HandlerResult => {
    const { state } = ctx;
    const found = target(ctx);
    if (ctx.body === undefined) throw invalidContent('grantAccessData is required.');
    const body = Body.of(ctx.body);
    const access = body.string('access');
    const duration = body.integer('durationInSeconds');
    const format = body.string('fileFormat') ?? 'VHD';
    if (!access) throw invalidParameter("Required parameter 'access' is missing (null).", 'grantAccessData.access');
    if (access.toLowerCase() !== 'read') throw invalidParameter(`Access '${access}' is not allowed here; only 'Read' is.`, 'grantAccessData.access');
    if (duration === undefined || duration <= 0) throw invalidParameter("'durationInSeconds' must be a positive integer.", 'grantAccessData.durationInSeconds');
    if (format.toUpperCase() !== 'VHD') throw invalidParameter(`fileFormat '${format}' is not supported by this emulator; use VHD.`, 'grantAccessData.fileFormat');
    if (found.problem) throw conflict('OperationNotAllowed', found.problem);

    const { url } = state.grants.grant({ resourceId: found.resourceId, sizeBytes: found.sizeGB * GiB, durationSeconds: duration, now: ctx.now, endpoint: ctx.endpoint, createdAtMs: found.createdAt });
    const readyAt = ctx.now + durationMs('grantAccess', state.pace);
    const op = state.operations.start(found.subscriptionId, found.location, (now) =>
      now < readyAt ? { status: 'InProgress', remainingMs: readyAt - now } : { status: 'Succeeded', endTime: readyAt, output: { accessSAS: url } });
    return { status: 202, headers: state.operations.headers(op, { endpoint: ctx.endpoint, apiVersion: ctx.apiVersion, location: true }) };
  };
}

/** RevokeAccess: the SAS is refused from the moment ARM accepts the request. */
function revokeAccess(target: (ctx: RequestContext) => Grantable) {
  return (ctx: RequestContext): HandlerResult => {
    const { state } = ctx;
    const found = target(ctx);
    state.grants.revoke(found.resourceId);
    const readyAt = ctx.now + durationMs('revokeAccess', state.pace);
    const op = state.operations.start(found.subscriptionId, found.location, (now) =>
      now < readyAt ? { status: 'InProgress', remainingMs: readyAt - now } : { status: 'Succeeded', endTime: readyAt });
    return { status: 202, headers: state.operations.headers(op, { endpoint: ctx.endpoint, apiVersion: ctx.apiVersion, location: true }) };
  };
}

const disk = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/disks/{diskName}';

export const diskAccessRoutes: ArmRoute[] = [
  { method: 'POST', template: `${diskRestorePointItemPath}/beginGetAccess`, family: 'diskRestorePoints', scope: 'resourceGroup', action: `${DISK_RESTORE_POINT_TYPE}/beginGetAccess/action`, handler: grantAccess(diskRestorePointTarget) },
  { method: 'POST', template: `${diskRestorePointItemPath}/endGetAccess`, family: 'diskRestorePoints', scope: 'resourceGroup', action: `${DISK_RESTORE_POINT_TYPE}/endGetAccess/action`, handler: revokeAccess(diskRestorePointTarget) },
  { method: 'POST', template: `${disk}/beginGetAccess`, family: 'disks', scope: 'resourceGroup', action: 'Microsoft.Compute/disks/beginGetAccess/action', handler: grantAccess(diskTarget) },
  { method: 'POST', template: `${disk}/endGetAccess`, family: 'disks', scope: 'resourceGroup', action: 'Microsoft.Compute/disks/endGetAccess/action', handler: revokeAccess(diskTarget) },
];
