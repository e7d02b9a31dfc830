import { key, resourceGroupId } from './ids';
import type { NetworkInterface, PublicIpAddress, VirtualNetwork } from './networkModel';
import type { Disk, ResourceGroup, RestorePoint, RestorePointCollection, Subscription, Tenant, VirtualMachine } from './model';

export interface Principal {
  clientId: string;
  secret: string;
  objectId: string;
  displayName: string;
  tenantIds: string[];
}

/** All emulated state, keyed by lower-cased ARM id. */
export class Store {
  readonly tenants = new Map<string, Tenant>();
  readonly principals = new Map<string, Principal>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly resourceGroups = new Map<string, ResourceGroup>();
  readonly virtualMachines = new Map<string, VirtualMachine>();
  readonly disks = new Map<string, Disk>();
  readonly collections = new Map<string, RestorePointCollection>();
  readonly restorePoints = new Map<string, RestorePoint>();
  readonly virtualNetworks = new Map<string, VirtualNetwork>();
  readonly networkInterfaces = new Map<string, NetworkInterface>();
  readonly publicIpAddresses = new Map<string, PublicIpAddress>();

  clear(): void {
    for (const map of [this.tenants, this.principals, this.subscriptions, this.resourceGroups, this.virtualMachines, this.disks, this.collections, this.restorePoints, this.virtualNetworks, this.networkInterfaces, this.publicIpAddresses]) {
      map.clear();
    }
  }

  addResourceGroup(rg: ResourceGroup): void {
    this.resourceGroups.set(key(resourceGroupId(rg.subscriptionId, rg.name)), rg);
  }

  getResourceGroup(sub: string, rg: string): ResourceGroup | undefined {
    return this.resourceGroups.get(key(resourceGroupId(sub, rg)));
  }

  getSubscription(sub: string): Subscription | undefined {
    return this.subscriptions.get(key(sub));
  }

  restorePointsOf(collectionId: string): RestorePoint[] {
    const prefix = key(collectionId) + '/restorepoints/';
    const result: RestorePoint[] = [];
    for (const [id, rp] of this.restorePoints) {
      if (id.startsWith(prefix)) result.push(rp);
    }
    return result;
  }

  /** Restore points of a VM across all its collections (the per-VM limit counts them all). */
  restorePointsOfVm(vmArmId: string): RestorePoint[] {
    const vmKey = key(vmArmId);
    return [...this.restorePoints.values()].filter((rp) => key(rp.vmArmId) === vmKey && !rp.sourceRestorePointId);
  }

  /** Removes resources whose deletion finished by `now`; called before every request and clock move. */
  settle(now: number): void {
    for (const [id, rpc] of this.collections) {
      if (rpc.deletingUntil !== undefined && rpc.deletingUntil <= now) {
        for (const rp of this.restorePointsOf(rpc.id)) this.restorePoints.delete(key(rp.id));
        this.collections.delete(id);
      }
    }
    for (const [id, rp] of this.restorePoints) {
      if (rp.deletingUntil !== undefined && rp.deletingUntil <= now) this.restorePoints.delete(id);
    }
    for (const [id, disk] of this.disks) {
      if (disk.deletingUntil !== undefined && disk.deletingUntil <= now) this.disks.delete(id);
    }
    for (const [id, vm] of this.virtualMachines) {
      const op = vm.operation;
      if (!op || op.until > now) continue;
      vm.operation = undefined;
      if (op.kind === 'delete') {
        this.virtualMachines.delete(id);
        this.releaseAttachments(vm);
      } else {
        vm.powerState = op.powerTo;
        vm.failed = op.failure;
      }
    }
  }

  /**
   * A deleted VM lets go of its disks and NICs: a disk with deleteOption Delete goes with it, the
   * others (Detach, the default for attached disks) become Unattached; the NICs are free again.
   */
  releaseAttachments(vm: VirtualMachine): void {
    const vmKey = key(vm.id);
    const deleted = new Set([vm.osDisk, ...vm.dataDisks].filter((d) => d.deleteOption === 'Delete').map((d) => key(d.diskId)));
    for (const [id, disk] of this.disks) {
      if (disk.managedBy === undefined || key(disk.managedBy) !== vmKey) continue;
      if (deleted.has(id)) this.disks.delete(id);
      else disk.managedBy = undefined;
    }
    for (const nic of this.networkInterfaces.values()) {
      if (nic.virtualMachineId !== undefined && key(nic.virtualMachineId) === vmKey) nic.virtualMachineId = undefined;
    }
  }

  /** A count of everything, so tests can assert that a rejected request changed nothing. */
  counts(): Record<string, number> {
    return {
      resourceGroups: this.resourceGroups.size,
      virtualMachines: this.virtualMachines.size,
      disks: this.disks.size,
      restorePointCollections: this.collections.size,
      restorePoints: this.restorePoints.size,
      virtualNetworks: this.virtualNetworks.size,
      networkInterfaces: this.networkInterfaces.size,
      publicIpAddresses: this.publicIpAddresses.size,
    };
  }
}
