import { randomBytes, randomUUID } from 'node:crypto';
import type { ArmRoute, HandlerResult, RequestContext } from '../http/context';
import { ArmError, conflict, invalidContent, invalidParameter, parentNotFound } from '../http/errors';
import { page, PAGE_SIZE } from '../http/paging';
import { Body } from '../http/validation';
import { durationMs } from '../engine/clock';
import { key, restorePointId } from '../engine/ids';
import type { DiskRestorePoint, RestorePoint } from '../engine/model';
import { iso, requireCollection } from './common';
import { replicationOf, restorableProblem } from './restorePointState';

const TYPE = 'Microsoft.Compute/restorePointCollections/restorePoints/diskRestorePoints';

function parentRestorePoint(ctx: RequestContext): RestorePoint {
  const rpc = requireCollection(ctx, () => parentNotFound(ctx.params.restorePointCollectionName));
  const rp = ctx.state.store.restorePoints.get(key(restorePointId(rpc.id, ctx.params.vmRestorePointName)));
  if (!rp) throw parentNotFound(`${rpc.name}/${ctx.params.vmRestorePointName}`);
  return rp;
}

function requireDiskRestorePoint(ctx: RequestContext, rp: RestorePoint): DiskRestorePoint {
  const drp = rp.diskRestorePoints.find((d) => d.name.toLowerCase() === ctx.params.diskRestorePointName.toLowerCase());
  if (!drp) {
    throw new ArmError(404, 'ResourceNotFound', `The Resource '${TYPE}/${ctx.params.restorePointCollectionName}/${rp.name}/${ctx.params.diskRestorePointName}' under resource group '${ctx.params.resourceGroupName}' was not found.`);
  }
  return drp;
}

export function renderDiskRestorePoint(rp: RestorePoint, drp: DiskRestorePoint, now: number): Record<string, unknown> {
  const replication = replicationOf(drp, now);
  const ultraLike = drp.sku === 'UltraSSD_LRS' || drp.sku === 'PremiumV2_LRS';
  return {
    id: drp.id,
    name: drp.name,
    type: TYPE,
    properties: {
      timeCreated: iso(rp.timeCreated),
      sourceResourceId: drp.sourceResourceId,
      ...(drp.osType ? { osType: drp.osType, hyperVGeneration: drp.hyperVGeneration } : {}),
      ...(drp.securityType ? { securityProfile: { securityType: drp.securityType } } : {}),
      familyId: drp.familyId,
      sourceUniqueId: drp.sourceUniqueId,
      encryption: { type: 'EncryptionAtRestWithPlatformKey' },
      networkAccessPolicy: 'AllowAll',
      publicNetworkAccess: 'Enabled',
      ...(replication
        ? { completionPercent: replication.completionPercent, replicationState: replication.state, sourceResourceLocation: drp.sourceResourceLocation }
        : {}),
      ...(ultraLike ? { logicalSectorSize: 4096 } : {}),
    },
  };
}

function sasUrl(drp: DiskRestorePoint, expiresAt: number): string {
  const account = `md-${randomBytes(6).toString('hex')}`;
  const sig = encodeURIComponent(randomBytes(32).toString('base64'));
  return `https://${account}.blob.storage.azure.net/${randomBytes(6).toString('hex')}/abcd?sv=2018-03-28&sr=b&si=${randomUUID()}&sig=${sig}&se=${encodeURIComponent(iso(expiresAt))}&sp=r&drp=${encodeURIComponent(drp.name)}`;
}

/** DiskRestorePoint_GrantAccess: a read SAS for a limited time, delivered by a long-running operation. */
function grantAccess(ctx: RequestContext): HandlerResult {
  const { state } = ctx;
  const rp = parentRestorePoint(ctx);
  const drp = requireDiskRestorePoint(ctx, rp);
  if (ctx.body === undefined) throw invalidContent('grantAccessData is required.');
  const body = Body.of(ctx.body);
  const access = body.string('access');
  const duration = body.integer('durationInSeconds');
  if (!access) throw invalidParameter("Required parameter 'access' is missing (null).", 'grantAccessData.access');
  if (access.toLowerCase() !== 'read') throw invalidParameter(`Access '${access}' is not allowed on a disk restore point; only 'Read' is.`, 'grantAccessData.access');
  if (duration === undefined || duration <= 0) throw invalidParameter("'durationInSeconds' must be a positive integer.", 'grantAccessData.durationInSeconds');
  const problem = restorableProblem(rp, drp, ctx.now);
  if (problem) throw conflict('OperationNotAllowed', problem);

  const readyAt = ctx.now + durationMs('grantAccess', state.pace);
  const grant = { sasUrl: sasUrl(drp, readyAt + duration * 1000), expiresAt: readyAt + duration * 1000 };
  drp.access = grant;
  const collection = requireCollection(ctx, () => parentNotFound(ctx.params.restorePointCollectionName));
  const op = state.operations.start(collection.subscriptionId, collection.location, (now) =>
    now < readyAt ? { status: 'InProgress', remainingMs: readyAt - now } : { status: 'Succeeded', endTime: readyAt, output: { accessSAS: grant.sasUrl } });
  return { status: 202, headers: state.operations.headers(op, { endpoint: ctx.endpoint, apiVersion: ctx.apiVersion, location: true }) };
}

function revokeAccess(ctx: RequestContext): HandlerResult {
  const { state } = ctx;
  const rp = parentRestorePoint(ctx);
  const drp = requireDiskRestorePoint(ctx, rp);
  drp.access = undefined;
  const readyAt = ctx.now + durationMs('revokeAccess', state.pace);
  const collection = requireCollection(ctx, () => parentNotFound(ctx.params.restorePointCollectionName));
  const op = state.operations.start(collection.subscriptionId, collection.location, (now) =>
    now < readyAt ? { status: 'InProgress', remainingMs: readyAt - now } : { status: 'Succeeded', endTime: readyAt });
  return { status: 202, headers: state.operations.headers(op, { endpoint: ctx.endpoint, apiVersion: ctx.apiVersion, location: true }) };
}

const list = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/restorePointCollections/{restorePointCollectionName}/restorePoints/{vmRestorePointName}/diskRestorePoints';
const item = `${list}/{diskRestorePointName}`;

export const diskRestorePointRoutes: ArmRoute[] = [
  {
    method: 'GET',
    template: list,
    family: 'diskRestorePoints',
    scope: 'resourceGroup',
    action: `${TYPE}/read`,
    handler: (ctx) => {
      const rp = parentRestorePoint(ctx);
      return { status: 200, body: page(rp.diskRestorePoints, ctx, PAGE_SIZE.diskRestorePoints, (d) => renderDiskRestorePoint(rp, d, ctx.now)) };
    },
  },
  {
    method: 'GET',
    template: item,
    family: 'diskRestorePoints',
    scope: 'resourceGroup',
    action: `${TYPE}/read`,
    handler: (ctx) => {
      const rp = parentRestorePoint(ctx);
      return { status: 200, body: renderDiskRestorePoint(rp, requireDiskRestorePoint(ctx, rp), ctx.now) };
    },
  },
  { method: 'POST', template: `${item}/beginGetAccess`, family: 'diskRestorePoints', scope: 'resourceGroup', action: `${TYPE}/beginGetAccess/action`, handler: grantAccess },
  { method: 'POST', template: `${item}/endGetAccess`, family: 'diskRestorePoints', scope: 'resourceGroup', action: `${TYPE}/endGetAccess/action`, handler: revokeAccess },
];
