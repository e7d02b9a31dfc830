import * as assert from 'node:assert';
import { demoCatalog } from '../../../src/emulator';
import type { RestorePointsApi } from '../../../src/extension';
import type { CopyResult } from '../../../src/commands/copyRestorePoint/copyRestorePoint';
import { drive } from '../../support/commandDriver';
import { answer } from '../../support/scriptedPrompter';
import { byLabel, children, type Shown } from '../helpers';
import { assertAllFaultsHit, injectFaults, recordNotifications, statuses, storeCounts, type ChaosLedger, type Notification } from './chaosLedger';

const dev = demoCatalog.devTest;
const DEV_TEST = 'Contoso Dev/Test';
const rg = `^/subscriptions/${dev.subscriptionId}/resourceGroups`;
const collectionPath = (group: string, name: string): string => `${rg}/${group}/providers/Microsoft\\.Compute/restorePointCollections/${name}$`;
const restorePointPath = (group: string, collection: string, name: string): string => `${rg}/${group}/providers/Microsoft\\.Compute/restorePointCollections/${collection}/restorePoints/${name}$`;
const OPERATION_STATUS = '/providers/Microsoft\\.Compute/locations/[^/]+/operations/';
/** The replication watch reads at its default interval when ARM sends no Retry-After; shortened, with the clock moving fast. */
const REPLICATION_PACE = { clockStepMs: 2_500, tickMs: 150 };

const messages = (shown: Notification[], severity: Notification['severity']): string[] => shown.filter((n) => n.severity === severity).map((n) => n.message);

/**
 * Every action, driven through its wizard as a person would, with faults on the requests it sends:
 * each ends in the state ARM should be in, says so, and leaves each resource exactly once.
 */
