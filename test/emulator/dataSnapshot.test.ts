import * as assert from 'node:assert/strict';
import { buildDataSet, loadDataSet } from '../../src/emulator/data';
import { Clock } from '../../src/emulator/engine/clock';
import { key } from '../../src/emulator/engine/ids';
import { EmulatorState } from '../../src/emulator/engine/state';
import type { Store } from '../../src/emulator/engine/store';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';

const DAY = 86_400_000;
const records = (store: Store): unknown[] => store.recordMaps().map((map) => [...map]);

/** State whose frozen clock reads `ms` after `origin`'s (`ms` must cover the time between their starts). */
function stateAt(pace: number, origin?: EmulatorState, ms = 0): EmulatorState {
  const state = new EmulatorState(new Clock(true), pace);
  state.clock.advance((origin?.clock.now() ?? state.clock.now()) + ms - state.clock.now());
  return state;
}

describe('a data set loaded again from the copy of its first build', () => {
  it('holds exactly what building it at that moment holds, at any pace', () => {
    for (const pace of [1, 40]) {
      const first = stateAt(pace);
      loadDataSet(first, 'demo');
      const again = stateAt(pace, first, 5 * DAY + 17);
      loadDataSet(again, 'demo');
      const built = stateAt(pace, again);
      buildDataSet(built, 'demo');
      assert.deepEqual(records(again.store), records(built.store), `pace ${pace}`);
    }
  });

  it('is a copy: what one store changes in its records no other store sees', () => {
    const d = demoCatalog.devTest;
    const web01 = (state: EmulatorState) => state.store.virtualMachines.get(key(`/subscriptions/${d.subscriptionId}/resourceGroups/${d.web01.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${d.web01.vm}`))!;
    const changed = stateAt(1);
    loadDataSet(changed, 'demo');
    web01(changed).tags.changed = 'yes';
    web01(changed).securityProfile!.uefiSettings!.secureBootEnabled = false;
    const other = stateAt(1, changed, DAY);
    loadDataSet(other, 'demo');
    assert.deepEqual(web01(other).tags, {});
    assert.equal(web01(other).securityProfile?.uefiSettings?.secureBootEnabled, true);
  });
});
