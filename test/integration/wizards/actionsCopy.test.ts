import * as assert from 'node:assert';
import { demoCatalog } from '../../../src/emulator';
import type { RestorePointsApi } from '../../../src/extension';
import type { CopyResult } from '../../../src/commands/copyRestorePoint/copyRestorePoint';
import { clearRequestLog, drive, requestLog, sentProperties, writes } from '../../support/commandDriver';
import { answer, type ScriptedAnswer } from '../../support/scriptedPrompter';
import { computeClient } from '../../emulator/sdkClients';
import { activateExtension, byLabel, children, control, emulatorAddress, type Shown } from '../helpers';

const dev = demoCatalog.devTest;
const DEV_TEST = 'Contoso Dev/Test';
/**
 * The emulator sends no Retry-After on a restore point's GET, so the extension reads at its
 * default interval, shortened here; with the clock moving 2.5 s per 150 ms, a 60 s replication
 * is read a dozen times in a few seconds.
 */
const REPLICATION_PACE = { clockStepMs: 2_500, tickMs: 150 };

describe('actions: copy a restore point to another region and watch its replication', function () {
  this.timeout(40_000);
  let api: RestorePointsApi;

  before(async () => {
    api = await activateExtension();
    api.setReplicationIntervalForTests(300);
    await control('POST', '/reset', { data: 'demo' });
  });
  beforeEach(() => clearRequestLog());
  after(async () => {
    api.setReplicationIntervalForTests(undefined);
    await control('POST', '/reset', { data: 'demo' });
  });

  async function restorePointNode(name: string): Promise<Shown> {
    const sub = byLabel(await children(api), DEV_TEST);
    const vm = byLabel(await children(api, sub.node), dev.web02.vm);
    const collection = byLabel(await children(api, vm.node), dev.web02.collection);
    return byLabel(await children(api, collection.node), name);
  }

  it('copies from a restore point node into the existing copy collection and reports replication in several increments up to 100', async () => {
    const node = await restorePointNode('rp-web-02-001');
    const { result, prompter } = await drive<CopyResult>(api, 'restorePoints.copyRestorePoint', [answer.pick('West US'), answer.pick(dev.copies.collection), answer.input('rp-it-copy'), answer.confirm()], [node.node], REPLICATION_PACE);
    assert.ok(!prompter.asked[0].items!.some((i) => i.description === dev.web02.location), 'the source region is not offered');
    assert.strictEqual(result?.state, 'Succeeded');
    assert.ok(result.reported.length >= 4, `several increments: ${JSON.stringify(result.reported)}`);
    assert.strictEqual(result.reported.at(-1), 100);
    assert.deepStrictEqual([...result.reported].sort((a, b) => a - b), result.reported, 'the percentage only grows');
    const [put] = (await writes()).filter((r) => r.method === 'PUT');
    assert.match(put.path, /web-02-rpc-westus\/restorePoints\/rp-it-copy$/);
    assert.match((sentProperties(put).sourceRestorePoint as { id: string }).id, /restorePoints\/rp-web-02-001$/);
    const polls = (await requestLog()).filter((r) => r.method === 'GET' && r.path.endsWith('/rp-it-copy') && r.query.$expand === 'instanceView');
    assert.ok(polls.length >= 4, `replication read with $expand=instanceView (${polls.length} reads)`);
  });

  it('creates the target collection with the source collection as its source, and reports a failed replication with ARM\'s reason', async () => {
    await control('POST', '/failures', { kind: 'replication', count: 1 });
    const { result } = await drive<CopyResult>(
      api,
      'restorePoints.copyRestorePoint',
      [answer.pick(DEV_TEST), answer.pick(dev.web02.collection), answer.pick('rp-web-02-002'), answer.pick('West Europe'), answer.pick('$(add) Create a collection in westeurope…'), answer.acceptDefault(), answer.acceptDefault(), answer.acceptDefault(), answer.confirm()],
      [],
      REPLICATION_PACE,
    );
    assert.strictEqual(result?.state, 'Failed');
    assert.ok(result.reason, 'ARM\'s reason is kept');
    const puts = (await writes()).filter((r) => r.method === 'PUT');
    assert.deepStrictEqual(puts.map((r) => r.path.split('/').slice(-3).join('/')), ['Microsoft.Compute/restorePointCollections/web-02-rpc-westeurope', 'web-02-rpc-westeurope/restorePoints/rp-web-02-002-westeurope']);
    assert.strictEqual((puts[0].body as { location: string }).location, 'westeurope');
    assert.match(puts[0].path, /\/resourceGroups\/rg-data-westeurope\//, 'the resource group offered first is the one in the target region');
    assert.match((sentProperties(puts[0]).source as { id: string }).id, /restorePointCollections\/web-02-rpc$/);
  });

  it('removes the collection it created when ARM refuses the copy itself, leaving nothing half-made', async () => {
    await control('POST', '/faults', { pathPattern: '/restorePoints/rp-it-refused$', method: 'PUT', status: 400, count: 1 });
    try {
      const { result } = await drive<CopyResult>(api, 'restorePoints.copyRestorePoint', [
        answer.pick(DEV_TEST), answer.pick(dev.web02.collection), answer.pick('rp-web-02-001'), answer.pick('West Europe'),
        answer.pick('$(add) Create a collection in westeurope…'), answer.acceptDefault(), answer.input('web-02-rpc-refused'), answer.input('rp-it-refused'), answer.confirm(),
      ]);
      assert.strictEqual(result, undefined, 'the copy failed');
    } finally {
      await control('DELETE', '/faults');
    }
    const sent = (await writes()).map((r) => `${r.method} ${r.path.split('/').at(-1)}`);
    assert.deepStrictEqual(sent, ['PUT web-02-rpc-refused', 'PUT rp-it-refused', 'DELETE web-02-rpc-refused']);
    const client = computeClient(emulatorAddress(), dev.subscriptionId);
    await assert.rejects(client.restorePointCollections.get('rg-data-westeurope', 'web-02-rpc-refused'), (e: { statusCode?: number }) => e.statusCode === 404, 'the empty collection is gone from ARM');
  });

  it('refuses, in the name box, a name the existing target collection already holds', async () => {
    const node = await restorePointNode('rp-web-02-001');
    const { result, prompter } = await drive(api, 'restorePoints.copyRestorePoint', [answer.pick('West US'), answer.pick(dev.copies.collection), answer.input(dev.copies.replicated.name, 'rp-it-free-name'), answer.escape()], [node.node]);
    assert.strictEqual(result, undefined);
    assert.match(prompter.asked[2].validationMessages[0] ?? '', /already exists/);
    assert.strictEqual(prompter.asked[2].validationMessages.length, 1, 'a free name is accepted');
    assert.deepStrictEqual(await writes(), []);
  });

  it('creates nothing when cancelled at any step', async () => {
    const script: ScriptedAnswer[] = [answer.pick(DEV_TEST), answer.pick(dev.web02.collection), answer.pick('rp-web-02-001'), answer.pick('West US'), answer.pick(dev.copies.collection), answer.input('rp-it-cancelled'), answer.confirm()];
    for (let at = 0; at < script.length; at++) {
      const { result, prompter } = await drive(api, 'restorePoints.copyRestorePoint', [...script.slice(0, at), answer.escape()]);
      assert.strictEqual(result, undefined);
      assert.strictEqual(prompter.asked.length, at + 1);
    }
    assert.deepStrictEqual(await writes(), []);
  });
});
