import * as assert from 'node:assert';
import { demoCatalog } from '../../../src/emulator';
import type { RestorePointsApi } from '../../../src/extension';
import { clearRequestLog, drive } from '../../support/commandDriver';
import { answer } from '../../support/scriptedPrompter';
import { computeClient } from '../../emulator/sdkClients';
import { byLabel, children, emulatorAddress, type Shown } from '../helpers';
import { assertAllFaultsHit, injectFaults, recordNotifications, statuses, storeCounts, type ChaosLedger } from './chaosLedger';

const dev = demoCatalog.devTest;
const DEV_TEST = 'Contoso Dev/Test';
const web02 = dev.web02;
const group = `^/subscriptions/${dev.subscriptionId}/resourceGroups/${web02.resourceGroup}/providers`;

/** The multi-step VM actions under faults: each resource once, each step sent once past its retries. */
export function vmActionsUnderFaults(suite: { api: RestorePointsApi }, ledger: ChaosLedger): void {
  let notifications: ReturnType<typeof recordNotifications>;
  beforeEach(() => (notifications = recordNotifications()));
  afterEach(() => notifications.dispose());

  const client = computeClient(emulatorAddress(), dev.subscriptionId);
  /** web-02's disks, the OS disk first. */
  const vmDisks = async (): Promise<string[]> => {
    const vm = await client.virtualMachines.get(web02.resourceGroup, web02.vm);
    return [vm.storageProfile!.osDisk!.managedDisk!.id!, ...vm.storageProfile!.dataDisks!.map((d) => d.managedDisk!.id!)].map((id) => id.toLowerCase());
  };

  const restorePointNode = async (): Promise<Shown> => {
    let shown = byLabel(await children(suite.api), DEV_TEST);
    for (const label of [web02.vm, web02.collection, web02.restorePoints[0]]) shown = byLabel(await children(suite.api, shown.node), label);
    return shown;
  };

  it("restore as new VM: a disk PUT's answer lost after ARM created it, a 503 on the NIC and a 429 on the VM: one of each resource", async () => {
    const before = await storeCounts();
    const osDisk = `${group}/Microsoft\\.Compute/disks/web-02-chaos-osdisk$`;
    const nic = `${group}/Microsoft\\.Network/networkInterfaces/web-02-chaos-nic$`;
    const vm = `${group}/Microsoft\\.Compute/virtualMachines/web-02-chaos$`;
    await injectFaults(
      { pathPattern: osDisk, method: 'PUT', dropResponse: true, count: 1 },
      { pathPattern: nic, method: 'PUT', status: 503, retryAfterSeconds: 1, count: 1 },
      { pathPattern: vm, method: 'PUT', status: 429, retryAfterSeconds: 1, count: 1 },
    );
    const script = [answer.pick(web02.resourceGroup), answer.input('web-02-chaos'), answer.acceptDefault(), answer.acceptDefault(), answer.acceptDefault(), answer.acceptDefault(), answer.acceptDefault(), answer.confirm()];
    const { result } = await drive<string>(suite.api, 'restorePoints.restoreAsNewVm', script, [(await restorePointNode()).node]);
    assert.match(result ?? '', /virtualMachines\/web-02-chaos$/);
    assert.deepStrictEqual((await statuses('PUT', new RegExp(osDisk, 'i')))[0], 0);
    assert.deepStrictEqual(await statuses('PUT', new RegExp(nic, 'i')), [503, 201]);
    assert.deepStrictEqual((await statuses('PUT', new RegExp(vm, 'i'))).slice(0, 1), [429]);
    assert.deepStrictEqual(notifications.shown.filter((n) => n.severity === 'error').map((n) => n.message), []);
    await ledger.expectCounts(before, { disks: 2, networkInterfaces: 1, virtualNetworks: 1, virtualMachines: 1 });
    await assertAllFaultsHit();
    ledger.completed();
  });

  it("revert VM: a restored disk's answer lost after ARM created it and a 500 on the swap: the restored disks once, swapped once", async () => {
    const before = await storeCounts();
    const restored = `${group}/Microsoft\\.Compute/disks/[^/]+-r\\d{12}$`;
    const swap = `${group}/Microsoft\\.Compute/virtualMachines/${web02.vm}$`;
    await injectFaults({ pathPattern: restored, method: 'PUT', dropResponse: true, count: 1 }, { pathPattern: swap, method: 'PUT', status: 500, count: 1 });
    const { result } = await drive<string>(suite.api, 'restorePoints.revertVm', [answer.confirm()], [(await restorePointNode()).node]);
    assert.match(result ?? '', new RegExp(`virtualMachines/${web02.vm}$`));
    assert.deepStrictEqual(await statuses('PUT', new RegExp(swap, 'i')), [500, 200]);
    assert.deepStrictEqual(notifications.shown.filter((n) => n.severity === 'error').map((n) => n.message), []);
    await ledger.expectCounts(before, { disks: 2 });
    await assertAllFaultsHit();
    ledger.completed();
  });

  it("undo revert after a second revert: a 429 on reading the disks, a 503 on an operation's poll and the swap's answer lost after ARM made it: the last revert's kept disks back, each sent once", async () => {
    // A second revert first (the case before reverted web-02 once): Undo Revert puts back the disks this one replaced, not the first revert's.
    const previous = await vmDisks();
    const { result: reverted } = await drive<string>(suite.api, 'restorePoints.revertVm', [answer.confirm()], [(await restorePointNode()).node]);
    assert.ok(reverted, 'the second revert succeeded');
    await clearRequestLog();
    const before = await storeCounts();
    const swap = `${group}/Microsoft\\.Compute/virtualMachines/${web02.vm}$`;
    await injectFaults(
      { pathPattern: `^/subscriptions/${dev.subscriptionId}/providers/Microsoft\\.Compute/disks$`, method: 'GET', status: 429, retryAfterSeconds: 1, count: 1 },
      { pathPattern: '/providers/Microsoft\\.Compute/locations/[^/]+/operations/', method: 'GET', status: 503, retryAfterSeconds: 1, count: 1 },
      { pathPattern: swap, method: 'PUT', dropResponse: true, count: 1 },
    );
    const vmNode = byLabel(await children(suite.api, byLabel(await children(suite.api), DEV_TEST).node), web02.vm);
    const { result } = await drive<string>(suite.api, 'restorePoints.undoRevert', [answer.confirm()], [vmNode.node]);
    assert.match(result ?? '', new RegExp(`virtualMachines/${web02.vm}$`));
    assert.deepStrictEqual(await vmDisks(), previous, "the disks web-02 had before the second revert are back");
    const swaps = await statuses('PUT', new RegExp(swap, 'i'));
    assert.deepStrictEqual([swaps[0], swaps.at(-1)], [0, 200], 'the swap whose answer was lost is sent again, and ends');
    assert.strictEqual((await statuses('PATCH', /\/disks\//i)).length, previous.length, "each kept disk's tags are set back once");
    assert.deepStrictEqual(notifications.shown.filter((n) => n.severity === 'error').map((n) => n.message), []);
    await ledger.expectCounts(before, {});
    await assertAllFaultsHit();
    ledger.completed();
  });
}