export function actionsUnderFaults(suite: { api: RestorePointsApi }, ledger: ChaosLedger): void {
  let notifications: ReturnType<typeof recordNotifications>;
  beforeEach(() => (notifications = recordNotifications()));
  afterEach(() => notifications.dispose());

  const vmNode = async (vm: string): Promise<Shown> => byLabel(await children(suite.api, byLabel(await children(suite.api), DEV_TEST).node), vm);
  const collectionNode = async (vm: string, collection: string): Promise<Shown> => byLabel(await children(suite.api, (await vmNode(vm)).node), collection);
  const restorePointNode = async (name: string): Promise<Shown> => byLabel(await children(suite.api, (await collectionNode(dev.web02.vm, dev.web02.collection)).node), name);

  it('create collection: through a 500 and a 429 with Retry-After, one collection and its notification', async () => {
    const before = await storeCounts();
    const path = collectionPath(dev.web01.resourceGroup, 'web-01-rpc-chaos');
    await injectFaults({ pathPattern: path, method: 'PUT', status: 500, count: 1 }, { pathPattern: path, method: 'PUT', status: 429, retryAfterSeconds: 1, count: 1 });
    const { result } = await drive<string>(suite.api, 'restorePoints.createRestorePointCollection', [answer.pick(DEV_TEST), answer.pick(dev.web01.vm), answer.input('web-01-rpc-chaos')]);
    assert.match(result ?? '', /restorePointCollections\/web-01-rpc-chaos$/);
    assert.deepStrictEqual(await statuses('PUT', new RegExp(path, 'i')), [500, 429, 201]);
    assert.deepStrictEqual(messages(notifications.shown, 'information'), [`Restore point collection 'web-01-rpc-chaos' created in ${dev.web01.location}.`]);
    assert.deepStrictEqual(messages(notifications.shown, 'error'), []);
    await ledger.expectCounts(before, { restorePointCollections: 1 });
    await assertAllFaultsHit();
    ledger.completed();
  });

  it('create restore point: the PUT\'s answer is lost after ARM created it, and reading it back fails twice (503, dropped): exactly one restore point, Succeeded', async () => {
    const before = await storeCounts();
    const path = restorePointPath(dev.web02.resourceGroup, dev.web02.collection, 'rp-chaos-lost');
    await injectFaults(
      { pathPattern: path, method: 'PUT', dropResponse: true, count: 1 },
      { pathPattern: path, method: 'GET', status: 503, retryAfterSeconds: 1, count: 1 },
      { pathPattern: path, method: 'GET', drop: true, count: 1 },
    );
    const collection = await collectionNode(dev.web02.vm, dev.web02.collection);
    const { result } = await drive<string>(suite.api, 'restorePoints.createRestorePoint', [answer.input('rp-chaos-lost'), answer.acceptDefault(), answer.acceptDefault(), answer.confirm()], [collection.node]);
    assert.match(result ?? '', /restorePoints\/rp-chaos-lost$/);
    // Each retried PUT is refused (the lost one had created it) and read back; the third read-back gets through.
    assert.deepStrictEqual(await statuses('PUT', new RegExp(path, 'i')), [0, 409, 409, 409]);
    assert.deepStrictEqual((await statuses('GET', new RegExp(path, 'i'))).slice(0, 3), [503, 0, 200]);
    assert.deepStrictEqual(messages(notifications.shown, 'information'), ["Restore point 'rp-chaos-lost' created."]);
    assert.deepStrictEqual(messages(notifications.shown, 'error'), []);
    await ledger.expectCounts(before, { restorePoints: 1 });
    const shown = (await children(suite.api, (await collectionNode(dev.web02.vm, dev.web02.collection)).node)).filter((s) => s.label === 'rp-chaos-lost');
    assert.strictEqual(shown.length, 1, 'the tree shows it once');
    assert.match(shown[0].description, /Succeeded/);
    await assertAllFaultsHit();
    ledger.completed();
  });

  it('create restore point: a PUT that fails more often than the retries allow ends in ARM\'s error and creates nothing', async () => {
    const before = await storeCounts();
    const path = restorePointPath(dev.web02.resourceGroup, dev.web02.collection, 'rp-chaos-refused');
    await injectFaults({ pathPattern: path, method: 'PUT', status: 500, count: 4 });
    const collection = await collectionNode(dev.web02.vm, dev.web02.collection);
    const { result } = await drive<string>(suite.api, 'restorePoints.createRestorePoint', [answer.input('rp-chaos-refused'), answer.acceptDefault(), answer.acceptDefault(), answer.confirm()], [collection.node]);
    assert.strictEqual(result, undefined);
    assert.deepStrictEqual(await statuses('PUT', new RegExp(path, 'i')), [500, 500, 500, 500]);
    const [error] = messages(notifications.shown, 'error');
    assert.match(error ?? '', /^InternalServerError: Injected fault: HTTP 500 for PUT \/subscriptions\/.*\/restorePoints\/rp-chaos-refused\.$/);
    await ledger.expectCounts(before, {});
    assert.ok(!(await children(suite.api, collection.node)).some((s) => s.label === 'rp-chaos-refused'), 'the tree shows nothing half-created');
    ledger.completed();
  });

  it('create restore point: a Retry-After beyond the cap fails at once with the wait ARM asked for, and creates nothing', async () => {
    const before = await storeCounts();
    const path = restorePointPath(dev.web02.resourceGroup, dev.web02.collection, 'rp-chaos-throttled');
    await injectFaults({ pathPattern: path, method: 'PUT', status: 429, retryAfterSeconds: 600, count: 1 });
    const collection = await collectionNode(dev.web02.vm, dev.web02.collection);
    const { result } = await drive<string>(suite.api, 'restorePoints.createRestorePoint', [answer.input('rp-chaos-throttled'), answer.acceptDefault(), answer.acceptDefault(), answer.confirm()], [collection.node]);
    assert.strictEqual(result, undefined);
    assert.deepStrictEqual(await statuses('PUT', new RegExp(path, 'i')), [429]);
    const [error] = messages(notifications.shown, 'error');
    assert.match(error ?? '', /^TooManyRequests: Azure is busy \(HTTP 429\) and asked to wait 10 minutes before trying again.* Try again later\./);
    await ledger.expectCounts(before, {});
    ledger.completed();
  });

  it('copy to region: through a 503 on the PUT and failed, dropped and slow replication reads, one copy, replicated to 100%', async () => {
    const before = await storeCounts();
    suite.api.setReplicationIntervalForTests(300);
    try {
      const path = restorePointPath(dev.copies.resourceGroup, dev.copies.collection, 'rp-chaos-copy');
      await injectFaults(
        { pathPattern: path, method: 'PUT', status: 503, retryAfterSeconds: 1, count: 1 },
        { pathPattern: path, method: 'GET', status: 500, count: 2 },
        { pathPattern: path, method: 'GET', drop: true, count: 1 },
        { pathPattern: path, method: 'GET', delayMs: 1_000, count: 1 },
      );
      const node = await restorePointNode(dev.web02.restorePoints[0]);
      const { result } = await drive<CopyResult>(suite.api, 'restorePoints.copyRestorePoint', [answer.pick('West US'), answer.pick(dev.copies.collection), answer.input('rp-chaos-copy'), answer.confirm()], [node.node], REPLICATION_PACE);
      assert.strictEqual(result?.state, 'Succeeded');
      assert.strictEqual(result.reported.at(-1), 100);
      assert.deepStrictEqual([...result.reported].sort((a, b) => a - b), result.reported, 'the percentage only grows');
      assert.deepStrictEqual(await statuses('PUT', new RegExp(path, 'i')), [503, 201]);
      assert.deepStrictEqual(messages(notifications.shown, 'information'), ["'rp-chaos-copy' is copied."]);
      assert.deepStrictEqual(messages(notifications.shown, 'error'), []);
      await ledger.expectCounts(before, { restorePoints: 1 });
      await assertAllFaultsHit();
      ledger.completed();
    } finally {
      suite.api.setReplicationIntervalForTests(undefined);
    }
  });

  it('restore disk: the PUT\'s answer is lost after ARM created the disk, and a poll fails: exactly one disk', async () => {
    const before = await storeCounts();
    const path = `${rg}/${dev.web02.resourceGroup}/providers/Microsoft\\.Compute/disks/web02-chaos-restored$`;
    await injectFaults({ pathPattern: path, method: 'PUT', dropResponse: true, count: 1 }, { pathPattern: OPERATION_STATUS, method: 'GET', status: 500, count: 1 });
    const [disk] = await children(suite.api, (await restorePointNode(dev.web02.restorePoints[0])).node);
    const { result } = await drive<string>(suite.api, 'restorePoints.restoreDisk', [answer.acceptDefault(), answer.input('web02-chaos-restored'), answer.acceptDefault(), answer.confirm()], [disk.node]);
    assert.match(result ?? '', /disks\/web02-chaos-restored$/);
    assert.deepStrictEqual(await statuses('PUT', new RegExp(path, 'i')), [0, 409], 'the retried PUT found the disk the lost one had created');
    assert.deepStrictEqual(messages(notifications.shown, 'information'), ["Disk 'web02-chaos-restored' created."]);
    assert.deepStrictEqual(messages(notifications.shown, 'error'), []);
    await ledger.expectCounts(before, { disks: 1 });
    ledger.completed();
  });

  it('delete restore point: the DELETE\'s answer is lost after ARM started deleting: deleted once, gone from the tree', async () => {
    const before = await storeCounts();
    const path = restorePointPath(dev.web02.resourceGroup, dev.web02.collection, 'rp-chaos-lost');
    await injectFaults({ pathPattern: path, method: 'DELETE', dropResponse: true, count: 1 });
    const { result } = await drive<string>(suite.api, 'restorePoints.deleteRestorePoint', [answer.confirm()], [(await restorePointNode('rp-chaos-lost')).node]);
    assert.match(result ?? '', /rp-chaos-lost$/);
    const [lost, retried] = await statuses('DELETE', new RegExp(path, 'i'));
    assert.strictEqual(lost, 0);
    // 202 if the first deletion was still running when the retry came, 204 if it had finished: one deletion either way.
    assert.ok(retried === 202 || retried === 204, `the retried DELETE was answered ${retried}`);
    assert.deepStrictEqual(messages(notifications.shown, 'error'), []);
    await ledger.expectCounts(before, { restorePoints: -1 });
    assert.ok(!(await children(suite.api, (await collectionNode(dev.web02.vm, dev.web02.collection)).node)).some((s) => s.label === 'rp-chaos-lost'));
    await assertAllFaultsHit();
    ledger.completed();
  });

  it('delete collection: through a dropped connection and a 503 with Retry-After, the collection is gone', async () => {
    const before = await storeCounts();
    const path = collectionPath(dev.web01.resourceGroup, 'web-01-rpc-chaos');
    await injectFaults({ pathPattern: path, method: 'DELETE', drop: true, count: 1 }, { pathPattern: path, method: 'DELETE', status: 503, retryAfterSeconds: 1, count: 1 });
    const { result } = await drive<string>(suite.api, 'restorePoints.deleteRestorePointCollection', [answer.pick(DEV_TEST), answer.pick('web-01-rpc-chaos'), answer.confirm()]);
    assert.ok(result);
    assert.deepStrictEqual(await statuses('DELETE', new RegExp(path, 'i')), [0, 503, 202]);
    assert.deepStrictEqual(messages(notifications.shown, 'error'), []);
    await ledger.expectCounts(before, { restorePointCollections: -1 });
    assert.deepStrictEqual((await children(suite.api, (await vmNode(dev.web01.vm)).node)).map((s) => s.label), [dev.web01.collection]);
    await assertAllFaultsHit();
    ledger.completed();
  });
}
