import * as assert from 'node:assert/strict';
import { createdSoFar, type RunRecord, type StepSpec } from '../../../src/azure/actions/runs/runRecord';
import { createdNow } from '../../../src/azure/actions/runs/createdNow';
import { deleteCreated, executeRun, RunFailedError } from '../../../src/azure/actions/runs/runEngine';
import { KEPT_DISK_TAGS } from '../../../src/azure/actions/revertVm';
import type { ClientFactory } from '../../../src/azure/clients';
import { demoCatalog } from '../../../src/emulator/data/demoCatalog';
import { DEMO_TENANTS } from '../../../src/emulator/demoIdentity';
import { useEmulator } from '../../emulator/harness';
import { computeClient, resourceClient } from '../../emulator/sdkClients';
import { emulatorClientFactory } from '../../emulator/emulatorFactory';

const dev = demoCatalog.devTest;
const web02 = dev.web02;
const TENANT = DEMO_TENANTS.contoso.tenantId;
const diskId = (name: string): string => `/subscriptions/${dev.subscriptionId}/resourceGroups/${web02.resourceGroup}/providers/Microsoft.Compute/disks/${name}`;

/** Every save of the run, as JSON: what the operation journal would hold after each change. */
function recordingStore() {
  const saved: RunRecord[] = [];
  return { saved, store: { save: async (run: RunRecord) => void saved.push(JSON.parse(JSON.stringify(run)) as RunRecord), remove: async () => undefined } };
}

