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

/** What reached ARM, as `GET path[?$expand=…][?$skiptoken=…]`, each request once per time it was made, in a stable order. */
async function armRequests(): Promise<string[]> {
  const log = (await requestLog()).filter((r) => r.path.startsWith('/subscriptions/'));
  return log.map((r) => `${r.method} ${r.path}${r.query.$expand ? `?$expand=${r.query.$expand}` : ''}${r.query.$skiptoken ? `?$skiptoken=${r.query.$skiptoken}` : ''}`).sort();
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

  /** Runs an action from a node (from the palette without one), then redraws what the extension asked for and returns what that redraw read. */
  async function act(command: string, node: Shown | undefined, script: Parameters<typeof drive>[2], options = {}): Promise<string[]> {
    tree.clear();
    const { result } = await drive(suite.api, command, script, node ? [node.node] : [], options);
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

  it('create collection: the new collection alone, one GET', async () => {
    const requests = await act('restorePoints.createRestorePointCollection', await find(VM), [answer.input(`${VM}-rpc-2`)]);
    assert.deepStrictEqual(requests, [`GET ${collectionPath(GROUP, `${VM}-rpc-2`)}`]);
    assert.deepStrictEqual((await children(suite.api, (await find(VM)).node)).map((s) => s.label), [COLLECTION, `${VM}-rpc-2`, COPIES.name]);
  });

  it('create collection from the palette (no node): the new collection alone, one GET', async () => {
    const requests = await act('restorePoints.createRestorePointCollection', undefined, [answer.pick(SUBSCRIPTION), answer.pick(VM), answer.input(`${VM}-rpc-palette`)]);
    assert.deepStrictEqual(requests, [`GET ${collectionPath(GROUP, `${VM}-rpc-palette`)}`]);
    assert.deepStrictEqual((await children(suite.api, (await find(VM)).node)).map((s) => s.label), [COLLECTION, `${VM}-rpc-2`, `${VM}-rpc-palette`, COPIES.name]);
  });

  it('delete collection from the palette (no node): nothing read, gone from its VM', async () => {
    const requests = await act('restorePoints.deleteRestorePointCollection', undefined, [answer.pick(SUBSCRIPTION), answer.pick(`${VM}-rpc-palette`), answer.confirm()]);
    assert.deepStrictEqual(requests, []);
    assert.deepStrictEqual((await children(suite.api, (await find(VM)).node)).map((s) => s.label), [COLLECTION, `${VM}-rpc-2`, COPIES.name]);
  });

  it('copy to region: only the target collection, and the new copy\'s replication', async () => {
    const requests = await act('restorePoints.copyRestorePoint', await find(VM, COLLECTION, `rp-${VM}-001`), [answer.pick(COPIES.region), answer.pick(COPIES.name), answer.input('rp-redraw-copy'), answer.confirm()], REPLICATION_PACE);
    const target = collectionPath(COPIES.group, COPIES.name);
    assert.deepStrictEqual(requests, [`GET ${target}/restorePoints/rp-redraw-copy?$expand=instanceView`, `GET ${target}?$expand=restorePoints`]);
  });

  it('copy into a new collection: the new collection alone, one GET', async () => {
    const name = `${VM}-rpc-westeurope`;
    const requests = await act(
      'restorePoints.copyRestorePoint',
      await find(VM, COLLECTION, `rp-${VM}-001`),
      [answer.pick('West Europe'), answer.pick('$(add) Create a collection in westeurope…'), answer.acceptDefault(), answer.input(name), answer.input('rp-redraw-new'), answer.confirm()],
      REPLICATION_PACE,
    );
    assert.strictEqual(requests.length, 1, JSON.stringify(requests));
    assert.match(requests[0], new RegExp(`^GET ${base}/resourceGroups/[^/]+/providers/Microsoft\\.Compute/restorePointCollections/${name}$`));
    // Own-region collections first, then copies, by name.
    assert.deepStrictEqual((await children(suite.api, (await find(VM)).node)).map((s) => s.label), [COLLECTION, `${VM}-rpc-2`, name, COPIES.name]);
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

  it('delete collection: nothing read, gone from its VM', async () => {
    const requests = await act('restorePoints.deleteRestorePointCollection', await find(VM, `${VM}-rpc-2`), [answer.confirm()]);
    assert.deepStrictEqual(requests, []);
    assert.deepStrictEqual((await children(suite.api, (await find(VM)).node)).map((s) => s.label), [COLLECTION, `${VM}-rpc-westeurope`, COPIES.name]);
  });
});
