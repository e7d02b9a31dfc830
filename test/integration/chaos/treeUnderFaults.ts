import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { demoCatalog } from '../../../src/emulator';
import type { RestorePointsApi } from '../../../src/extension';
import { byLabel, children, type Shown } from '../helpers';
import { assertAllFaultsHit, injectFaults, statuses, type ChaosLedger } from './chaosLedger';

const dev = demoCatalog.devTest;
const DEV_TEST = 'Contoso Dev/Test';
const SUBSCRIPTIONS = ['Contoso Dev/Test', 'Contoso Production', 'Fabrikam Finance', 'Fabrikam Sandbox'];
const VMS = [dev.web01.vm, dev.web02.vm, dev.sql01.vm, dev.cache01.vm];
const vmList = new RegExp(`^/subscriptions/${dev.subscriptionId}/providers/Microsoft\\.Compute/virtualMachines$`);
const collectionPath = (rg: string, name: string): RegExp => new RegExp(`^/subscriptions/${dev.subscriptionId}/resourceGroups/${rg}/providers/Microsoft\\.Compute/restorePointCollections/${name}$`, 'i');

/** The tree, loaded level by level from a refreshed root, through faults on each level's request. */
export function treeUnderFaults(suite: { api: RestorePointsApi }, ledger: ChaosLedger): void {
  const root = async (): Promise<Shown[]> => {
    await vscode.commands.executeCommand('restorePoints.refresh');
    return children(suite.api);
  };
  const devTest = async (): Promise<Shown> => byLabel(await children(suite.api), DEV_TEST);

  it('tree: lists the subscriptions through a dropped tenant list and a throttled subscription list', async () => {
    await injectFaults({ pathPattern: '^/tenants$', method: 'GET', drop: true, count: 1 }, { pathPattern: '^/subscriptions$', method: 'GET', status: 429, retryAfterSeconds: 1, count: 1 });
    const shown = await root();
    assert.deepStrictEqual(shown.map((s) => s.label).sort(), SUBSCRIPTIONS);
    // The log is in the order answers completed; each tenant's subscription list is a request of its own.
    const answeredAfter = (list: number[], fault: number): boolean => list.includes(fault) && list.lastIndexOf(200) > list.indexOf(fault);
    assert.ok(answeredAfter(await statuses('GET', /^\/tenants$/), 0), 'the dropped tenant list is asked again');
    assert.ok(answeredAfter(await statuses('GET', /^\/subscriptions$/), 429), 'the throttled subscription list is asked again after Retry-After');
    await assertAllFaultsHit();
    ledger.completed();
  });

  it('tree: shows every VM and collection through "fail next 2" (500), a 503 with Retry-After and a slow answer', async () => {
    await root();
    await injectFaults(
      { pathPattern: vmList.source, method: 'GET', status: 500, count: 2 },
      { pathPattern: `^/subscriptions/${dev.subscriptionId}/providers/Microsoft\\.Compute/restorePointCollections$`, method: 'GET', status: 503, retryAfterSeconds: 1, count: 1 },
      { pathPattern: collectionPath(dev.web02.resourceGroup, dev.web02.collection).source, method: 'GET', delayMs: 1_500, count: 1 },
    );
    const vms = await children(suite.api, (await devTest()).node);
    assert.deepStrictEqual(vms.map((s) => s.label), VMS);
    const collections = await children(suite.api, byLabel(vms, dev.web02.vm).node);
    assert.deepStrictEqual(collections.map((s) => s.label), [dev.web02.collection, dev.copies.collection]);
    const restorePoints = await children(suite.api, collections[0].node);
    assert.deepStrictEqual(restorePoints.map((s) => s.label).sort(), [...dev.web02.restorePoints].sort());
    assert.deepStrictEqual(await statuses('GET', vmList), [500, 500, 200]);
    await assertAllFaultsHit();
    ledger.completed();
  });

  it('tree: after "fail next 4" (more than the three retries) shows ARM\'s message with Retry, and Retry recovers', async () => {
    await root();
    await injectFaults({ pathPattern: vmList.source, method: 'GET', status: 500, count: 4 });
    const failed = await children(suite.api, (await devTest()).node);
    assert.strictEqual(failed.length, 1);
    assert.strictEqual(failed[0].item.contextValue, 'error;retry');
    assert.match(failed[0].label, /^Error: Injected fault: HTTP 500 for GET /);
    assert.match(String(failed[0].item.tooltip), /^InternalServerError: /);
    assert.deepStrictEqual(await statuses('GET', vmList), [500, 500, 500, 500], 'one request and three retries, no more');
    await vscode.commands.executeCommand('restorePoints.retry', ...(failed[0].item.command?.arguments ?? []));
    assert.deepStrictEqual((await children(suite.api, (await devTest()).node)).map((s) => s.label), VMS);
    ledger.completed();
  });

  it('tree: a Retry-After beyond the cap fails the level at once, saying how long ARM asked to wait, and Retry recovers', async () => {
    await root();
    const vm = byLabel(await children(suite.api, (await devTest()).node), dev.web01.vm);
    const [collection] = await children(suite.api, vm.node);
    await injectFaults({ pathPattern: collectionPath(dev.web01.resourceGroup, dev.web01.collection).source, method: 'GET', status: 429, retryAfterSeconds: 600, count: 1 });
    const failed = await children(suite.api, collection.node);
    assert.strictEqual(failed.length, 1);
    assert.match(failed[0].label, /^Error: Azure is busy \(HTTP 429\) and asked to wait 10 minutes before trying again.*Try again later\./);
    assert.match(String(failed[0].item.tooltip), /^TooManyRequests: /);
    assert.deepStrictEqual(await statuses('GET', collectionPath(dev.web01.resourceGroup, dev.web01.collection)), [429], 'not retried, not waited for');
    await vscode.commands.executeCommand('restorePoints.retry', ...(failed[0].item.command?.arguments ?? []));
    const recovered = await children(suite.api, collection.node);
    assert.ok(recovered.some((s) => s.label === dev.web01.restorePoints.creating), JSON.stringify(recovered.map((s) => s.label)));
    ledger.completed();
  });
}
