import * as assert from 'node:assert';
import type { Locator } from 'playwright-core';
import { demoCatalog, type RequestLogEntry } from '../../src/emulator';
import { commandTitle, runFromContextMenu } from './contextMenu';
import { clickDialogButton, dismissDialog, waitForDialog } from './dialog';
import { clearToasts, recordToasts, waitForToast } from './notifications';
import { QuickInput } from './quickInput';
import { collapse, expand, openViewAtSubscription, openWorkbench, screenshot, screenshotAtSize, screenshotOnFailure, treeRow, waitForDescription, waitForRow, type Workbench } from './workbench';

const dev = demoCatalog.devTest;
const devName = demoCatalog.subscriptions.find((s) => s.subscriptionId === dev.subscriptionId)!.displayName;

/** The percentage a replication notification shows ("Replicating 'x': 45%"). */
const percentOf = (text: string): number | undefined => {
  const match = /\b(\d+)%/.exec(text);
  return match ? Number(match[1]) : undefined;
};

describe('Actions from the context menu of the tree, as a person runs them in the browser', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let pane: Locator;
  let quickInput: QuickInput;

  /** The emulator's clock stands still in the UI tests: long-running work ends when a test moves it. */
  const advanceClock = (ms: number): void => workbench.demo.session.emulator.controls.clock.advance(ms);
  const requests = (method: string, path: RegExp): RequestLogEntry[] =>
    workbench.demo.session.emulator.controls.requestLog.filter((r) => r.method === method && path.test(r.path));

  before(async () => {
    workbench = await openWorkbench('actions');
    quickInput = new QuickInput(workbench.page);
    pane = await openViewAtSubscription(workbench, 'actions', devName);
  });

  afterEach(async function () {
    // A failed test may leave a menu, a QuickPick or a dialog open; the next test starts without it.
    if (this.currentTest?.state === 'failed') {
      for (let i = 0; i < 3; i++) await workbench?.page.keyboard.press('Escape');
    }
  });

  after(async () => {
    await workbench?.close();
  });

  it('creates a restore point of a VM, leaving out a data disk, and shows it Succeeded in the tree', async () => {
    const { page } = workbench;
    const sql = dev.sql01;
    const name = 'rp-sql-01-ui';
    await screenshotOnFailure(page, 'create', async () => {
      await expand(pane, sql.vm);
      await expand(pane, sql.collection);
      await runFromContextMenu(pane, sql.vm, commandTitle('restorePoints.createRestorePoint'));

      await quickInput.waitForStep('Restore point collection');
      await quickInput.pick(sql.collection);
      await quickInput.waitForStep('Restore point name');
      await quickInput.type(name);
      await quickInput.waitForStep('Consistency mode');
      await quickInput.pick('Application consistent');
      // sql-01 has Premium SSD v2 and Ultra disks: the wizard asks how long instant access lasts.
      await quickInput.waitForStep('Instant access duration');
      await quickInput.accept();

      await quickInput.waitForStep('Disks to exclude');
      const disks = await quickInput.entries();
      assert.strictEqual(disks.length, 1 + sql.dataDisks, `the OS disk and ${sql.dataDisks} data disks: ${JSON.stringify(disks)}`);
      for (const disk of disks) assert.match(disk.description, /\d+ GiB · \w+_[LZ]RS$/, `each disk shows its size and SKU: ${JSON.stringify(disk)}`);
      const os = disks.find((d) => d.description.startsWith('OS disk'));
      assert.match(os?.detail ?? '', /always in the restore point/, `the OS disk says why it cannot be excluded: ${JSON.stringify(os)}`);
      const excluded = disks.find((d) => d.description.startsWith('LUN 1 '))!.label;
      await quickInput.toggle(excluded);
      await quickInput.entry(excluded).and(page.locator('[aria-checked="true"]')).waitFor();
      // No hover over the list in the README's picture.
      await page.mouse.move(1200, 700);
      await page.locator('.monaco-hover:visible').first().waitFor({ state: 'detached' });
      await screenshot(page, 'exclude-disks', { around: [quickInput.widget, treeRow(pane, sql.collection)], toLeftTop: true, margin: 24 });
      await quickInput.ok();

      const summary = await waitForDialog(page);
      assert.strictEqual(summary.message, `Create restore point '${name}' of ${sql.vm}?`);
      assert.match(summary.detail, new RegExp(`Excluded disks: ${excluded}$`, 'm'), `the summary names the excluded disk: ${summary.detail}`);
      await clickDialogButton(summary, 'Create');

      await waitForToast(page, new RegExp(`Creating restore point '${name}' of ${sql.vm}`));
      await waitForDescription(pane, name, /Creating…$/);
      advanceClock(5_000);
      await waitForDescription(pane, name, /Succeeded$/);
      await waitForToast(page, new RegExp(`Restore point '${name}' created`));

      const puts = requests('PUT', new RegExp(`/restorePointCollections/${sql.collection}/restorePoints/${name}$`, 'i'));
      assert.strictEqual(puts.length, 1, 'one PUT created the restore point');
      const body = puts[0].body as { properties?: { excludeDisks?: { id: string }[] } };
      const ids = (body.properties?.excludeDisks ?? []).map((d) => d.id);
      assert.strictEqual(ids.length, 1, `one disk excluded: ${JSON.stringify(ids)}`);
      assert.match(ids[0], new RegExp(`/disks/${excluded}$`, 'i'), 'the PUT excluded the disk ticked in the list');
    });
  });

  it('copies a restore point to another region and follows its replication to 100 %', async () => {
    const { page } = workbench;
    const web = dev.web02;
    const source = web.restorePoints[0];
    const copy = `${source}-dr`;
    await screenshotOnFailure(page, 'copy', async () => {
      // The README's picture shows the copy in the tree next to its progress: a short tree and no
      // notification left from before keep both in view.
      await clearToasts(page);
      await collapse(pane, dev.sql01.vm);
      await expand(pane, web.vm);
      await expand(pane, web.collection);
      await expand(pane, dev.copies.collection);
      await runFromContextMenu(pane, source, commandTitle('restorePoints.copyRestorePoint'));

      await quickInput.waitForStep('Target region');
      await quickInput.filter('West US');
      await quickInput.pick('West US');
      await quickInput.waitForStep('Collection for the copy');
      await quickInput.pick(dev.copies.collection);
      await quickInput.waitForStep('Name of the copy');
      await quickInput.type(copy);

      const summary = await waitForDialog(page);
      assert.strictEqual(summary.message, `Copy restore point '${source}' from ${web.location} to ${dev.copies.location}?`);
      const shown = await recordToasts(page);
      await clickDialogButton(summary, 'Copy');

      await waitForToast(page, new RegExp(`Creating copy '${copy}' in ${dev.copies.location}`));
      advanceClock(5_000);
      // Replication takes about a minute of emulated time; each read shows the next percentage.
      const replicating = new RegExp(`Replicating '${copy}'.*\\b(\\d+)%`);
      let percent = percentOf(await waitForToast(page, replicating));
      let pictured = false;
      for (const step of [20_000, 20_000]) {
        advanceClock(step);
        // The next percentage, whatever it is: the test does not guess the emulator's rounding.
        percent = percentOf(await waitForToast(page, new RegExp(`Replicating '${copy}'.*\\b(?!${percent}%)\\d+%`)));
        if (!pictured && percent !== undefined && percent > 0 && percent < 100) {
          await waitForRow(pane, copy);
          await screenshotAtSize(page, 'replication-progress', { width: 1120, height: 630 });
          pictured = true;
        }
      }
      advanceClock(60_000);
      await waitForToast(page, new RegExp(`'${copy}' is copied`));

      const percents = (await shown.texts()).filter((t) => t.includes(`Replicating '${copy}'`)).map(percentOf).filter((p) => p !== undefined);
      assert.ok(pictured, `a percentage between 0 and 100 was shown: ${JSON.stringify(percents)}`);
      assert.deepStrictEqual([...percents].sort((a, b) => a - b), percents, `the percentage only rises: ${JSON.stringify(percents)}`);
      assert.strictEqual(percents[percents.length - 1], 100, `it ends at 100 %: ${JSON.stringify(percents)}`);
      assert.ok(new Set(percents.filter((p) => p < 100)).size >= 2, `at least two percentages before 100: ${JSON.stringify(percents)}`);
    });
  });

  it('deletes a restore point after the modal confirmation; dismissing the confirmation keeps it', async () => {
    const { page } = workbench;
    const web = dev.web01;
    const target = web.restorePoints.succeeded[0];
    const title = commandTitle('restorePoints.deleteRestorePoint');
    const deletes = (): RequestLogEntry[] => requests('DELETE', new RegExp(`/restorePoints/${target}$`, 'i'));
    await screenshotOnFailure(page, 'delete', async () => {
      await expand(pane, web.vm);
      await expand(pane, web.collection);

      await runFromContextMenu(pane, target, title);
      const dismissed = await waitForDialog(page);
      assert.strictEqual(dismissed.message, `Delete restore point '${target}' of collection '${web.collection}'?`);
      await dismissDialog(dismissed);
      await waitForRow(pane, target);
      assert.strictEqual(deletes().length, 0, 'dismissing the confirmation sends no DELETE');

      await runFromContextMenu(pane, target, title);
      const confirmation = await waitForDialog(page);
      assert.match(confirmation.detail, /cannot be undone/);
      await screenshot(page, 'delete-confirmation');
      await clickDialogButton(confirmation, 'Delete');
      await waitForToast(page, new RegExp(`Deleting restore point '${target}'`));
      advanceClock(5_000);
      await treeRow(pane, target).waitFor({ state: 'detached', timeout: 60_000 }).catch(() => {
        throw new Error(`The row "${target}" is still in the tree after its deletion`);
      });
      assert.strictEqual(deletes().length, 1, 'one DELETE, sent after the confirmation');
    });
  });
});
