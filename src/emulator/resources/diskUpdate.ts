import type { ArmRoute, HandlerResult, RequestContext } from '../http/context';
import { conflict, invalidContent, invalidParameter, resourceNotFound } from '../http/errors';
import { Body } from '../http/validation';
import { computeId, key } from '../engine/ids';
import { renderDisk } from './disks';

/**
 * Disks_Update (PATCH) for tags, which is how a disk that was replaced is labelled: 202 with Location
 * and Azure-AsyncOperation (final state via Location, the disk). DiskRP applies a tag change at
 * once, so the operation has already succeeded. Other properties are refused with a clear message.
 */
function updateDisk(ctx: RequestContext): HandlerResult {
  const { state } = ctx;
  const disk = state.store.disks.get(key(computeId(ctx.params.subscriptionId, ctx.params.resourceGroupName, 'disks', ctx.params.diskName)));
  if (!disk) throw resourceNotFound('Microsoft.Compute/disks', ctx.params.diskName, ctx.params.resourceGroupName);
  if (ctx.body === undefined) throw invalidContent('a disk update is required.');
  const body = Body.of(ctx.body);
  const unsupported = [...Object.keys(body.value).filter((k) => k !== 'tags'), ...Object.keys(body.object('properties')?.value ?? {}).map((k) => `properties.${k}`)].filter((k) => k !== 'properties');
  if (unsupported.length) throw invalidParameter(`This emulator updates only a disk's tags; '${unsupported.join("', '")}' cannot be changed here.`, unsupported[0]);
  if (disk.deletingUntil !== undefined) throw conflict('OperationNotAllowed', `Disk '${disk.name}' is being deleted.`);
  const tags = body.tags();
  if (tags) disk.tags = tags;
  const output = renderDisk(disk, ctx.now, state.store);
  const op = state.operations.start(disk.subscriptionId, disk.location, () => ({ status: 'Succeeded', endTime: ctx.now, output }));
  return { status: 202, headers: state.operations.headers(op, { endpoint: ctx.endpoint, apiVersion: ctx.apiVersion, location: true }) };
}

export const diskUpdateRoutes: ArmRoute[] = [
  {
    method: 'PATCH',
    template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/disks/{diskName}',
    family: 'disks',
    scope: 'resourceGroup',
    action: 'Microsoft.Compute/disks/write',
    handler: updateDisk,
  },
];
