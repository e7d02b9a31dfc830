import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { demoCatalog } from '../../src/emulator';
import { commandTitle, runFromContextMenu } from './contextMenu';
import { waitForToast } from './notifications';
import { QuickInput } from './quickInput';
import { expand, openRestorePointsView, openWorkbench, screenshotAtSize, screenshotOnFailure, waitForRow, type Workbench } from './workbench';

const dev = demoCatalog.devTest;
const devName = demoCatalog.subscriptions.find((s) => s.subscriptionId === dev.subscriptionId)!.displayName;

describe('Download VHD from the context menu, as a person runs it in the browser', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let pane: Locator;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-export-'));

  before(async () => {
    workbench = await openWorkbench('export');
    pane = await openRestorePointsView(workbench.page);
    await waitForRow(pane, devName);
  });

  after(async () => {
    await workbench?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the download in a notification with bytes, rate and time left, and revokes the access when cancelled', async () => {
    const { page } = workbench;
    const controls = workbench.demo.session.emulator.controls;
    const rp = [...controls.store.restorePoints.values()].find((r) => r.name === dev.web02.restorePoints[0])!;
    // The tree names a disk restore point after its disk, without the id ARM appends.
    const label = rp.diskRestorePoints[0].name.replace(/_[0-9a-f]{8}-[0-9a-f-]{27}$/i, '');
    // Every blob read waits, so the download is still going when the picture is taken.
    controls.injectFault({ pathPattern: '^/md-impexp-', method: 'GET', delayMs: 1_500 });
    await screenshotOnFailure(page, 'download-vhd', async () => {
      for (const row of [devName, dev.web02.vm, dev.web02.collection, rp.name]) await expand(pane, row);
      await runFromContextMenu(pane, label, commandTitle('restorePoints.downloadVhd'));
      const quickInput = new QuickInput(page);
      // The save dialog of a remote window is VS Code's own path box.
      await quickInput.saveAs(path.join(dir, `${label}.vhd`), `Save ${label}.vhd`);
      await quickInput.waitForStep('How long may the access last?');
      await quickInput.accept();
      // The grant is a long-running operation on the emulator's still clock.
      const clock = setInterval(() => controls.clock.advance(2_000), 300);
      try {
        await waitForToast(page, /Downloading '.*'[\s\S]*MiB of \d+(\.\d)? MiB · .*\/s/);
      } finally {
        clearInterval(clock);
      }
      await screenshotAtSize(page, 'download-progress', { width: 1120, height: 630 });
      await page.locator('.notification-toast', { hasText: /Downloading/ }).locator('.monaco-button', { hasText: /^Cancel$/ }).click();
      const revoked = async (): Promise<boolean> => controls.requestLog.some((r) => r.method === 'POST' && /endGetAccess$/i.test(r.path));
      const clockAgain = setInterval(() => controls.clock.advance(2_000), 300);
      try {
        for (let i = 0; i < 100 && !(await revoked()); i++) await new Promise((r) => setTimeout(r, 200));
      } finally {
        clearInterval(clockAgain);
      }
      assert.ok(await revoked(), 'access revoked after Cancel');
      assert.ok(fs.existsSync(`${path.join(dir, `${label}.vhd`)}.download.json`), 'what was finished is kept for a resume');
    });
  });
});
