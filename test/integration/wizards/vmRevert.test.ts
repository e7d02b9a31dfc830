import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { KEPT_DISK_TAGS } from '../../../src/azure/actions/revertVm';
import { demoCatalog } from '../../../src/emulator';
import { clearRequestLog, drive, writes } from '../../support/commandDriver';
import { answer } from '../../support/scriptedPrompter';
import { computeClient, networkClient, pollOften } from '../../emulator/sdkClients';
import { whileClockMoves } from './clock';
import { byLabel, children, control, emulatorAddress, eventually, type Shown } from '../helpers';
import { captureErrorNotifications } from '../../support/notifications';
import { useActionSuite } from './actionSuite';

const dev = demoCatalog.devTest;
const DEV_TEST = 'Contoso Dev/Test';
const web02 = dev.web02;
const nameOf = (id: string): string => id.slice(id.lastIndexOf('/') + 1);

/** Revert VM to Restore Point and Undo Revert on web-02, which runs. */
describe('actions: Revert VM to Restore Point and Undo Revert', function () {
  this.timeout(90_000);
  const suite = useActionSuite();
  const client = computeClient(emulatorAddress(), dev.subscriptionId);
  const power = async (): Promise<string | undefined> => (await client.virtualMachines.instanceView(web02.resourceGroup, web02.vm)).statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code;

  async function node(...path: string[]): Promise<Shown> {
    let shown = byLabel(await children(suite.api), DEV_TEST);
    for (const label of path) shown = byLabel(await children(suite.api, shown.node), label);
    return shown;
  }

  it('reverts a running VM: disks restored, VM deallocated, disks swapped at the same LUNs, started again, the originals kept and tagged; Undo Revert puts them back', async () => {
    const before = await client.virtualMachines.get(web02.resourceGroup, web02.vm);
    const originalOs = before.storageProfile!.osDisk!.managedDisk!.id!;
    const originalData = before.storageProfile!.dataDisks!.map((d) => [d.lun, d.managedDisk!.id!] as const);
    assert.strictEqual(await power(), 'PowerState/running');
    // The user's own tag on the OS disk: a PATCH of tags replaces them all, so the revert must carry it.
    const userTags = { ...(await client.disks.get(web02.resourceGroup, nameOf(originalOs))).tags, owner: 'team-web' };
    await client.disks.beginUpdateAndWait(web02.resourceGroup, nameOf(originalOs), { tags: userTags }, pollOften);
    await clearRequestLog();
    const rp = await node(web02.vm, web02.collection, web02.restorePoints[0]);

    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.revertVm', [answer.confirm()], [rp.node]);
    assert.strictEqual(result, before.id);
    const modal = prompter.asked[0];
    assert.match(modal.detail ?? '', /stopped and deallocated/);
    assert.match(modal.detail ?? '', /kept, not deleted, and tagged/);
    assert.match(modal.detail ?? '', new RegExp(nameOf(originalOs)));

    const sent = (await writes()).map((r) => `${r.method} ${/\/disks\//i.test(r.path) ? 'disk' : nameOf(r.path)}`);
    assert.deepStrictEqual(sent, ['PUT disk', 'PUT disk', 'PATCH disk', 'PATCH disk', 'POST deallocate', `PUT ${web02.vm}`, 'POST start'], 'each step once, in order');

    const after = await client.virtualMachines.get(web02.resourceGroup, web02.vm);
    assert.match(nameOf(after.storageProfile!.osDisk!.managedDisk!.id!), new RegExp(`^${nameOf(originalOs)}-r\\d{12}$`));
    assert.deepStrictEqual(after.storageProfile!.dataDisks!.map((d) => d.lun), originalData.map(([lun]) => lun), 'the same LUNs');
    for (const d of after.storageProfile!.dataDisks!) assert.match(nameOf(d.managedDisk!.id!), /-r\d{12}$/);
    assert.strictEqual(await power(), 'PowerState/running', 'started again');
    const keptOs = await client.disks.get(web02.resourceGroup, nameOf(originalOs));
    assert.strictEqual(keptOs.diskState, 'Unattached');
    assert.strictEqual(keptOs.tags?.[KEPT_DISK_TAGS.slot], 'os');
    assert.strictEqual(keptOs.tags?.[KEPT_DISK_TAGS.replacedBy], nameOf(after.storageProfile!.osDisk!.managedDisk!.id!));
    assert.strictEqual(keptOs.tags?.owner, 'team-web', "the user's tag survives the revert");
    assert.deepStrictEqual(suite.api.operations.listRuns(), []);

    const vmNode = await node(web02.vm);
    const undo = await drive<string>(suite.api, 'restorePoints.undoRevert', [answer.confirm()], [vmNode.node]);
    assert.strictEqual(undo.result, before.id);
    const back = await client.virtualMachines.get(web02.resourceGroup, web02.vm);
    assert.strictEqual(back.storageProfile!.osDisk!.managedDisk!.id!.toLowerCase(), originalOs.toLowerCase());
    assert.deepStrictEqual(back.storageProfile!.dataDisks!.map((d) => [d.lun, d.managedDisk!.id!.toLowerCase()]), originalData.map(([lun, id]) => [lun, id.toLowerCase()]));
    assert.strictEqual(await power(), 'PowerState/running');
    const untagged = await client.disks.get(web02.resourceGroup, nameOf(originalOs));
    assert.deepStrictEqual(untagged.tags, userTags, "the revert's tags are gone, the user's are back");
  });

  it('tags the kept disks before the VM is touched: after a fault at the swap they carry the tags Undo Revert finds them by', async () => {
    const before = await client.virtualMachines.get(web02.resourceGroup, web02.vm);
    const originalOs = nameOf(before.storageProfile!.osDisk!.managedDisk!.id!);
    const notifications = captureErrorNotifications();
    try {
      await control('POST', '/faults', { method: 'PUT', pathPattern: `/virtualMachines/${web02.vm}`, status: 409, count: 1 });
      const rp = await node(web02.vm, web02.collection, web02.restorePoints[0]);
      const { result } = await drive<string>(suite.api, 'restorePoints.revertVm', [answer.confirm()], [rp.node]);
      assert.strictEqual(result, undefined);
      await eventually(async () => notifications.shown.find((n) => /InjectedFault/.test(n.message)), 'the failure report');
    } finally {
      notifications.restore();
    }
    const kept = await client.disks.get(web02.resourceGroup, originalOs);
    assert.strictEqual(kept.tags?.[KEPT_DISK_TAGS.slot], 'os', 'the original OS disk is tagged as kept although the swap failed');
    assert.strictEqual(kept.tags?.[KEPT_DISK_TAGS.vm]?.toLowerCase(), before.id!.toLowerCase());
    // The failed run stays in the journal, so a reload reports it again, until the user deletes what it created or keeps it: keep it here.
    const failed = suite.api.operations.listRuns();
    assert.deepStrictEqual(failed.map((r) => r.state), ['failed']);
    for (const run of failed) await suite.api.operations.runs.remove(run.id);
  });

  it('refuses to revert a Confidential VM up front, with the reason, before any question, and sends nothing', async () => {
    // conf-01: a Confidential VM booting from a confidential OS disk, in web-02's subnet, with a restore point of its own.
    const network = networkClient(emulatorAddress(), dev.subscriptionId);
    const os = await whileClockMoves(
      client.disks.beginCreateOrUpdateAndWait(web02.resourceGroup, 'conf-01-os', {
        location: web02.location, osType: 'Windows', hyperVGeneration: 'V2', diskSizeGB: 127, creationData: { createOption: 'Empty' },
        securityProfile: { securityType: 'ConfidentialVM_VMGuestStateOnlyEncryptedWithPlatformKey' },
      }, pollOften),
    );
    const web02Vm = await client.virtualMachines.get(web02.resourceGroup, web02.vm);
    const web02Nic = await network.networkInterfaces.get(web02.resourceGroup, nameOf(web02Vm.networkProfile!.networkInterfaces![0].id!));
    const nic = await whileClockMoves(network.networkInterfaces.beginCreateOrUpdateAndWait(web02.resourceGroup, 'conf-01-nic', { location: web02.location, ipConfigurations: [{ name: 'ipconfig1', subnet: { id: web02Nic.ipConfigurations![0].subnet!.id } }] }, pollOften));
    const vm = await whileClockMoves(
      client.virtualMachines.beginCreateOrUpdateAndWait(web02.resourceGroup, 'conf-01', {
        location: web02.location,
        hardwareProfile: { vmSize: 'Standard_DC2as_v5' },
        storageProfile: { osDisk: { osType: 'Windows', createOption: 'Attach', managedDisk: { id: os.id } }, dataDisks: [] },
        networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] },
        securityProfile: { securityType: 'ConfidentialVM', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
      }, pollOften),
    );
    await client.restorePointCollections.createOrUpdate(web02.resourceGroup, 'conf-01-rpc', { location: web02.location, source: { id: vm.id } });
    await whileClockMoves(client.restorePoints.beginCreateAndWait(web02.resourceGroup, 'conf-01-rpc', 'rp-conf-01', {}, pollOften));
    await vscode.commands.executeCommand('restorePoints.refresh');
    const rpNode = await node('conf-01', 'conf-01-rpc', 'rp-conf-01');
    await clearRequestLog();

    const notifications = captureErrorNotifications();
    try {
      const { result, prompter } = await drive<string>(suite.api, 'restorePoints.revertVm', [], [rpNode.node]);
      assert.strictEqual(result, undefined);
      assert.strictEqual(prompter.asked.length, 0, 'no question is asked');
      const shown = await eventually(async () => notifications.shown[0], 'the refusal');
      assert.match(shown.message, /'rp-conf-01' is of a Confidential VM: its OS disk is encrypted with keys bound to that VM/);
    } finally {
      notifications.restore();
    }
    assert.deepStrictEqual(await writes(), []);
  });

  it('refuses Undo Revert on a VM no revert changed, and sends nothing', async () => {
    const vmNode = await node(dev.web01.vm);
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.undoRevert', [], [vmNode.node]);
    assert.strictEqual(result, undefined);
    assert.strictEqual(prompter.asked.length, 0);
    assert.deepStrictEqual(await writes(), []);
  });
});
