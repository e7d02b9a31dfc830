import * as assert from 'node:assert';
import { demoCatalog } from '../../../src/emulator';
import { drive, writes } from '../../support/commandDriver';
import { useActionSuite } from './actionSuite';
import { answer, type ScriptedAnswer } from '../../support/scriptedPrompter';
import { computeClient } from '../../emulator/sdkClients';
import { byLabel, children, emulatorAddress, type Shown } from '../helpers';

const dev = demoCatalog.devTest;
const DEV_TEST = 'Contoso Dev/Test';

interface DiskBody {
  location: string;
  sku?: { name: string };
  properties: { creationData: { createOption: string; sourceResourceId: string } };
}

describe('actions: restore a disk from a disk restore point', function () {
  this.timeout(30_000);
  const suite = useActionSuite();
  const client = computeClient(emulatorAddress(), dev.subscriptionId);

  async function restorePointNode(collection: string, name: string): Promise<Shown> {
    const sub = byLabel(await children(suite.api), DEV_TEST);
    const vm = byLabel(await children(suite.api, sub.node), dev.web02.vm);
    const c = byLabel(await children(suite.api, vm.node), collection);
    return byLabel(await children(suite.api, c.node), name);
  }

  it('refuses, before any question, a copy that is still replicating, and sends nothing (first: the clock has not moved yet)', async () => {
    const rp = await restorePointNode(dev.copies.collection, dev.copies.replicating.name);
    const [disk] = await children(suite.api, rp.node);
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.restoreDisk', [], [disk.node], { clockStepMs: 0 });
    assert.strictEqual(result, undefined);
    assert.strictEqual(prompter.asked.length, 0);
    assert.deepStrictEqual(await writes(), []);
  });

  it('restores a disk from a disk restore point node with the source SKU: createOption Restore from that disk restore point', async () => {
    const rp = await restorePointNode(dev.web02.collection, 'rp-web-02-001');
    const [disk] = await children(suite.api, rp.node);
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.restoreDisk', [answer.acceptDefault(), answer.input('bad name', 'web02-os-restored'), answer.acceptDefault(), answer.confirm()], [disk.node]);
    assert.deepStrictEqual(prompter.asked.map((a) => a.kind), ['pickOne', 'input', 'pickOne', 'confirm']);
    const groups = prompter.asked[0].items!;
    assert.deepStrictEqual(groups.map((g) => g.label).sort(), dev.resourceGroups.map((g) => g.name).sort(), 'the subscription\'s resource groups are offered');
    assert.deepStrictEqual(groups.filter((g) => g.isDefault).map((g) => g.label), [dev.web02.resourceGroup], 'the source\'s group is highlighted');
    assert.strictEqual(groups[0].label, dev.web02.resourceGroup);
    assert.strictEqual(prompter.asked[1].validationMessages.length, 1);
    const [put] = (await writes()).filter((r) => r.method === 'PUT');
    const body = put.body as DiskBody;
    assert.deepStrictEqual(body.properties.creationData, { createOption: 'Restore', sourceResourceId: disk.item.id });
    assert.strictEqual(body.location, dev.web02.location);
    assert.strictEqual(body.sku, undefined, 'the source disk\'s SKU: none sent');
    const created = await client.disks.get(dev.web02.resourceGroup, 'web02-os-restored');
    assert.strictEqual(result, created.id);
  });

  it('restores from the palette into another SKU', async () => {
    const { result } = await drive<string>(suite.api, 'restorePoints.restoreDisk', [
      answer.pick(DEV_TEST),
      answer.pick(dev.web02.collection),
      answer.pick('rp-web-02-002'),
      answer.pick((await client.diskRestorePoint.listByRestorePoint(dev.web02.resourceGroup, dev.web02.collection, 'rp-web-02-002').next()).value!.name!),
      answer.acceptDefault(),
      answer.input('web02-palette-restored'),
      answer.pick('Standard SSD (LRS)'),
      answer.confirm(),
    ]);
    assert.ok(result);
    const [put] = (await writes()).filter((r) => r.method === 'PUT');
    assert.strictEqual((put.body as DiskBody).sku?.name, 'StandardSSD_LRS');
  });

  it('creates nothing when cancelled at any step', async () => {
    const rp = await restorePointNode(dev.web02.collection, 'rp-web-02-001');
    const [disk] = await children(suite.api, rp.node);
    const script: ScriptedAnswer[] = [answer.acceptDefault(), answer.input('web02-cancelled'), answer.acceptDefault(), answer.confirm()];
    for (let at = 0; at < script.length; at++) {
      const { prompter } = await drive(suite.api, 'restorePoints.restoreDisk', [...script.slice(0, at), answer.escape()], [disk.node]);
      assert.strictEqual(prompter.asked.length, at + 1);
    }
    assert.deepStrictEqual(await writes(), []);
  });
});
