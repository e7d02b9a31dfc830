import { randomUUID } from 'node:crypto';
import type { ArmRoute, HandlerResult, RequestContext } from '../http/context';
import { ArmError, conflict, invalidContent, invalidParameter } from '../http/errors';
import { computeId, key } from '../engine/ids';
import type { Disk, VirtualMachine, VmDataDisk, VmNetworkInterface } from '../engine/model';
import { findRegion } from '../data/regions';
import { findVm, requireVm } from './common';
import { checkDiskAttachable, checkDistinctDisks, checkLuns, checkNicAttachable, checkOsDiskSecurity, checkPrimaryNic } from './vmAttachRules';
import { beginVmOperation, requireIdle, runningOperation } from './vmOperation';
import { parseVmRequest, type RequestedDataDisk, type VmRequest } from './vmRequest';
import { renderVm } from './virtualMachines';

/** Azure's VM name rule: 1-64 letters, digits, '-', '_' and '.', not starting with '_' nor ending with '.' or '-'. */
const VM_NAME_RULE = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?$/;

const TYPE = 'Microsoft.Compute/virtualMachines';

/** The emulator creates VMs only from existing managed disks, which is what restoring a VM needs. */
function requireAttach(createOption: string, target: string): void {
  if (createOption.toLowerCase() !== 'attach') {
    throw invalidParameter(`createOption '${createOption}' is not supported by this emulator for new disks; attach an existing managed disk (createOption 'Attach', managedDisk.id).`, target);
  }
}

function dataDiskRecord(d: RequestedDataDisk, disk: Disk | undefined, previous?: VmDataDisk): VmDataDisk {
  return {
    lun: d.lun,
    diskId: disk?.id ?? previous?.diskId ?? d.diskId ?? '',
    caching: d.caching ?? previous?.caching ?? 'None',
    writeAcceleratorEnabled: d.writeAcceleratorEnabled ?? previous?.writeAcceleratorEnabled,
    deleteOption: d.deleteOption ?? previous?.deleteOption,
  };
}

/** The data disks a request leaves on the VM, checked; disks new to the VM must be attachable. */
function plannedDataDisks(ctx: RequestContext, req: RequestedDataDisk[], vm: Pick<VirtualMachine, 'id' | 'name' | 'location'>, current: VmDataDisk[]): VmDataDisk[] {
  const kept = req.filter((d) => !d.toBeDetached);
  checkLuns(kept.map((d) => d.lun));
  return kept.map((d, i) => {
    const target = `storageProfile.dataDisks[${i}].managedDisk.id`;
    const previous = current.find((c) => (d.diskId ? key(c.diskId) === key(d.diskId) : c.lun === d.lun));
    if (previous) return dataDiskRecord(d, undefined, previous);
    requireAttach(d.createOption, `storageProfile.dataDisks[${i}].createOption`);
    if (!d.diskId) throw invalidParameter(`Required parameter 'managedDisk.id' is missing (null) for data disk at LUN ${d.lun}.`, target);
    return dataDiskRecord(d, checkDiskAttachable(ctx, d.diskId, vm, target));
  });
}

function plannedNics(ctx: RequestContext, req: VmRequest['networkInterfaces'], vm: Pick<VirtualMachine, 'id' | 'name' | 'location'>, current: VmNetworkInterface[]): VmNetworkInterface[] | undefined {
  if (!req) return undefined;
  if (req.length === 0) throw invalidParameter('A VM needs at least one network interface.', 'networkProfile.networkInterfaces');
  checkPrimaryNic(req);
  return req.map((n, i) => {
    // NICs the VM already has are not checked again (the demo's VMs were built without NIC resources).
    if (!current.some((c) => key(c.id) === key(n.id))) checkNicAttachable(ctx, n.id, vm, `networkProfile.networkInterfaces[${i}].id`);
    const nic = ctx.state.store.networkInterfaces.get(key(n.id));
    return { id: nic?.id ?? n.id, primary: n.primary ?? req.length === 1 };
  });
}

/** Points disks and NICs at the VM, and lets go of those it no longer uses. */
function applyAttachments(ctx: RequestContext, vm: VirtualMachine): void {
  const { store } = ctx.state;
  const vmKey = key(vm.id);
  const diskIds = new Set([vm.osDisk.diskId, ...vm.dataDisks.map((d) => d.diskId)].map(key));
  for (const [id, disk] of store.disks) {
    if (diskIds.has(id)) disk.managedBy = vm.id;
    else if (disk.managedBy !== undefined && key(disk.managedBy) === vmKey) disk.managedBy = undefined;
  }
  const nicIds = new Set(vm.networkInterfaces.map((n) => key(n.id)));
  for (const [id, nic] of store.networkInterfaces) {
    if (nicIds.has(id)) nic.virtualMachineId = vm.id;
    else if (nic.virtualMachineId !== undefined && key(nic.virtualMachineId) === vmKey) nic.virtualMachineId = undefined;
  }
}

