import * as assert from 'node:assert';
import type { RestorePoint, VirtualMachine } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { DEMO_TENANTS, demoCatalog } from '../../src/emulator';
import type { RestorePointsApi } from '../../src/extension';
import { formatAge } from '../../src/tree/format/age';
import { clearRequestLog, requestLog } from '../support/commandDriver';
import { computeClient } from '../emulator/sdkClients';
import { activateExtension, byLabel, children, control, emulatorAddress, setSetting, type Shown } from './helpers';

const dev = demoCatalog.devTest;
const subscriptionName = (id: string): string => demoCatalog.subscriptions.find((s) => s.subscriptionId === id)!.displayName;
const tenantName = (id: string): string => demoCatalog.tenants.find((t) => t.tenantId === id)!.displayName;

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** The description is computed when the item is made; the age part may cross a boundary while the test reads it. */
function assertAgeDescription(actual: string, rp: RestorePoint, before: number, after: number): void {
  const rest = ` · ${rp.consistencyMode} · ${rp.provisioningState}`;
  const allowed = new Set([formatAge(rp.timeCreated, before) + rest, formatAge(rp.timeCreated, after) + rest]);
  assert.ok(allowed.has(actual), `"${actual}" is one of ${JSON.stringify([...allowed])}`);
}

describe('restore point tree, signed in to the emulator as a custom cloud', function () {
  this.timeout(60_000);
  let api: RestorePointsApi;
  const emulator = emulatorAddress();
  const devClient = computeClient(emulator, dev.subscriptionId);

  before(async () => {
    api = await activateExtension();
    await control('POST', '/reset', { data: 'demo' });
    await vscode.commands.executeCommand('restorePoints.refresh');
  });

  async function subscription(id: string): Promise<Shown> {
    return byLabel(await children(api), subscriptionName(id));
  }

  it('lists the subscriptions of every tenant, by name, with the tenant in the description', async () => {
    const roots = await children(api);
    const expected = [...demoCatalog.subscriptions].sort((a, b) => a.displayName.localeCompare(b.displayName));
    assert.deepStrictEqual(roots.map((r) => r.label), expected.map((s) => s.displayName));
    assert.deepStrictEqual(roots.map((r) => r.description), expected.map((s) => tenantName(s.tenantId)));
    assert.deepStrictEqual(roots.map((r) => r.item.id), expected.map((s) => `/subscriptions/${s.subscriptionId}`));
    for (const r of roots) {
      assert.strictEqual(r.item.contextValue, 'subscription;azureResource');
      assert.strictEqual(r.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    }
  });

  it('shows the VMs of a subscription with resource group, region, size and an icon by OS and power state', async () => {
    const vms = await children(api, (await subscription(dev.subscriptionId)).node);
    const expected = await collect(devClient.virtualMachines.listAll({ statusOnly: 'true' }));
    assert.deepStrictEqual(vms.map((v) => v.label), expected.map((vm) => vm.name));
    assert.deepStrictEqual(vms.map((v) => v.label), [dev.web01.vm, dev.web02.vm, dev.sql01.vm, dev.cache01.vm]);
    for (const [i, vm] of expected.entries()) {
      const shown = vms[i];
      const rg = /\/resourceGroups\/([^/]+)/.exec(vm.id!)![1];
      assert.strictEqual(shown.description, `${rg} · ${vm.location} · ${vm.hardwareProfile!.vmSize}`);
      assert.strictEqual(shown.item.id, vm.id);
      const os = vm.storageProfile!.osDisk!.osType;
      assert.strictEqual(shown.icon, os === 'Windows' ? 'window' : 'terminal-linux');
      const power = vm.instanceView!.statuses!.find((s) => s.code!.startsWith('PowerState/'))!.code!.split('/')[1];
      assert.strictEqual(shown.item.contextValue, `virtualMachine;azureResource;os:${os!.toLowerCase()};power:${power}`);
      assert.strictEqual(shown.iconColor, { running: 'charts.green', deallocated: 'disabledForeground', stopped: 'charts.red' }[power]);
      // The hover is made when VS Code asks for it (not kept with every item), from what the list read.
      await clearRequestLog();
      const hover = ((await api.treeProvider.resolveTreeItem(shown.item, shown.node)) as vscode.TreeItem).tooltip as vscode.MarkdownString;
      assert.deepStrictEqual(await requestLog(), [], 'the hover reads nothing');
      assert.ok(hover.value.replace(/&nbsp;/g, ' ').endsWith(`Power state: ${power}`), hover.value);
    }
  });

  it('shows a VM without collections as such, not as an empty node', async () => {
    const vm = byLabel(await children(api, (await subscription(dev.subscriptionId)).node), dev.cache01.vm);
    const shown = await children(api, vm.node);
    assert.deepStrictEqual(shown.map((s) => [s.label, s.item.contextValue]), [['No restore point collections', 'info']]);
  });

  it('puts a VM\'s own collection first and its cross-region copy after it, with the region', async () => {
    const vm = byLabel(await children(api, (await subscription(dev.subscriptionId)).node), dev.web02.vm);
    const collections = await children(api, vm.node);
    assert.deepStrictEqual(collections.map((c) => c.label), [dev.web02.collection, dev.copies.collection]);
    assert.deepStrictEqual(collections.map((c) => c.description), [dev.web02.location, `${dev.copies.location} · copy from ${dev.web02.location}`]);
    assert.deepStrictEqual(collections.map((c) => c.item.contextValue), ['restorePointCollection;azureResource', 'restorePointCollection;azureResource;copy']);
    assert.deepStrictEqual(collections.map((c) => c.icon), ['history', 'globe']);
  });

  it('lists restore points newest first with age, consistency mode, state and an icon by state', async () => {
    const vm = byLabel(await children(api, (await subscription(dev.subscriptionId)).node), dev.web01.vm);
    const [collection] = await children(api, vm.node);
    const before = Date.now();
    const points = await children(api, collection.node);
    const after = Date.now();
    const expanded = await devClient.restorePointCollections.get(dev.web01.resourceGroup, dev.web01.collection, { expand: 'restorePoints' });
    const expected = [...expanded.restorePoints!].sort((a, b) => b.timeCreated!.getTime() - a.timeCreated!.getTime());
    assert.deepStrictEqual(points.map((p) => p.label), expected.map((rp) => rp.name));
    const { succeeded, failed, creating } = dev.web01.restorePoints;
    assert.deepStrictEqual(points.map((p) => p.label), [creating, failed, ...[...succeeded].reverse()]);
    for (const [i, rp] of expected.entries()) {
      assertAgeDescription(points[i].description, rp, before, after);
      const state = rp.provisioningState!.toLowerCase();
      assert.strictEqual(points[i].item.contextValue, `restorePoint;azureResource;state:${state}`);
      assert.strictEqual(points[i].icon, { creating: 'loading~spin', succeeded: 'pass', failed: 'error' }[state]);
      assert.strictEqual(points[i].item.id, rp.id);
    }
    const tooltip = points[0].item.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, new RegExp(expected[0].timeCreated!.toISOString().replace(/[.]/g, '\\.')));
  });

  it('shows a copy\'s replication progress in its tooltip, from the instance view its collection read', async () => {
    const vm = byLabel(await children(api, (await subscription(dev.subscriptionId)).node), dev.web02.vm);
    const copies = byLabel(await children(api, vm.node), dev.copies.collection);
    const replicating = byLabel(await children(api, copies.node), dev.copies.replicating.name);
    assert.strictEqual(replicating.item.contextValue, `restorePoint;azureResource;state:${(await devClient.restorePoints.get(dev.copies.resourceGroup, dev.copies.collection, dev.copies.replicating.name)).provisioningState!.toLowerCase()};copy;replicating`);
    await clearRequestLog();
    const resolved = await api.treeProvider.resolveTreeItem(replicating.item, replicating.node);
    assert.deepStrictEqual(await requestLog(), [], 'the hover shows what the collection read as it expanded');
    const details = await devClient.restorePoints.get(dev.copies.resourceGroup, dev.copies.collection, dev.copies.replicating.name, { expand: 'instanceView' });
    const percent = Math.min(...details.instanceView!.diskRestorePoints!.map((d) => d.replicationStatus!.completionPercent!));
    assert.ok(percent < 100, 'the demo copy is still replicating');
    const markdown = (resolved as vscode.TreeItem).tooltip as vscode.MarkdownString;
    assert.match(markdown.value, new RegExp(`Replication: ${percent}%`));
    assert.ok(markdown.value.includes(`Copy of: ${dev.copies.replicating.source} in ${dev.copies.sourceCollection}`), markdown.value);
  });

  it('shows disk restore points: OS disk first, then data disks by LUN, with size, encryption and, for copies, replication', async () => {
    const vm = byLabel(await children(api, (await subscription(dev.subscriptionId)).node), dev.web02.vm);
    const copies = byLabel(await children(api, vm.node), dev.copies.collection);
    const rp = byLabel(await children(api, copies.node), dev.copies.replicating.name);
    const disks = await children(api, rp.node);
    const model = await devClient.restorePoints.get(dev.copies.resourceGroup, dev.copies.collection, dev.copies.replicating.name);
    const drps = await collect(devClient.diskRestorePoint.listByRestorePoint(dev.copies.resourceGroup, dev.copies.collection, dev.copies.replicating.name));
    const storage = model.sourceMetadata!.storageProfile!;
    const expectedDisks = [{ disk: storage.osDisk!, role: 'OS disk' }, ...storage.dataDisks!.map((d) => ({ disk: d, role: `data disk, LUN ${d.lun}` }))];
    assert.deepStrictEqual(disks.map((d) => d.label), expectedDisks.map((e) => e.disk.name));
    for (const [i, { disk, role }] of expectedDisks.entries()) {
      const drp = drps.find((d) => d.id!.toLowerCase() === disk.diskRestorePoint!.id!.toLowerCase())!;
      assert.strictEqual(drp.encryption!.type, 'EncryptionAtRestWithPlatformKey');
      assert.strictEqual(disks[i].description, `${role} · ${disk.diskSizeGB} GiB · platform-managed key · ${drp.replicationState!.toLowerCase()} ${drp.completionPercent}%`);
      // The copy is still replicating: no disk of it is offered for restore, whatever the disk's own state.
      assert.strictEqual(disks[i].item.contextValue, `diskRestorePoint;azureResource;disk:${i === 0 ? 'os' : 'data'};replication:${drp.replicationState!.toLowerCase()};copyIncomplete`);
      assert.strictEqual(disks[i].item.id, disk.diskRestorePoint!.id);
    }
  });

  it('shows "No access" with ARM\'s reason for a subscription it may not read', async () => {
    const shown = await children(api, (await subscription(demoCatalog.forbiddenSubscriptionId)).node);
    assert.strictEqual(shown.length, 1);
    assert.strictEqual(shown[0].label, 'No access');
    assert.strictEqual(shown[0].item.contextValue, 'noAccess');
    assert.match(shown[0].description, /does not have authorization to perform action 'Microsoft\.Compute\/virtualMachines\/read'/);
  });

  it('pages the large subscription with "Load more…" until every VM is shown, on connections kept open', async () => {
    const large = await subscription(demoCatalog.large.subscriptionId);
    const expected = await collect(computeClient(emulator, demoCatalog.large.subscriptionId).virtualMachines.listAll({ statusOnly: 'true' }));
    assert.strictEqual(expected.length, demoCatalog.large.virtualMachines);
    await clearRequestLog();
    const connectionsBefore = (await control<{ tlsConnections: number }>('GET', '/connections')).tlsConnections;
    let shown = await children(api, large.node);
    let pages = 1;
    while (shown[shown.length - 1].label === 'Load more…') {
      const more = shown[shown.length - 1];
      assert.strictEqual(more.item.contextValue, 'loadMore');
      assert.strictEqual(more.item.command?.command, 'restorePoints.loadMore');
      assert.ok(shown.length - 1 < expected.length, 'Load more… only while VMs are missing');
      await vscode.commands.executeCommand(more.item.command.command, ...(more.item.command.arguments ?? []));
      shown = await children(api, large.node);
      pages++;
    }
    assert.ok(pages > 1, 'the large subscription needs more than one page');
    assert.deepStrictEqual(shown.map((s) => s.label), expected.map((vm: VirtualMachine) => vm.name));
    // Less the one this count is asked on (the test's own requests are not kept alive inside VS Code).
    const opened = (await control<{ tlsConnections: number }>('GET', '/connections')).tlsConnections - connectionsBefore - 1;
    const arm = (await requestLog()).filter((r) => r.path.startsWith('/subscriptions/'));
    assert.ok(arm.length >= pages, `every page is an ARM request (${arm.length})`);
    assert.ok(opened <= 2, `${arm.length} ARM requests, mostly one after the other, opened ${opened} TLS connections`);
  });

  it('shows ARM\'s message for a failure, and Retry recovers', async () => {
    const sub = await subscription(dev.subscriptionId);
    await control('POST', '/faults', { pathPattern: `^/subscriptions/${dev.subscriptionId}/providers/Microsoft\\.Compute/virtualMachines$`, status: 500 });
    try {
      await vscode.commands.executeCommand('restorePoints.refresh', sub.node);
      const shown = await children(api, sub.node);
      assert.strictEqual(shown.length, 1);
      assert.strictEqual(shown[0].item.contextValue, 'error;retry');
      assert.match(shown[0].label, /^Error: Injected fault: HTTP 500 for GET /);
      assert.match(String(shown[0].item.tooltip), /^InternalServerError: /);
      assert.strictEqual(shown[0].item.command?.command, 'restorePoints.retry');
      await control('DELETE', '/faults');
      await vscode.commands.executeCommand('restorePoints.retry', ...(shown[0].item.command.arguments ?? []));
      const recovered = await children(api, sub.node);
      assert.deepStrictEqual(recovered.map((s) => s.label), [dev.web01.vm, dev.web02.vm, dev.sql01.vm, dev.cache01.vm]);
    } finally {
      await control('DELETE', '/faults');
    }
  });

  /** ARM requests the emulator answered since the log was last cleared. */
  async function armRequests(): Promise<{ method: string; path: string; query: Record<string, string> }[]> {
    const log = await control<{ value: { method: string; path: string; query: Record<string, string> }[] }>('GET', '/requests');
    return log.value.filter((r) => /^\/(subscriptions|tenants)/i.test(r.path));
  }

  it('lists the subscriptions with one tenant list and one subscription list per tenant', async () => {
    await vscode.commands.executeCommand('restorePoints.refresh');
    await control('DELETE', '/requests');
    const roots = await children(api);
    assert.strictEqual(roots.length, demoCatalog.subscriptions.length);
    const arm = await armRequests();
    // GET /subscriptions lists only the subscriptions of the token's tenant, so it is asked once per
    // tenant, with that tenant's token: the same path and query, not a repeat.
    assert.deepStrictEqual(arm.map((r) => `${r.method} ${r.path}`).sort(), ['GET /tenants', ...demoCatalog.tenants.map(() => 'GET /subscriptions')].sort());
  });

  it('shows the first page of VMs after one VM list request, without waiting for every collection page', async () => {
    const large = demoCatalog.large;
    const collectionPages = Math.ceil(large.restorePointCollections / 50);
    await vscode.commands.executeCommand('restorePoints.refresh');
    const sub = await subscription(large.subscriptionId);
    // With latency every page is a visible round trip: waiting for all collection pages would take six.
    await control('POST', '/latency', { ms: 100 });
    try {
      await control('DELETE', '/requests');
      const vms = await children(api, sub.node);
      // Only this subscription's: VS Code's own view may be reading the root at the same time.
      const ofLarge = async (): Promise<Awaited<ReturnType<typeof armRequests>>> => (await armRequests()).filter((r) => r.path.startsWith(`/subscriptions/${large.subscriptionId}/`));
      const first = await ofLarge();
      const vmPages = (list: typeof first): number => list.filter((r) => /\/providers\/Microsoft\.Compute\/virtualMachines$/i.test(r.path)).length;
      const rpcPages = (list: typeof first): number => list.filter((r) => /^\/subscriptions\/[^/]+\/providers\/Microsoft\.Compute\/restorePointCollections$/i.test(r.path)).length;
      assert.strictEqual(vms[vms.length - 1].label, 'Load more…');
      assert.strictEqual(vmPages(first), 1);
      assert.ok(rpcPages(first) < collectionPages, `the VMs were shown after ${rpcPages(first)} of ${collectionPages} collection pages`);
      // A VM's collections wait for the index, which the subscription started alongside the VM page.
      const collections = await children(api, vms[0].node);
      assert.strictEqual(collections.length, 1);
      const all = await ofLarge();
      assert.strictEqual(all.length, 1 + collectionPages, JSON.stringify(all.map((r) => r.path)));
      assert.strictEqual(vmPages(all), 1);
      assert.strictEqual(rpcPages(all), collectionPages);
      assert.strictEqual(new Set(all.map((r) => `${r.path}?${JSON.stringify(r.query)}`)).size, all.length, 'nothing is fetched twice');
      // "Load more…" is the next VM page and nothing else: the collections are known already.
      await control('DELETE', '/requests');
      const more = vms[vms.length - 1].item.command!;
      await vscode.commands.executeCommand(more.command, ...(more.arguments ?? []));
      assert.deepStrictEqual((await ofLarge()).map((r) => [r.path, r.query.$skiptoken]), [[`/subscriptions/${large.subscriptionId}/providers/Microsoft.Compute/virtualMachines`, '50']]);
    } finally {
      await control('POST', '/latency', { ms: 0 });
    }
  });

  it('builds a restore point\'s disks from its metadata, with no request, as the disk restore point list describes them', async () => {
    const vm = byLabel(await children(api, (await subscription(dev.subscriptionId)).node), dev.sql01.vm);
    const [collection] = await children(api, vm.node);
    const rp = byLabel(await children(api, collection.node), dev.sql01.restorePoints[0]);
    await control('DELETE', '/requests');
    const disks = await children(api, rp.node);
    assert.deepStrictEqual(await armRequests(), []);
    const model = await devClient.restorePoints.get(dev.sql01.resourceGroup, dev.sql01.collection, dev.sql01.restorePoints[0]);
    const drps = await collect(devClient.diskRestorePoint.listByRestorePoint(dev.sql01.resourceGroup, dev.sql01.collection, dev.sql01.restorePoints[0]));
    const storage = model.sourceMetadata!.storageProfile!;
    const expected = [{ disk: storage.osDisk!, role: 'OS disk' }, ...[...storage.dataDisks!].sort((a, b) => a.lun! - b.lun!).map((d) => ({ disk: d, role: `data disk, LUN ${d.lun}` }))];
    assert.strictEqual(disks.length, drps.length);
    assert.deepStrictEqual(disks.map((d) => d.label), expected.map((e) => e.disk.name));
    for (const [i, { disk, role }] of expected.entries()) {
      const drp = drps.find((d) => d.id!.toLowerCase() === disk.diskRestorePoint!.id!.toLowerCase())!;
      assert.strictEqual(drp.encryption!.type, 'EncryptionAtRestWithPlatformKey');
      assert.strictEqual(disks[i].description, `${role} · ${disk.diskSizeGB} GiB · platform-managed key`);
      assert.strictEqual(disks[i].item.contextValue, `diskRestorePoint;azureResource;disk:${i === 0 ? 'os' : 'data'}`);
      assert.strictEqual(disks[i].item.id, drp.id);
    }
  });

  it('expands a whole subscription with one VM list, one collection list, one call per collection and one per copied restore point', async () => {
    await vscode.commands.executeCommand('restorePoints.refresh');
    const sub = await subscription(dev.subscriptionId);
    await control('DELETE', '/requests');
    const seen: string[] = [];
    const walk = async (node: Shown['node'] | undefined): Promise<void> => {
      for (const child of await children(api, node)) {
        seen.push(child.item.id ?? '');
        if (child.item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await walk(child.node);
      }
    };
    await walk(sub.node);
    const all = await armRequests();
    const collections = [dev.web01.collection, dev.web02.collection, dev.sql01.collection, dev.copies.collection];
    const copies = [dev.copies.replicated, dev.copies.replicating];
    // A copy's replication is read once (its instance view) until it is known complete; earlier
    // tests of this file may have read the finished one already, never the one still replicating.
    const replicationReads = all.filter((r) => r.query.$expand === 'instanceView').map((r) => r.path.split('/').pop());
    assert.ok(replicationReads.includes(dev.copies.replicating.name), JSON.stringify(replicationReads));
    assert.ok(replicationReads.every((name) => copies.some((c) => c.name === name)) && new Set(replicationReads).size === replicationReads.length, JSON.stringify(replicationReads));
    const arm = all.filter((r) => r.query.$expand !== 'instanceView');
    // Besides: 1 VM list (statusOnly) + 1 collection list + 1 Get per collection + 1 disk restore point
    // list per copy (its disks' replication state); every other restore point's disks come from its metadata.
    // Exact on purpose: a change that adds round trips fails here.
    assert.strictEqual(arm.length, 8, JSON.stringify(arm.map((r) => r.path), null, 1));
    assert.strictEqual(arm.length, 2 + collections.length + copies.length);
    const count = (re: RegExp): number => arm.filter((r) => re.test(r.path)).length;
    assert.strictEqual(count(/\/providers\/Microsoft\.Compute\/virtualMachines$/i), 1);
    assert.strictEqual(count(/^\/subscriptions\/[^/]+\/providers\/Microsoft\.Compute\/restorePointCollections$/i), 1);
    assert.strictEqual(count(/\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/restorePointCollections$/i), 0, 'no per-resource-group or per-VM collection listing');
    assert.strictEqual(count(/\/restorePointCollections\/[^/]+$/i), collections.length);
    assert.deepStrictEqual(
      arm.filter((r) => /\/diskRestorePoints$/i.test(r.path)).map((r) => r.path.split('/')[10]).sort(),
      copies.map((c) => c.name).sort(),
    );
    assert.strictEqual(new Set(arm.map((r) => `${r.path}?${JSON.stringify(r.query)}`)).size, arm.length, 'nothing is fetched twice');
    assert.strictEqual(new Set(seen).size, seen.length, 'tree item ids are unique');
  });

  it('shows only the selected subscriptions, and nothing (so the welcome view) when none is selected', async () => {
    const devSub = demoCatalog.subscriptions.find((s) => s.subscriptionId === dev.subscriptionId)!;
    try {
      await setSetting('restorePoints.selectedSubscriptions', [`${devSub.tenantId}/${devSub.subscriptionId}`]);
      const roots = await children(api);
      assert.deepStrictEqual(roots.map((r) => [r.label, r.description]), [[devSub.displayName, '']]);
      await setSetting('restorePoints.selectedSubscriptions', []);
      assert.deepStrictEqual(await children(api), []);
    } finally {
      await setSetting('restorePoints.selectedSubscriptions', undefined);
    }
    assert.strictEqual((await children(api)).length, demoCatalog.subscriptions.length);
  });

  it('shows one tenant\'s subscriptions, without the tenant in the description, when a tenant is selected', async () => {
    const fabrikam = DEMO_TENANTS.fabrikam;
    try {
      await setSetting('restorePoints.selectedTenant', fabrikam.tenantId);
      const roots = await children(api);
      const expected = demoCatalog.subscriptions.filter((s) => s.tenantId === fabrikam.tenantId).sort((a, b) => a.displayName.localeCompare(b.displayName));
      assert.deepStrictEqual(roots.map((r) => [r.label, r.description]), expected.map((s) => [s.displayName, '']));
    } finally {
      await setSetting('restorePoints.selectedTenant', undefined);
    }
  });

  it('signs out to an empty tree (the sign-in welcome) and back in', async () => {
    await vscode.commands.executeCommand('restorePoints.signOut');
    assert.deepStrictEqual(await children(api), []);
    await vscode.commands.executeCommand('restorePoints.signIn');
    assert.strictEqual((await children(api)).length, demoCatalog.subscriptions.length);
  });

  it('opens a node\'s properties as read-only JSON and copies its resource id', async () => {
    const vm = byLabel(await children(api, (await subscription(dev.subscriptionId)).node), dev.web01.vm);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('restorePoints.viewProperties', vm.node);
    assert.strictEqual(uri.scheme, 'restorepoints-properties');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(document.languageId, 'json');
    assert.strictEqual((JSON.parse(document.getText()) as { id: string }).id, vm.item.id);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    const copied = await vscode.commands.executeCommand<string>('restorePoints.copyResourceId', vm.node);
    assert.strictEqual(copied, vm.item.id);
  });

  it('gathers collections that lead to no VM under "Collections without a VM"', async () => {
    try {
      // Deleting the source collection leaves its cross-region copy pointing at nothing.
      const poller = devClient.restorePointCollections.delete(dev.web02.resourceGroup, dev.web02.collection);
      await poller.submitted();
      await control('POST', '/clock/advance', { ms: 60_000 });
      await poller;
      const sub = await subscription(dev.subscriptionId);
      await vscode.commands.executeCommand('restorePoints.refresh', sub.node);
      const shown = await children(api, sub.node);
      const orphans = shown[shown.length - 1];
      assert.strictEqual(orphans.label, 'Collections without a VM');
      assert.strictEqual(orphans.item.contextValue, 'orphanCollections');
      assert.strictEqual(orphans.description, '1');
      const collections = await children(api, orphans.node);
      assert.deepStrictEqual(collections.map((c) => [c.label, c.item.contextValue]), [[dev.copies.collection, 'restorePointCollection;azureResource;copy;orphan']]);
      assert.deepStrictEqual((await children(api, collections[0].node)).map((p) => p.label), [dev.copies.replicating.name, dev.copies.replicated.name]);
      const web02 = byLabel(shown, dev.web02.vm);
      assert.deepStrictEqual((await children(api, web02.node)).map((c) => c.label), ['No restore point collections']);
    } finally {
      await control('POST', '/reset', { data: 'demo' });
      await vscode.commands.executeCommand('restorePoints.refresh');
    }
  });
});
