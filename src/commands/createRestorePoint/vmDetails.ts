import type { RestorePoint, RestorePointCollection, VirtualMachine } from '@azure/arm-compute';
import { readDisk } from '../../azure/disks';
import { restorePointsOfVm } from '../../azure/rules/restorePointCreation';
import { vmDisksOf } from '../../azure/rules/vmDisks';
import type { VmDisk } from '../../azure/rules/vmDisks';
import { readVirtualMachine } from '../../azure/virtualMachines';
import { armOf, collectionsOf, expandedCollection, type TargetContext } from '../steps/targets';

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

/** The VM model, its disks and its collections, side by side. */
export async function loadVmDetails(ctx: TargetContext): Promise<VmDetails> {
  const { factory, subscription } = armOf(ctx);
  const vmId = ctx.vmId!;
  const [vm, all] = await Promise.all([readVirtualMachine(factory, subscription, vmId), collectionsOf(ctx)]);
  const storage = vm.storageProfile;
  const diskIds = [storage?.osDisk?.managedDisk?.id, ...(storage?.dataDisks ?? []).map((d) => d.managedDisk?.id)].filter((id): id is string => !!id);
  const own = all.filter((c) => c.source?.id?.toLowerCase() === vmId.toLowerCase());
  const [managed, expanded] = await Promise.all([
    Promise.all(diskIds.map((id) => readDisk(factory, subscription, id).catch(() => undefined))),
    Promise.all(own.map((c) => expandedCollection(ctx, c.id ?? ''))),
  ]);
  return {
    vm,
    disks: vmDisksOf(vm, managed.filter((d) => d !== undefined)),
    collections: expanded,
    allCollections: all,
    restorePoints: restorePointsOfVm(expanded, vmId),
  };
}
