import * as assert from 'node:assert';
import type { VirtualMachine } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { demoCatalog } from '../../src/emulator';
import type { RestorePointsApi } from '../../src/extension';
import { clearRequestLog, drive, requestLog, writes } from '../support/commandDriver';
import { ExpandedTree } from '../support/expandedTree';
import { captureErrorNotifications } from '../support/notifications';
import { answer } from '../support/scriptedPrompter';
import { computeClient } from '../emulator/sdkClients';
import { activateExtension, byLabel, children, control, emulatorAddress, show, type Shown } from './helpers';

const dev = demoCatalog.devTest;
const large = demoCatalog.large;
const nameOf = (subscriptionId: string): string => demoCatalog.subscriptions.find((s) => s.subscriptionId === subscriptionId)!.displayName;
/** ARM requests in the emulator's log (sign-in's token requests are not ARM's), as `METHOD path[?$expand]`. */
const armReads = async (): Promise<string[]> =>
  (await requestLog()).filter((r) => r.path.startsWith('/subscriptions/')).map((r) => `${r.method} ${r.path}${r.query.$expand ? `?$expand=${r.query.$expand}` : ''}${r.query.$skiptoken ? `?$skiptoken=${r.query.$skiptoken}` : ''}`);

describe('tree: Refresh re-reads the item, "Load more…" adds each page once, a copy\'s replication is always shown', function () {
  this.timeout(60_000);
  let api: RestorePointsApi;
  const devClient = computeClient(emulatorAddress(), dev.subscriptionId);

  beforeEach(async () => {
    api = await activateExtension();
    await control('POST', '/reset', { data: 'demo' });
    await vscode.commands.executeCommand('restorePoints.refresh');
    await clearRequestLog();
  });
  after(async () => {
    await control('POST', '/reset', { data: 'demo' });
    await vscode.commands.executeCommand('restorePoints.refresh');
  });

  async function node(...path: string[]): Promise<Shown> {
    let shown = byLabel(await children(api), path[0]);
    for (const label of path.slice(1)) shown = byLabel(await children(api, shown.node), label);
    return shown;
  }

  /** The large subscription's first page, settled, and a click on the "Load more…" it ends with. */
  async function largeFirstPage(): Promise<{ sub: Shown; clickMore: () => Thenable<unknown> }> {
    const sub = await node(nameOf(large.subscriptionId));
    const first = await children(api, sub.node);
    const more = first[first.length - 1].item.command!;
    // A VM's collections wait for the subscription's collection pages: once they are in, nothing else is being read.
    await children(api, first[0].node);
    await clearRequestLog();
    return { sub, clickMore: () => vscode.commands.executeCommand(more.command, ...(more.arguments ?? [])) };
  }

  it('shows each VM once when "Load more…" is clicked twice quickly, and once more during a refresh of the subscription', async () => {
    const { sub, clickMore } = await largeFirstPage();
    await Promise.all([clickMore(), clickMore()]);
    const shown = (await children(api, sub.node)).filter((s) => s.label !== 'Load more…');
    assert.deepStrictEqual(await armReads(), [`GET /subscriptions/${large.subscriptionId}/providers/Microsoft.Compute/virtualMachines?$skiptoken=50`], 'the second page was read once');
    const expected = (await collectAll(computeClient(emulatorAddress(), large.subscriptionId).virtualMachines.listAll({ statusOnly: 'true' }))).slice(0, 100);
    assert.deepStrictEqual(shown.map((s) => s.item.id), expected.map((vm: VirtualMachine) => vm.id), 'the first two pages, each VM once');

    // The same "Load more…" clicked while a Refresh of the subscription lists its first page again: that listing is gone, nothing is added to the new one.
    await Promise.all([vscode.commands.executeCommand('restorePoints.refresh', sub.node), clickMore()]);
    const refreshed = await children(api, sub.node);
    assert.strictEqual(new Set(refreshed.map((s) => s.item.id)).size, refreshed.length, 'no id twice');
    assert.deepStrictEqual(refreshed.filter((s) => s.label !== 'Load more…').map((s) => s.item.id), expected.slice(0, 50).map((vm) => vm.id));
  });

  it('fetches nothing when the same "Load more…" is clicked again after its page arrived, before the view redrew it', async () => {
    const { sub, clickMore } = await largeFirstPage();
    await clickMore();
    await clickMore();
    assert.deepStrictEqual(await armReads(), [`GET /subscriptions/${large.subscriptionId}/providers/Microsoft.Compute/virtualMachines?$skiptoken=50`], 'the second page, once; not the third');
    const shown = (await children(api, sub.node)).filter((s) => s.label !== 'Load more…');
    assert.strictEqual(shown.length, 100);
  });

  it('re-reads a "Creating" restore point on Refresh and shows its new state, reading nothing else', async () => {
    const rp = await node(nameOf(dev.subscriptionId), dev.web01.vm, dev.web01.collection, dev.web01.restorePoints.creating);
    assert.match(rp.description, /Creating$/);
    assert.strictEqual(rp.item.contextValue, 'restorePoint;azureResource;state:creating', 'no Delete, Copy or Restore while it is created');
    await control('POST', '/clock/advance', { ms: 10 * 60_000 });
    await clearRequestLog();
    await vscode.commands.executeCommand('restorePoints.refresh', rp.node);
    const after = await show(api, rp.node);
    assert.match(after.description, /Succeeded$/);
    assert.strictEqual(after.item.contextValue, 'restorePoint;azureResource;state:succeeded');
    const path = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web01.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${dev.web01.collection}/restorePoints/${dev.web01.restorePoints.creating}`;
    assert.deepStrictEqual(await armReads(), [`GET ${path}?$expand=instanceView`]);
  });

  it('reads the collection again when Refresh finds the restore point deleted elsewhere', async () => {
    const [deleted] = dev.web01.restorePoints.succeeded;
    const collection = await node(nameOf(dev.subscriptionId), dev.web01.vm, dev.web01.collection);
    const rp = byLabel(await children(api, collection.node), deleted);
    const poller = devClient.restorePoints.delete(dev.web01.resourceGroup, dev.web01.collection, deleted);
    await poller.submitted();
    await control('POST', '/clock/advance', { ms: 60_000 });
    await poller;
    await clearRequestLog();
    await vscode.commands.executeCommand('restorePoints.refresh', rp.node);
    assert.ok(!(await children(api, collection.node)).some((s) => s.label === deleted));
    const path = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web01.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${dev.web01.collection}`;
    assert.deepStrictEqual(await armReads(), [`GET ${path}/restorePoints/${deleted}?$expand=instanceView`, `GET ${path}?$expand=restorePoints`]);
  });

  it('drops a collection deleted elsewhere when Refresh on it finds it gone, with no error row and no listing', async () => {
    const vm = await node(nameOf(dev.subscriptionId), dev.sql01.vm);
    const collection = byLabel(await children(api, vm.node), dev.sql01.collection);
    await children(api, collection.node);
    const poller = devClient.restorePointCollections.delete(dev.sql01.resourceGroup, dev.sql01.collection);
    await poller.submitted();
    await control('POST', '/clock/advance', { ms: 60_000 });
    await poller;
    await clearRequestLog();
    // Collapsed, as after a look at it: Refresh reads it all the same.
    await vscode.commands.executeCommand('restorePoints.refresh', collection.node);
    assert.deepStrictEqual((await children(api, vm.node)).map((s) => s.label), ['No restore point collections']);
    const path = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.sql01.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${dev.sql01.collection}`;
    assert.deepStrictEqual(await armReads(), [`GET ${path}?$expand=restorePoints`]);
    assert.deepStrictEqual(await children(api, collection.node), [], 'no 404 row under it');
  });

  it('keeps what a Refresh read when an older, slower read of the same collection fails afterwards', async () => {
    const collection = await node(nameOf(dev.subscriptionId), dev.sql01.vm, dev.sql01.collection);
    await control('POST', '/faults', { method: 'GET', pathPattern: `/restorePointCollections/${dev.sql01.collection}$`, status: 400, delayMs: 1_500, count: 1 });
    const slow = children(api, collection.node);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await vscode.commands.executeCommand('restorePoints.refresh', collection.node);
    assert.match(JSON.stringify((await slow).map((s) => s.item.contextValue)), /error/, 'the older read failed');
    await clearRequestLog();
    assert.deepStrictEqual((await children(api, collection.node)).map((s) => s.label), [...dev.sql01.restorePoints], 'the Refresh\'s rows stay');
    assert.deepStrictEqual(await armReads(), [], 'nothing read again');
  });

  it('acts on no node the tree replaced: after a whole-tree Refresh, an action redraws none of the old nodes', async () => {
    const old = await node(nameOf(dev.subscriptionId), dev.web02.vm, dev.web02.collection);
    await vscode.commands.executeCommand('restorePoints.refresh');
    const redrawn: unknown[] = [];
    const listener = api.treeProvider.onDidChangeTreeData((n) => redrawn.push(n));
    try {
      const { result } = await drive<string>(api, 'restorePoints.createRestorePoint', [
        answer.pick(nameOf(dev.subscriptionId)), answer.pick(dev.web02.vm), answer.pick(dev.web02.collection), answer.input('rp-it-stale'), answer.acceptDefault(), answer.acceptDefault(), answer.confirm(),
      ]);
      assert.ok(result);
      assert.ok(!redrawn.includes(old.node), 'the collection node the Refresh replaced is not asked to redraw');
    } finally {
      listener.dispose();
    }
    const fresh = await node(nameOf(dev.subscriptionId), dev.web02.vm, dev.web02.collection);
    assert.notStrictEqual(fresh.node, old.node);
    assert.ok((await children(api, fresh.node)).some((s) => s.label === 'rp-it-stale'));
  });

  it('opens ARM\'s full JSON in View Properties, read when asked (the tree keeps less)', async () => {
    const rp = await node(nameOf(dev.subscriptionId), dev.sql01.vm, dev.sql01.collection, dev.sql01.restorePoints[0]);
    const [disk] = await children(api, rp.node);
    for (const shown of [rp, disk]) {
      await clearRequestLog();
      const uri = await vscode.commands.executeCommand<vscode.Uri>('restorePoints.viewProperties', shown.node);
      const json = JSON.parse((await vscode.workspace.openTextDocument(uri)).getText()) as { id: string; sourceMetadata?: { osProfile?: unknown } };
      assert.strictEqual(json.id, shown.item.id);
      assert.deepStrictEqual((await armReads()).map((r) => r.split('?')[0]), [`GET ${shown.item.id}`], 'one GET of the item itself');
      if (shown === rp) assert.ok(json.sourceMetadata?.osProfile, 'the VM model the restore point carries, which the tree does not keep');
    }
  });

  it('shows, on a VM\'s Refresh, a collection made elsewhere, from one list of its resource group', async () => {
    const vm = await node(nameOf(dev.subscriptionId), dev.web01.vm);
    assert.deepStrictEqual((await children(api, vm.node)).map((c) => c.label), [dev.web01.collection]);
    const vmId = vm.item.id!;
    await devClient.restorePointCollections.createOrUpdate(dev.web01.resourceGroup, 'web-01-portal', { location: dev.web01.location, source: { id: vmId } });
    await clearRequestLog();
    await vscode.commands.executeCommand('restorePoints.refresh', vm.node);
    // By name, as the subscription's listing orders them.
    assert.deepStrictEqual((await children(api, vm.node)).map((c) => c.label), ['web-01-portal', dev.web01.collection]);
    assert.deepStrictEqual(await armReads(), [`GET /subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web01.resourceGroup}/providers/Microsoft.Compute/restorePointCollections`]);
  });

  it('drops a collection deleted from "Collections without a VM" without reading anything again', async () => {
    // Deleting the source collection leaves its cross-region copy pointing at nothing.
    const poller = devClient.restorePointCollections.delete(dev.web02.resourceGroup, dev.web02.collection);
    await poller.submitted();
    await control('POST', '/clock/advance', { ms: 60_000 });
    await poller;
    const sub = await node(nameOf(dev.subscriptionId));
    const tree = new ExpandedTree(api);
    try {
      await tree.expandAll(sub.node);
      const orphans = byLabel(await children(api, sub.node), 'Collections without a VM');
      const copies = byLabel(await children(api, orphans.node), dev.copies.collection);
      const { result } = await drive<string>(api, 'restorePoints.deleteRestorePointCollection', [answer.confirm()], [copies.node]);
      assert.ok(result);
      await clearRequestLog();
      await tree.redraw();
      assert.deepStrictEqual(await armReads(), []);
      assert.ok(!(await children(api, sub.node)).some((s) => s.label === 'Collections without a VM'));
    } finally {
      tree.dispose();
    }
  });

  it('drops a collection deleted from the palette when its VM is shown but was never expanded: expanding it reads nothing and shows no 404', async () => {
    const sub = await node(nameOf(dev.subscriptionId));
    await children(api, sub.node);
    const { result } = await drive<string>(api, 'restorePoints.deleteRestorePointCollection', [answer.pick(nameOf(dev.subscriptionId)), answer.pick(dev.sql01.collection), answer.confirm()]);
    assert.ok(result);
    await clearRequestLog();
    const shown = await children(api, (await node(nameOf(dev.subscriptionId), dev.sql01.vm)).node);
    assert.deepStrictEqual(shown.map((s) => s.label), ['No restore point collections']);
    assert.deepStrictEqual(await armReads(), []);
  });

  it('shows a collection made from the palette for a VM shown but never expanded, from one GET of it', async () => {
    const sub = await node(nameOf(dev.subscriptionId));
    await children(api, sub.node);
    const { result } = await drive<string>(api, 'restorePoints.createRestorePointCollection', [answer.pick(nameOf(dev.subscriptionId)), answer.pick(dev.cache01.vm), answer.input('cache-01-palette')]);
    assert.ok(result);
    await clearRequestLog();
    const shown = await children(api, (await node(nameOf(dev.subscriptionId), dev.cache01.vm)).node);
    assert.deepStrictEqual(shown.map((s) => s.label), ['cache-01-palette']);
    assert.deepStrictEqual(await armReads(), [`GET ${result}`]);
  });

  it('shows "Replication unknown" when a copy\'s instance view cannot be read, offers no restore from it, and reads it again on the next expansion', async () => {
    const copies = await node(nameOf(dev.subscriptionId), dev.web02.vm, dev.copies.collection);
    await control('POST', '/faults', { method: 'GET', pathPattern: `/restorePoints/${dev.copies.replicating.name}$`, status: 403, count: 1 });
    const rows = await children(api, copies.node);
    const unknown = byLabel(rows, dev.copies.replicating.name);
    assert.match(unknown.description, / · Replication unknown$/);
    assert.strictEqual(unknown.item.contextValue, 'restorePoint;azureResource;state:succeeded;copy;replication:unknown');
    const [disk] = await children(api, unknown.node);
    assert.match(disk.item.contextValue ?? '', /;copyIncomplete$/, 'Restore Disk is not offered on its disks');

    await vscode.commands.executeCommand('restorePoints.refresh', copies.node);
    const again = byLabel(await children(api, copies.node), dev.copies.replicating.name);
    assert.match(again.description, / · Replicating \d+%$/, 'not remembered: read again');
  });

  it('shows "Replication failed" for a copy whose replication failed, and offers no restore from it', async () => {
    const source = await devClient.restorePoints.get(dev.web02.resourceGroup, dev.web02.collection, dev.web02.restorePoints[0]);
    await control('POST', '/failures', { kind: 'replication', count: 1 });
    const poller = devClient.restorePoints.beginCreate(dev.copies.resourceGroup, dev.copies.collection, 'rp-it-failing-copy', { sourceRestorePoint: { id: source.id } });
    const creating = await poller;
    await creating.poll();
    for (let i = 0; i < 40 && !creating.isDone(); i++) {
      await control('POST', '/clock/advance', { ms: 30_000 });
      await creating.poll();
    }
    await control('POST', '/clock/advance', { ms: 30 * 60_000 });
    const view = await devClient.restorePoints.get(dev.copies.resourceGroup, dev.copies.collection, 'rp-it-failing-copy', { expand: 'instanceView' });
    assert.ok(view.instanceView?.diskRestorePoints?.some((d) => /failed/i.test(d.replicationStatus?.status?.code ?? '')), 'the emulator failed its replication');

    const copies = await node(nameOf(dev.subscriptionId), dev.web02.vm, dev.copies.collection);
    const failed = byLabel(await children(api, copies.node), 'rp-it-failing-copy');
    assert.match(failed.description, / · Replication failed$/);
    assert.strictEqual(failed.icon, 'error');
    assert.match(failed.item.contextValue ?? '', /;replication:failed$/);
    for (const disk of await children(api, failed.node)) assert.match(disk.item.contextValue ?? '', /;copyIncomplete$/);
  });

  it('shows an unwatched copy as "Replicating n%" from one instance view read, and refuses to restore from it with that percentage', async () => {
    const view = await devClient.restorePoints.get(dev.copies.resourceGroup, dev.copies.collection, dev.copies.replicating.name, { expand: 'instanceView' });
    const percents = view.instanceView!.diskRestorePoints!.map((d) => d.replicationStatus!.completionPercent!);
    assert.ok(Math.max(...percents) < 100, `the demo copy is still replicating (${percents.join(', ')}%)`);
    assert.strictEqual(view.provisioningState, 'Succeeded', 'ARM itself says Succeeded: only the instance view tells');

    const copies = await node(nameOf(dev.subscriptionId), dev.web02.vm, dev.copies.collection);
    await clearRequestLog();
    const rows = await children(api, copies.node);
    const replicating = byLabel(rows, dev.copies.replicating.name);
    const shownPercent = Number(/ · Replicating (\d+)%$/.exec(replicating.description)?.[1]);
    // The copy's percentage sums up its disks': it lies between the least and the most advanced.
    assert.ok(shownPercent >= Math.min(...percents) && shownPercent <= Math.max(...percents), `"${replicating.description}" for disks at ${percents.join(', ')}%`);
    assert.strictEqual(replicating.icon, 'sync~spin');
    assert.match(byLabel(rows, dev.copies.replicated.name).description, /Succeeded$/);
    const instanceViewReads = (await armReads()).filter((r) => r.endsWith('?$expand=instanceView'));
    assert.ok(instanceViewReads.some((r) => r.includes(`/restorePoints/${dev.copies.replicating.name}?`)), JSON.stringify(instanceViewReads));

    // Read once: the finished copy is remembered as complete, the other is read again on a Refresh of its collection only.
    await clearRequestLog();
    await vscode.commands.executeCommand('restorePoints.refresh', copies.node);
    await children(api, copies.node);
    const again = (await armReads()).filter((r) => r.endsWith('?$expand=instanceView')).map((r) => r.split('/').pop());
    assert.deepStrictEqual(again, [`${dev.copies.replicating.name}?$expand=instanceView`]);

    const [disk] = await children(api, replicating.node);
    const errors = captureErrorNotifications();
    try {
      await clearRequestLog();
      const { result, prompter } = await drive<string>(api, 'restorePoints.restoreDisk', [], [disk.node], { clockStepMs: 0 });
      assert.strictEqual(result, undefined);
      assert.strictEqual(prompter.asked.length, 0, 'refused before any question');
      assert.strictEqual(errors.shown.length, 1);
      assert.match(errors.shown[0].message, new RegExp(`'${dev.copies.replicating.name}' is still being copied to this region \\(${shownPercent}%\\)`));
      assert.deepStrictEqual(await armReads(), [], 'refused from what the tree read: nothing asked of ARM, nothing sent');
      assert.deepStrictEqual(await writes(), []);

      // Copy to Region is not offered on a copy (menus), and refused the same way when run on one.
      const copy = await drive<unknown>(api, 'restorePoints.copyRestorePoint', [], [replicating.node], { clockStepMs: 0 });
      assert.strictEqual(copy.result, undefined);
      assert.strictEqual(copy.prompter.asked.length, 0);
      assert.match(errors.shown[1]?.message ?? '', new RegExp(`'${dev.copies.replicating.name}' is still being copied to this region \\(${shownPercent}%\\)`));
      assert.deepStrictEqual(await armReads(), []);
    } finally {
      errors.restore();
    }
  });
});

async function collectAll<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
