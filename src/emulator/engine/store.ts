import { key, resourceGroupId } from './ids';
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

  clear(): void {
    for (const map of [this.tenants, this.principals, this.subscriptions, this.resourceGroups, this.virtualMachines, this.disks, this.collections, this.restorePoints]) {
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
    for (const [id, vm] of this.virtualMachines) {
      const op = vm.operation;
      if (!op || op.until > now) continue;
      vm.operation = undefined;
      if (op.kind === 'delete') {
        this.virtualMachines.delete(id);
        this.releaseAttachments(vm.id);
      } else {
        vm.powerState = op.powerTo;
      }
    }
  }

  /** A deleted VM lets go of its disks (deleteOption Detach): they become Unattached, as ARM shows them. */
  releaseAttachments(vmId: string): void {
    const vmKey = key(vmId);
    for (const disk of this.disks.values()) {
      if (disk.managedBy !== undefined && key(disk.managedBy) === vmKey) disk.managedBy = undefined;
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
    };
  }
}
