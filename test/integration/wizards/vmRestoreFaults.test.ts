import * as assert from 'node:assert';
import { demoCatalog } from '../../../src/emulator';
import { drive, requestLog } from '../../support/commandDriver';
import { captureErrorNotifications } from '../../support/notifications';
import { answer, ScriptedPrompter } from '../../support/scriptedPrompter';
import { networkClient, pollOften, resourceClient } from '../../emulator/sdkClients';
import { control, emulatorAddress, eventually } from '../helpers';
import { useActionSuite } from './actionSuite';
import { whileClockMoves } from './clock';
import { restorePointNode, restoreScript, web02Subnet } from './vmRestoreSupport';

const dev = demoCatalog.devTest;
const web02 = dev.web02;

/** Where a row's fault strikes: an ARM answer refused at once, or an operation ARM accepted that then fails. */
type Fault = { refuse: string } | { failNext: 'diskRestore' | 'vmCreation' };

interface Row {
  /** The step that fails, as the report names it. */
  step: string;
  vm: string;
  newGroup?: boolean;
  publicIp?: boolean;
  existingSubnet?: boolean;
  fault: Fault;
  /** The failed step's title in the report (the VM's name stands for `{vm}`). */
  title: RegExp;
  code: string;
  message: RegExp;
  /** The names of what the run created before it stopped; `{group}` for the new group. */
  created: string[];
}

const disks = (vm: string): string[] => [`${vm}-osdisk`, `${vm}-datadisk-0`];

const ROWS: Row[] = [
  { step: 'resource group creation (new group)', vm: 'w2f-rg', newGroup: true, fault: { refuse: '/resourcegroups/rg-w2f-rg$' }, title: /Create resource group 'rg-w2f-rg' in eastus/, code: 'InjectedFault', message: /HTTP 409 for PUT/, created: [] },
  { step: 'OS disk restore (refused)', vm: 'w2f-os', fault: { refuse: '/disks/w2f-os-osdisk$' }, title: /Restore disk 'w2f-os-osdisk'/, code: 'InjectedFault', message: /HTTP 409 for PUT/, created: ['w2f-os-datadisk-0', 'w2f-os-vnet'] },
  { step: 'data disk restore (refused) in a new group', vm: 'w2f-data', newGroup: true, fault: { refuse: '/disks/w2f-data-datadisk-0$' }, title: /Restore disk 'w2f-data-datadisk-0'/, code: 'InjectedFault', message: /HTTP 409 for PUT/, created: ['{group}', 'w2f-data-osdisk', 'w2f-data-vnet'] },
  // ARM accepted the restore and the operation then failed: the disk exists (Failed) and is the run's.
  { step: 'disk restore (accepted, then failed) in a new group', vm: 'w2f-lro', newGroup: true, fault: { failNext: 'diskRestore' }, title: /Restore disk 'w2f-lro-(osdisk|datadisk-0)'/, code: 'InternalDiskManagementError', message: /from the restore point failed/, created: ['{group}', ...disks('w2f-lro'), 'w2f-lro-vnet'] },
  { step: 'virtual network and subnet creation', vm: 'w2f-vnet', publicIp: true, fault: { refuse: '/virtualNetworks/w2f-vnet-vnet$' }, title: /Create virtual network 'w2f-vnet-vnet'/, code: 'InjectedFault', message: /HTTP 409 for PUT/, created: [...disks('w2f-vnet'), 'w2f-vnet-ip'] },
  { step: 'public IP creation', vm: 'w2f-ip', publicIp: true, fault: { refuse: '/publicIPAddresses/w2f-ip-ip$' }, title: /Create public IP address 'w2f-ip-ip'/, code: 'InjectedFault', message: /HTTP 409 for PUT/, created: [...disks('w2f-ip'), 'w2f-ip-vnet'] },
  { step: 'NIC creation (existing subnet)', vm: 'w2f-nic', existingSubnet: true, fault: { refuse: '/networkInterfaces/w2f-nic-nic$' }, title: /Create network interface 'w2f-nic-nic'/, code: 'InjectedFault', message: /HTTP 409 for PUT/, created: disks('w2f-nic') },
  { step: 'VM creation (refused)', vm: 'w2f-vm', publicIp: true, fault: { refuse: '/virtualMachines/w2f-vm$' }, title: /Create virtual machine 'w2f-vm'/, code: 'InjectedFault', message: /HTTP 409 for PUT/, created: [...disks('w2f-vm'), 'w2f-vm-vnet', 'w2f-vm-ip', 'w2f-vm-nic'] },
  // The VM exists once ARM accepted it, Failed and still holding its disks and NIC: Delete removes it first.
  { step: 'VM creation (accepted, then AllocationFailed) in a new group', vm: 'w2f-alloc', newGroup: true, fault: { failNext: 'vmCreation' }, title: /Create virtual machine 'w2f-alloc'/, code: 'AllocationFailed', message: /Allocation failed/, created: ['{group}', ...disks('w2f-alloc'), 'w2f-alloc-vnet', 'w2f-alloc-nic', 'w2f-alloc'] },
];

