import type { EmulatorState } from '../engine/state';
import type { Store } from '../engine/store';
import { loadDemo } from './demo';
import { loadFleet } from './fleet';
import { addIdentities } from './identities';
import { restoreSnapshot, takeSnapshot, type StoreSnapshot } from './snapshot';

export const DATA_SETS = ['demo', 'empty', 'fleet'] as const;
export type DataSetName = (typeof DATA_SETS)[number];

/**
 * Replaces the store's content. `empty` keeps the tenants, the demo sign-in and the
 * subscriptions (so clients can sign in and list them) but has no resource groups or resources;
 * `fleet` adds 200 subscriptions whose resources are generated on first touch (fleetCatalog.ts).
 */
export function loadDataSet(state: EmulatorState, name: DataSetName): void {
  const { store } = state;
  const at = state.clock.now();
  const built = `${name} ${state.pace}`;
  const snapshot = snapshots.get(built);
  store.clear();
  if (snapshot) {
    restoreSnapshot(store, snapshot, at);
  } else {
    buildDataSet(state, name);
    // A snapshot copies records only: a data set that starts with a deletion or a VM operation under
    // way is built each time, so that settling still finishes them.
    if (!store.lazy && !store.hasWorkInProgress()) snapshots.set(built, takeSnapshot(store, at));
  }
  // A data set that generates on reads changes without a write: it is always loaded again.
  if (store.lazy) loaded.delete(store);
  else loaded.set(store, { name, generation: store.generation, at });
}

/** Fills a cleared store with a data set, built from its catalog (loadDataSet restores a copy instead, once it has one). */
export function buildDataSet(state: EmulatorState, name: DataSetName): void {
  addIdentities(state.store);
  if (name === 'demo') loadDemo(state);
  if (name === 'fleet') loadFleet(state);
}

/**
 * Each data set as first built in this process, by its name and the pace (which sets how long its
 * work in progress takes): building the demo data set takes about 300 ms, a copy of it a sixth of
 * that, and tests load it again before most tests and in every emulator they start.
 */
const snapshots = new Map<string, StoreSnapshot>();

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

/**
 * The store was handed to someone who may change it without a request (a test's assertions): the
 * next reload loads the data set again. Unlike a write it changes nothing the emulator answers, so
 * the store's generation (and what is kept by it, such as Resource Graph's answers) stays.
 */
export function storeHandedOut(store: Store): void {
  loaded.delete(store);
}
