import * as assert from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'restore-points-dev.vscode-restore-points';

describe('extension in a real VS Code', () => {
  it('runs in the VS Code version the extension declares', () => {
    assert.match(vscode.version, /^1\.100\./);
  });

  it('activates once VS Code has started, before its view opens, without loading the Azure SDK', async () => {
    // Activation at startup is what brings back operations a reloaded window left running
    // (commands/operations/resumeOperations.ts); it must stay cheap: the SDK loads on first use.
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension under development is loaded');
    await waitFor(() => extension.isActive, 'the extension to activate when startup finished');
    await new Promise((r) => setTimeout(r, 500));
    const sdkLoaded = Object.keys(require.cache).filter((file) => /[\\/]dist[\\/]azure\.js$/.test(file));
    assert.deepStrictEqual(sdkLoaded, [], 'activation with nothing to resume and no view open loads no Azure SDK');
    await vscode.commands.executeCommand('workbench.view.extension.restorePoints');
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
