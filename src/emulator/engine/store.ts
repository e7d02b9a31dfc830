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

/**
 * Where a large data set keeps what it has not generated yet: a subscription's resources, and a
 * collection's restore points, are made on first touch, so the emulator starts at once.
 */
export interface LazyData {
  /** Adds the subscription's resource groups, VMs, disks and collections, once. */
  subscription(subscriptionKey: string): void;
  /** Adds the collection's restore points, once. */
  collection(collectionKey: string): void;
}

/** Restore points, also indexed by collection, so a collection's are found without a scan of all of them. */
class RestorePointMap extends Map<string, RestorePoint> {
  private readonly byCollection = new Map<string, Map<string, RestorePoint>>();

  constructor(private readonly touch: (collectionKey: string) => void) {
    super();
  }

  override get(id: string): RestorePoint | undefined {
    this.touch(collectionKeyOf(id));
    return super.get(id);
  }

  override set(id: string, rp: RestorePoint): this {
    super.set(id, rp);
    const collection = collectionKeyOf(id);
    let members = this.byCollection.get(collection);
    if (!members) this.byCollection.set(collection, (members = new Map()));
    members.set(id, rp);
    return this;
  }

  override delete(id: string): boolean {
    this.byCollection.get(collectionKeyOf(id))?.delete(id);
    return super.delete(id);
  }

  override clear(): void {
    super.clear();
    this.byCollection.clear();
  }

  of(collectionKey: string): RestorePoint[] {
    this.touch(collectionKey);
    return [...(this.byCollection.get(collectionKey)?.values() ?? [])];
  }
}

const collectionKeyOf = (restorePointKey: string): string => restorePointKey.slice(0, Math.max(0, restorePointKey.indexOf('/restorepoints/')));

/** All emulated state, keyed by lower-cased ARM id. */
export class Store {
  /** Set by a data set that generates on first touch; cleared with the store. */
  lazy: LazyData | undefined;
  /** Moves on whenever something may have changed (a write, a finished deletion, a reload), for caches of read answers. */
  generation = 0;
  readonly tenants = new Map<string, Tenant>();
  readonly principals = new Map<string, Principal>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly resourceGroups = new Map<string, ResourceGroup>();
  readonly virtualMachines = new Map<string, VirtualMachine>();
  readonly disks = new Map<string, Disk>();
  readonly collections = new Map<string, RestorePointCollection>();
  readonly restorePoints = new RestorePointMap((collectionKey) => this.lazy?.collection(collectionKey));
  readonly virtualNetworks = new Map<string, VirtualNetwork>();
  readonly networkInterfaces = new Map<string, NetworkInterface>();
  readonly publicIpAddresses = new Map<string, PublicIpAddress>();

  /** Makes sure a lazily generated subscription's resources exist (no-op for other data sets). */
  touchSubscription(subscriptionId: string): void {
    this.lazy?.subscription(subscriptionId.toLowerCase());
  }

  /** Makes everything a lazy data set has not generated yet, so a benchmark times reading the data, not making it. */
  generateAll(): void {
    if (!this.lazy) return;
    for (const sub of [...this.subscriptions.values()]) this.touchSubscription(sub.subscriptionId);
    for (const collectionKey of [...this.collections.keys()]) this.lazy.collection(collectionKey);
  }

  clear(): void {
    this.generation++;
    this.lazy = undefined;
    this.deleting.clear();
    this.deletingDisks.clear();
    this.operating.clear();
    for (const map of this.recordMaps()) map.clear();
  }

  /** Every map of records, always in this order (a snapshot of a loaded data set copies them all). */
  recordMaps(): Map<string, unknown>[] {
    return [this.tenants, this.principals, this.subscriptions, this.resourceGroups, this.virtualMachines, this.disks, this.collections, this.restorePoints, this.virtualNetworks, this.networkInterfaces, this.publicIpAddresses];
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
    return this.restorePoints.of(key(collectionId));
  }

  /** Restore points of a VM across all its collections (the per-VM limit counts them all). */
  restorePointsOfVm(vmArmId: string): RestorePoint[] {
    const vmKey = key(vmArmId);
    for (const [collectionKey, rpc] of this.collections) if (key(rpc.sourceId) === vmKey) this.lazy?.collection(collectionKey);
    return [...this.restorePoints.values()].filter((rp) => key(rp.vmArmId) === vmKey && !rp.sourceRestorePointId);
  }

  /** Keys of collections and restore points being deleted, so settling does not scan everything. */
  private readonly deleting = new Set<string>();

  /** Keys of disks being deleted, and of VMs in the middle of an operation: settling runs before every request, so it reads only these, not every disk and VM of a 20,000-VM fleet. */
  private readonly deletingDisks = new Set<string>();
  private readonly operating = new Set<string>();

  /** Whether a deletion or a VM operation is under way: settling tracks those apart from the records. */
  hasWorkInProgress(): boolean {
    return this.deleting.size + this.deletingDisks.size + this.operating.size > 0;
  }

  /** Starts (or joins) a deletion that ends at `until`; `settle` removes the resource then. */
  markDeleting(target: { id: string; deletingUntil?: number }, until: number): number {
    target.deletingUntil ??= until;
    const id = key(target.id);
    if (this.disks.get(id) === target) this.deletingDisks.add(id);
    else this.deleting.add(id);
    return target.deletingUntil;
  }

  /** Starts a VM operation that `settle` finishes once the clock passes `operation.until`. */
  beginOperation(vm: VirtualMachine, operation: NonNullable<VirtualMachine['operation']>): void {
    vm.operation = operation;
    this.operating.add(key(vm.id));
  }

  /** Removes resources whose deletion finished by `now`; called before every request and clock move. */
  settle(now: number): void {
    for (const id of this.deleting) {
      const rpc = this.collections.get(id);
      const target = rpc ?? this.restorePoints.get(id);
      if (!target) {
        this.deleting.delete(id);
        continue;
      }
      if (target.deletingUntil === undefined || target.deletingUntil > now) continue;
      this.generation++;
      if (rpc) {
        for (const rp of this.restorePointsOf(rpc.id)) this.restorePoints.delete(key(rp.id));
        this.collections.delete(id);
      } else {
        this.restorePoints.delete(id);
      }
      this.deleting.delete(id);
    }
    for (const id of this.deletingDisks) {
      const disk = this.disks.get(id);
      if (disk?.deletingUntil !== undefined && disk.deletingUntil > now) continue;
      this.deletingDisks.delete(id);
      if (!disk || disk.deletingUntil === undefined) continue;
      this.disks.delete(id);
      this.generation++;
    }
    for (const id of this.operating) {
      const vm = this.virtualMachines.get(id);
      const op = vm?.operation;
      if (op && op.until > now) continue;
      this.operating.delete(id);
      if (!vm || !op) continue;
      vm.operation = undefined;
      this.generation++;
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
