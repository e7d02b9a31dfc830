import * as assert from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'restore-points-dev.vscode-restore-points';

describe('extension in a real VS Code', () => {
  it('runs in the VS Code version the extension declares', () => {
    assert.match(vscode.version, /^1\.100\./);
  });

  it('activates when its view is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension under development is loaded');
    assert.strictEqual(extension.isActive, false, 'nothing activates it before its view or a command');
    await vscode.commands.executeCommand('workbench.view.extension.restorePoints');
    await waitFor(() => extension.isActive, 'the extension to activate after opening its view');
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('restorePoints.refresh'));
  });
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) {
      assert.fail(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
