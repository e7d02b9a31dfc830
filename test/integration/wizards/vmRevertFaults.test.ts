import * as assert from 'node:assert';
import type { Disk } from '@azure/arm-compute';
import { KEPT_DISK_TAGS } from '../../../src/azure/actions/revertVm';
import { demoCatalog } from '../../../src/emulator';
import { clearRequestLog, drive, writes } from '../../support/commandDriver';
import { captureErrorNotifications, type ShownNotification } from '../../support/notifications';
import { answer, ScriptedPrompter } from '../../support/scriptedPrompter';
import { computeClient } from '../../emulator/sdkClients';
import { byLabel, children, control, emulatorAddress, eventually, type Shown } from '../helpers';
import { useActionSuite } from './actionSuite';
import { whileClockMoves } from './clock';

const dev = demoCatalog.devTest;
const DEV_TEST = 'Contoso Dev/Test';
const web02 = dev.web02;
const nameOf = (id: string): string => id.slice(id.lastIndexOf('/') + 1);
const RESTORED = /-r\d{12}$/;
const DELETE = 'Delete What Was Created';
const KEEP = 'Keep';
const DETAILS = 'Show details';

/** A fault at one step of a revert or Undo Revert, and what the user then finds. */
interface StepFault {
  step: string;
  fault: { method: string; pathPattern: string };
  /** The failed step's title in the report. */
  title: RegExp;
  /** web-02's power state after the fault, as the report must say it. */
  power: 'running' | 'deallocated';
  /** Whether web-02 then runs on the restored disks. */
  swapped: boolean;
  /** The report's buttons before Delete What Was Created, Keep and Show details. */
  offers: string[];
  /** How many restored disks exist after the fault (a revert's), and whether they are attached to web-02. */
  restored: number;
}

const restoredDisks = `/disks/[^/]+-r\\d{12}$`;
const vmPath = `/virtualMachines/${web02.vm}$`;

const REVERT_FAULTS: StepFault[] = [
  { step: 'disk restore', fault: { method: 'PUT', pathPattern: restoredDisks }, title: /Restore disk '.+-r\d{12}' from/, power: 'running', swapped: false, offers: [], restored: 1 },
  { step: 'tag', fault: { method: 'PATCH', pathPattern: '/disks/' }, title: /Tag the kept disk/, power: 'running', swapped: false, offers: [], restored: 2 },
  { step: 'deallocate', fault: { method: 'POST', pathPattern: `${vmPath.slice(0, -1)}/deallocate$` }, title: /Stop and deallocate 'web-02'/, power: 'running', swapped: false, offers: [], restored: 2 },
  { step: 'swap', fault: { method: 'PUT', pathPattern: vmPath }, title: /Swap the disks of 'web-02'/, power: 'deallocated', swapped: false, offers: ['Start VM'], restored: 2 },
  { step: 'start', fault: { method: 'POST', pathPattern: `${vmPath.slice(0, -1)}/start$` }, title: /Start 'web-02' again/, power: 'deallocated', swapped: true, offers: ['Start VM', 'Undo Revert'], restored: 2 },
];

