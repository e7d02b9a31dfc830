import * as assert from 'node:assert';
import type { Locator, Page } from 'playwright-core';
import { demoCatalog } from '../../src/emulator';
import { expand, openRestorePointsView, openWorkbench, screenshot, treeRow, type Workbench } from './workbench';

const dev = demoCatalog.devTest;
const devName = demoCatalog.subscriptions.find((s) => s.subscriptionId === dev.subscriptionId)!.displayName;
const COPY = 'rp-ui-resumed';

/** The text of every notification toast on screen (a progress notification reads "title: message"). */
function toasts(page: Page): Locator {
  return page.locator('.notifications-toasts .notification-list-item-message');
}

/** Waits for a toast whose text matches, and returns that text. */
async function toastMatching(page: Page, pattern: RegExp, timeout = 60_000): Promise<string> {
  const toast = toasts(page).filter({ hasText: pattern }).first();
  await toast.waitFor({ timeout });
  return (await toast.textContent()) ?? '';
}

/** The replication percentage a "Replicating 'name': N%" toast shows once it reaches at least `atLeast`. */
async function replicationToast(page: Page, atLeast: number, timeoutMs = 60_000): Promise<number> {
  const pattern = new RegExp(`Replicating '${COPY}': (\\d+)%`);
  const end = Date.now() + timeoutMs;
  for (;;) {
    const shown = (await toasts(page).allTextContents()).map((t) => Number(pattern.exec(t)?.[1] ?? -1)).filter((p) => p >= atLeast);
    if (shown.length) return shown[0];
    if (Date.now() > end) assert.fail(`no "Replicating '${COPY}'" notification at ${atLeast}% or more; shown: ${JSON.stringify(await toasts(page).allTextContents())}`);
    await page.waitForTimeout(250);
  }
}

/**
 * Chooses an item of the open context menu. The workbench ignores a click that comes right after
 * the menu opened (the right button's release must not choose anything), so the item, still
 * highlighted, is chosen with Enter when the menu is still there.
 */
async function chooseFromContextMenu(page: Page, label: string): Promise<void> {
  const menu = page.locator('.monaco-menu');
  const item = menu.locator('.action-label', { hasText: label });
  await item.click();
  const closed = await menu.waitFor({ state: 'detached', timeout: 3_000 }).then(
    () => true,
    () => false,
  );
  if (!closed) {
    await item.hover();
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
  }
}

/** Picks an item of the open quick pick once it has loaded (a busy quick pick ignores Enter). */
async function pick(page: Page, label: string): Promise<void> {
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: label }).first();
  await row.waitFor();
  await row.click();
}

describe('a window reload in the middle of a cross-region copy', function () {
  this.timeout(300_000);
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench('resume');
  });

  after(async () => {
    await workbench?.close();
  });

  const advanceClock = (ms: number): void => workbench.demo.session.emulator.controls.clock.advance(ms);

  it('brings back the replication notification and status bar after the reload, and follows the copy to completion', async () => {
    const { page } = workbench;
    try {
      const pane = await openRestorePointsView(page);
      await treeRow(pane, devName).waitFor({ timeout: 60_000 });
      await expand(pane, devName);
      await expand(pane, dev.web02.vm);
      await expand(pane, dev.copies.collection);
      await expand(pane, dev.web02.collection);

      // Right-click → Copy to Region… → West US → the existing copy collection → name → Copy.
      await treeRow(pane, dev.web02.restorePoints[0]).click({ button: 'right' });
      await chooseFromContextMenu(page, 'Copy to Region…');
      await pick(page, 'West US');
      await pick(page, dev.copies.collection);
      await page.locator('.quick-input-widget .quick-input-message', { hasText: 'Name of the copy' }).waitFor();
      const name = page.locator('.quick-input-widget .quick-input-box input');
      await name.fill(COPY);
      await name.press('Enter');
      await page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Copy$/ }).click();

      // The emulator's clock stands still: the copy is created, then a third of it replicates.
      await toastMatching(page, new RegExp(`Creating copy '${COPY}' in westus`));
      advanceClock(5_000);
      await replicationToast(page, 0);
      advanceClock(20_000);
      const before = await replicationToast(page, 20);
      const row = treeRow(pane, COPY);
      await row.locator('.label-description', { hasText: /Replicating \d+%/ }).waitFor();
      await screenshot(page, 'resume-before-reload');

      // A new extension host: only the window's workspace state remembers the copy.
      await page.reload();
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      const resumed = await replicationToast(page, before);
      assert.ok(resumed >= before && resumed < 100, `the notification is back at ${resumed}% (${before}% before the reload)`);
      await page.locator('.statusbar-item', { hasText: new RegExp(`${COPY} \\d+%`) }).waitFor();
      // The view comes back as it was left (clicking its icon again would close it); the copy is marked as replicating.
      const reloaded = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /Virtual Machines/i }) });
      for (const label of [devName, dev.web02.vm, dev.copies.collection]) await expand(reloaded, label);
      await treeRow(reloaded, COPY).locator('.label-description', { hasText: /Replicating \d+%/ }).waitFor();
      await screenshot(page, 'resume-after-reload');

      advanceClock(60_000);
      await toastMatching(page, new RegExp(`'${COPY}' is copied\\.`));
      await page.locator('.statusbar-item', { hasText: new RegExp(`${COPY} \\d+%`) }).waitFor({ state: 'detached' });
      assert.strictEqual(await toasts(page).filter({ hasText: `Replicating '${COPY}'` }).count(), 0, 'the progress notification has closed');
      await screenshot(page, 'resume-done');
    } catch (error) {
      await screenshot(page, 'resume-failure');
      throw error;
    }
  });
});
