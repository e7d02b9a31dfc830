import * as assert from 'node:assert';
import { demoCatalog } from '../../../src/emulator';
import { drive, sentProperties, writes } from '../../support/commandDriver';
import { useActionSuite } from './actionSuite';
import { answer, type ScriptedAnswer } from '../../support/scriptedPrompter';
import { computeClient } from '../../emulator/sdkClients';
import { byLabel, children, control, emulatorAddress, eventually, type Shown } from '../helpers';

const dev = demoCatalog.devTest;
const DEV_TEST = 'Contoso Dev/Test';

describe('actions: create restore points and collections, delete', function () {
  this.timeout(30_000);
  const suite = useActionSuite();
  const client = computeClient(emulatorAddress(), dev.subscriptionId);

  async function vmNode(vm: string): Promise<Shown> {
    const sub = byLabel(await children(suite.api), DEV_TEST);
    return byLabel(await children(suite.api, sub.node), vm);
  }
  async function collectionNode(vm: string, collection: string): Promise<Shown> {
    return byLabel(await children(suite.api, (await vmNode(vm)).node), collection);
  }

  it('warns in the name step when a restore point of the VM is still being created (first: the clock has not moved yet)', async () => {
    const { prompter } = await drive(suite.api, 'restorePoints.createRestorePoint', [answer.escape()], [(await collectionNode(dev.web01.vm, dev.web01.collection)).node]);
    assert.match(prompter.asked[0].prompt ?? '', /Warning: Restore point 'rp-web-01-creating' is still being created/);
    assert.deepStrictEqual(await writes(), []);
  });

  it('creates a restore point from the palette with the OS default and no excluded disk: ARM gets an empty body', async () => {
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.createRestorePoint', [
      answer.pick(DEV_TEST),
      answer.pick(dev.web02.vm),
      answer.pick(dev.web02.collection),
      answer.input('rp web', 'rp-web-02-001', 'rp-it-palette'),
      answer.acceptDefault(),
      answer.acceptDefault(),
      answer.confirm(),
    ]);
    assert.deepStrictEqual(prompter.asked.map((a) => a.kind), ['pickOne', 'pickOne', 'pickOne', 'input', 'pickOne', 'pickMany', 'confirm']);
    assert.deepStrictEqual(prompter.asked.map((a) => a.step), [1, 2, 3, 4, 5, 6, 7]);
    assert.strictEqual(prompter.asked[3].validationMessages.length, 2, 'a space and a taken name are refused in the input box');
    assert.match(prompter.asked[3].validationMessages[1], /already exists/);
    assert.match(prompter.asked[3].value ?? '', /^rp-\d{8}-\d{4}$/, 'the default name comes from the date and time');
    assert.match(prompter.asked[4].items!.find((i) => i.isDefault)!.description ?? '', /default for/);
    const osDisk = prompter.asked[5].items!.find((i) => i.disabledReason);
    assert.match(osDisk?.disabledReason ?? '', /OS disk is always in/);
    const puts = (await writes()).filter((r) => r.method === 'PUT');
    assert.deepStrictEqual(puts.map((r) => [r.path.split('/').pop(), sentProperties(r)]), [['rp-it-palette', {}]]);
    const rp = await client.restorePoints.get(dev.web02.resourceGroup, dev.web02.collection, 'rp-it-palette');
    assert.strictEqual(result, rp.id);
    assert.strictEqual(rp.provisioningState, 'Succeeded');
  });

  it('creates a crash-consistent restore point from a VM node, with Ultra and Premium SSD v2 disks pre-excluded and one data disk excluded by hand', async () => {
    const vm = await vmNode(dev.sql01.vm);
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.createRestorePoint', [answer.pick(dev.sql01.collection), answer.input('rp-it-crash'), answer.pick('Crash consistent'), answer.pickMany('sql-01-data-1', 'sql-01-data-2', 'sql-01-data-3'), answer.confirm()], [vm.node]);
    assert.ok(result);
    assert.strictEqual(prompter.asked[0].step, 1, 'subscription and VM come from the node');
    const locked = prompter.asked[3].items!.filter((i) => i.disabledReason && i.picked).map((i) => i.label);
    assert.deepStrictEqual(locked, ['sql-01-data-2', 'sql-01-data-3']);
    assert.match(prompter.asked[4].detail ?? '', /Excluded disks: sql-01-data-1, sql-01-data-2, sql-01-data-3/);
    const [put] = (await writes()).filter((r) => r.method === 'PUT');
    const body = sentProperties(put) as { consistencyMode?: string; excludeDisks?: { id: string }[] };
    assert.strictEqual(body.consistencyMode, 'CrashConsistent');
    assert.deepStrictEqual(body.excludeDisks!.map((d) => d.id.split('/').pop()).sort(), ['sql-01-data-1', 'sql-01-data-2', 'sql-01-data-3']);
    const rp = await client.restorePoints.get(dev.sql01.resourceGroup, dev.sql01.collection, 'rp-it-crash');
    assert.strictEqual(rp.consistencyMode, 'CrashConsistent');
    assert.strictEqual(rp.excludeDisks?.length, 3);
  });

  it('asks for the instant access duration when Premium SSD v2 or Ultra disks are in the restore point, and sends it', async () => {
    const vm = await vmNode(dev.sql01.vm);
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.createRestorePoint', [answer.pick(dev.sql01.collection), answer.input('rp-it-instant'), answer.acceptDefault(), answer.input('0', 'soon', '120'), answer.acceptDefault(), answer.confirm()], [vm.node]);
    assert.ok(result);
    assert.match(prompter.asked[3].prompt ?? '', /Instant access duration/);
    assert.strictEqual(prompter.asked[3].validationMessages?.length, 2, 'zero and words are refused in the input box');
    assert.match(prompter.asked[5].detail ?? '', /Instant access: 120 minutes/);
    const [put] = (await writes()).filter((r) => r.method === 'PUT');
    assert.strictEqual((sentProperties(put) as { instantAccessDurationMinutes?: number }).instantAccessDurationMinutes, 120);
  });

  it('creates a collection in the VM\'s region on the way, with the ephemeral OS disk and the shared disk pre-excluded', async () => {
    const vm = await vmNode(dev.cache01.vm);
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.createRestorePoint', [answer.pick('$(add) Create a collection in westeurope…'), answer.acceptDefault(), answer.input('rp-it-cache'), answer.acceptDefault(), answer.acceptDefault(), answer.confirm()], [vm.node]);
    assert.ok(result);
    assert.deepStrictEqual(prompter.asked[4].items!.filter((i) => i.picked).map((i) => i.disabledReason), ['Ephemeral OS disks cannot be in a restore point.', 'Shared disks cannot be in a restore point.']);
    const puts = (await writes()).filter((r) => r.method === 'PUT');
    assert.deepStrictEqual(puts.map((r) => r.path.split('/').pop()), ['cache-01-rpc', 'rp-it-cache']);
    const collectionBody = puts[0].body as { location: string; properties: { source: { id: string } } };
    assert.strictEqual(collectionBody.location, dev.cache01.location);
    assert.match(collectionBody.properties.source.id, /\/virtualMachines\/cache-01$/i);
    assert.strictEqual((sentProperties(puts[1]).excludeDisks as unknown[]).length, 2);
    const shown = await children(suite.api, (await vmNode(dev.cache01.vm)).node);
    assert.deepStrictEqual(shown.map((s) => s.label), ['cache-01-rpc'], 'the tree shows the new collection');
  });

  const fullScript: ScriptedAnswer[] = [answer.pick(DEV_TEST), answer.pick(dev.web02.vm), answer.pick(dev.web02.collection), answer.input('rp-it-cancel'), answer.acceptDefault(), answer.acceptDefault(), answer.confirm()];
  it('creates nothing when cancelled at any of the seven steps', async () => {
    for (let at = 0; at < fullScript.length; at++) {
      const { result, prompter } = await drive(suite.api, 'restorePoints.createRestorePoint', [...fullScript.slice(0, at), answer.escape()]);
      assert.strictEqual(result, undefined);
      assert.strictEqual(prompter.asked.length, at + 1);
    }
    assert.deepStrictEqual(await writes(), [], 'nothing but reads reached ARM');
  });

  it('goes Back from the summary to the consistency mode and creates with the new choice', async () => {
    const { prompter } = await drive(suite.api, 'restorePoints.createRestorePoint', [...fullScript.slice(0, 3), answer.input('rp-it-back'), answer.acceptDefault(), answer.acceptDefault(), answer.back(), answer.back(), answer.pick('Crash consistent'), answer.acceptDefault(), answer.confirm()]);
    assert.deepStrictEqual(prompter.asked.map((a) => a.kind), ['pickOne', 'pickOne', 'pickOne', 'input', 'pickOne', 'pickMany', 'confirm', 'pickMany', 'pickOne', 'pickMany', 'confirm']);
    const [put] = (await writes()).filter((r) => r.method === 'PUT');
    assert.deepStrictEqual(sentProperties(put), { consistencyMode: 'CrashConsistent' });
  });

  it('creates a restore point collection for a VM from the palette', async () => {
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.createRestorePointCollection', [answer.pick(DEV_TEST), answer.pick(dev.web01.vm), answer.input('web-01-rpc', 'web-01-rpc-2')]);
    assert.match(prompter.asked[2].validationMessages[0] ?? '', /already exists/);
    const c = await client.restorePointCollections.get(dev.web01.resourceGroup, 'web-01-rpc-2');
    assert.strictEqual(result, c.id);
    assert.strictEqual(c.location, dev.web01.location);
    assert.match(c.source?.id ?? '', /\/virtualMachines\/web-01$/i);
  });

  it('deletes a restore point from its node after a modal confirmation naming it, and leaves it when the confirmation is declined', async () => {
    const rpNode = async (): Promise<Shown> => byLabel(await children(suite.api, (await collectionNode(dev.web02.vm, dev.web02.collection)).node), 'rp-it-palette');
    const declined = await drive(suite.api, 'restorePoints.deleteRestorePoint', [answer.escape()], [(await rpNode()).node]);
    assert.match(declined.prompter.asked[0].message ?? '', /Delete restore point 'rp-it-palette' of collection 'web-02-rpc'\?/);
    assert.deepStrictEqual(await writes(), []);
    const { result } = await drive<string>(suite.api, 'restorePoints.deleteRestorePoint', [answer.confirm()], [(await rpNode()).node]);
    assert.match(result ?? '', /rp-it-palette$/);
    const [del] = await writes();
    assert.strictEqual(del.method, 'DELETE');
    await assert.rejects(client.restorePoints.get(dev.web02.resourceGroup, dev.web02.collection, 'rp-it-palette'), /ResourceNotFound|not found/i);
    const labels = (await children(suite.api, (await collectionNode(dev.web02.vm, dev.web02.collection)).node)).map((s) => s.label);
    assert.ok(!labels.includes('rp-it-palette'), 'the tree no longer shows it');
  });

  it('deletes a collection with restore points only after its name is typed', async () => {
    const held = (await client.restorePointCollections.get(dev.sql01.resourceGroup, dev.sql01.collection, { expand: 'restorePoints' })).restorePoints?.length ?? 0;
    assert.ok(held > 1, 'the collection holds restore points');
    const { result, prompter } = await drive<string>(suite.api, 'restorePoints.deleteRestorePointCollection', [answer.pick(DEV_TEST), answer.pick(dev.sql01.collection), answer.input('sql-01', dev.sql01.collection)]);
    assert.strictEqual(prompter.asked[2].typeToConfirm, dev.sql01.collection);
    assert.match(prompter.asked[2].detail ?? '', new RegExp(`Its ${held} restore points`));
    assert.deepStrictEqual(prompter.asked[2].validationMessages, ["Type 'sql-01-rpc' exactly to confirm."]);
    assert.ok(result);
    assert.deepStrictEqual((await writes()).map((r) => r.method), ['DELETE']);
    await assert.rejects(client.restorePointCollections.get(dev.sql01.resourceGroup, dev.sql01.collection));
  });

  it('ends in ARM\'s failure when the creation fails: no result, and the restore point reads Failed', async () => {
    await control('POST', '/failures', { kind: 'restorePointCreation', count: 1 });
    const collection = await collectionNode(dev.web02.vm, dev.web02.collection);
    const { result } = await drive<string>(suite.api, 'restorePoints.createRestorePoint', [answer.input('rp-it-fails'), answer.acceptDefault(), answer.acceptDefault(), answer.confirm()], [collection.node]);
    assert.strictEqual(result, undefined);
    const rp = await client.restorePoints.get(dev.web02.resourceGroup, dev.web02.collection, 'rp-it-fails');
    assert.strictEqual(rp.provisioningState, 'Failed');
  });

  it('shows the new restore point as Creating in its collection as soon as ARM accepts it, and Succeeded when done', async () => {
    const collection = await collectionNode(dev.web02.vm, dev.web02.collection);
    await children(suite.api, collection.node);
    const running = drive<string>(suite.api, 'restorePoints.createRestorePoint', [answer.input('rp-it-shown'), answer.acceptDefault(), answer.acceptDefault(), answer.confirm()], [collection.node], { clockStepMs: 0 });
    await eventually(async () => ((await writes()).some((r) => r.method === 'PUT') ? true : undefined), 'ARM to accept the restore point');
    const creating = await eventually(async () => (await children(suite.api, collection.node)).find((s) => s.label === 'rp-it-shown'), 'the tree to show the new restore point');
    assert.match(creating.description, /Creating/);
    await control('POST', '/clock/advance', { ms: 60_000 });
    assert.ok((await running).result);
    const done = byLabel(await children(suite.api, collection.node), 'rp-it-shown');
    assert.match(done.description, /Succeeded/);
  });
});