/** Undo Revert of a revert that succeeded: it creates nothing, so its report offers no deletion. */
const UNDO_FAULTS: StepFault[] = [
  { step: 'deallocate', fault: { method: 'POST', pathPattern: `${vmPath.slice(0, -1)}/deallocate$` }, title: /Stop and deallocate 'web-02'/, power: 'running', swapped: true, offers: [], restored: 2 },
  { step: 'swap', fault: { method: 'PUT', pathPattern: vmPath }, title: /Swap the disks of 'web-02'/, power: 'deallocated', swapped: true, offers: ['Start VM'], restored: 2 },
  { step: 'tag', fault: { method: 'PATCH', pathPattern: '/disks/' }, title: /Remove the revert's tags from/, power: 'deallocated', swapped: false, offers: ['Start VM'], restored: 2 },
  { step: 'start', fault: { method: 'POST', pathPattern: `${vmPath.slice(0, -1)}/start$` }, title: /Start 'web-02' again/, power: 'deallocated', swapped: false, offers: ['Start VM'], restored: 2 },
];

/**
 * A fault (409, as ARM answers a conflicting request) at each step of Revert VM to Restore Point and
 * Undo Revert on web-02, which runs: the run stops there, its report names the step, ARM's code,
 * web-02's power state now and what can be done, and Delete What Was Created removes exactly the
 * restored disks nothing uses, never the kept originals nor a restored disk web-02 runs on.
 */
describe('actions: Revert VM and Undo Revert, a fault at each step', function () {
  this.timeout(120_000);
  const suite = useActionSuite();
  const client = computeClient(emulatorAddress(), dev.subscriptionId);
  let notifications: ReturnType<typeof captureErrorNotifications>;
  let originals: string[];

  const power = async (): Promise<string | undefined> => (await client.virtualMachines.instanceView(web02.resourceGroup, web02.vm)).statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code?.slice('PowerState/'.length);
  const attachedNow = async (): Promise<string[]> => {
    const vm = await client.virtualMachines.get(web02.resourceGroup, web02.vm);
    return [vm.storageProfile!.osDisk!.managedDisk!.id!, ...vm.storageProfile!.dataDisks!.map((d) => d.managedDisk!.id!)].map(nameOf);
  };
  const groupDisks = async (): Promise<Disk[]> => {
    const all: Disk[] = [];
    for await (const d of client.disks.listByResourceGroup(web02.resourceGroup)) all.push(d);
    return all;
  };
  const restoredNow = async (): Promise<Disk[]> => (await groupDisks()).filter((d) => RESTORED.test(d.name ?? ''));

  async function node(...path: string[]): Promise<Shown> {
    let shown = byLabel(await children(suite.api), DEV_TEST);
    for (const label of path) shown = byLabel(await children(suite.api, shown.node), label);
    return shown;
  }

  const report = (title: RegExp): Promise<ShownNotification> =>
    eventually(async () => notifications.shown.find((n) => /stopped at step/.test(n.message) && title.test(n.message)), `the failure report (shown: ${JSON.stringify(notifications.shown.map((n) => n.message))})`);

  async function revert(): Promise<string | undefined> {
    const rp = await node(web02.vm, web02.collection, web02.restorePoints[0]);
    return (await drive<string>(suite.api, 'restorePoints.revertVm', [answer.confirm()], [rp.node])).result;
  }

  /** What the user finds after the fault: web-02's power and disks, and the originals kept. */
  async function assertState(c: StepFault, message: string): Promise<void> {
    assert.match(message, c.title, 'the report names the failed step');
    assert.match(message, /InjectedFault/, "the report gives ARM's code");
    assert.match(message, new RegExp(`VM 'web-02' is ${c.power} now`), 'the report gives the power state as it is now');
    assert.strictEqual(await power(), c.power);
    const attached = await attachedNow();
    assert.strictEqual(attached.every((n) => RESTORED.test(n)), c.swapped, `web-02 runs on ${c.swapped ? 'the restored' : 'its original'} disks: ${attached.join(', ')}`);
    const names = (await groupDisks()).map((d) => d.name!);
    for (const original of originals) assert.ok(names.includes(original), `the original ${original} is kept`);
    assert.strictEqual((await restoredNow()).length, c.restored, 'the restored disks that exist');
  }

  beforeEach(async () => {
    await control('POST', '/reset', { data: 'demo' });
    originals = await attachedNow();
    notifications = captureErrorNotifications();
  });
  afterEach(async () => {
    notifications.restore();
    suite.api.setPrompterForTests(undefined);
    await control('DELETE', '/faults');
    for (const run of suite.api.operations.listRuns()) await suite.api.operations.runs.remove(run.id);
  });

  for (const c of REVERT_FAULTS) {
    it(`revert, a fault at the ${c.step} step: the report says what exists and Delete What Was Created removes exactly the unattached restored disks`, async () => {
      await control('POST', '/faults', { ...c.fault, status: 409, count: 1 });
      assert.strictEqual(await revert(), undefined);
      const shown = await report(c.title);
      await assertState(c, shown.message);
      const restored = await restoredNow();
      const unattached = restored.filter((d) => !d.managedBy).map((d) => d.name!);
      assert.strictEqual(unattached.length, c.swapped ? 0 : c.restored);
      for (const d of restored) assert.match(shown.message, new RegExp(d.name!), `the report names ${d.name}`);
      assert.deepStrictEqual(shown.buttons, [...c.offers, ...(unattached.length ? [DELETE] : []), KEEP, DETAILS]);
      const [run] = suite.api.operations.listRuns();
      assert.strictEqual(run?.state, 'failed', 'the failed run stays in the journal until the user decides');

      await clearRequestLog();
      await drive(suite.api, 'restorePoints.deleteWhatWasCreated', unattached.length ? [answer.confirm()] : [], [run.id]);
      const deleted = (await writes()).map((r) => `${r.method} ${nameOf(r.path)}`).sort();
      assert.deepStrictEqual(deleted, unattached.map((n) => `DELETE ${n}`).sort(), 'exactly the unattached restored disks are deleted');
      const left = (await groupDisks()).map((d) => d.name!);
      for (const original of originals) assert.ok(left.includes(original), `the original ${original} stays`);
      for (const d of restored.filter((r) => r.managedBy)) assert.ok(left.includes(d.name!), `${d.name}, which web-02 uses, stays`);
      assert.deepStrictEqual(suite.api.operations.listRuns(), []);
    });
  }

  for (const c of UNDO_FAULTS) {
    it(`Undo Revert, a fault at the ${c.step} step: the report says what exists, offers no deletion, and nothing is deleted`, async () => {
      assert.ok(await revert(), 'the revert before it succeeded');
      await control('POST', '/faults', { ...c.fault, status: 409, count: 1 });
      const vmNode = await node(web02.vm);
      assert.strictEqual((await drive<string>(suite.api, 'restorePoints.undoRevert', [answer.confirm()], [vmNode.node])).result, undefined);
      const shown = await report(c.title);
      await assertState(c, shown.message);
      assert.match(shown.message, /Nothing was created/);
      assert.deepStrictEqual(shown.buttons, [...c.offers, DETAILS], 'Undo Revert creates nothing: no Delete What Was Created');
      const kept = (await groupDisks()).filter((d) => originals.includes(d.name!));
      // The revert's tags go only after the swap back: until then Undo Revert finds the originals again.
      if (c.swapped) for (const d of kept) assert.strictEqual(d.tags?.[KEPT_DISK_TAGS.slot] !== undefined, true, `${d.name} is still tagged as kept`);

      await clearRequestLog();
      shown.answer(undefined);
      await eventually(async () => (suite.api.operations.listRuns().length === 0 ? true : undefined), 'the run with nothing created leaves the journal');
      assert.deepStrictEqual((await writes()).filter((r) => r.method === 'DELETE'), []);
      assert.strictEqual((await restoredNow()).length, 2, 'the restored disks stay');
    });
  }

  it("a revert stopped at its start: Undo Revert from the report puts the originals back, and the report then offers Delete What Was Created for the restored disks, now detached", async () => {
    await control('POST', '/faults', { method: 'POST', pathPattern: `${vmPath.slice(0, -1)}/start$`, status: 409, count: 1 });
    assert.strictEqual(await revert(), undefined);
    const first = await report(/Start 'web-02' again/);
    const restored = (await restoredNow()).map((d) => d.name!).sort();
    assert.match(first.message, new RegExp(`in use, so kept: .*${restored[0]}`));

    // Undo Revert's modal, then Delete What Was Created's.
    suite.api.setPrompterForTests(new ScriptedPrompter([answer.confirm(), answer.confirm()]));
    await clearRequestLog();
    first.answer('Undo Revert');
    const second = await whileClockMoves(eventually(async () => notifications.shown.filter((n) => /stopped at step/.test(n.message))[1], 'the report again, after Undo Revert'));
    assert.deepStrictEqual((await attachedNow()).sort(), [...originals].sort(), 'the originals are back');
    assert.deepStrictEqual(second.buttons, ['Start VM', DELETE, KEEP, DETAILS]);
    assert.match(second.message, new RegExp(`Created so far: .*${restored[0]}`));

    await clearRequestLog();
    second.answer(DELETE);
    await whileClockMoves(eventually(async () => ((await restoredNow()).length === 0 && !suite.api.operations.listRuns().length ? true : undefined), 'the restored disks deleted and the run done with'));
    const deleted = (await writes()).filter((r) => r.method === 'DELETE').map((r) => nameOf(r.path)).sort();
    assert.deepStrictEqual(deleted, restored, 'exactly the restored disks, now detached');
    const untagged = await Promise.all(originals.map((n) => client.disks.get(web02.resourceGroup, n)));
    for (const d of untagged) assert.strictEqual(d.tags?.[KEPT_DISK_TAGS.slot], undefined, `${d.name} is in its place, untagged`);
  });

  it("a failed revert's disks that a later revert took off and keeps are never deleted by the failed one's Delete What Was Created", async () => {
    await control('POST', '/faults', { method: 'POST', pathPattern: `${vmPath.slice(0, -1)}/start$`, status: 409, count: 1 });
    assert.strictEqual(await revert(), undefined);
    await report(/Start 'web-02' again/);
    const [failed] = suite.api.operations.listRuns();
    const firstRestored = (await restoredNow()).map((d) => d.name!);
    // The user reverts again instead: the first revert's disks, on web-02 until now, are its kept originals.
    assert.ok(await revert(), 'the second revert succeeded');
    const keptNow = await Promise.all(firstRestored.map((n) => client.disks.get(web02.resourceGroup, n)));
    for (const d of keptNow) assert.ok(!d.managedBy && d.tags?.[KEPT_DISK_TAGS.replacedBy], `${d.name} is off web-02 and tagged as kept`);

    await clearRequestLog();
    await drive(suite.api, 'restorePoints.deleteWhatWasCreated', [], [failed.id]);
    assert.deepStrictEqual(await writes(), [], 'nothing is deleted');
    for (const n of firstRestored) assert.ok(await client.disks.get(web02.resourceGroup, n), `${n} stays`);
    assert.ok(!suite.api.operations.listRuns().some((r) => r.id === failed.id), 'the failed run, with nothing left to delete, leaves the journal');
  });

  it('a revert stopped at the swap: Start VM from the report starts web-02 on its own disks', async () => {
    await control('POST', '/faults', { method: 'PUT', pathPattern: vmPath, status: 409, count: 1 });
    assert.strictEqual(await revert(), undefined);
    const first = await report(/Swap the disks of 'web-02'/);
    await clearRequestLog();
    first.answer('Start VM');
    const second = await whileClockMoves(eventually(async () => notifications.shown.filter((n) => /stopped at step/.test(n.message))[1], 'the report again, after Start VM'));
    assert.strictEqual(await power(), 'running');
    assert.deepStrictEqual((await writes()).map((r) => `${r.method} ${nameOf(r.path)}`), ['POST start']);
    assert.match(second.message, /VM 'web-02' is running now/);
    assert.deepStrictEqual(second.buttons, [DELETE, KEEP, DETAILS]);
  });
});
