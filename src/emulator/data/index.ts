import type { EmulatorState } from '../engine/state';
import type { Store } from '../engine/store';
import { loadDemo } from './demo';
import { loadFleet } from './fleet';
import { addIdentities } from './identities';

export const DATA_SETS = ['demo', 'empty', 'fleet'] as const;
export type DataSetName = (typeof DATA_SETS)[number];

/**
 * Replaces the store's content. `empty` keeps the tenants, the demo sign-in and the
 * subscriptions (so clients can sign in and list them) but has no resource groups or resources;
 * `fleet` adds 200 subscriptions whose resources are generated on first touch (fleetCatalog.ts).
 */
export function loadDataSet(state: EmulatorState, name: DataSetName): void {
  const { store } = state;
  store.clear();
  addIdentities(store);
  if (name === 'demo') loadDemo(state);
  if (name === 'fleet') loadFleet(state);
  // A data set that generates on reads changes without a write: it is always loaded again.
  if (store.lazy) loaded.delete(store);
  else loaded.set(store, { name, generation: store.generation, at: state.clock.now() });
}

/** Per store, the data set it last loaded, with the store's generation and the clock's time right after. */
const loaded = new WeakMap<Store, { name: DataSetName; generation: number; at: number }>();

/**
 * Loads a data set again, unless the store still holds exactly what loading it would make: the
 * same data set, nothing changed since (every change moves `store.generation` on) and the clock
 * where it was (the data is dated from the moment it is loaded). Tests reset before each test,
 * and most of them only read: they then skip the 300 ms the demo data set takes to build.
 */
export function reloadDataSet(state: EmulatorState, name: DataSetName): void {
  const last = loaded.get(state.store);
  if (last?.name === name && last.generation === state.store.generation && last.at === state.clock.now()) return;
  loadDataSet(state, name);
}
