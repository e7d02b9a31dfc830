import * as assert from 'node:assert';
import type { Disk } from '@azure/arm-compute';
import { KEPT_DISK_TAGS, revertVmRun } from '../../../src/azure/actions/revertVm';
import type { RunRecord, StepRecord } from '../../../src/azure/actions/runs/runRecord';
import { demoCatalog } from '../../../src/emulator';
import { recordNotifications } from '../chaos/chaosLedger';
import { clearRequestLog, writes } from '../../support/commandDriver';
import { captureErrorNotifications } from '../../support/notifications';
import { answer, ScriptedPrompter } from '../../support/scriptedPrompter';
import { computeClient, pollOften } from '../../emulator/sdkClients';
import { control, emulatorAddress, eventually } from '../helpers';
import { useActionSuite } from './actionSuite';
import { whileClockMoves } from './clock';

const dev = demoCatalog.devTest;
const web02 = dev.web02;
const tenantId = demoCatalog.subscriptions.find((s) => s.subscriptionId === dev.subscriptionId)!.tenantId;
const nameOf = (id: string): string => id.slice(id.lastIndexOf('/') + 1);

/**
 * A window reloaded while a revert of web-02 (which runs) was under way: the previous extension
 * host had sent some steps and recorded them in the journal. The reloaded window picks the run up
 * from the journal: it reads back what was sent, sends only the rest, and says how it ended.
 */
