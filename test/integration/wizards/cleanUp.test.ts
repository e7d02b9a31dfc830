import * as assert from 'node:assert';
import type { CleanUpReport } from '../../../src/commands/cleanUp/cleanUpRun';
import type { OperationRecord } from '../../../src/commands/operations/operationJournal';
import { demoCatalog } from '../../../src/emulator';
import { drive, requestLog, writes } from '../../support/commandDriver';
import type { Answer, ConfirmPrompt } from '../../../src/commands/wizard/prompter';
import { answer, ScriptedPrompter, type ScriptedAnswer } from '../../support/scriptedPrompter';
import { computeClient } from '../../emulator/sdkClients';
import { byLabel, children, control, emulatorAddress, eventually, type Shown } from '../helpers';
import { useActionSuite } from './actionSuite';
import { whileClockMoves } from './clock';
import { dryRun } from './dryRunDocument';

const dev = demoCatalog.devTest;
const prod = demoCatalog.large;
const tenantId = demoCatalog.subscriptions.find((s) => s.subscriptionId === dev.subscriptionId)!.tenantId;
const DEV_TEST = 'Contoso Dev/Test';
const PRODUCTION = 'Contoso Production';
const COMMAND = 'restorePoints.cleanUpRestorePoints';

/**
 * Demo collections of Contoso Production (src/emulator/data/demo.ts): VM i (from 0) is
 * prod-<role>-<i+1> in resource group i mod 6, with ten restore points, -001 240 hours old down to
 * -010 24 hours old, all succeeded but where (10 i + k) mod 23 = 5: -006 of prod-app-001 and -009
 * of prod-worker-003 failed.
 */
const PROD_APP_001 = { resourceGroup: 'rg-prod-app-eastus', collection: 'prod-app-001-rpc', rp: (n: number) => `rp-prod-app-001-${String(n).padStart(3, '0')}` };
const PROD_API_002 = { resourceGroup: 'rg-prod-app-westeurope', collection: 'prod-api-002-rpc', rp: (n: number) => `rp-prod-api-002-${String(n).padStart(3, '0')}` };
const PROD_WORKER_003 = { resourceGroup: 'rg-prod-data-eastus2', collection: 'prod-worker-003-rpc', rp: (n: number) => `rp-prod-worker-003-${String(n).padStart(3, '0')}` };
/** prod-db-004 (i = 3) and prod-db-009 (i = 8): ten restore points, all succeeded. */
const PROD_DB_004 = { resourceGroup: 'rg-prod-data-northeurope', collection: 'prod-db-004-rpc', rp: (n: number) => `rp-prod-db-004-${String(n).padStart(3, '0')}` };
const PROD_DB_009 = { resourceGroup: 'rg-prod-data-eastus2', collection: 'prod-db-009-rpc', rp: (n: number) => `rp-prod-db-009-${String(n).padStart(3, '0')}` };
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Answers as scripted, but first does what the test says while the confirmation is open (changes ARM, reads the journal). */
class PrompterThatActsFirst extends ScriptedPrompter {
  constructor(
    script: readonly ScriptedAnswer[],
    private readonly beforeConfirm: () => Promise<unknown>,
  ) {
    super(script);
  }

  override async confirm(p: ConfirmPrompt): Promise<Answer<true>> {
    await this.beforeConfirm();
    return super.confirm(p);
  }
}

const deletedPaths = async (): Promise<string[]> => (await writes()).filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').pop()!).sort();
const names = (list: { name: string }[]): string[] => list.map((d) => d.name).sort();

