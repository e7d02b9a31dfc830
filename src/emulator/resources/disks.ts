import { randomUUID } from 'node:crypto';
import type { ArmRoute, HandlerResult, RequestContext } from '../http/context';
import { ArmError, conflict, invalidContent, invalidParameter, resourceNotFound } from '../http/errors';
import { page, PAGE_SIZE } from '../http/paging';
import { Body, checkDiskName, oneOf } from '../http/validation';
import { durationMs } from '../engine/clock';
import { computeId, key } from '../engine/ids';
import { DISK_SECURITY_TYPES, type Disk, type DiskSku } from '../engine/model';
import type { Store } from '../engine/store';
import { findRegion } from '../data/regions';
import { acceptDeletion, inScope, iso } from './common';
import { lookupDiskRestorePoint, restorableProblem } from './restorePointState';

const SKUS: DiskSku[] = ['Standard_LRS', 'Premium_LRS', 'StandardSSD_LRS', 'UltraSSD_LRS', 'Premium_ZRS', 'StandardSSD_ZRS', 'PremiumV2_LRS'];
const TIER: Record<DiskSku, string | undefined> = {
  Standard_LRS: 'Standard', Premium_LRS: 'Premium', StandardSSD_LRS: 'Standard', UltraSSD_LRS: 'Ultra', Premium_ZRS: 'Premium', StandardSSD_ZRS: 'Standard', PremiumV2_LRS: undefined,
};

function diskProvisioningState(disk: Disk, now: number): string {
  if (disk.deletingUntil !== undefined) return 'Deleting';
  if (disk.creatingUntil === undefined || disk.creatingUntil <= now) return disk.failed ? 'Failed' : 'Succeeded';
  return 'Creating';
}

/**
 * DiskRP's diskState follows the VM: Attached, Reserved while the VM is deallocated (the disk still
 * belongs to it), Unattached once detached or once the VM is deleted.
 */
export function diskState(disk: Disk, store: Store): 'Attached' | 'Reserved' | 'Unattached' {
  if (!disk.managedBy) return 'Unattached';
  return store.virtualMachines.get(key(disk.managedBy))?.powerState === 'deallocated' ? 'Reserved' : 'Attached';
}

export function renderDisk(disk: Disk, now: number, store: Store): Record<string, unknown> {
  const tier = TIER[disk.sku];
  return {
    id: disk.id,
    name: disk.name,
    type: 'Microsoft.Compute/disks',
    location: disk.location,
    tags: disk.tags,
    ...(disk.managedBy ? { managedBy: disk.managedBy } : {}),
    sku: { name: disk.sku, ...(tier ? { tier } : {}) },
    properties: {
      ...(disk.osType ? { osType: disk.osType } : {}),
      ...(disk.hyperVGeneration ? { hyperVGeneration: disk.hyperVGeneration } : {}),
      creationData: { createOption: disk.createOption, ...(disk.sourceResourceId ? { sourceResourceId: disk.sourceResourceId } : {}) },
      diskSizeGB: disk.sizeGB,
      diskSizeBytes: disk.sizeGB * 1024 * 1024 * 1024,
      uniqueId: disk.uniqueId,
      provisioningState: diskProvisioningState(disk, now),
      diskState: diskState(disk, store),
      ...(disk.securityType ? { securityProfile: { securityType: disk.securityType } } : {}),
      encryption: { type: 'EncryptionAtRestWithPlatformKey' },
      networkAccessPolicy: 'AllowAll',
      publicNetworkAccess: 'Enabled',
      timeCreated: iso(disk.timeCreated),
      ...(disk.maxShares ? { maxShares: disk.maxShares } : {}),
      ...(disk.sku === 'UltraSSD_LRS' || disk.sku === 'PremiumV2_LRS' ? { diskIOPSReadWrite: 3000, diskMBpsReadWrite: 125 } : {}),
    },
  };
}

/**
 * What makes an empty disk an OS disk: osType, hyperVGeneration and securityProfile.securityType
 * (DiskSecurityTypes). Trusted Launch and ConfidentialVM_* disks must be generation 2, as those VMs
 * are; DiskRP's code for this is not documented, InvalidParameter is our choice.
 */
