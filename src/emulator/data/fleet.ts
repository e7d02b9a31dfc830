import { computeId, key } from '../engine/ids';
import type { LazyData } from '../engine/store';
import type { RestorePointCollection, VirtualMachine } from '../engine/model';
import type { EmulatorState } from '../engine/state';
import { DataBuilder, type RestorePointKind } from './builder';
import { fleetCatalog, fleetSubscriptionId } from './fleetCatalog';
import { SeededRandom } from './random';

const per = fleetCatalog.perSubscription;
const RESTORE_POINTS_PER_COLLECTION = per.restorePoints / per.restorePointCollections;
const DAY_HOURS = 24;

/**
 * The `fleet` data set. Loading registers the subscriptions only; a subscription's resources are
 * generated when a request first names it (or a Resource Graph query reads it), and a
 * collection's restore points when it is first read, each from a seed of its own.
 */
export function loadFleet(state: EmulatorState): void {
  const loadedAt = state.clock.now();
  const pending = new Map<string, number>();
  fleetCatalog.tenants.forEach((tenant, t) => {
    for (let n = 0; n < fleetCatalog.subscriptionsPerTenant; n++) {
      const index = t * fleetCatalog.subscriptionsPerTenant + n;
      const subscriptionId = fleetSubscriptionId(index);
      state.store.subscriptions.set(key(subscriptionId), { subscriptionId, displayName: fleetCatalog.displayName(t, n + 1), tenantId: tenant.tenantId, state: 'Enabled', accessible: true });
      pending.set(key(subscriptionId), index);
    }
  });
  state.store.lazy = new FleetGenerator(state, loadedAt, pending);
}

class FleetGenerator implements LazyData {
  /** Collections whose restore points are still to be made, with what makes them. */
  private readonly collections = new Map<string, { rpc: RestorePointCollection; vm: VirtualMachine; seed: number; vmIndex: number }>();

  constructor(
    private readonly state: EmulatorState,
    private readonly loadedAt: number,
    private readonly pending: Map<string, number>,
  ) {}

  subscription(subscriptionKey: string): void {
    const index = this.pending.get(subscriptionKey);
    if (index === undefined) return;
    this.pending.delete(subscriptionKey);
    const rng = new SeededRandom(0xf1ee7 + index * 7919);
    const b = new DataBuilder(this.state, rng, this.loadedAt);
    const subscriptionId = fleetSubscriptionId(index);
    const groups = per.resourceGroups.map((region) => ({ name: `rg-fleet-${region}`, location: region }));
    for (const g of groups) b.resourceGroup(subscriptionId, g.name, g.location, { environment: 'fleet' });
    for (let i = 0; i < per.virtualMachines; i++) {
      const group = groups[i % groups.length];
      const name = `vm-${String(index).padStart(3, '0')}-${String(i + 1).padStart(3, '0')}`;
      const vm = b.vm({
        subscriptionId, resourceGroup: group.name, name, location: group.location, osType: rng.next() < 0.6 ? 'Linux' : 'Windows',
        powerState: rng.next() < 0.9 ? 'running' : 'deallocated',
      });
      if (i % 4 === 3) continue;
      const rpc = b.collection(vm, `${name}-rpc`);
      this.collections.set(key(rpc.id), { rpc, vm, seed: rng.int(1, 2 ** 30), vmIndex: i });
    }
  }

  /**
   * Ten restore points a day apart. The newest is a day old for most VMs, nine days (stale) for
   * each tenth, and failed for each tenth offset by five, so a fleet view has something to flag.
   */
  collection(collectionKey: string): void {
    const pending = this.collections.get(collectionKey);
    if (!pending) return;
    this.collections.delete(collectionKey);
    const { rpc, vm, seed, vmIndex } = pending;
    const b = new DataBuilder(this.state, new SeededRandom(seed), this.loadedAt);
    const newestAgeHours = vmIndex % 10 === 0 ? 9 * DAY_HOURS : DAY_HOURS;
    for (let k = 0; k < RESTORE_POINTS_PER_COLLECTION; k++) {
      const newest = k === RESTORE_POINTS_PER_COLLECTION - 1;
      const kind: RestorePointKind = newest && vmIndex % 10 === 5 ? 'failed' : 'succeeded';
      const hoursAgo = newestAgeHours + (RESTORE_POINTS_PER_COLLECTION - 1 - k) * DAY_HOURS;
      b.restorePoint(rpc, vm, `rp-${vm.name}-${String(k + 1).padStart(3, '0')}`, hoursAgo, kind);
    }
  }
}

/** The collection id of a fleet VM, for tests that open one without listing. */
export const fleetCollectionId = (subscriptionIndex: number, vmNumber: number): string => {
  const region = per.resourceGroups[(vmNumber - 1) % per.resourceGroups.length];
  const vm = `vm-${String(subscriptionIndex).padStart(3, '0')}-${String(vmNumber).padStart(3, '0')}`;
  return computeId(fleetSubscriptionId(subscriptionIndex), `rg-fleet-${region}`, 'restorePointCollections', `${vm}-rpc`);
};
