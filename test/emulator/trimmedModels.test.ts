import * as assert from 'node:assert/strict';
import type { ComputeManagementClient } from '@azure/arm-compute';
import { demoCatalog } from '../../src/emulator/data/demoCatalog';
import { collectionContextValue, collectionDescription } from '../../src/tree/format/collections';
import { diskRows, diskRowsNeedDetails, restorePointContextValue, restorePointDescription, restorePointIcon, restorePointTooltip } from '../../src/tree/format/restorePoint';
import { osKind, powerState, vmContextValue, vmDescription, vmIcon } from '../../src/tree/format/virtualMachine';
import { summarizeVm, trimCollection, trimRestorePoint, vmModel } from '../../src/tree/model/trimmed';
import { useEmulator } from './harness';
import { computeClient } from './sdkClients';

const dev = demoCatalog.devTest;
const NOW = Date.now();

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of items) result.push(item);
  return result;
}

const size = (model: unknown): number => JSON.stringify(model).length;

/** The tree keeps trimmed models: everything it shows must read the same from them as from ARM's full JSON. */
describe('trimmed tree models, against the models ARM returns', function () {
  const h = useEmulator();
  let client: ComputeManagementClient;
  before(() => {
    client = computeClient(h.emulator, dev.subscriptionId);
  });

  it('shows restore points (copies included) and their disks the same, from a fraction of the JSON', async () => {
    const collections = await collect(client.restorePointCollections.listAll());
    let full = 0;
    let kept = 0;
    for (const c of collections) {
      const expanded = await client.restorePointCollections.get(c.id!.split('/')[4], c.name!, { expand: 'restorePoints' });
      for (const rp of expanded.restorePoints ?? []) {
        const trimmed = trimRestorePoint(rp);
        assert.equal(restorePointDescription(trimmed, NOW), restorePointDescription(rp, NOW));
        assert.deepEqual(restorePointIcon(trimmed), restorePointIcon(rp));
        assert.equal(restorePointContextValue(trimmed), restorePointContextValue(rp));
        assert.equal(restorePointTooltip(trimmed, undefined), restorePointTooltip(rp, undefined));
        assert.equal(diskRowsNeedDetails(trimmed), diskRowsNeedDetails(rp));
        assert.deepEqual(diskRows(trimmed, []), diskRows(rp, []));
        assert.ok(diskRows(rp, []).length > 0, `${rp.name} has disk rows`);
        assert.deepEqual(Object.keys(trimmed.sourceMetadata ?? {}), rp.sourceMetadata ? ['storageProfile'] : [], 'of the VM model only the disks are kept');
        full += size(rp);
        kept += size(trimmed);
      }
    }
    // The emulator's metadata is leaner than Azure's (no security, OS or network profiles), so the share kept in Azure is smaller still.
    assert.ok(kept < full * 0.6, `a restore point keeps ${kept} of ${full} characters`);
  });

  it('shows VMs and collections the same', async () => {
    for (const vm of await collect(client.virtualMachines.listAll({ statusOnly: 'true' }))) {
      const trimmed = vmModel(summarizeVm(vm));
      assert.equal(trimmed.id, vm.id, 'the commands start from the id');
      assert.equal(trimmed.name, vm.name);
      assert.equal(powerState(trimmed), powerState(vm));
      assert.equal(osKind(trimmed), osKind(vm));
      assert.equal(vmDescription(trimmed), vmDescription(vm));
      assert.deepEqual(vmIcon(trimmed), vmIcon(vm));
      assert.equal(vmContextValue(trimmed), vmContextValue(vm));
    }
    for (const c of await collect(client.restorePointCollections.listAll())) {
      const trimmed = trimCollection(c);
      assert.equal(collectionDescription(trimmed), collectionDescription(c));
      assert.equal(collectionContextValue(trimmed), collectionContextValue(c));
      assert.equal(trimmed.source?.id, c.source?.id, 'the wizards start from the source');
    }
  });
});