function osDiskProperties(properties: Body | undefined): Pick<Disk, 'osType' | 'hyperVGeneration' | 'securityType'> {
  const osType = oneOf(properties?.string('osType'), ['Windows', 'Linux'] as const, 'disk.properties.osType');
  const hyperVGeneration = oneOf(properties?.string('hyperVGeneration'), ['V1', 'V2'] as const, 'disk.properties.hyperVGeneration');
  const securityType = oneOf(properties?.object('securityProfile')?.string('securityType'), DISK_SECURITY_TYPES, 'disk.properties.securityProfile.securityType');
  if (securityType && hyperVGeneration !== 'V2') {
    throw invalidParameter(`A disk with securityProfile.securityType '${securityType}' must have hyperVGeneration 'V2'.`, 'disk.properties.hyperVGeneration');
  }
  return { ...(osType ? { osType } : {}), ...(hyperVGeneration ? { hyperVGeneration } : {}), ...(securityType ? { securityType } : {}) };
}

function diskArmId(ctx: RequestContext): string {
  return computeId(ctx.params.subscriptionId, ctx.params.resourceGroupName, 'disks', ctx.params.diskName);
}

/**
 * Disks_CreateOrUpdate, for what the extension needs: `Restore` from a disk restore point
 * (long-running; DiskRP answers 202 with Location, final state via Location) and `Empty` (which may
 * be an OS disk: osDiskProperties).
 */
function createDisk(ctx: RequestContext): { status: number; body: unknown; headers: Record<string, string> } {
  const { state } = ctx;
  const name = ctx.params.diskName;
  checkDiskName(name);
  const body = Body.of(ctx.body ?? null);
  const location = body.string('location');
  if (!location) throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.');
  if (!findRegion(location)) throw invalidParameter(`The location '${location}' is not available for resource type 'Microsoft.Compute/disks'.`, 'location');
  const properties = body.object('properties');
  const creation = properties?.object('creationData');
  const createOption = creation?.string('createOption');
  if (!creation || !createOption) throw invalidParameter("Required parameter 'creationData.createOption' is missing (null).", 'disk.properties.creationData.createOption');
  const skuName = body.object('sku')?.string('name') as DiskSku | undefined;
  if (skuName !== undefined && !SKUS.includes(skuName)) throw invalidParameter(`The value '${skuName}' is not a valid disk sku. Allowed values are ${SKUS.join(', ')}.`, 'sku.name');
  const requestedSize = properties?.integer('diskSizeGB');
  const tags = body.tags() ?? {};
  const id = diskArmId(ctx);
  const existing = state.store.disks.get(key(id));
  if (existing?.deletingUntil !== undefined) throw conflict('OperationNotAllowed', `Disk '${name}' is being deleted.`);
  if (existing) throw conflict('PropertyChangeNotAllowed', `Disk '${name}' already exists. Changing property 'creationData' is not allowed.`);

  const now = ctx.now;
  const base = { id, subscriptionId: ctx.params.subscriptionId, resourceGroup: ctx.params.resourceGroupName, name, location: findRegion(location)!.name, uniqueId: randomUUID(), timeCreated: now, tags };
  let disk: Disk;
  switch (createOption.toLowerCase()) {
    case 'empty': {
      if (requestedSize === undefined || requestedSize <= 0) throw invalidParameter("'diskSizeGB' must be a positive integer when createOption is Empty.", 'disk.properties.diskSizeGB');
      disk = { ...base, sku: skuName ?? 'Standard_LRS', sizeGB: requestedSize, createOption: 'Empty', ...osDiskProperties(properties) };
      break;
    }
    case 'restore': {
      const sourceId = creation.string('sourceResourceId');
      if (!sourceId) throw invalidParameter("'sourceResourceId' is required when createOption is Restore.", 'disk.properties.creationData.sourceResourceId');
      const found = lookupDiskRestorePoint(state.store, sourceId);
      if (!found) throw new ArmError(404, 'NotFound', `The source disk restore point '${sourceId}' was not found.`, 'disk.properties.creationData.sourceResourceId');
      const { collection, restorePoint, diskRestorePoint } = found;
      if (collection.location !== base.location) {
        throw invalidParameter(`The disk must be created in the location of the disk restore point ('${collection.location}'), not '${base.location}'.`, 'location');
      }
      const problem = restorableProblem(restorePoint, diskRestorePoint, now);
      if (problem) throw conflict('OperationNotAllowed', problem);
      if (requestedSize !== undefined && requestedSize < diskRestorePoint.sizeGB) {
        throw invalidParameter(`The disk size ${requestedSize} GB is smaller than the source's ${diskRestorePoint.sizeGB} GB; disks can only grow.`, 'disk.properties.diskSizeGB');
      }
      const fails = state.takeFailure('diskRestore');
      disk = {
        ...base,
        sku: skuName ?? diskRestorePoint.sku,
        sizeGB: requestedSize ?? diskRestorePoint.sizeGB,
        osType: diskRestorePoint.osType,
        hyperVGeneration: diskRestorePoint.hyperVGeneration,
        ...(diskRestorePoint.securityType ? { securityType: diskRestorePoint.securityType } : {}),
        createOption: 'Restore',
        sourceResourceId: diskRestorePoint.id,
        creatingUntil: now + durationMs('diskRestore', state.pace),
        failed: fails,
      };
      break;
    }
    default:
      throw invalidParameter(`createOption '${createOption}' is not supported by this emulator; use Restore (from a disk restore point) or Empty.`, 'disk.properties.creationData.createOption');
  }
  state.store.disks.set(key(id), disk);
  const op = state.operations.start(disk.subscriptionId, disk.location, (now) => {
    const current = state.store.disks.get(key(id));
    if (!current) return { status: 'Failed', endTime: now, error: { code: 'NotFound', message: `Disk '${name}' no longer exists.` } };
    if (current.creatingUntil !== undefined && now < current.creatingUntil) return { status: 'InProgress', remainingMs: current.creatingUntil - now };
    const endTime = current.creatingUntil ?? now;
    if (current.failed) return { status: 'Failed', endTime, error: { code: 'InternalDiskManagementError', message: `Creating disk '${name}' from the restore point failed (requested by a test fault).` } };
    return { status: 'Succeeded', endTime, output: renderDisk(current, now, state.store) };
  });
  return { status: 202, body: renderDisk(disk, now, state.store), headers: state.operations.headers(op, { endpoint: ctx.endpoint, apiVersion: ctx.apiVersion, location: true }) };
}