const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1).toLowerCase();
const sorted = (names: string[]): string[] => names.map((n) => n.toLowerCase()).sort();

/**
 * Restore as New VM with a fault at each step: the report names the step, ARM's code and message
 * and what exists; Delete What Was Created removes exactly that, the new group included, and
 * nothing else.
 */
describe('actions: Restore as New VM, a fault at each step', function () {
  this.timeout(120_000);
  const suite = useActionSuite();
  const resources = resourceClient(emulatorAddress(), dev.subscriptionId);

  /** The names of what the group holds; none when it does not exist. */
  async function namesIn(group: string): Promise<string[]> {
    const names: string[] = [];
    try {
      for await (const r of resources.resources.listByResourceGroup(group)) names.push(r.name ?? '');
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
    return sorted(names);
  }

  for (const row of ROWS) {
    it(`${row.step}: the report names the step, ${row.code} and what was created; Delete What Was Created removes exactly that`, async () => {
      const group = row.newGroup ? `rg-${row.vm}` : web02.resourceGroup;
      const created = row.created.map((n) => (n === '{group}' ? group : n));
      const createdInGroup = created.filter((n) => n !== group);
      const before = await namesIn(group);
      const counts = await control<{ counts: Record<string, number> }>('GET', '/store');
      const notifications = captureErrorNotifications();
      try {
        if ('refuse' in row.fault) await control('POST', '/faults', { method: 'PUT', pathPattern: row.fault.refuse, status: 409, count: 1 });
        else await control('POST', '/failures', { kind: row.fault.failNext });
        const rp = await restorePointNode(suite.api, web02.vm, web02.collection, web02.restorePoints[0]);
        const script = restoreScript({
          vmName: row.vm,
          disks: 2,
          newGroup: row.newGroup ? { name: group, location: web02.location } : undefined,
          network: row.existingSubnet ? answer.pick(web02Subnet) : undefined,
          publicIp: row.publicIp ? answer.pick(`A new public IP address '${row.vm}-ip'`) : undefined,
        });
        const { result } = await drive<string>(suite.api, 'restorePoints.restoreAsNewVm', script, [rp.node]);
        assert.strictEqual(result, undefined, 'no VM is returned');

        const report = await eventually(async () => notifications.shown.find((n) => /stopped at step/.test(n.message)), 'the failure report');
        // "'<vm>' stopped at step '<title>': <code>: <message> <what was created>"
        const titleAt = report.message.indexOf("stopped at step '") + "stopped at step '".length;
        const codeAt = report.message.indexOf(`': ${row.code}: `);
        assert.ok(titleAt > 0 && codeAt > titleAt, `the step, then ARM's code: ${report.message}`);
        assert.match(report.message.slice(titleAt, codeAt), row.title);
        assert.match(report.message.slice(codeAt), row.message);
        for (const name of created) assert.match(report.message, new RegExp(name === group && row.newGroup ? `resource group '${name}'` : `\\b${name}\\b`), `the report names ${name}`);
        if (!created.length) {
          assert.match(report.message, /Nothing was created\./);
          assert.ok(!report.buttons.includes('Delete What Was Created'));
        } else assert.ok(report.buttons.includes('Delete What Was Created'));

        // What exists is exactly what the report lists: the group holds what it held and what the run made.
        assert.deepStrictEqual(await namesIn(group), sorted([...before, ...createdInGroup]), 'the group holds what the run created, and what it held before');
        if (row.newGroup && !created.includes(group)) await assert.rejects(resources.resourceGroups.get(group), (e: { statusCode?: number }) => e.statusCode === 404, 'no group was created');

        const [run] = suite.api.operations.listRuns();
        assert.strictEqual(run?.state, 'failed');
        if (created.length) {
          await control('DELETE', '/requests');
          await drive(suite.api, 'restorePoints.deleteWhatWasCreated', [answer.confirm()], [run.id]);
          const deleted = (await requestLog()).filter((r) => r.method === 'DELETE' && r.status < 300 && r.path.startsWith('/subscriptions/')).map((r) => nameOf(r.path));
          assert.deepStrictEqual(deleted.sort(), sorted(created), 'exactly what was created is deleted, each once');
          assert.deepStrictEqual(suite.api.operations.listRuns(), [], 'nothing is left to delete, so the run is gone');
        }
        assert.deepStrictEqual(await namesIn(group), before, 'the group holds what it held before the run');
        assert.deepStrictEqual(await control('GET', '/store'), counts, 'nothing else changed in the emulator');
      } finally {
        notifications.restore();
        await control('DELETE', '/faults');
        for (const run of suite.api.operations.listRuns()) await suite.api.operations.runs.remove(run.id);
      }
    });
  }

  it('keeps in the run what Delete What Was Created could not delete, says why, and deletes only that on Try Again', async () => {
    const notifications = captureErrorNotifications();
    try {
      await control('POST', '/faults', { method: 'PUT', pathPattern: '/networkInterfaces/w2f-keep-nic$', status: 409, count: 1 });
      const rp = await restorePointNode(suite.api, web02.vm, web02.collection, web02.restorePoints[0]);
      await drive<string>(suite.api, 'restorePoints.restoreAsNewVm', restoreScript({ vmName: 'w2f-keep', disks: 2, network: answer.pick(web02Subnet) }), [rp.node]);
      await eventually(async () => notifications.shown.find((n) => /stopped at step/.test(n.message)), 'the failure report');
      const [run] = suite.api.operations.listRuns();

      await control('POST', '/faults', { method: 'DELETE', pathPattern: '/disks/w2f-keep-osdisk$', status: 409, count: 1 });
      await drive(suite.api, 'restorePoints.deleteWhatWasCreated', [answer.confirm()], [run.id]);
      const partial = await eventually(async () => notifications.shown.find((n) => /not deleted/.test(n.message)), 'the clean-up report');
      assert.match(partial.message, /Deleted w2f-keep-datadisk-0; not deleted: w2f-keep-osdisk \(InjectedFault: /);
      assert.deepStrictEqual(partial.buttons, ['Try Again', 'Keep']);
      const [kept] = suite.api.operations.listRuns();
      assert.strictEqual(kept?.id, run.id, 'the run stays in the journal');

      await control('DELETE', '/requests');
      const retry = new ScriptedPrompter([answer.confirm()]);
      suite.api.setPrompterForTests(retry);
      partial.answer('Try Again');
      await whileClockMoves(eventually(async () => (suite.api.operations.listRuns().length === 0 ? true : undefined), 'the run done with'));
      assert.match(retry.asked[0]?.detail ?? '', /^w2f-keep-osdisk$/, 'only what is left is offered');
      const deleted = (await requestLog()).filter((r) => r.method === 'DELETE').map((r) => nameOf(r.path));
      assert.deepStrictEqual(deleted, ['w2f-keep-osdisk']);
    } finally {
      suite.api.setPrompterForTests(undefined);
      notifications.restore();
      await control('DELETE', '/faults');
      for (const run of suite.api.operations.listRuns()) await suite.api.operations.runs.remove(run.id);
    }
  });

  it('keeps a new group the run created once something else is in it, and says what it holds', async () => {
    const notifications = captureErrorNotifications();
    try {
      await control('POST', '/faults', { method: 'PUT', pathPattern: '/networkInterfaces/w2f-busy-nic$', status: 409, count: 1 });
      const rp = await restorePointNode(suite.api, web02.vm, web02.collection, web02.restorePoints[0]);
      const script = restoreScript({ vmName: 'w2f-busy', disks: 2, newGroup: { name: 'rg-w2f-busy', location: web02.location }, network: answer.pick(web02Subnet) });
      await drive<string>(suite.api, 'restorePoints.restoreAsNewVm', script, [rp.node]);
      await eventually(async () => notifications.shown.find((n) => /stopped at step/.test(n.message)), 'the failure report');
      const [run] = suite.api.operations.listRuns();
      // Someone puts a resource of their own in the new group before the clean-up.
      await networkClient(emulatorAddress(), dev.subscriptionId).publicIPAddresses.beginCreateOrUpdateAndWait('rg-w2f-busy', 'someone-else-ip', { location: web02.location, sku: { name: 'Standard' }, publicIPAllocationMethod: 'Static' }, pollOften);

      const { prompter } = await drive(suite.api, 'restorePoints.deleteWhatWasCreated', [answer.confirm()], [run.id]);
      assert.match(prompter.asked[0].detail ?? '', /resource group 'rg-w2f-busy'[\s\S]*only if nothing else is in it/, 'the modal says the group goes only if empty');
      const partial = await eventually(async () => notifications.shown.find((n) => /not deleted/.test(n.message)), 'the clean-up report');
      assert.match(partial.message, /not deleted: rg-w2f-busy \(ResourceGroupNotEmpty: Resource group 'rg-w2f-busy' was kept: it holds someone-else-ip\./);
      assert.deepStrictEqual(await namesIn('rg-w2f-busy'), ['someone-else-ip'], "the run's disks are gone, the other resource and its group stay");
      assert.strictEqual(suite.api.operations.listRuns()[0]?.id, run.id, 'the group stays in the run, to try again once it is empty');
    } finally {
      notifications.restore();
      await control('DELETE', '/faults');
      for (const run of suite.api.operations.listRuns()) await suite.api.operations.runs.remove(run.id);
    }
  });
});
