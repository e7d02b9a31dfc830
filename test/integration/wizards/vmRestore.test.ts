import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { demoCatalog } from '../../../src/emulator';
import { clearRequestLog, drive, sentProperties, writes, type LoggedRequest } from '../../support/commandDriver';
import { captureErrorNotifications } from '../../support/notifications';
import { answer, type ScriptedAnswer } from '../../support/scriptedPrompter';
import { computeClient, networkClient, pollOften } from '../../emulator/sdkClients';
import { byLabel, children, control, emulatorAddress, eventually, type Shown } from '../helpers';
import { useActionSuite } from './actionSuite';
import { DEV_TEST, restorePointNode as restorePointNodeOf, restoreScript } from './vmRestoreSupport';

const dev = demoCatalog.devTest;
const web02 = dev.web02;
const web01 = dev.web01;

const puts = (log: LoggedRequest[], kind: string): LoggedRequest[] => log.filter((r) => r.method === 'PUT' && new RegExp(`/${kind}/`, 'i').test(r.path));
const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Restore as New VM: from a restore point to a VM in the tree, against the emulator's compute and network. */
describe('actions: Restore as New VM', function () {
  this.timeout(90_000);
  const suite = useActionSuite();
  const client = computeClient(emulatorAddress(), dev.subscriptionId);

  const restorePointNode = (vm: string, collection: string, name: string): Promise<Shown> => restorePointNodeOf(suite.api, vm, collection, name);

  /** Group, name, network, public IP, size, one disk type per disk (the source's), summary. */
  const script = (vmName: string, disks: number, network?: ScriptedAnswer, publicIp?: ScriptedAnswer): ScriptedAnswer[] => restoreScript({ vmName, disks, network, publicIp });

  it('refuses a copy still replicating before any question, and sends nothing (first: the clock has not moved yet)', async () => {
    const notifications = captureErrorNotifications();
    try {
      const rp = await restorePointNode(web02.vm, dev.copies.collection, dev.copies.replicating.name);
      const { result, prompter } = await drive<string>(suite.api, 'restorePoints.restoreAsNewVm', [], [rp.node], { clockStepMs: 0 });
      assert.strictEqual(result, undefined);
      assert.strictEqual(prompter.asked.length, 0);
      assert.deepStrictEqual(await writes(), []);
      assert.match(notifications.shown[0]?.message ?? '', /still being copied/);
    } finally {
      notifications.restore();
    }
  });

  it('refuses a restore point of a Confidential VM before any question, with the reason, and sends nothing', async () => {
    // A Confidential VM (its OS disk a confidential one, as Azure requires), with a restore point of its own.
    const group = web02.resourceGroup;
    const advance = async <T>(poller: { submitted(): Promise<void>; pollUntilDone(): Promise<T> }): Promise<T> => {
      await poller.submitted();
      await control('POST', '/clock/advance', { ms: 60_000 });
      return poller.pollUntilDone();
    };
    const securityType = 'ConfidentialVM_DiskEncryptedWithPlatformKey';
    const disk = await advance(
      client.disks.createOrUpdate(group, 'cvm-01-os', { location: web02.location, osType: 'Linux', hyperVGeneration: 'V2', diskSizeGB: 30, creationData: { createOption: 'Empty' }, securityProfile: { securityType } }, pollOften),
    );
    const network = networkClient(emulatorAddress(), dev.subscriptionId);
    const subnet = (await network.virtualNetworks.get(group, `${group}${demoCatalog.network.vnetSuffix}`)).subnets![0];
    const nic = await network.networkInterfaces.beginCreateOrUpdateAndWait(group, 'cvm-01-nic', { location: web02.location, ipConfigurations: [{ name: 'ipconfig1', subnet: { id: subnet.id } }] }, pollOften);
    const vm = await advance(
      client.virtualMachines.createOrUpdate(group, 'cvm-01', {
        location: web02.location,
        hardwareProfile: { vmSize: 'Standard_DC2as_v5' },
        storageProfile: { osDisk: { createOption: 'Attach', osType: 'Linux', managedDisk: { id: disk.id } } },
        networkProfile: { networkInterfaces: [{ id: nic.id }] },
        securityProfile: { securityType: 'ConfidentialVM', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
      }, pollOften),
    );
    await client.restorePointCollections.createOrUpdate(group, 'cvm-01-rpc', { location: web02.location, source: { id: vm.id } });
    await advance(client.restorePoints.create(group, 'cvm-01-rpc', 'rp-cvm-01', {}, pollOften));
    const taken = [];
    for await (const d of client.diskRestorePoint.listByRestorePoint(group, 'cvm-01-rpc', 'rp-cvm-01')) taken.push(d);
    assert.deepStrictEqual(taken.map((d) => d.securityProfile?.securityType), [securityType], 'the OS disk restore point keeps the disk\'s security type');
    await vscode.commands.executeCommand('restorePoints.refresh');
    await clearRequestLog();

    const notifications = captureErrorNotifications();
    try {
      const rp = await restorePointNode('cvm-01', 'cvm-01-rpc', 'rp-cvm-01');
      const { result, prompter } = await drive<string>(suite.api, 'restorePoints.restoreAsNewVm', [], [rp.node]);
      assert.strictEqual(result, undefined);
      assert.strictEqual(prompter.asked.length, 0, 'no question asked');
      assert.deepStrictEqual(await writes(), [], 'nothing sent');
      await eventually(async () => notifications.shown.find((n) => /Restore point 'rp-cvm-01' is of a Confidential VM/.test(n.message)), 'the refusal with its reason');
    } finally {
      notifications.restore();
    }
  });

  it('restores web-02 as a new VM in a new network: disks restored, network, NIC and the VM attaching them, and the VM in the tree', async () => {
    const rp = await restorePointNode(web02.vm, web02.collection, web02.restorePoints[0]);
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.restoreAsNewVm', script('web-02-back', 2), [rp.node]);
    assert.ok(result, 'the command returned the new VM id');
    const summary = prompter.asked.at(-1)!;
    for (const name of ['web-02-back', 'web-02-back-osdisk', 'web-02-back-datadisk-0', 'web-02-back-nic', 'web-02-back-vnet']) assert.match(summary.detail ?? '', new RegExp(`'${name}'`), `the summary names ${name}`);
    const network = prompter.asked[2];
    assert.match(network.items![0].label, /New virtual network 'web-02-back-vnet' \(10\.\d+\.0\.0\/16\)/);
    assert.ok(network.items!.some((i) => i.label === `${web02.resourceGroup}${demoCatalog.network.vnetSuffix} / ${demoCatalog.network.subnet}`), 'the region\'s subnets are offered');

    const log = await writes();
    const disks = puts(log, 'disks');
    assert.deepStrictEqual(disks.map((r) => nameOf(r.path)).sort(), ['web-02-back-datadisk-0', 'web-02-back-osdisk']);
    for (const d of disks) assert.strictEqual((sentProperties(d).creationData as { createOption: string }).createOption, 'Restore');
    const [vnet] = puts(log, 'virtualNetworks');
    const space = (sentProperties(vnet).addressSpace as { addressPrefixes: string[] }).addressPrefixes[0];
    assert.doesNotMatch(space, /^10\.1\.0\.0\//, 'not the address space of the region\'s existing network');
    assert.strictEqual(puts(log, 'publicIPAddresses').length, 0, 'no public IP unless asked');
    const [vmPut] = puts(log, 'virtualMachines');
    const storage = sentProperties(vmPut).storageProfile as { osDisk: { createOption: string; managedDisk: { id: string } }; dataDisks: { lun: number; createOption: string; managedDisk: { id: string } }[] };
    assert.strictEqual(storage.osDisk.createOption, 'Attach');
    assert.match(storage.osDisk.managedDisk.id, /\/disks\/web-02-back-osdisk$/);
    assert.deepStrictEqual(storage.dataDisks.map((d) => [d.lun, d.createOption, nameOf(d.managedDisk.id)]), [[0, 'Attach', 'web-02-back-datadisk-0']]);
    // Each resource was sent once.
    assert.deepStrictEqual(log.filter((r) => r.method === 'PUT').map((r) => nameOf(r.path)).sort(), ['web-02-back', 'web-02-back-datadisk-0', 'web-02-back-nic', 'web-02-back-osdisk', 'web-02-back-vnet']);

    const vm = await client.virtualMachines.get(web02.resourceGroup, 'web-02-back');
    assert.strictEqual(vm.id, result);
    const osDisk = await client.disks.get(web02.resourceGroup, 'web-02-back-osdisk');
    assert.strictEqual(osDisk.managedBy?.toLowerCase(), result.toLowerCase());
    assert.deepStrictEqual(suite.api.operations.listRuns(), [], 'the journal no longer holds the run');
    const sub = byLabel(await children(suite.api), DEV_TEST);
    await eventually(async () => (await children(suite.api, sub.node)).find((s) => s.label === 'web-02-back'), 'the new VM in the tree');
  });

  it('uses an existing subnet and a public IP when asked', async () => {
    const rp = await restorePointNode(web02.vm, web02.collection, web02.restorePoints[0]);
    const subnet = `${web02.resourceGroup}${demoCatalog.network.vnetSuffix} / ${demoCatalog.network.subnet}`;
    const { result } = await drive<string>(suite.api, 'restorePoints.restoreAsNewVm', script('web-02-shared', 2, answer.pick(subnet), answer.pick("A new public IP address 'web-02-shared-ip'")), [rp.node]);
    assert.ok(result);
    const log = await writes();
    assert.strictEqual(puts(log, 'virtualNetworks').length, 0, 'no network created');
    assert.strictEqual(puts(log, 'publicIPAddresses').length, 1);
    const [nic] = puts(log, 'networkInterfaces');
    const ipConfig = (sentProperties(nic).ipConfigurations as { properties: { subnet: { id: string }; publicIPAddress?: { id: string } } }[])[0].properties;
    assert.match(ipConfig.subnet.id, new RegExp(`/virtualNetworks/${web02.resourceGroup}-vnet/subnets/default$`, 'i'));
    assert.match(ipConfig.publicIPAddress?.id ?? '', /\/publicIPAddresses\/web-02-shared-ip$/);
  });

  it('refuses a new network or public IP whose name the group already has, and sends nothing', async () => {
    const network = networkClient(emulatorAddress(), dev.subscriptionId);
    await network.virtualNetworks.beginCreateOrUpdateAndWait(web02.resourceGroup, 'web-02-taken-vnet', { location: web02.location, addressSpace: { addressPrefixes: ['10.250.0.0/16'] } }, pollOften);
    await network.publicIPAddresses.beginCreateOrUpdateAndWait(web02.resourceGroup, 'web-02-taken-ip', { location: web02.location, sku: { name: 'Standard' }, publicIPAllocationMethod: 'Static' }, pollOften);
    await clearRequestLog();
    const rp = await restorePointNode(web02.vm, web02.collection, web02.restorePoints[0]);
    const subnet = `${web02.resourceGroup}${demoCatalog.network.vnetSuffix} / ${demoCatalog.network.subnet}`;
    const notifications = captureErrorNotifications();
    try {
      const newNetwork = await drive<string>(suite.api, 'restorePoints.restoreAsNewVm', script('web-02-taken', 2).slice(0, 3), [rp.node]);
      assert.strictEqual(newNetwork.result, undefined);
      const newIp = await drive<string>(suite.api, 'restorePoints.restoreAsNewVm', script('web-02-taken', 2, answer.pick(subnet), answer.pick("A new public IP address 'web-02-taken-ip'")).slice(0, 4), [rp.node]);
      assert.strictEqual(newIp.result, undefined);
      assert.match(notifications.shown[0]?.message ?? '', /virtual network named 'web-02-taken-vnet' already exists/);
      assert.match(notifications.shown[1]?.message ?? '', /public IP address named 'web-02-taken-ip' already exists/);
    } finally {
      notifications.restore();
    }
    assert.deepStrictEqual(await writes(), [], 'nothing sent');
    assert.deepStrictEqual((await network.virtualNetworks.get(web02.resourceGroup, 'web-02-taken-vnet')).addressSpace?.addressPrefixes, ['10.250.0.0/16'], 'the existing network is untouched');
  });

  it('brings a Trusted Launch VM back as Trusted Launch: the OS disk and the VM carry the source security type', async () => {
    const rp = await restorePointNode(web01.vm, web01.collection, web01.restorePoints.succeeded[0]);
    const { result } = await drive<string>(suite.api, 'restorePoints.restoreAsNewVm', script('web-01-back', 3), [rp.node]);
    assert.ok(result);
    const log = await writes();
    const os = puts(log, 'disks').find((r) => r.path.endsWith('-osdisk'))!;
    assert.strictEqual((sentProperties(os).securityProfile as { securityType?: string } | undefined)?.securityType, 'TrustedLaunch');
    const [vmPut] = puts(log, 'virtualMachines');
    assert.strictEqual((sentProperties(vmPut).securityProfile as { securityType?: string }).securityType, 'TrustedLaunch');
    const vm = await client.virtualMachines.get(web01.resourceGroup, 'web-01-back');
    assert.strictEqual(vm.securityProfile?.securityType, 'TrustedLaunch');
  });

  it('names the disk left out of the restore point in the summary and restores only the others', async () => {
    const dataDisk = (await client.virtualMachines.get(web01.resourceGroup, web01.vm)).storageProfile!.dataDisks![0];
    const poller = client.restorePoints.create(web01.resourceGroup, web01.collection, 'rp-it-excluded', { excludeDisks: [{ id: dataDisk.managedDisk!.id! }] }, pollOften);
    await poller.submitted();
    await control('POST', '/clock/advance', { ms: 60_000 });
    await poller.pollUntilDone();
    const sub = byLabel(await children(suite.api), DEV_TEST);
    const vmNode = byLabel(await children(suite.api, sub.node), web01.vm);
    const c = byLabel(await children(suite.api, vmNode.node), web01.collection);
    c.node.reset?.();
    const rp = byLabel(await children(suite.api, c.node), 'rp-it-excluded');
    await control('DELETE', '/requests');
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.restoreAsNewVm', script('web-01-part', 2), [rp.node]);
    assert.ok(result);
    assert.match(prompter.asked.at(-1)!.detail ?? '', new RegExp(`Not in the restore point.*${dataDisk.name}`));
    const restored = puts(await writes(), 'disks').map((r) => nameOf(r.path)).sort();
    assert.deepStrictEqual(restored, ['web-01-part-datadisk-1', 'web-01-part-osdisk']);
  });

});