/**
 * Disks_Delete: 202 with Location and Azure-AsyncOperation (final state via Location, as the spec
 * says), 204 when the disk does not exist. An attached disk (`managedBy` set) is refused with
 * DiskRP's 409 `OperationNotAllowed` ("Disk <name> is attached to VM <id>.").
 */
function deleteDisk(ctx: RequestContext): HandlerResult {
  const disk = ctx.state.store.disks.get(key(diskArmId(ctx)));
  if (!disk) return { status: 204 };
  if (disk.managedBy) throw conflict('OperationNotAllowed', `Disk ${disk.name} is attached to VM ${disk.managedBy}.`);
  return acceptDeletion(ctx, disk, disk);
}

const read = 'Microsoft.Compute/disks/read';

export const diskRoutes: ArmRoute[] = [
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/disks',
    family: 'disks',
    scope: 'access',
    action: read,
    handler: (ctx) => ({ status: 200, body: page(inScope(ctx.state.store.disks.values(), ctx.params.subscriptionId), ctx, PAGE_SIZE.disks, (d) => renderDisk(d, ctx.now, ctx.state.store)) }),
  },
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/disks',
    family: 'disks',
    scope: 'resourceGroup',
    action: read,
    handler: (ctx) => ({
      status: 200,
      body: page(inScope(ctx.state.store.disks.values(), ctx.params.subscriptionId, ctx.params.resourceGroupName), ctx, PAGE_SIZE.disks, (d) => renderDisk(d, ctx.now, ctx.state.store)),
    }),
  },
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/disks/{diskName}',
    family: 'disks',
    scope: 'resourceGroup',
    action: read,
    handler: (ctx) => {
      const disk = ctx.state.store.disks.get(key(diskArmId(ctx)));
      if (!disk) throw resourceNotFound('Microsoft.Compute/disks', ctx.params.diskName, ctx.params.resourceGroupName);
      return { status: 200, body: renderDisk(disk, ctx.now, ctx.state.store) };
    },
  },
  {
    method: 'PUT',
    template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/disks/{diskName}',
    family: 'disks',
    scope: 'resourceGroup',
    action: 'Microsoft.Compute/disks/write',
    handler: (ctx) => {
      if (ctx.body === undefined) throw invalidContent('a disk definition is required.');
      return createDisk(ctx);
    },
  },
  {
    method: 'DELETE',
    template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/disks/{diskName}',
    family: 'disks',
    scope: 'resourceGroup',
    action: 'Microsoft.Compute/disks/delete',
    handler: deleteDisk,
  },
];