describe('Clean Up Restore Points…', function () {
  this.timeout(60_000);
  const suite = useActionSuite({ readBackIntervalMs: 300 });
  const devClient = computeClient(emulatorAddress(), dev.subscriptionId);
  const prodClient = computeClient(emulatorAddress(), prod.subscriptionId);

  async function restorePointsIn(client: typeof devClient, resourceGroup: string, collection: string): Promise<string[]> {
    const c = await client.restorePointCollections.get(resourceGroup, collection, { expand: 'restorePoints' });
    return (c.restorePoints ?? []).map((rp) => rp.name!).sort();
  }
  async function devNode(...path: string[]): Promise<Shown> {
    let node = byLabel(await children(suite.api), DEV_TEST);
    for (const label of path) node = byLabel(await children(suite.api, node.node), label);
    return node;
  }

  it('keeps the source of a copy still replicating, reading the instance views of just the copies whose source would go', async () => {
    await devClient.restorePoints.create(dev.web02.resourceGroup, dev.web02.collection, 'rp-it-newest', {}).submitted();
    await control('POST', '/clock/advance', { ms: 5_000 });
    const collection = await devNode(dev.web02.vm, dev.web02.collection);
    await control('DELETE', '/requests');
    const { result } = await drive<CleanUpReport>(suite.api, COMMAND, [answer.input('0'), answer.input('0'), answer.acceptDefault(), answer.input('1')], [collection.node], { clockStepMs: 1_000 });

    // web-02-rpc: 001 (48 h, its copy replicated), 002 (24 h, its copy still replicating), and the one just made.
    assert.deepStrictEqual(dryRun().rows, [
      ['rp-it-newest', 'Succeeded', 'keep', 'the newest that succeeded'],
      [dev.web02.restorePoints[1], 'Succeeded', 'keep', `source of copy '${dev.copies.replicating.name}', still replicating`],
      [dev.web02.restorePoints[0], 'Succeeded', 'delete', 'beyond the newest 0'],
    ]);
    const instanceViews = (await requestLog()).filter((r) => r.query.$expand === 'instanceView').map((r) => r.path.split('/').pop()).sort();
    // Once for the dry run, once more when the collection is read again just before the delete is sent.
    assert.deepStrictEqual(instanceViews, [dev.copies.replicated.name, dev.copies.replicated.name, dev.copies.replicating.name, dev.copies.replicating.name]);
    assert.deepStrictEqual(names(result!.deleted), [dev.web02.restorePoints[0]]);
    assert.deepStrictEqual(await deletedPaths(), [dev.web02.restorePoints[0]]);
    assert.deepStrictEqual(await restorePointsIn(devClient, dev.web02.resourceGroup, dev.web02.collection), ['rp-it-newest', dev.web02.restorePoints[1]]);
    assert.deepStrictEqual(await restorePointsIn(devClient, dev.copies.resourceGroup, dev.copies.collection), [dev.copies.replicated.name, dev.copies.replicating.name], 'copies are untouched');
  });

  it('on a VM: a copy still replicating is left alone and is not the newest that succeeded, so the finished copy is kept', async () => {
    // From the demo data afresh: the copy still replicating (30% of a minute, made after the other) must not have finished.
    await control('POST', '/reset', { data: 'demo' });
    const vm = await devNode(dev.web02.vm);
    await control('DELETE', '/requests');
    const { result } = await drive<CleanUpReport>(suite.api, COMMAND, [answer.input('0'), answer.input('0'), answer.acceptDefault(), answer.input('1')], [vm.node], { clockStepMs: 1_000 });

    // web-02-rpc: 002 (24 h) and 001 (48 h). Its copy collection: the copy of 002, still replicating and the newer, and the copy of 001, replicated.
    assert.deepStrictEqual(dryRun().rows, [
      [dev.web02.restorePoints[1], 'Succeeded', 'keep', 'the newest that succeeded'],
      [dev.web02.restorePoints[0], 'Succeeded', 'delete', 'beyond the newest 0'],
      [dev.copies.replicating.name, 'Succeeded', 'keep', 'copy still replicating: left alone until it ends'],
      [dev.copies.replicated.name, 'Succeeded', 'keep', 'the newest that succeeded'],
    ]);
    assert.deepStrictEqual(names(result!.deleted), [dev.web02.restorePoints[0]]);
    assert.deepStrictEqual(await deletedPaths(), [dev.web02.restorePoints[0]]);
    assert.deepStrictEqual(await restorePointsIn(devClient, dev.copies.resourceGroup, dev.copies.collection), [dev.copies.replicated.name, dev.copies.replicating.name], 'both copies are kept');
  });

  it('on a VM: Back offers the earlier answer; the dry run lists what the rules select and why; the run deletes exactly those and the tree drops them', async () => {
    const collection = await devNode(dev.web01.vm, dev.web01.collection);
    assert.deepStrictEqual(
      (await children(suite.api, collection.node)).map((s) => s.label).sort(),
      ['rp-web-01-001', 'rp-web-01-002', 'rp-web-01-003', 'rp-web-01-creating', 'rp-web-01-failed'],
    );
    const vm = await devNode(dev.web01.vm);
    await control('DELETE', '/requests');
    // Keep the newest 1, older than 1 day, failed ones deleted; the typed count is 3.
    const { result, prompter } = await drive<CleanUpReport>(
      suite.api,
      COMMAND,
      [answer.input('x', '1'), answer.back(), answer.input('1'), answer.input('-1', '1'), answer.acceptDefault(), answer.input('2', '3')],
      [vm.node],
      { clockStepMs: 1_000 },
    );
    assert.deepStrictEqual(prompter.asked.map((a) => [a.kind, a.value]), [
      ['input', '10'],
      ['input', '7'],
      ['input', '1'],
      ['input', '7'],
      ['pickOne', undefined],
      ['confirm', undefined],
    ]);
    assert.deepStrictEqual(prompter.asked[0].validationMessages, ['Enter a whole number from 0 to 500.']);
    assert.strictEqual(prompter.asked[2].value, '1', 'Back offers the answer given before');
    assert.strictEqual(prompter.asked[4].items!.find((i) => i.isDefault)?.label, 'Delete failed restore points');
    assert.strictEqual(prompter.asked[5].typeToConfirm, '3');
    assert.strictEqual(prompter.asked[5].message, 'Delete 3 restore points in 1 collection, as the dry run lists? This cannot be undone.');
    assert.deepStrictEqual(prompter.asked[5].validationMessages, ["Type '3' exactly to confirm."]);

    // Written down from the demo catalog: 001 (72 h), 002 (48 h) and 003 (24 h) succeeded, one failed (6 h), one still creating.
    const { rows, total } = dryRun();
    assert.deepStrictEqual(rows, [
      ['rp-web-01-creating', 'Creating', 'keep', 'Creating: left alone until it ends'],
      ['rp-web-01-failed', 'Failed', 'delete', 'failed'],
      ['rp-web-01-003', 'Succeeded', 'keep', 'the newest that succeeded'],
      ['rp-web-01-002', 'Succeeded', 'delete', 'older than 1 day, beyond the newest 1'],
      ['rp-web-01-001', 'Succeeded', 'delete', 'older than 1 day, beyond the newest 1'],
    ]);
    assert.strictEqual(total, '**Total: 3 to delete, 2 to keep, in 1 collection.**');

    assert.deepStrictEqual([names(result!.deleted), result!.failed, result!.skipped], [['rp-web-01-001', 'rp-web-01-002', 'rp-web-01-failed'], [], []]);
    assert.deepStrictEqual(await deletedPaths(), ['rp-web-01-001', 'rp-web-01-002', 'rp-web-01-failed']);
    assert.deepStrictEqual(await restorePointsIn(devClient, dev.web01.resourceGroup, dev.web01.collection), ['rp-web-01-003', 'rp-web-01-creating']);
    const log = await requestLog();
    const firstDelete = log.findIndex((r) => r.method === 'DELETE');
    const expanded = (part: typeof log): (string | undefined)[] => part.filter((r) => r.method === 'GET' && r.query.$expand === 'restorePoints').map((r) => r.path.split('/').pop());
    assert.deepStrictEqual(expanded(log.slice(0, firstDelete)), [dev.web01.collection, dev.web01.collection], 'the dry run reads the one collection of the VM, and reads it again before sending; it has no copies to read');
    assert.deepStrictEqual([...new Set(expanded(log.slice(firstDelete)))].filter((c) => c !== dev.web01.collection), [], 'afterwards the tree reads only the collection that changed');
    assert.deepStrictEqual(suite.api.operations.list(), [], 'the journal is empty');
    await eventually(async () => {
      const shown = (await children(suite.api, collection.node)).map((s) => s.label).sort();
      return shown.join() === 'rp-web-01-003,rp-web-01-creating' ? shown : undefined;
    }, 'the tree to show what is left');
  });

  it('on a subscription, with the defaults: lists every collection, and with nothing to delete asks for no confirmation and sends nothing', async () => {
    const sandbox = byLabel(await children(suite.api), 'Fabrikam Sandbox');
    const { result, prompter } = await drive<CleanUpReport>(suite.api, COMMAND, [answer.acceptDefault(), answer.acceptDefault(), answer.acceptDefault()], [sandbox.node]);
    assert.deepStrictEqual(prompter.asked.map((a) => a.kind), ['input', 'input', 'pickOne'], 'no confirmation');
    // Fabrikam Sandbox: lab-01-rpc with one restore point, 30 hours old.
    assert.deepStrictEqual(dryRun().rows, [['rp-lab-01-001', 'Succeeded', 'keep', 'the newest that succeeded']]);
    assert.strictEqual(dryRun().total, '**Total: 0 to delete, 1 to keep, in 1 collection.**');
    assert.strictEqual(
      dryRun().rules,
      "Rules: Keep the newest 10 that succeeded; delete only restore points older than 7 days; delete failed ones; always keep the newest that succeeded and the source of a copy still replicating (copies are looked for in the collection's own subscription).",
    );
    assert.deepStrictEqual(result, { deleted: [], failed: [], skipped: [] });
    assert.deepStrictEqual(await writes(), []);
    const reads = (await requestLog()).filter((r) => /restorePointCollections/i.test(r.path)).map((r) => `${r.path.split('/').pop()} ${r.query.$expand ?? ''}`.trim());
    assert.deepStrictEqual(reads, ['restorePointCollections', 'lab-01-rpc restorePoints'], 'one listing of the collections, each read once with its restore points, nothing more with nothing to delete');
  });

  it('keeps failed ones when asked to: the failed one stays whatever its age and does not count among the newest', async () => {
    // prod-app-006 (i = 5): ten restore points, -002 failed (216 h old).
    const PROD_APP_006 = { resourceGroup: 'rg-prod-edge-japaneast', collection: 'prod-app-006-rpc', rp: (n: number) => `rp-prod-app-006-${String(n).padStart(3, '0')}` };
    const script = [answer.pick(PRODUCTION), answer.pick(PROD_APP_006.collection), answer.input('3'), answer.input('0'), answer.pick('Keep failed restore points'), answer.input('6')];
    const { result } = await drive<CleanUpReport>(suite.api, COMMAND, script, [], { clockStepMs: 1_000 });
    assert.deepStrictEqual(dryRun().rows.map((r) => [r[0], r[1], r[2]]), [
      [PROD_APP_006.rp(10), 'Succeeded', 'keep'],
      [PROD_APP_006.rp(9), 'Succeeded', 'keep'],
      [PROD_APP_006.rp(8), 'Succeeded', 'keep'],
      ...[7, 6, 5, 4, 3].map((n) => [PROD_APP_006.rp(n), 'Succeeded', 'delete']),
      [PROD_APP_006.rp(2), 'Failed', 'keep'],
      [PROD_APP_006.rp(1), 'Succeeded', 'delete'],
    ]);
    assert.strictEqual(dryRun().rows[8][3], 'failed (failed ones are kept)');
    assert.deepStrictEqual(names(result!.deleted), [1, 3, 4, 5, 6, 7].map(PROD_APP_006.rp));
    assert.deepStrictEqual(await restorePointsIn(prodClient, PROD_APP_006.resourceGroup, PROD_APP_006.collection), [2, 8, 9, 10].map(PROD_APP_006.rp));
  });

  it('reports a delete ARM refuses with its reason, and deletes the rest (from the palette)', async () => {
    await control('POST', '/faults', { pathPattern: `/restorePoints/${PROD_WORKER_003.rp(2)}$`, method: 'DELETE', status: 409, count: 1 });
    try {
      const { result } = await drive<CleanUpReport>(suite.api, COMMAND, [answer.pick(PRODUCTION), answer.pick(PROD_WORKER_003.collection), answer.input('5'), answer.input('0'), answer.acceptDefault(), answer.input('5')], [], { clockStepMs: 1_000 });
      // Newest 5 that succeeded: 010, 008, 007, 006, 005; 009 failed.
      assert.deepStrictEqual(
        dryRun().rows.filter((r) => r[2] === 'delete').map((r) => r[0]),
        [PROD_WORKER_003.rp(9), PROD_WORKER_003.rp(4), PROD_WORKER_003.rp(3), PROD_WORKER_003.rp(2), PROD_WORKER_003.rp(1)],
      );
      assert.deepStrictEqual(result!.failed.map((f) => f.name), [PROD_WORKER_003.rp(2)]);
      assert.match(result!.failed[0].reason, new RegExp(`^InjectedFault: Injected fault: HTTP 409 for DELETE /subscriptions/.*/${PROD_WORKER_003.rp(2)}\\.$`));
      assert.deepStrictEqual(names(result!.deleted), [PROD_WORKER_003.rp(1), PROD_WORKER_003.rp(3), PROD_WORKER_003.rp(4), PROD_WORKER_003.rp(9)]);
      assert.deepStrictEqual(await restorePointsIn(prodClient, PROD_WORKER_003.resourceGroup, PROD_WORKER_003.collection), [2, 5, 6, 7, 8, 10].map(PROD_WORKER_003.rp));
    } finally {
      await control('DELETE', '/faults');
    }
  });

  it('sends only what the rules still select when the collection is read again after the confirmation: a change made meanwhile is not acted on', async () => {
    // While the modal is open, someone else deletes the newest (kept) restore point: 008 would then be among the newest 2.
    const deleteNewest = () => prodClient.restorePoints.delete(PROD_DB_004.resourceGroup, PROD_DB_004.collection, PROD_DB_004.rp(10)).submitted();
    const script = [answer.pick(PRODUCTION), answer.pick(PROD_DB_004.collection), answer.input('2'), answer.input('0'), answer.acceptDefault(), answer.input('8')];
    const { result } = await drive<CleanUpReport>(suite.api, COMMAND, script, [], { clockStepMs: 1_000, prompter: (s) => new PrompterThatActsFirst(s, deleteNewest) });
    // The dry run: 010 the newest, 009 among the newest 2, 001-008 to delete.
    assert.deepStrictEqual(dryRun().rows.filter((r) => r[2] === 'delete').map((r) => r[0]), range(1, 8).reverse().map(PROD_DB_004.rp));
    assert.deepStrictEqual(names(result!.deleted), range(1, 7).map(PROD_DB_004.rp));
    assert.deepStrictEqual(result!.skipped.map((s) => [s.name, s.why]), [[PROD_DB_004.rp(8), 'unselected']]);
    assert.deepStrictEqual(await deletedPaths(), [...range(1, 7), 10].map(PROD_DB_004.rp), 'the extension sent 001-007; 010 is the delete made meanwhile');
    const left = await restorePointsIn(prodClient, PROD_DB_004.resourceGroup, PROD_DB_004.collection);
    assert.deepStrictEqual(left.filter((n) => n !== PROD_DB_004.rp(10)), [8, 9].map(PROD_DB_004.rp));
  });

  it('Cancel starts no new delete; the ones under way finish and the rest are reported skipped', async () => {
    const running = drive<CleanUpReport>(suite.api, COMMAND, [answer.pick(PRODUCTION), answer.pick(PROD_APP_001.collection), answer.input('0'), answer.input('0'), answer.acceptDefault(), answer.input('9')], [], { clockStepMs: 500, tickMs: 400 });
    await eventually(async () => (suite.api.operations.list().some((r) => r.kind === 'deleteRestorePoint') ? true : undefined), 'ARM to accept the first delete', 30_000);
    const record = suite.api.operations.list().find((r) => r.kind === 'cleanUpRestorePoints')!;
    assert.deepStrictEqual(names(record.pending!), range(1, 9).map(PROD_APP_001.rp), 'the list is written once; what is done is kept apart');
    suite.api.cancelCleanUpsForTests();
    const { result } = await running;
    // Oldest first, four at a time: 001-004 were sent before Cancel; 005-009 (006 failed) were not; 010 is the newest.
    assert.deepStrictEqual(names(result!.deleted), range(1, 4).map(PROD_APP_001.rp));
    assert.deepStrictEqual(names(result!.skipped), range(5, 9).map(PROD_APP_001.rp));
    assert.deepStrictEqual(await deletedPaths(), range(1, 4).map(PROD_APP_001.rp));
    assert.deepStrictEqual(await restorePointsIn(prodClient, PROD_APP_001.resourceGroup, PROD_APP_001.collection), range(5, 10).map(PROD_APP_001.rp));
    assert.deepStrictEqual(suite.api.operations.list(), [], 'nothing is left to resume');
  });

  it('after a window reload: follows the delete ARM had accepted with reads, asks again, and sends only the deletes never sent', async () => {
    const collectionId = (await prodClient.restorePointCollections.get(PROD_API_002.resourceGroup, PROD_API_002.collection)).id!;
    const item = (n: number) => ({ id: `${collectionId}/restorePoints/${PROD_API_002.rp(n)}`, name: PROD_API_002.rp(n), tenantId, subscriptionId: prod.subscriptionId });
    // What the window before the reload left: 001 accepted by ARM (its own record written, not yet off the pending list), 002 and 003 not sent.
    await prodClient.restorePoints.delete(PROD_API_002.resourceGroup, PROD_API_002.collection, PROD_API_002.rp(1)).submitted();
    const at = Date.now();
    await suite.api.operations.record({ kind: 'deleteRestorePoint', resourceId: item(1).id, name: item(1).name, tenantId, subscriptionId: prod.subscriptionId, startedAt: at });
    const cleanUp: OperationRecord = { kind: 'cleanUpRestorePoints', resourceId: 'cleanUp/it-reload', name: 'Clean Up Restore Points', tenantId, subscriptionId: prod.subscriptionId, startedAt: at, pending: [1, 2, 3].map(item) };
    await suite.api.operations.record(cleanUp);
    await control('DELETE', '/requests');

    let pendingWhileAsked: string[] = [];
    const keepJournal = async () => {
      const done = suite.api.operations.doneOf(cleanUp.resourceId);
      pendingWhileAsked = names((suite.api.operations.list().find((r) => r.kind === 'cleanUpRestorePoints')?.pending ?? []).filter((_, i) => !done.has(i)));
    };
    const prompter = new PrompterThatActsFirst([answer.confirm()], keepJournal);
    suite.api.setPrompterForTests(prompter);
    try {
      const outcomes = await whileClockMoves(suite.api.resumeOperationsForTests(), { stepMs: 1_000 });
      assert.deepStrictEqual(outcomes.map((o) => [o.record.kind, o.state, o.succeeded]), [
        ['deleteRestorePoint', 'Gone', true],
        ['cleanUpRestorePoints', 'Succeeded', true],
      ]);
    } finally {
      suite.api.setPrompterForTests(undefined);
    }
    assert.match(prompter.asked[0].message ?? '', /interrupted by a window reload with 2 restore points still to delete/);
    assert.strictEqual(prompter.asked[0].detail, `${PROD_API_002.rp(2)}, ${PROD_API_002.rp(3)}`);
    assert.deepStrictEqual(pendingWhileAsked, [PROD_API_002.rp(2), PROD_API_002.rp(3)], 'the journal no longer lists the delete ARM has, so a second reload cannot send it');
    assert.deepStrictEqual(await deletedPaths(), [PROD_API_002.rp(2), PROD_API_002.rp(3)], 'the delete ARM had is not sent again');
    assert.deepStrictEqual(await restorePointsIn(prodClient, PROD_API_002.resourceGroup, PROD_API_002.collection), range(4, 10).map(PROD_API_002.rp));
    assert.deepStrictEqual(suite.api.operations.list(), []);
  });

  it('reloaded in the middle of a real run: resumed from the journal it left, sends only the deletes never sent and not those ARM has', async () => {
    // K = 0, any age: 001-009 go, oldest first, four at a time. ARM holds the first four (3 s each), so the journal is caught with all nine pending.
    await control('POST', '/faults', { pathPattern: `/restorePoints/${PROD_DB_009.rp(1).replace(/001$/, '00[1-4]')}$`, method: 'DELETE', delayMs: 3_000, count: 4 });
    let journal: OperationRecord[] = [];
    try {
      const script = [answer.pick(PRODUCTION), answer.pick(PROD_DB_009.collection), answer.input('0'), answer.input('0'), answer.acceptDefault(), answer.input('9')];
      const running = drive<CleanUpReport>(suite.api, COMMAND, script, [], { clockStepMs: 500, tickMs: 400 });
      await eventually(async () => ((await control<{ pending: unknown[] }>('GET', '/faults')).pending.length === 0 ? true : undefined), 'ARM to hold the first four deletes', 30_000);
      journal = suite.api.operations.list();
      // The window goes: what it had under way finishes on ARM's side, nothing more is started.
      suite.api.cancelCleanUpsForTests();
      const { result } = await running;
      assert.deepStrictEqual([names(result!.deleted), names(result!.skipped)], [range(1, 4).map(PROD_DB_009.rp), range(5, 9).map(PROD_DB_009.rp)]);
    } finally {
      await control('DELETE', '/faults');
    }
    assert.deepStrictEqual(journal.map((r) => [r.kind, names(r.pending ?? [])]), [['cleanUpRestorePoints', range(1, 9).map(PROD_DB_009.rp)]], 'the journal as the reload found it');

    for (const record of journal) await suite.api.operations.record(record);
    await control('DELETE', '/requests');
    const prompter = new ScriptedPrompter([answer.confirm()]);
    suite.api.setPrompterForTests(prompter);
    try {
      const outcomes = await whileClockMoves(suite.api.resumeOperationsForTests(), { stepMs: 1_000 });
      assert.deepStrictEqual(outcomes.map((o) => [o.record.kind, o.state]), [['cleanUpRestorePoints', 'Succeeded']]);
    } finally {
      suite.api.setPrompterForTests(undefined);
    }
    assert.deepStrictEqual(await deletedPaths(), range(5, 9).map(PROD_DB_009.rp), 'the four ARM already had are not sent again');
    assert.deepStrictEqual(await restorePointsIn(prodClient, PROD_DB_009.resourceGroup, PROD_DB_009.collection), [PROD_DB_009.rp(10)]);
    assert.deepStrictEqual(suite.api.operations.list(), []);
  });

  it('after a window reload, declined: sends nothing, reports what was not deleted and forgets the clean-up', async () => {
    const collectionId = (await prodClient.restorePointCollections.get(PROD_API_002.resourceGroup, PROD_API_002.collection)).id!;
    const pending = [4, 5].map((n) => ({ id: `${collectionId}/restorePoints/${PROD_API_002.rp(n)}`, name: PROD_API_002.rp(n), tenantId, subscriptionId: prod.subscriptionId }));
    await suite.api.operations.record({ kind: 'cleanUpRestorePoints', resourceId: 'cleanUp/it-declined', name: 'Clean Up Restore Points', tenantId, subscriptionId: prod.subscriptionId, startedAt: Date.now(), pending });
    const prompter = new ScriptedPrompter([answer.escape()]);
    suite.api.setPrompterForTests(prompter);
    try {
      const [outcome] = await suite.api.resumeOperationsForTests();
      assert.deepStrictEqual([outcome.record.kind, outcome.state, outcome.succeeded], ['cleanUpRestorePoints', 'StoppedWatching', false]);
    } finally {
      suite.api.setPrompterForTests(undefined);
    }
    assert.deepStrictEqual(await writes(), []);
    assert.deepStrictEqual(await restorePointsIn(prodClient, PROD_API_002.resourceGroup, PROD_API_002.collection), range(4, 10).map(PROD_API_002.rp));
    assert.deepStrictEqual(suite.api.operations.list(), []);
  });
});
