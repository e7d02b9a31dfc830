import * as assert from 'node:assert';
import type { Locator } from 'playwright-core';
import { demoCatalog } from '../../src/emulator';
import { expand, openRestorePointsView, openWorkbench, screenshot, treeRow, treeRows, type Workbench } from './workbench';

const dev = demoCatalog.devTest;
const devName = demoCatalog.subscriptions.find((s) => s.subscriptionId === dev.subscriptionId)!.displayName;

describe('npm start in the browser: the Restore Points view as a person sees it', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let pane: Locator;

  before(async () => {
    workbench = await openWorkbench('start');
  });

  after(async () => {
    await workbench?.close();
  });

  it('opens from the activity bar and lists the demo subscriptions, signed in through the custom cloud', async () => {
    pane = await openRestorePointsView(workbench.page);
    await treeRow(pane, devName).waitFor({ timeout: 60_000 });
    const labels = (await treeRows(pane)).map((r) => r.label);
    const expected = demoCatalog.subscriptions.map((s) => s.displayName).sort((a, b) => a.localeCompare(b));
    assert.deepStrictEqual(labels, expected);
  });

  it('expands subscription → VM → collection → restore point → disk restore points', async () => {
    await expand(pane, devName);
    await expand(pane, dev.web01.vm);
    const vm = (await treeRows(pane)).find((r) => r.label === dev.web01.vm);
    assert.ok(vm?.description.startsWith(`${dev.web01.resourceGroup} · ${dev.web01.location}`), `VM description: ${vm?.description}`);
    await expand(pane, dev.web01.collection);
    const newest = dev.web01.restorePoints.creating;
    await treeRow(pane, newest).waitFor().catch(async (error: unknown) => {
      await screenshot(workbench.page, 'tree-failure');
      throw error;
    });
    const rows = await treeRows(pane);
    const creating = rows.find((r) => r.label === newest);
    assert.match(creating?.description ?? '', /Creating$/, `the restore point still creating says so: ${JSON.stringify(creating)}`);
    const succeeded = dev.web01.restorePoints.succeeded[dev.web01.restorePoints.succeeded.length - 1];
    await expand(pane, succeeded);
    await pane.locator('.monaco-list-row .label-description', { hasText: /GiB/ }).first().waitFor();
    const disks = (await treeRows(pane)).filter((r) => /\bGiB\b/.test(r.description));
    assert.ok(disks.length >= 1 + dev.web01.dataDisks, `the OS disk and ${dev.web01.dataDisks} data disks are shown: ${JSON.stringify(disks)}`);
    await screenshot(workbench.page, 'tree');
  });
});