function create(ctx: RequestContext, id: string, req: VmRequest, location: string): HandlerResult {
  const name = ctx.params.vmName;
  const identity = { id, name, location };
  if (!req.vmSize) throw invalidParameter("Required parameter 'hardwareProfile.vmSize' is missing (null).", 'hardwareProfile.vmSize');
  if (!req.osDisk) throw invalidParameter("Required parameter 'storageProfile.osDisk' is missing (null).", 'storageProfile.osDisk');
  requireAttach(req.osDisk.createOption, 'storageProfile.osDisk.createOption');
  if (!req.osDisk.diskId) throw invalidParameter("Required parameter 'osDisk.managedDisk.id' is missing (null).", 'storageProfile.osDisk.managedDisk.id');
  if (!req.networkInterfaces) throw invalidParameter("Required parameter 'networkProfile' is missing (null).", 'networkProfile');
  const osDisk = checkDiskAttachable(ctx, req.osDisk.diskId, identity, 'storageProfile.osDisk.managedDisk.id');
  const osType = req.osDisk.osType ?? osDisk.osType;
  if (!osType) throw invalidParameter(`Required parameter 'osDisk.osType' is missing (null): disk '${osDisk.name}' has no osType.`, 'storageProfile.osDisk.osType');
  checkOsDiskSecurity(osDisk, req.securityProfile?.securityType, 'storageProfile.osDisk.managedDisk.id');
  const dataDisks = plannedDataDisks(ctx, req.dataDisks ?? [], identity, []);
  checkDistinctDisks([osDisk.id, ...dataDisks.map((d) => d.diskId)]);
  const networkInterfaces = plannedNics(ctx, req.networkInterfaces, identity, [])!;

  const vm: VirtualMachine = {
    id,
    subscriptionId: ctx.params.subscriptionId,
    resourceGroup: ctx.params.resourceGroupName,
    name,
    location,
    vmId: randomUUID(),
    vmSize: req.vmSize,
    osType,
    computerName: name.replace(/[^A-Za-z0-9-]/g, '').slice(0, 15),
    adminUsername: '',
    osDisk: { diskId: osDisk.id, caching: req.osDisk.caching ?? 'ReadWrite', ephemeral: false, sizeGB: osDisk.sizeGB, createOption: 'Attach', deleteOption: req.osDisk.deleteOption },
    dataDisks,
    networkInterfaces,
    ...(req.securityProfile ? { securityProfile: req.securityProfile } : {}),
    powerState: 'running',
    hyperVGeneration: osDisk.hyperVGeneration ?? 'V1',
    timeCreated: ctx.now,
    tags: req.tags ?? {},
  };
  ctx.state.store.virtualMachines.set(key(id), vm);
  applyAttachments(ctx, vm);
  // A creation a test asked to fail ends as CRP's capacity failure does: the VM exists, Failed and
  // deallocated, still holding its disks and NIC (which is what a clean-up must then remove).
  const failure = ctx.state.takeFailure('vmCreation')
    ? { code: 'AllocationFailed', message: `Allocation failed. We do not have sufficient capacity for the requested VM size ${vm.vmSize} in region ${location} (requested by a test fault).` }
    : undefined;
  const headers = beginVmOperation(ctx, vm, 'create', failure ? 'deallocated' : 'running', { location: false, failure });
  return { status: 201, body: renderVm(ctx, vm, false), headers };
}

