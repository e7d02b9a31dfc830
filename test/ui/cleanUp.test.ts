import * as assert from 'node:assert';
import type { Locator } from 'playwright-core';
import { demoCatalog } from '../../src/emulator';
import { commandTitle, runFromContextMenu } from './contextMenu';
import { QuickInput } from './quickInput';
import { openViewAtSubscription, openWorkbench, screenshotAtSize, screenshotOnFailure, type Workbench } from './workbench';

const dev = demoCatalog.devTest;
const devName = demoCatalog.subscriptions.find((s) => s.subscriptionId === dev.subscriptionId)!.displayName;

describe('Clean Up Restore Points… from the context menu, as a person runs it in the browser', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let pane: Locator;

  before(async () => {
    workbench = await openWorkbench('clean-up');
    pane = await openViewAtSubscription(workbench, 'clean-up', devName);
  });

  after(async () => {
    await workbench?.close();
  });

  it('shows the dry run beside the typed confirmation, then deletes what it listed', async () => {
    const { page } = workbench;
    const quickInput = new QuickInput(page);
    const emulator = workbench.demo.session.emulator.controls;
    await screenshotOnFailure(page, 'clean-up', async () => {
      await runFromContextMenu(pane, dev.web01.vm, commandTitle('restorePoints.cleanUpRestorePoints'));
      await quickInput.waitForStep('Keep how many');
      await quickInput.type('1');
      await quickInput.waitForStep('older than how many days');
      await quickInput.type('1');
      await quickInput.waitForStep('Failed restore points');
      await quickInput.pick('Delete failed restore points');

      // web-01: three restore points succeeded (72, 48, 24 hours old), one failed, one still creating.
      await page.locator('.editor-instance .view-lines').filter({ hasText: /Total:\s3\sto\sdelete,\s2\sto\skeep/ }).waitFor({ timeout: 60_000 });
      await quickInput.waitForStep("Type '3' to confirm");
      await screenshotAtSize(page, 'clean-up-dry-run', { width: 1366, height: 768 });
      await quickInput.type('3');

      // Deletes end as the emulator's clock moves on.
      const done = page.locator('.notifications-toasts .notification-list-item-message', { hasText: 'Clean-up: 3 deleted, 0 failed, 0 skipped.' });
      for (let i = 0; i < 120 && !(await done.count()); i++) {
        emulator.clock.advance(2_000);
        await page.waitForTimeout(250);
      }
      await done.waitFor({ timeout: 5_000 });
      const deleted = emulator.requestLog.filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').pop()).sort();
      assert.deepStrictEqual(deleted, ['rp-web-01-001', 'rp-web-01-002', 'rp-web-01-failed']);
    });
  });
});
