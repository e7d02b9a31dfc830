import type { ArmRoute, RequestContext } from '../http/context';
import { invalidParameter } from '../http/errors';
import { page, PAGE_SIZE } from '../http/paging';
import type { VirtualMachine } from '../engine/model';
import { expandOption, findDisk, inScope, iso, osProfileOf, requireVm, status } from './common';
import { shownPowerState } from './vmPower';
import { runningOperation } from './vmOperation';

const OS_NAMES = { Windows: ['Windows Server 2022 Datacenter', '10.0.20348'], Linux: ['ubuntu', '22.04'] } as const;

/** CRP's provisioning state: 'Creating', 'Updating' (also during power operations), 'Deleting', then 'Succeeded'. */
export function vmProvisioningState(vm: VirtualMachine, now: number): string {
  const running = runningOperation(vm, now);
  if (!running) return vm.failed ? 'Failed' : 'Succeeded';
  return running.kind === 'create' ? 'Creating' : running.kind === 'delete' ? 'Deleting' : 'Updating';
}

function diskName(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

export function renderInstanceView(ctx: RequestContext, vm: VirtualMachine): Record<string, unknown> {
  const provisioning = vmProvisioningState(vm, ctx.now);
  const provisioned = provisioning === 'Succeeded'
    ? status('ProvisioningState/succeeded', 'Provisioning succeeded', 'Info', vm.timeCreated)
    : provisioning === 'Failed' && vm.failed
      ? status(`ProvisioningState/failed/${vm.failed.code}`, 'Provisioning failed', 'Error', undefined, vm.failed.message)
      : status(`ProvisioningState/${provisioning.toLowerCase()}`, provisioning);
  const power = shownPowerState(vm, ctx.now);
  const diskIds = [vm.osDisk.diskId, ...vm.dataDisks.map((d) => d.diskId)];
  return {
    computerName: vm.computerName,
    osName: OS_NAMES[vm.osType][0],
    osVersion: OS_NAMES[vm.osType][1],
    hyperVGeneration: vm.hyperVGeneration,
    vmAgent: {
      vmAgentVersion: '2.7.41491.1102',
      statuses: [status('ProvisioningState/succeeded', 'Ready', 'Info', ctx.now, 'GuestAgent is running and processing the extensions.')],
    },
    disks: diskIds.map((id) => ({ name: diskName(id), statuses: [status('ProvisioningState/succeeded', 'Provisioning succeeded', 'Info', vm.timeCreated)] })),
    statuses: [provisioned, status(power.code, power.display)],
  };
}

export function renderVm(ctx: RequestContext, vm: VirtualMachine, withInstanceView: boolean): Record<string, unknown> {
  const managedDisk = (id: string, fallbackSku: string): Record<string, string> => ({ storageAccountType: findDisk(ctx, id)?.sku ?? fallbackSku, id });
  const properties: Record<string, unknown> = {
    vmId: vm.vmId,
    hardwareProfile: { vmSize: vm.vmSize },
    storageProfile: {
      ...(vm.imageReference ? { imageReference: { ...vm.imageReference, exactVersion: vm.imageReference.version === 'latest' ? '1.0.0' : vm.imageReference.version } } : {}),
      osDisk: {
        osType: vm.osType,
        name: diskName(vm.osDisk.diskId),
        createOption: vm.osDisk.createOption ?? 'FromImage',
        caching: vm.osDisk.caching,
        managedDisk: managedDisk(vm.osDisk.diskId, 'Standard_LRS'),
        deleteOption: vm.osDisk.ephemeral ? 'Delete' : vm.osDisk.deleteOption ?? 'Detach',
        diskSizeGB: findDisk(ctx, vm.osDisk.diskId)?.sizeGB ?? vm.osDisk.sizeGB,
        ...(vm.osDisk.ephemeral ? { diffDiskSettings: { option: 'Local', placement: 'CacheDisk' } } : {}),
      },
      dataDisks: vm.dataDisks.map((d) => ({
        lun: d.lun,
        name: diskName(d.diskId),
        createOption: 'Attach',
        caching: d.caching,
        writeAcceleratorEnabled: d.writeAcceleratorEnabled ?? false,
        managedDisk: managedDisk(d.diskId, 'Premium_LRS'),
        deleteOption: d.deleteOption ?? 'Detach',
        diskSizeGB: findDisk(ctx, d.diskId)?.sizeGB ?? 128,
        toBeDetached: false,
      })),
      diskControllerType: 'SCSI',
    },
    ...(vm.imageReference ? { osProfile: osProfileOf(vm) } : {}),
    networkProfile: {
      networkInterfaces: vm.networkInterfaces.map((n) => ({ id: n.id, properties: { primary: n.primary } })),
    },
    ...(vm.securityProfile ? { securityProfile: vm.securityProfile } : {}),
    diagnosticsProfile: { bootDiagnostics: { enabled: true } },
    provisioningState: vmProvisioningState(vm, ctx.now),
    timeCreated: iso(vm.timeCreated),
  };
  if (withInstanceView) properties.instanceView = renderInstanceView(ctx, vm);
  return {
    id: vm.id,
    name: vm.name,
    type: 'Microsoft.Compute/virtualMachines',
    location: vm.location,
    tags: vm.tags,
    ...(vm.zones ? { zones: vm.zones } : {}),
    properties,
  };
}

function booleanQuery(ctx: RequestContext, name: string): boolean {
  const value = ctx.query.get(name);
  if (value === null || value === '') return false;
  if (!/^(true|false)$/i.test(value)) throw invalidParameter(`The value '${value}' of parameter '${name}' is not a valid boolean.`, name);
  return value.toLowerCase() === 'true';
}

/** `$filter` on list-all supports only `'virtualMachineScaleSet/id' eq '...'`; VMs here are not in scale sets. */
function applyFilter(ctx: RequestContext, vms: VirtualMachine[]): VirtualMachine[] {
  const filter = ctx.query.get('$filter');
  if (!filter) return vms;
  if (/^'?virtualMachineScaleSet\/id'?\s+eq\s+'.+'$/i.test(filter.trim())) return [];
  throw invalidParameter(`The $filter '${filter}' is not supported. Only 'virtualMachineScaleSet/id' eq '<id>' is supported.`, '$filter');
}

const read = 'Microsoft.Compute/virtualMachines/read';

export const virtualMachineRoutes: ArmRoute[] = [
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/virtualMachines',
    family: 'virtualMachines',
    scope: 'access',
    action: read,
    handler: (ctx) => {
      // statusOnly=true returns the power state in the same call, as the instance view's statuses.
      const withStatus = booleanQuery(ctx, 'statusOnly') || expandOption(ctx, ['instanceView']) === 'instanceView';
      const vms = applyFilter(ctx, inScope(ctx.state.store.virtualMachines.values(), ctx.params.subscriptionId));
      return { status: 200, body: page(vms, ctx, PAGE_SIZE.virtualMachines, (vm) => renderVm(ctx, vm, withStatus)) };
    },
  },
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/virtualMachines',
    family: 'virtualMachines',
    scope: 'resourceGroup',
    action: read,
    handler: (ctx) => {
      const expand = expandOption(ctx, ['instanceView']);
      const vms = applyFilter(ctx, inScope(ctx.state.store.virtualMachines.values(), ctx.params.subscriptionId, ctx.params.resourceGroupName));
      return { status: 200, body: page(vms, ctx, PAGE_SIZE.virtualMachines, (vm) => renderVm(ctx, vm, expand === 'instanceView')) };
    },
  },
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/virtualMachines/{vmName}',
    family: 'virtualMachines',
    scope: 'resourceGroup',
    action: read,
    handler: (ctx) => {
      const expand = expandOption(ctx, ['instanceView', 'userData', 'resiliencyView']);
      return { status: 200, body: renderVm(ctx, requireVm(ctx), expand === 'instanceView') };
    },
  },
  {
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/virtualMachines/{vmName}/instanceView',
    family: 'virtualMachines',
    scope: 'resourceGroup',
    action: read,
    handler: (ctx) => ({ status: 200, body: renderInstanceView(ctx, requireVm(ctx)) }),
  },
];
