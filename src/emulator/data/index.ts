import type { EmulatorState } from '../engine/state';
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
  state.store.clear();
  addIdentities(state.store);
  if (name === 'demo') loadDemo(state);
  if (name === 'fleet') loadFleet(state);
}
