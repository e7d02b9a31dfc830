import * as assert from 'node:assert';
import type { Locator } from 'playwright-core';
import { demoCatalog } from '../../src/emulator';
import { commandTitle, runFromContextMenu } from './contextMenu';
import { clickDialogButton, waitForDialog } from './dialog';
import { clearToasts, waitForToast } from './notifications';
import { QuickInput } from './quickInput';
import { expand, openViewAtSubscription, openWorkbench, screenshot, screenshotOnFailure, waitForRow, type Workbench } from './workbench';

const dev = demoCatalog.devTest;
const web = dev.web02;
const devName = demoCatalog.subscriptions.find((s) => s.subscriptionId === dev.subscriptionId)!.displayName;

describe('Restore as New VM from the context menu of a restore point, in the browser', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let pane: Locator;

  before(async () => {
    workbench = await openWorkbench('restore-vm');
    pane = await openViewAtSubscription(workbench, 'restore-vm', devName);
  });

  after(async () => {
    await workbench?.close();
  });

  it('answers each step, confirms the summary, follows the steps in one notification and shows the new VM in the tree', async () => {
    const { page } = workbench;
    const quickInput = new QuickInput(page);
    const name = 'web-02-ui';
    await screenshotOnFailure(page, 'restore-vm', async () => {
      await clearToasts(page);
      await expand(pane, web.vm);
      await expand(pane, web.collection);
      await runFromContextMenu(pane, web.restorePoints[0], commandTitle('restorePoints.restoreAsNewVm'));

      await quickInput.waitForStep('Resource group of the new VM');
      await quickInput.pick(web.resourceGroup);
      await quickInput.waitForStep('Name of the new virtual machine');
      await quickInput.type(name);
      await quickInput.waitForStep('Network of the new VM');
      await quickInput.accept();
      await quickInput.waitForStep('Public IP address');
      await quickInput.accept();
      await quickInput.waitForStep('Size of the new VM');
      await quickInput.accept();
      await quickInput.waitForStep('Disk type of the OS disk');
      await quickInput.accept();
      await quickInput.waitForStep('Disk type of the data disk');
      await quickInput.accept();

      const summary = await waitForDialog(page);
      assert.strictEqual(summary.message, `Create VM '${name}' from restore point '${web.restorePoints[0]}'?`);
      for (const resource of [`${name}-osdisk`, `${name}-datadisk-0`, `${name}-nic`, `${name}-vnet`]) assert.match(summary.detail, new RegExp(`'${resource}'`), `the summary names ${resource}`);
      await clickDialogButton(summary, 'Create VM');

      // The emulator's clock stands still in the UI tests: each move lets the next step end.
      const emulator = workbench.demo.session.emulator.controls;
      await waitForToast(page, new RegExp(`Restoring '${name}' as a new VM`));
      const created = waitForToast(page, new RegExp(`VM '${name}' created from restore point`), 90_000);
      let done = false;
      void created.then(() => (done = true));
      while (!done) {
        emulator.clock.advance(5_000);
        await page.waitForTimeout(500);
      }
      await created;
      const row = await waitForRow(pane, name);
      await row.click();
      await page.mouse.move(1200, 700);
      await screenshot(page, 'restore-vm');
      const vmPuts = emulator.requestLog.filter((r) => r.method === 'PUT' && new RegExp(`/virtualMachines/${name}$`, 'i').test(r.path));
      assert.strictEqual(vmPuts.length, 1, 'one PUT created the VM');
    });
  });
});
