import * as assert from 'node:assert';
import { openRestorePointsView, openWorkbench, screenshot, type Workbench } from './workbench';

describe('npm start in the browser', function () {
  this.timeout(180_000);
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench('start');
  });

  after(async () => {
    await workbench?.close();
  });

  it('serves a workbench with the Restore Points view in the activity bar', async () => {
    const pane = await openRestorePointsView(workbench.page);
    assert.ok(await pane.isVisible(), 'the Virtual Machines view is shown');
    await screenshot(workbench.page, 'start-view');
  });
});
