import type { ArmRoute, RequestContext } from '../http/context';
import { ArmError, parentNotFound } from '../http/errors';
import { page, PAGE_SIZE } from '../http/paging';
import { key, restorePointId } from '../engine/ids';
import type { DiskRestorePoint, RestorePoint } from '../engine/model';
import { iso, requireCollection } from './common';
import { replicationOf } from './restorePointState';

export const DISK_RESTORE_POINT_TYPE = 'Microsoft.Compute/restorePointCollections/restorePoints/diskRestorePoints';

export function parentRestorePoint(ctx: RequestContext): RestorePoint {
  const rpc = requireCollection(ctx, () => parentNotFound(ctx.params.restorePointCollectionName));
  const rp = ctx.state.store.restorePoints.get(key(restorePointId(rpc.id, ctx.params.vmRestorePointName)));
  if (!rp) throw parentNotFound(`${rpc.name}/${ctx.params.vmRestorePointName}`);
  return rp;
}

export function requireDiskRestorePoint(ctx: RequestContext, rp: RestorePoint): DiskRestorePoint {
  const drp = rp.diskRestorePoints.find((d) => d.name.toLowerCase() === ctx.params.diskRestorePointName.toLowerCase());
  if (!drp) {
    throw new ArmError(404, 'ResourceNotFound', `The Resource '${DISK_RESTORE_POINT_TYPE}/${ctx.params.restorePointCollectionName}/${rp.name}/${ctx.params.diskRestorePointName}' under resource group '${ctx.params.resourceGroupName}' was not found.`);
  }
  return drp;
}

export function renderDiskRestorePoint(rp: RestorePoint, drp: DiskRestorePoint, now: number): Record<string, unknown> {
  const replication = replicationOf(drp, now);
  const ultraLike = drp.sku === 'UltraSSD_LRS' || drp.sku === 'PremiumV2_LRS';
  return {
    id: drp.id,
    name: drp.name,
    type: DISK_RESTORE_POINT_TYPE,
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

export const diskRestorePointPath = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/restorePointCollections/{restorePointCollectionName}/restorePoints/{vmRestorePointName}/diskRestorePoints';
export const diskRestorePointItemPath = `${diskRestorePointPath}/{diskRestorePointName}`;

export const diskRestorePointRoutes: ArmRoute[] = [
  {
    method: 'GET',
    template: diskRestorePointPath,
    family: 'diskRestorePoints',
    scope: 'resourceGroup',
    action: `${DISK_RESTORE_POINT_TYPE}/read`,
    handler: (ctx) => {
      const rp = parentRestorePoint(ctx);
      return { status: 200, body: page(rp.diskRestorePoints, ctx, PAGE_SIZE.diskRestorePoints, (d) => renderDiskRestorePoint(rp, d, ctx.now)) };
    },
  },
  {
    method: 'GET',
    template: diskRestorePointItemPath,
    family: 'diskRestorePoints',
    scope: 'resourceGroup',
    action: `${DISK_RESTORE_POINT_TYPE}/read`,
    handler: (ctx) => {
      const rp = parentRestorePoint(ctx);
      return { status: 200, body: renderDiskRestorePoint(rp, requireDiskRestorePoint(ctx, rp), ctx.now) };
    },
  },
];