function update(ctx: RequestContext, vm: VirtualMachine, req: VmRequest): HandlerResult {
  requireIdle(ctx, vm, 'update');
  if (req.securityProfile && req.securityProfile.securityType !== vm.securityProfile?.securityType) {
    // CRP allows some security type changes on a deallocated VM; the emulator refuses them all (our choice).
    throw conflict('PropertyChangeNotAllowed', "Changing property 'securityProfile.securityType' is not allowed.");
  }
  let osDisk: Disk | undefined;
  if (req.osDisk?.diskId && key(req.osDisk.diskId) !== key(vm.osDisk.diskId)) {
    // The OS disk swap needs a deallocated VM (documented); 409 OperationNotAllowed is our choice of code.
    if (vm.powerState !== 'deallocated') {
      throw conflict('OperationNotAllowed', `The OS disk of VM '${vm.name}' can only be swapped while the VM is deallocated; it is ${vm.powerState}.`);
    }
    osDisk = checkDiskAttachable(ctx, req.osDisk.diskId, vm, 'storageProfile.osDisk.managedDisk.id');
    if (req.osDisk.osType && osDisk.osType && req.osDisk.osType !== osDisk.osType) {
      throw invalidParameter(`The OS disk '${osDisk.name}' has osType '${osDisk.osType}', not '${req.osDisk.osType}'.`, 'storageProfile.osDisk.osType');
    }
    checkOsDiskSecurity(osDisk, vm.securityProfile?.securityType, 'storageProfile.osDisk.managedDisk.id');
  }
  const dataDisks = req.dataDisks ? plannedDataDisks(ctx, req.dataDisks, vm, vm.dataDisks) : vm.dataDisks;
  checkDistinctDisks([osDisk?.id ?? vm.osDisk.diskId, ...dataDisks.map((d) => d.diskId)]);
  const networkInterfaces = plannedNics(ctx, req.networkInterfaces, vm, vm.networkInterfaces) ?? vm.networkInterfaces;

  // Everything is checked: only now does the VM change, so a refused request changes nothing.
  if (osDisk) {
    vm.osDisk = { ...vm.osDisk, diskId: osDisk.id, sizeGB: osDisk.sizeGB, caching: req.osDisk?.caching ?? vm.osDisk.caching };
    vm.osType = osDisk.osType ?? vm.osType;
    vm.hyperVGeneration = osDisk.hyperVGeneration ?? vm.hyperVGeneration;
  }
  vm.dataDisks = dataDisks;
  vm.networkInterfaces = networkInterfaces;
  if (req.vmSize) vm.vmSize = req.vmSize;
  if (req.tags) vm.tags = req.tags;
  applyAttachments(ctx, vm);
  const headers = beginVmOperation(ctx, vm, 'update', vm.powerState, { location: false });
  return { status: 200, body: renderVm(ctx, vm, false), headers };
}

/** VirtualMachines_CreateOrUpdate: 201 (create) or 200 (update) with Azure-AsyncOperation. */
function createOrUpdate(ctx: RequestContext): HandlerResult {
  const { subscriptionId, resourceGroupName, vmName } = ctx.params;
  if (!VM_NAME_RULE.test(vmName)) throw invalidParameter(`The entity name 'vmName' is invalid according to its validation rule: ${VM_NAME_RULE.source}.`, 'vmName');
  if (ctx.body === undefined) throw invalidContent('a virtual machine definition is required.');
  const req = parseVmRequest(ctx.body);
  if (!req.location) throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.');
  const region = findRegion(req.location);
  if (!region) throw invalidParameter(`The location '${req.location}' is not available for resource type '${TYPE}'.`, 'location');
  const existing = findVm(ctx, subscriptionId, resourceGroupName, vmName);
  if (!existing) return create(ctx, computeId(subscriptionId, resourceGroupName, 'virtualMachines', vmName), req, region.name);
  if (existing.location !== region.name) throw conflict('PropertyChangeNotAllowed', "Changing property 'location' is not allowed.");
  return update(ctx, existing, req);
}

/** VirtualMachines_Update (PATCH): what the body names changes, the rest stays; same rules as PUT. */
function patch(ctx: RequestContext): HandlerResult {
  const vm = requireVm(ctx);
  if (ctx.body === undefined) throw invalidContent('a virtual machine update is required.');
  const req = parseVmRequest(ctx.body);
  if (req.location !== undefined && findRegion(req.location)?.name !== vm.location) throw conflict('PropertyChangeNotAllowed', "Changing property 'location' is not allowed.");
  return update(ctx, vm, req);
}

/** VirtualMachines_Delete: 202 with Azure-AsyncOperation and Location; 204 when there is no such VM. */
function remove(ctx: RequestContext): HandlerResult {
  const vm = findVm(ctx, ctx.params.subscriptionId, ctx.params.resourceGroupName, ctx.params.vmName);
  if (!vm) return { status: 204 };
  const running = runningOperation(vm, ctx.now);
  if (running?.kind === 'delete') {
    const op = ctx.state.operations.start(vm.subscriptionId, vm.location, (now) => (now < running.until ? { status: 'InProgress', remainingMs: running.until - now } : { status: 'Succeeded', endTime: running.until }));
    return { status: 202, headers: ctx.state.operations.headers(op, { endpoint: ctx.endpoint, apiVersion: ctx.apiVersion, location: true }) };
  }
  requireIdle(ctx, vm, 'delete');
  return { status: 202, headers: beginVmOperation(ctx, vm, 'delete', vm.powerState, { location: true }) };
}

const template = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/virtualMachines/{vmName}';

export const vmWriteRoutes: ArmRoute[] = [
  { method: 'PUT', template, family: 'virtualMachines', scope: 'resourceGroup', action: `${TYPE}/write`, handler: createOrUpdate },
  { method: 'PATCH', template, family: 'virtualMachines', scope: 'resourceGroup', action: `${TYPE}/write`, handler: patch },
  { method: 'DELETE', template, family: 'virtualMachines', scope: 'resourceGroup', action: `${TYPE}/delete`, handler: remove },
];
