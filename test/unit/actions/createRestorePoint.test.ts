import * as assert from 'node:assert/strict';
import { describeArmError, isAbortError } from '../../../src/azure/actions/armError';
import { createCollectionForCopy, createCollectionForVm } from '../../../src/azure/actions/createRestorePointCollection';
import { createRestorePoint } from '../../../src/azure/actions/createRestorePoint';
import type { ConsistencyChoice } from '../../../src/azure/rules/consistencyModes';
import { excludedDisksProblem } from '../../../src/azure/rules/diskExclusion';
import { creationInProgressProblem } from '../../../src/azure/rules/restorePointCreation';
import { vmDisksOf } from '../../../src/azure/rules/vmDisks';
import { demoCatalog } from '../../../src/emulator/data/demoCatalog';
import { useEmulator } from '../../emulator/harness';
import { writes } from '../../support/armRecorder';
import { byKey, finishOnAccept, useRecordingClient } from './actionHarness';

const dev = demoCatalog.devTest;

describe('actions: create restore point collections and restore points', function () {
  const h = useEmulator();
  const arm = useRecordingClient(h, dev.subscriptionId);
  const store = () => h.emulator.controls.store;

  it('creates a collection for a VM in its region', async () => {
    const vm = await arm.client.virtualMachines.get(dev.web02.resourceGroup, dev.web02.vm);
    const rpc = await createCollectionForVm(arm.client, { resourceGroup: dev.web02.resourceGroup, name: 'web-02-weekly', vm: { id: vm.id!, location: vm.location } });
    assert.equal(rpc.location, dev.web02.location);
    assert.deepEqual(writes(arm.sent).map((r) => [r.method, r.path, r.body]), [
      ['PUT', `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/web-02-weekly`, { location: 'eastus', properties: { source: { id: vm.id } } }],
    ]);
    assert.equal(store().collections.get(byKey(rpc.id!))?.sourceId.toLowerCase(), vm.id!.toLowerCase());
  });

  it('creates a collection for cross-region copies with the source collection as source, in the target region', async () => {
    const source = await arm.client.restorePointCollections.get(dev.web02.resourceGroup, dev.web02.collection);
    const rpc = await createCollectionForCopy(arm.client, { resourceGroup: dev.copies.resourceGroup, name: 'web-02-rpc-westus2', location: 'westus2', sourceCollectionId: source.id! });
    assert.equal(rpc.location, 'westus2');
    assert.deepEqual(writes(arm.sent)[0].body, { location: 'westus2', properties: { source: { id: source.id } } });
    assert.equal(store().collections.get(byKey(rpc.id!))?.sourceLocation, dev.web02.location);
  });

  it('creates an application-consistent restore point on Windows by sending no consistencyMode, showing Creating once accepted', async () => {
    const states: (string | undefined)[] = [];
    const rp = await createRestorePoint(
      arm.client,
      { collection: { resourceGroup: dev.web02.resourceGroup, name: dev.web02.collection }, name: 'rp-web-02-manual' },
      finishOnAccept(h, async () => {
        states.push((await arm.client.restorePoints.get(dev.web02.resourceGroup, dev.web02.collection, 'rp-web-02-manual')).provisioningState);
      }),
    );
    assert.deepEqual(states, ['Creating']);
    assert.equal(rp.provisioningState, 'Succeeded');
    assert.equal(rp.consistencyMode, 'ApplicationConsistent');
    const [put] = writes(arm.sent);
    assert.equal(put.method, 'PUT');
    assert.equal(put.path, `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${dev.web02.collection}/restorePoints/rp-web-02-manual`);
    assert.equal(put.query['api-version'], '2026-04-01');
    assert.deepEqual(put.body, {});
    assert.deepEqual(
      h.emulator.controls.requestLog.filter((r) => r.method !== 'GET').map((r) => [r.method, r.path, r.status]),
      [['PUT', put.path, 201]],
      'the emulator received exactly that write',
    );
  });

  it('creates a crash-consistent restore point with the Ultra and Premium SSD v2 disks excluded', async () => {
    const vm = await arm.client.virtualMachines.get(dev.sql01.resourceGroup, dev.sql01.vm);
    const excluded = (vm.storageProfile?.dataDisks ?? []).filter((d) => /UltraSSD|PremiumV2/.test(d.managedDisk?.storageAccountType ?? '')).map((d) => d.managedDisk!.id!);
    assert.equal(excluded.length, 2);
    const rp = await createRestorePoint(
      arm.client,
      { collection: { resourceGroup: dev.sql01.resourceGroup, name: dev.sql01.collection }, name: 'rp-sql-crash', consistencyMode: 'CrashConsistent', excludeDiskIds: excluded, instantAccessDurationMinutes: 120 },
      finishOnAccept(h),
    );
    assert.equal(rp.consistencyMode, 'CrashConsistent');
    assert.deepEqual(writes(arm.sent)[0].body, { properties: { consistencyMode: 'CrashConsistent', excludeDisks: excluded.map((id) => ({ id })), instantAccessDurationMinutes: 120 } });
    const stored = store().restorePoints.get(byKey(rp.id!))!;
    assert.deepEqual(stored.excludeDiskIds.map(byKey), excluded.map(byKey));
    assert.equal(stored.diskRestorePoints.length, 1 + dev.sql01.dataDisks - 2);
  });

  it('agrees with ARM on which disk exclusions each VM and consistency mode allow', async () => {
    const cases: { vm: typeof dev.sql01 | typeof dev.cache01; collection: string }[] = [];
    const vmCache = await arm.client.virtualMachines.get(dev.cache01.resourceGroup, dev.cache01.vm);
    await createCollectionForVm(arm.client, { resourceGroup: dev.cache01.resourceGroup, name: 'cache-01-rpc', vm: { id: vmCache.id!, location: vmCache.location } });
    cases.push({ vm: dev.sql01, collection: dev.sql01.collection }, { vm: dev.cache01, collection: 'cache-01-rpc' });
    let checked = 0;
    for (const { vm: entry, collection } of cases) {
      const vm = await arm.client.virtualMachines.get(entry.resourceGroup, entry.vm);
      const managed = [];
      for await (const d of arm.client.disks.listByResourceGroup(entry.resourceGroup)) managed.push(d);
      const disks = vmDisksOf(vm, managed);
      const dataDisks = disks.filter((d) => d.role === 'data');
      // Every subset of the data disks, with the OS disk excluded exactly when it must be.
      for (let mask = 0; mask < 1 << dataDisks.length; mask++) {
        for (const mode of ['OsDefault', 'CrashConsistent'] as ConsistencyChoice[]) {
          const excludeDiskIds = [...disks.filter((d) => d.role === 'os' && d.ephemeral), ...dataDisks.filter((_, i) => mask & (1 << i))].map((d) => d.id);
          const problem = excludedDisksProblem(disks, excludeDiskIds, mode);
          const name = `rp-agree-${checked++}`;
          const before = store().restorePoints.size;
          const outcome = await createRestorePoint(arm.client, { collection: { resourceGroup: entry.resourceGroup, name: collection }, name, consistencyMode: mode === 'CrashConsistent' ? 'CrashConsistent' : undefined, excludeDiskIds }, finishOnAccept(h)).then(
            () => 'created',
            (e: unknown) => describeArmError(e).code,
          );
          assert.equal(outcome, problem ? 'InvalidParameter' : 'created', `${entry.vm} ${mode} excluding ${excludeDiskIds.length} disks: rule says ${problem ?? 'fine'}`);
          if (problem) assert.equal(store().restorePoints.size, before, 'a refused request leaves nothing created');
        }
      }
    }
    assert.ok(checked >= 40, `checked ${checked} combinations`);
  });

  it('warns about a restore point still creating on the VM, as ARM refuses it with 409, and creates nothing', async () => {
    const rpc = await arm.client.restorePointCollections.get(dev.web01.resourceGroup, dev.web01.collection, { expand: 'restorePoints' });
    assert.match(creationInProgressProblem(rpc.restorePoints ?? []) ?? '', new RegExp(dev.web01.restorePoints.creating));
    const before = store().restorePoints.size;
    const error = await createRestorePoint(arm.client, { collection: { resourceGroup: dev.web01.resourceGroup, name: dev.web01.collection }, name: 'rp-second' }, finishOnAccept(h)).then(
      () => assert.fail('created'),
      (e: unknown) => describeArmError(e),
    );
    assert.equal(error.code, 'OperationNotAllowed');
    assert.equal(error.statusCode, 409);
    assert.equal(store().restorePoints.size, before);
  });

  it("reports a failed creation with ARM's code and message", async () => {
    h.emulator.controls.failNext('restorePointCreation');
    const error = await createRestorePoint(arm.client, { collection: { resourceGroup: dev.web02.resourceGroup, name: dev.web02.collection }, name: 'rp-doomed' }, finishOnAccept(h)).then(
      () => assert.fail('succeeded'),
      (e: unknown) => describeArmError(e),
    );
    assert.deepEqual(error, { code: 'InternalDiskRestorePointError', message: "Creating restore point 'rp-doomed' failed: the disk snapshots could not be taken." });
    assert.equal((await arm.client.restorePoints.get(dev.web02.resourceGroup, dev.web02.collection, 'rp-doomed')).provisioningState, 'Failed');
  });

  it('stops waiting when aborted, while ARM goes on creating', async () => {
    const stop = new AbortController();
    const outcome = await createRestorePoint(
      arm.client,
      { collection: { resourceGroup: dev.web02.resourceGroup, name: dev.web02.collection }, name: 'rp-unwatched' },
      { abortSignal: stop.signal, onAccepted: () => stop.abort() },
    ).then(() => 'done', (e: unknown) => (isAbortError(e) ? 'aborted' : String(e)));
    assert.equal(outcome, 'aborted');
    assert.equal((await arm.client.restorePoints.get(dev.web02.resourceGroup, dev.web02.collection, 'rp-unwatched')).provisioningState, 'Creating');
  });
});
