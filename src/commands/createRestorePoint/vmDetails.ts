import type { RestorePoint, RestorePointCollection, VirtualMachine } from '@azure/arm-compute';
import { parseResourceId } from '../../azure/ids';
import { restorePointsOfVm } from '../../azure/rules/restorePointCreation';
import { vmDisksOf, type VmDisk } from '../../azure/rules/vmDisks';
import { computeClient, listCollections, resourceGroupOf, type TargetContext } from '../steps/targets';

/** What the create wizard needs to know about a VM before it can warn about ARM's rules. */
export interface VmDetails {
  vm: VirtualMachine;
  disks: VmDisk[];
  /** The VM's own collections, each with its restore points. */
  collections: RestorePointCollection[];
  /** Every collection of the subscription, for names already taken. */
  allCollections: RestorePointCollection[];
  restorePoints: RestorePoint[];
}

/** Loaded once per wizard (Back does not reload it); the VM model, its disks and its collections side by side. */
export async function loadVmDetails(ctx: TargetContext): Promise<VmDetails> {
  const client = await computeClient(ctx);
  const vmId = ctx.vmId!;
  const [vm, all] = await Promise.all([client.virtualMachines.get(resourceGroupOf(vmId), parseResourceId(vmId)?.name ?? ''), listCollections(ctx)]);
  const storage = vm.storageProfile;
  const diskIds = [storage?.osDisk?.managedDisk?.id, ...(storage?.dataDisks ?? []).map((d) => d.managedDisk?.id)].filter((id): id is string => !!id);
  const own = all.filter((c) => c.source?.id?.toLowerCase() === vmId.toLowerCase());
  const [managed, expanded] = await Promise.all([
    Promise.all(diskIds.map((id) => client.disks.get(resourceGroupOf(id), parseResourceId(id)?.name ?? '').catch(() => undefined))),
    Promise.all(own.map((c) => client.restorePointCollections.get(resourceGroupOf(c.id ?? ''), c.name ?? '', { expand: 'restorePoints' }))),
  ]);
  return {
    vm,
    disks: vmDisksOf(vm, managed.filter((d) => d !== undefined)),
    collections: expanded,
    allCollections: all,
    restorePoints: restorePointsOfVm(expanded, vmId),
  };
}