describe('multi-step runs: ordered stages, each step recorded, nothing sent twice', function () {
  // A fast emulator on the real clock: each disk restore ends at the poller's first poll (ARM's Retry-After, 1 s).
  const h = useEmulator({ manualClock: false, pace: 1000 });
  let factory: ClientFactory;
  let sources: string[];

  before(async () => {
    factory = emulatorClientFactory(h.emulator);
    const client = computeClient(h.emulator, dev.subscriptionId);
    sources = [];
    for await (const d of client.diskRestorePoint.listByRestorePoint(web02.resourceGroup, web02.collection, web02.restorePoints[0])) sources.push(d.id!);
  });

  const restore = (name: string, source = sources[0], id = diskId(name)): StepSpec => ({ kind: 'restoreDisk', diskId: id, diskRestorePointId: source, location: web02.location });
  const run = (stages: StepSpec[][], steps: Partial<RunRecord['stages'][number]['steps'][number]>[] = []): RunRecord => {
    let i = 0;
    return {
      id: 'run-1',
      kind: 'restoreAsNewVm',
      name: 'web-02-restored',
      vmId: `/subscriptions/${dev.subscriptionId}/resourceGroups/${web02.resourceGroup}/providers/Microsoft.Compute/virtualMachines/web-02-restored`,
      tenantId: TENANT,
      subscriptionId: dev.subscriptionId,
      startedAt: 0,
      state: 'running',
      stages: stages.map((specs) => ({ steps: specs.map((spec) => ({ spec, title: spec.kind, status: 'pending' as const, ...steps[i++] })) })),
    };
  };
  const diskPuts = () => h.emulator.controls.requestLog.filter((r) => r.method === 'PUT' && /\/disks\//i.test(r.path)).map((r) => r.path.split('/').pop());

  it('runs the steps of a stage side by side and the stages in order, saving every change', async () => {
    const { saved, store } = recordingStore();
    const done = await executeRun(factory, run([[restore('a'), restore('b')], [restore('c')]]), { store, intervalMs: 1 });
    assert.equal(done.state, 'succeeded');
    assert.deepEqual(diskPuts(), ['a', 'b', 'c']);
    for (const name of ['a', 'b', 'c']) assert.equal(h.emulator.controls.store.disks.get(diskId(name).toLowerCase())?.sourceResourceId, sources[0]);
    // 'c' was not started until both disks of the first stage were done.
    const firstWithC = saved.findIndex((r) => r.stages[1].steps[0].status !== 'pending');
    assert.deepEqual(saved[firstWithC].stages[0].steps.map((s) => s.status), ['done', 'done']);
    assert.equal(saved.at(-1)!.state, 'succeeded');
  });

  it("stops at the stage that failed, with ARM's code, and lists what was created so far", async () => {
    const { saved, store } = recordingStore();
    h.emulator.controls.failNext('diskRestore', 1);
    const error = await executeRun(factory, run([[restore('doomed')], [restore('never')]]), { store, intervalMs: 1 }).then(
      () => assert.fail('the run succeeded'),
      (e: unknown) => e as RunFailedError,
    );
    assert.ok(error instanceof RunFailedError);
    assert.equal(error.failure.code, 'InternalDiskManagementError');
    assert.equal(error.step.spec.kind, 'restoreDisk');
    assert.deepEqual(diskPuts(), ['doomed']);
    // ARM accepted the disk before its restore failed: it exists (Failed) and is the run's to remove.
    assert.deepEqual(createdSoFar(error.run).map((c) => c.id), [diskId('doomed')]);
    assert.equal(saved.at(-1)!.state, 'failed');
    assert.deepEqual(saved.at(-1)!.stages.map((s) => s.steps[0].status), ['failed', 'pending']);
  });

  it('resumes a run after a reload: a step a previous window sent is read back, not sent again', async () => {
    const { store } = recordingStore();
    // The previous window restored 'sent-before' and saved the step as running, then the window reloaded.
    await executeRun(factory, run([[restore('sent-before')]]), { store, intervalMs: 1 });
    h.emulator.controls.clearRequestLog();
    const resumed = run([[restore('sent-before'), restore('not-sent')], [restore('after')]], [{ status: 'running', accepted: true }, { status: 'running' }]);
    const done = await executeRun(factory, resumed, { store, intervalMs: 1 });
    assert.equal(done.state, 'succeeded');
    // 'not-sent' was recorded as started but ARM never saw it (404): it is sent, once; 'sent-before' only read.
    assert.deepEqual(diskPuts(), ['not-sent', 'after']);
    assert.ok(h.emulator.controls.requestLog.some((r) => r.method === 'GET' && r.path === diskId('sent-before')));
  });

  it('counts a step found done after a reload as created, so Delete What Was Created removes it', async () => {
    const { store } = recordingStore();
    await executeRun(factory, run([[restore('made-before-reload')]]), { store, intervalMs: 1 });
    // The window reloaded after sending the restore and before ARM's answer was saved: no `accepted`.
    const resumed = run([[restore('made-before-reload')], [restore('doomed-after')]], [{ status: 'running' }]);
    h.emulator.controls.failNext('diskRestore', 1);
    const error = await executeRun(factory, resumed, { store, intervalMs: 1 }).then(
      () => assert.fail('the run succeeded'),
      (e: unknown) => e as RunFailedError,
    );
    assert.deepEqual(createdSoFar(error.run).map((c) => c.id), [diskId('made-before-reload'), diskId('doomed-after')]);
  });

  it('Delete What Was Created leaves a disk a later revert keeps as its original, and counts one already gone as neither', async () => {
    const { store } = recordingStore();
    const made = await executeRun(factory, run([[restore('free-to-delete'), restore('kept-by-a-later-revert'), restore('gone-since')]]), { store, intervalMs: 1 });
    const client = computeClient(h.emulator, dev.subscriptionId);
    await client.disks.beginUpdateAndWait(web02.resourceGroup, 'kept-by-a-later-revert', { tags: { [KEPT_DISK_TAGS.vm]: 'vm', [KEPT_DISK_TAGS.slot]: 'os', [KEPT_DISK_TAGS.replacedBy]: 'other' } }, { updateIntervalInMs: 1 });
    await client.disks.beginDeleteAndWait(web02.resourceGroup, 'gone-since', { updateIntervalInMs: 1 });
    const now = await createdNow(factory, { tenantId: TENANT, subscriptionId: dev.subscriptionId }, made);
    assert.deepEqual([now.removable.map((c) => c.id), now.inUse.map((c) => c.id)], [[diskId('free-to-delete')], [diskId('kept-by-a-later-revert')]]);
    h.emulator.controls.clearRequestLog();
    const result = await deleteCreated(factory, made, { intervalMs: 1 });
    assert.deepEqual(result.deleted, [diskId('free-to-delete')]);
    assert.deepEqual(h.emulator.controls.requestLog.filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').pop()), ['free-to-delete']);
  });

  it('Delete What Was Created deletes only what the user confirmed, and counts a group already gone as neither removable nor in use', async () => {
    const { store } = recordingStore();
    const group = `/subscriptions/${dev.subscriptionId}/resourceGroups/rg-run-gone`;
    const made = await executeRun(factory, run([[{ kind: 'createResourceGroup', id: group, location: web02.location }], [restore('confirmed'), restore('made-after-the-modal')]]), { store, intervalMs: 1 });
    await resourceClient(h.emulator, dev.subscriptionId).resourceGroups.beginDeleteAndWait('rg-run-gone', { updateIntervalInMs: 1 });
    const now = await createdNow(factory, { tenantId: TENANT, subscriptionId: dev.subscriptionId }, made);
    assert.deepEqual([now.removable.map((c) => c.id), now.inUse], [[diskId('confirmed'), diskId('made-after-the-modal')], []]);
    h.emulator.controls.clearRequestLog();
    const result = await deleteCreated(factory, made, { intervalMs: 1, confirmed: [group, diskId('confirmed')] });
    assert.deepEqual([result.deleted, result.failed], [[diskId('confirmed')], []]);
    assert.deepEqual(h.emulator.controls.requestLog.filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').pop()), ['confirmed']);
    assert.ok(h.emulator.controls.store.disks.get(diskId('made-after-the-modal').toLowerCase()), 'what the modal did not list is left');
  });

  it('deletes a group the run created last and only once it is empty; what it could not delete stays in the run for a second try', async () => {
    const { store } = recordingStore();
    const group = `/subscriptions/${dev.subscriptionId}/resourceGroups/rg-run-new`;
    const inGroup = `${group}/providers/Microsoft.Compute/disks/in-new-group`;
    h.emulator.controls.failNext('diskRestore', 1);
    const failed = await executeRun(factory, run([[{ kind: 'createResourceGroup', id: group, location: web02.location }], [restore('x', sources[0], inGroup)]]), { store, intervalMs: 1 }).then(
      () => assert.fail('the run succeeded'),
      (e: unknown) => (e as RunFailedError).run,
    );
    assert.deepEqual(createdSoFar(failed).map((c) => c.id), [group, inGroup]);

    h.emulator.controls.injectFault({ method: 'DELETE', pathPattern: '/disks/in-new-group', status: 409, count: 1 });
    const first = await deleteCreated(factory, failed, { intervalMs: 1 });
    assert.deepEqual(first.deleted, []);
    assert.deepEqual(first.failed.map((f) => [f.id, f.failure.code]), [[inGroup, 'InjectedFault'], [group, 'ResourceGroupNotEmpty']]);
    assert.ok(h.emulator.controls.store.getResourceGroup(dev.subscriptionId, 'rg-run-new'), 'the group holding the disk is kept');
    assert.deepEqual(createdSoFar(failed).map((c) => c.id), [group, inGroup], 'both are left to try again');

    const second = await deleteCreated(factory, failed, { intervalMs: 1 });
    assert.deepEqual(second.failed, []);
    assert.deepEqual(second.deleted, [inGroup, group]);
    assert.equal(h.emulator.controls.store.getResourceGroup(dev.subscriptionId, 'rg-run-new'), undefined);
    assert.deepEqual(createdSoFar(failed), []);
  });
});
