import * as assert from 'node:assert';
import { restoreAsNewVmRun } from '../../../src/azure/actions/restoreAsNewVm';
import { demoCatalog } from '../../../src/emulator';
import { recordNotifications } from '../chaos/chaosLedger';
import { requestLog } from '../../support/commandDriver';
import { computeClient } from '../../emulator/sdkClients';
import { control, emulatorAddress } from '../helpers';
import { useActionSuite } from './actionSuite';
import { whileClockMoves } from './clock';

const dev = demoCatalog.devTest;
const web02 = dev.web02;
const tenantId = demoCatalog.subscriptions.find((s) => s.subscriptionId === dev.subscriptionId)!.tenantId;

/**
 * A window reloaded while Restore as New VM ran: the previous extension host had sent the disks'
 * restores (ARM accepted them) and recorded that in the journal. The reloaded window resumes the
 * run from the journal, reads the disks back instead of restoring them again, and goes on.
 */
describe('runs: a restore resumed after a reload', function () {
  this.timeout(60_000);
  const suite = useActionSuite({ readBackIntervalMs: 300 });
  const client = computeClient(emulatorAddress(), dev.subscriptionId);

  it('reads back the disks the previous window sent, sends the rest once, and ends with the VM and says so', async () => {
    const rp = await client.restorePoints.get(web02.resourceGroup, web02.collection, web02.restorePoints[0]);
    const run = restoreAsNewVmRun(
      { tenantId, subscriptionId: dev.subscriptionId, resourceGroup: web02.resourceGroup, location: web02.location, vmName: 'web-02-resumed', restorePoint: rp, network: { newNetwork: { addressPrefix: '10.50.0.0/16', subnetPrefix: '10.50.0.0/24' } }, publicIp: false, vmSize: 'Standard_D2s_v5' },
      'run-resumed',
      Date.now(),
    );
    // What the previous window did: the disks' PUTs accepted, their steps recorded as running.
    for (const step of run.stages[0].steps) {
      if (step.spec.kind !== 'restoreDisk') continue;
      await client.disks.createOrUpdate(web02.resourceGroup, step.spec.diskId.split('/').pop()!, { location: web02.location, creationData: { createOption: 'Restore', sourceResourceId: step.spec.diskRestorePointId } }).submitted();
      Object.assign(step, { status: 'running', accepted: true });
    }
    await suite.api.operations.runs.save(run);
    await control('DELETE', '/requests');

    assert.deepStrictEqual(suite.api.operations.listRuns().map((r) => r.id), [run.id], 'only this run is in the journal');
    const notifications = recordNotifications();
    try {
      const [done] = await whileClockMoves(suite.api.resumeRunsForTests());
      assert.strictEqual(done?.state, 'succeeded');
      const said = `VM 'web-02-resumed' created from restore point '${web02.restorePoints[0]}'.`;
      assert.ok(notifications.shown.some((n) => n.severity === 'information' && n.message === said), 'the resumed restore says it is done');
    } finally {
      notifications.dispose();
    }
    const sent = (await requestLog()).filter((r) => r.method !== 'GET' && r.path.startsWith('/subscriptions/')).map((r) => `${r.method} ${r.path.split('/').pop()}`);
    assert.deepStrictEqual(sent.sort(), ['PUT web-02-resumed', 'PUT web-02-resumed-nic', 'PUT web-02-resumed-vnet'], 'no disk is restored twice');
    const vm = await client.virtualMachines.get(web02.resourceGroup, 'web-02-resumed');
    assert.match(vm.storageProfile!.osDisk!.managedDisk!.id!, /web-02-resumed-osdisk$/);
    assert.deepStrictEqual(suite.api.operations.listRuns(), []);
  });
});
