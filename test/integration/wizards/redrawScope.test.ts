import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { demoCatalog } from '../../../src/emulator';
import { clearRequestLog, drive, requestLog } from '../../support/commandDriver';
import { ExpandedTree } from '../../support/expandedTree';
import { answer } from '../../support/scriptedPrompter';
import { computeClient } from '../../emulator/sdkClients';
import { byLabel, children, emulatorAddress, type Shown } from '../helpers';
import { useActionSuite } from './actionSuite';

const large = demoCatalog.large;
const SUBSCRIPTION = demoCatalog.subscriptions.find((s) => s.subscriptionId === large.subscriptionId)!.displayName;
/** The first VM of the large subscription, its collection, and a copy collection of it made before the tree is expanded. */
const VM = 'prod-app-001';
const GROUP = 'rg-prod-app-eastus';
const COLLECTION = `${VM}-rpc`;
const COPIES = { group: 'rg-prod-batch-westus2', name: `${VM}-rpc-westus2`, location: 'westus2', region: 'West US 2' };
const REPLICATION_PACE = { clockStepMs: 2_500, tickMs: 150 };

const base = `/subscriptions/${large.subscriptionId}`;
const collectionPath = (group: string, name: string): string => `${base}/resourceGroups/${group}/providers/Microsoft.Compute/restorePointCollections/${name}`;
const groupCollectionsPath = (group: string): string => `${base}/resourceGroups/${group}/providers/Microsoft.Compute/restorePointCollections`;
/** A VM re-reads its collections from the groups they are in: its own, and its copies'. */
const vmCollectionReads = [`GET ${groupCollectionsPath(GROUP)}`, `GET ${groupCollectionsPath(COPIES.group)}`];

/** What reached ARM, as `GET path[?$expand=…]`, in a stable order. */
async function armRequests(): Promise<string[]> {
  const log = (await requestLog()).filter((r) => r.path.startsWith('/subscriptions/'));
  return log.map((r) => `${r.method} ${r.path}${r.query.$expand ? `?$expand=${r.query.$expand}` : ''}`).sort();
}

/** The reads no redraw after an action may make: a VM list page, or the subscription's collection list. */
function assertNoWideReads(requests: string[]): void {
  assert.ok(!requests.some((r) => /\/providers\/Microsoft\.Compute\/virtualMachines$/i.test(r)), `no VM list page: ${JSON.stringify(requests)}`);
  assert.ok(!requests.some((r) => r === `GET ${base}/providers/Microsoft.Compute/restorePointCollections`), `no subscription-wide collection list: ${JSON.stringify(requests)}`);
}

describe('actions in the large subscription, its tree expanded: the redraw reads only what changed', function () {
  this.timeout(120_000);
  const suite = useActionSuite();
  let tree: ExpandedTree;

  before(async () => {
    suite.api.setReplicationIntervalForTests(300);
    const client = computeClient(emulatorAddress(), large.subscriptionId);
    const source = await client.restorePointCollections.get(GROUP, COLLECTION);
    await client.restorePointCollections.createOrUpdate(COPIES.group, COPIES.name, { location: COPIES.location, source: { id: source.id } });
    await vscode.commands.executeCommand('restorePoints.refresh');
    tree = new ExpandedTree(suite.api);
    await tree.expandAll(byLabel(await children(suite.api), SUBSCRIPTION).node);
  });
  after(() => {
    tree.dispose();
    suite.api.setReplicationIntervalForTests(undefined);
  });

  /** Runs an action from a node, then redraws what the extension asked for and returns what that redraw read. */
  async function act(command: string, node: Shown, script: Parameters<typeof drive>[2], options = {}): Promise<string[]> {
    tree.clear();
    const { result } = await drive(suite.api, command, script, [node.node], options);
    assert.ok(result, `${command} completed`);
    await clearRequestLog();
    await tree.redraw();
    const requests = await armRequests();
    assertNoWideReads(requests);
    return requests;
  }

  const find = async (...path: string[]): Promise<Shown> => {
    let shown = byLabel(await children(suite.api), SUBSCRIPTION);
    for (const label of path) shown = byLabel(await children(suite.api, shown.node), label);
    return shown;
  };

  it('create restore point: only its collection', async () => {
    const requests = await act('restorePoints.createRestorePoint', await find(VM, COLLECTION), [answer.input('rp-redraw'), answer.acceptDefault(), answer.acceptDefault(), answer.confirm()]);
    assert.deepStrictEqual(requests, [`GET ${collectionPath(GROUP, COLLECTION)}?$expand=restorePoints`]);
    assert.ok((await children(suite.api, (await find(VM, COLLECTION)).node)).some((s) => s.label === 'rp-redraw'));
  });

  it('create collection: only the VM\'s collections, from its resource group', async () => {
    const requests = await act('restorePoints.createRestorePointCollection', await find(VM), [answer.input(`${VM}-rpc-2`)]);
    assert.deepStrictEqual([...new Set(requests)], vmCollectionReads);
    assert.deepStrictEqual((await children(suite.api, (await find(VM)).node)).map((s) => s.label), [COLLECTION, `${VM}-rpc-2`, COPIES.name]);
  });

  it('copy to region: only the target collection, and the new copy\'s replication', async () => {
    const requests = await act('restorePoints.copyRestorePoint', await find(VM, COLLECTION, `rp-${VM}-001`), [answer.pick(COPIES.region), answer.pick(COPIES.name), answer.input('rp-redraw-copy'), answer.confirm()], REPLICATION_PACE);
    const target = collectionPath(COPIES.group, COPIES.name);
    assert.deepStrictEqual(requests, [`GET ${target}/restorePoints/rp-redraw-copy?$expand=instanceView`, `GET ${target}?$expand=restorePoints`]);
  });

  it('restore disk: nothing (the tree does not show disks)', async () => {
    const [disk] = await children(suite.api, (await find(VM, COLLECTION, `rp-${VM}-002`)).node);
    const requests = await act('restorePoints.restoreDisk', disk, [answer.acceptDefault(), answer.input(`${VM}-redraw-restored`), answer.acceptDefault(), answer.confirm()]);
    assert.deepStrictEqual(requests, []);
  });

  it('delete restore point: only its collection', async () => {
    const requests = await act('restorePoints.deleteRestorePoint', await find(VM, COLLECTION, `rp-${VM}-003`), [answer.confirm()]);
    assert.deepStrictEqual(requests, [`GET ${collectionPath(GROUP, COLLECTION)}?$expand=restorePoints`]);
    assert.ok(!(await children(suite.api, (await find(VM, COLLECTION)).node)).some((s) => s.label === `rp-${VM}-003`));
  });

  it('delete collection: only its VM\'s collections, from its resource group', async () => {
    const requests = await act('restorePoints.deleteRestorePointCollection', await find(VM, `${VM}-rpc-2`), [answer.confirm()]);
    assert.deepStrictEqual([...new Set(requests)], vmCollectionReads);
    assert.deepStrictEqual((await children(suite.api, (await find(VM)).node)).map((s) => s.label), [COLLECTION, COPIES.name]);
  });
});