describe('runs: a revert resumed or reported after a reload', function () {
  this.timeout(90_000);
  const suite = useActionSuite({ readBackIntervalMs: 300 });
  const client = computeClient(emulatorAddress(), dev.subscriptionId);

  const power = async (): Promise<string | undefined> => (await client.virtualMachines.instanceView(web02.resourceGroup, web02.vm)).statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code;

  /** The run a revert of web-02 to its first restore point records, as the command plans it. */
  async function plannedRevert(runId: string): Promise<{ run: RunRecord; originals: string[] }> {
    const [vm, restorePoint] = await Promise.all([client.virtualMachines.get(web02.resourceGroup, web02.vm), client.restorePoints.get(web02.resourceGroup, web02.collection, web02.restorePoints[0])]);
    const groupDisks: Disk[] = [];
    for await (const d of client.disks.listByResourceGroup(web02.resourceGroup)) groupDisks.push(d);
    const { run } = revertVmRun({ tenantId, subscriptionId: dev.subscriptionId, vm, restorePoint, groupDisks, running: true, deallocated: false, stamp: '202611291200' }, runId, Date.now());
    const originals = [vm.storageProfile!.osDisk!.managedDisk!.id!, ...vm.storageProfile!.dataDisks!.map((d) => d.managedDisk!.id!)].map(nameOf);
    return { run, originals };
  }

  /** What the previous window did for a step: sent it and waited for ARM to finish it. */
  async function sendAsBefore(step: StepRecord): Promise<void> {
    const spec = step.spec;
    const wait = <T>(work: Promise<T>): Promise<T> => whileClockMoves(work);
    if (spec.kind === 'restoreDisk') await wait(client.disks.beginCreateOrUpdateAndWait(web02.resourceGroup, nameOf(spec.diskId), { location: spec.location, sku: spec.sku ? { name: spec.sku } : undefined, creationData: { createOption: 'Restore', sourceResourceId: spec.diskRestorePointId } }, pollOften));
    if (spec.kind === 'tagDisk') await wait(client.disks.beginUpdateAndWait(web02.resourceGroup, nameOf(spec.diskId), { tags: spec.tags }, pollOften));
    if (spec.kind === 'deallocateVirtualMachine') await wait(client.virtualMachines.beginDeallocateAndWait(web02.resourceGroup, web02.vm, pollOften));
    if (spec.kind === 'putVirtualMachine') await wait(client.virtualMachines.beginCreateOrUpdateAndWait(web02.resourceGroup, web02.vm, spec.vm, pollOften));
    Object.assign(step, { status: 'done', accepted: true });
  }

  afterEach(async () => {
    suite.api.setPrompterForTests(undefined);
    for (const run of suite.api.operations.listRuns()) await suite.api.operations.runs.remove(run.id);
    await control('POST', '/reset', { data: 'demo' });
  });

  it('after the swap, before the start: reads the swap back instead of sending it again, starts web-02 once and says the revert is done', async () => {
    const { run, originals } = await plannedRevert('revert-resumed');
    const stages = run.stages.map((s) => s.steps);
    const [swap] = stages.find((steps) => steps[0].spec.kind === 'putVirtualMachine')!;
    for (const step of stages.flat()) if (step.spec.kind !== 'startVirtualMachine') await sendAsBefore(step);
    // The window closed before the swap's answer was recorded: the journal says it was sent, no more.
    Object.assign(swap, { status: 'running' });
    await suite.api.operations.runs.save(run);
    await clearRequestLog();

    assert.deepStrictEqual(suite.api.operations.listRuns().map((r) => r.id), [run.id], 'only this run is in the journal');
    const notifications = recordNotifications();
    try {
      const [done] = await whileClockMoves(suite.api.resumeRunsForTests());
      assert.strictEqual(done?.state, 'succeeded');
      const sent = (await writes()).map((r) => `${r.method} ${nameOf(r.path)}`);
      assert.deepStrictEqual(sent, ['POST start'], 'the swap is read back, not sent again; only the start is sent');
      assert.ok(notifications.shown.some((n) => n.severity === 'information' && /VM 'web-02' reverted to 'rp-web-02-001'\. Its previous disks are kept/.test(n.message)), 'the resumed revert says it is done');
    } finally {
      notifications.dispose();
    }
    assert.strictEqual(await power(), 'PowerState/running');
    const vm = await client.virtualMachines.get(web02.resourceGroup, web02.vm);
    assert.match(nameOf(vm.storageProfile!.osDisk!.managedDisk!.id!), /-r202611291200$/);
    for (const name of originals) {
      const kept = await client.disks.get(web02.resourceGroup, name);
      assert.strictEqual(kept.diskState, 'Unattached', `${name} is off the VM`);
      assert.match(kept.tags?.[KEPT_DISK_TAGS.replacedBy] ?? '', /-r202611291200$/, `${name} is kept, tagged with what replaced it`);
    }
    assert.deepStrictEqual(suite.api.operations.listRuns(), []);
  });

  it('a revert that had failed is reported again after the reload, with the VM as it is now, and Delete What Was Created still removes its disks', async () => {
    const { run } = await plannedRevert('revert-failed');
    const stages = run.stages.map((s) => s.steps);
    for (const step of [...stages[0], ...stages[1]]) await sendAsBefore(step);
    Object.assign(stages[2][0], { status: 'failed', error: { code: 'OperationNotAllowed', message: 'The VM is busy.' } });
    run.state = 'failed';
    await suite.api.operations.runs.save(run);
    const restored = stages[0].map((s) => (s.spec.kind === 'restoreDisk' ? nameOf(s.spec.diskId) : '')).sort();
    await clearRequestLog();

    const notifications = captureErrorNotifications();
    try {
      await suite.api.resumeRunsForTests();
      const report = await eventually(async () => notifications.shown.find((n) => /stopped at step/.test(n.message)), 'the failure report after the reload');
      assert.match(report.message, /Stop and deallocate 'web-02'': OperationNotAllowed: The VM is busy\./);
      assert.match(report.message, /VM 'web-02' is running now/);
      for (const name of restored) assert.match(report.message, new RegExp(name));
      assert.deepStrictEqual(report.buttons, ['Delete What Was Created', 'Keep', 'Show details']);
      assert.deepStrictEqual(await writes(), [], 'reporting sends nothing');

      suite.api.setPrompterForTests(new ScriptedPrompter([answer.confirm()]));
      report.answer('Delete What Was Created');
      await whileClockMoves(eventually(async () => (suite.api.operations.listRuns().length === 0 ? true : undefined), 'the run done with'));
    } finally {
      notifications.restore();
    }
    const deleted = (await writes()).filter((r) => r.method === 'DELETE').map((r) => nameOf(r.path)).sort();
    assert.deepStrictEqual(deleted, restored, 'exactly the restored disks');
    for (const name of restored) await assert.rejects(client.disks.get(web02.resourceGroup, name), (e: { statusCode?: number }) => e.statusCode === 404);
  });
});
