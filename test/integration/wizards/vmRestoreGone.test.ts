import * as assert from 'node:assert';
import { demoCatalog } from '../../../src/emulator';
import { drive, requestLog } from '../../support/commandDriver';
import { captureErrorNotifications, type ShownNotification } from '../../support/notifications';
import { answer } from '../../support/scriptedPrompter';
import { computeClient, networkClient } from '../../emulator/sdkClients';
import { control, emulatorAddress, eventually } from '../helpers';
import { useActionSuite } from './actionSuite';
import { whileClockMoves } from './clock';
import { restorePointNode, restoreScript } from './vmRestoreSupport';

const dev = demoCatalog.devTest;
const web02 = dev.web02;
const group = web02.resourceGroup;

/**
 * Restore as New VM stopped at its last step (ARM accepted the VM, then allocation failed), and
 * someone removed some or all of what it created before the user chose what to do: the report and
 * Delete What Was Created name only what still exists.
 */
describe('actions: Restore as New VM, what the run created removed meanwhile', function () {
  this.timeout(120_000);
  const suite = useActionSuite();
  const compute = computeClient(emulatorAddress(), dev.subscriptionId);
  const network = networkClient(emulatorAddress(), dev.subscriptionId);
  const polling = { updateIntervalInMs: 50 };
  let notifications: ReturnType<typeof captureErrorNotifications>;

  beforeEach(() => (notifications = captureErrorNotifications()));
  afterEach(async () => {
    notifications.restore();
    for (const run of suite.api.operations.listRuns()) await suite.api.operations.runs.remove(run.id);
  });

  const failureReports = (): ShownNotification[] => notifications.shown.filter((n) => /stopped at step/.test(n.message));

  /** Runs the restore with a public IP into web-02's group; the VM's creation fails after ARM accepted it. */
  async function failedRestore(vm: string): Promise<string> {
    await control('POST', '/failures', { kind: 'vmCreation' });
    const rp = await restorePointNode(suite.api, web02.vm, web02.collection, web02.restorePoints[0]);
    await drive<string>(suite.api, 'restorePoints.restoreAsNewVm', restoreScript({ vmName: vm, disks: 2, publicIp: answer.pick(`A new public IP address '${vm}-ip'`) }), [rp.node]);
    const report = await eventually(async () => failureReports()[0], 'the failure report');
    for (const name of [`${vm}-osdisk`, `${vm}-datadisk-0`, `${vm}-vnet`, `${vm}-ip`, `${vm}-nic`, `'${vm}'`]) assert.ok(report.message.includes(name), `the report names ${name}: ${report.message}`);
    const [run] = suite.api.operations.listRuns();
    assert.strictEqual(run?.state, 'failed');
    return run.id;
  }

  /** What someone else does in the portal: the VM first (it holds the NIC), then its network. */
  async function removeVmAndNetwork(vm: string): Promise<void> {
    await whileClockMoves(compute.virtualMachines.beginDeleteAndWait(group, vm, polling));
    await whileClockMoves(network.networkInterfaces.beginDeleteAndWait(group, `${vm}-nic`, polling));
    await whileClockMoves(Promise.all([network.publicIPAddresses.beginDeleteAndWait(group, `${vm}-ip`, polling), network.virtualNetworks.beginDeleteAndWait(group, `${vm}-vnet`, polling)]));
  }

  it('lists in the Delete modal only what still exists, and deletes only that', async () => {
    const runId = await failedRestore('w2g-part');
    await removeVmAndNetwork('w2g-part');

    await control('DELETE', '/requests');
    const { prompter } = await drive(suite.api, 'restorePoints.deleteWhatWasCreated', [answer.confirm()], [runId]);
    assert.strictEqual(prompter.asked[0]?.message, 'Delete the 2 resources the run created?');
    assert.deepStrictEqual((prompter.asked[0]?.detail ?? '').split('\n').sort(), ['w2g-part-datadisk-0', 'w2g-part-osdisk']);
    const deleted = (await requestLog()).filter((r) => r.method === 'DELETE' && r.path.startsWith('/subscriptions/')).map((r) => r.path.slice(r.path.lastIndexOf('/') + 1));
    assert.deepStrictEqual(deleted.sort(), ['w2g-part-datadisk-0', 'w2g-part-osdisk'], 'nothing already gone is sent a DELETE');
    assert.deepStrictEqual(suite.api.operations.listRuns(), [], 'the run is done with');
  });

  it('says "What the run created is gone." once all of it was removed, and offers no Delete', async () => {
    await failedRestore('w2g-all');
    await removeVmAndNetwork('w2g-all');
    await whileClockMoves(Promise.all(['w2g-all-osdisk', 'w2g-all-datadisk-0'].map((disk) => compute.disks.beginDeleteAndWait(group, disk, polling))));

    // After a window reload the failed run is reported again, as it stands now.
    await suite.api.resumeRunsForTests();
    const again = await eventually(async () => failureReports()[1], 'the failure reported again');
    assert.match(again.message, /^'w2g-all' stopped at step 'Create virtual machine 'w2g-all'[^']*': AllocationFailed: .* What the run created is gone\.$/);
    assert.ok(!/w2g-all-(osdisk|datadisk-0|vnet|ip|nic)/.test(again.message), `nothing gone is named: ${again.message}`);
    assert.deepStrictEqual(again.buttons, ['Keep', 'Show details']);
  });
});
