import * as assert from 'node:assert';
import type { FrameLocator, Locator } from 'playwright-core';
import { demoCatalog } from '../../src/emulator';
import { commandTitle } from './contextMenu';
import { QuickInput } from './quickInput';
import { openViewAtSubscription, openWorkbench, screenshotAtSize, screenshotOnFailure, treeRow, type Workbench } from './workbench';

const dev = demoCatalog.devTest;
const devName = demoCatalog.subscriptions.find((s) => s.subscriptionId === dev.subscriptionId)!.displayName;

/** The report page: VS Code draws a webview in an iframe holding another, the page's own. */
const reportPage = (workbench: Workbench): FrameLocator => workbench.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

describe('Restore point coverage, as a person opens it in the browser', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let pane: Locator;

  before(async () => {
    workbench = await openWorkbench('coverage');
    pane = await openViewAtSubscription(workbench, 'coverage', devName);
  });

  after(async () => {
    await workbench?.close();
  });

  it('opens from the view title with every VM flagged, sorts the flagged first, and reveals a VM in the tree when its name is clicked', async () => {
    const { page } = workbench;
    await screenshotOnFailure(page, 'coverage', async () => {
      // The view's title bar (the only view of its container, so its actions are the sidebar's).
      await page.locator('.part.sidebar').getByRole('button', { name: commandTitle('restorePoints.showCoverage'), exact: true }).click();
      const report = reportPage(workbench);
      const rows = report.locator('#rows tbody tr');
      await rows.first().waitFor({ timeout: 90_000 });
      // 300 Production VMs, four in Dev/Test, two in the Sandbox (Finance cannot be read); the first 500 rows are drawn.
      await report.locator('#counts', { hasText: '306 of 306 VMs' }).waitFor();
      // Flagged first: the two without a restore point, then the thirteen whose newest failed.
      const firstFlags = await rows.locator('td.flags').evaluateAll((cells) => cells.slice(0, 15).map((c) => c.textContent));
      assert.deepStrictEqual(firstFlags, [...Array(2).fill('no restore point'), ...Array(13).fill('newest failed')]);
      assert.deepStrictEqual((await rows.locator('td:nth-child(2)').allInnerTexts()).slice(0, 2).sort(), [dev.cache01.vm, demoCatalog.sandbox.lab02.vm].sort());
      assert.strictEqual(await report.locator('.histogram .row').count(), 7, 'six age ranges and "none"');
      // The report alone, as wide as the window: the sidebar is hidden for the picture and shown again.
      await page.getByRole('tab', { name: /Restore Point Coverage/ }).click();
      await page.keyboard.press('Control+B');
      await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
      await screenshotAtSize(page, 'coverage', { width: 1366, height: 768 });
      await page.keyboard.press('Control+B');
      await page.locator('.part.sidebar').waitFor();

      await report.locator('#filter').fill('web-0');
      await report.locator('#counts', { hasText: '2 of 306 VMs' }).waitFor();
      await report.getByRole('link', { name: dev.web02.vm, exact: true }).click();
      await treeRow(pane, dev.web02.vm).and(pane.locator('[aria-selected="true"]')).waitFor({ timeout: 30_000 });
    });
  });

  it('takes the selected rows to Clean Up Restore Points…, which asks its rules for just their collections', async () => {
    const { page } = workbench;
    const quickInput = new QuickInput(page);
    await screenshotOnFailure(page, 'coverage-clean-up', async () => {
      const report = reportPage(workbench);
      await page.getByRole('tab', { name: /Restore Point Coverage/ }).click();
      const web01 = report.locator('#rows tbody tr', { has: report.getByRole('link', { name: dev.web01.vm, exact: true }) });
      await web01.locator('input[type="checkbox"]').check();
      await report.locator('#counts', { hasText: '1 selected' }).waitFor();
      await report.getByRole('button', { name: commandTitle('restorePoints.cleanUpRestorePoints') }).click();
      await quickInput.waitForStep('Keep how many');
      await page.keyboard.press('Escape');
    });
  });
});
