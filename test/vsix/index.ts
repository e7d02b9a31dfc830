import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * Test entry for the packaged extension: VS Code runs it with the .vsix installed and no extension
 * under development, so what activates here is exactly what a user installs.
 */
export async function run(): Promise<void> {
  let failures = 0;
  try {
    const extension = vscode.extensions.getExtension('restore-points-dev.vscode-restore-points');
    assert.ok(extension, 'the installed .vsix is loaded');
    // The repository has src/; the installed package must not.
    assert.ok(!fs.existsSync(path.join(extension.extensionPath, 'src')), `runs from the installed copy, not ${extension.extensionPath}`);
    await vscode.commands.executeCommand('workbench.view.extension.restorePoints');
    const end = Date.now() + 15_000;
    while (!extension.isActive && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(extension.isActive, 'the installed extension activates when its view opens');
    // An installed extension runs in ExtensionMode.Production: it offers no API, so another
    // extension can neither answer the wizards (and skip a delete confirmation), nor record or
    // remove operations in its journal, nor reach its ARM clients through the tree's nodes.
    assert.equal(extension.exports, undefined, `the installed extension offers no API, yet exports ${JSON.stringify(Object.keys(extension.exports ?? {}))}`);
    // The manifest's %key% strings resolve from the package.nls.json the .vsix carries.
    const manifest = extension.packageJSON as { displayName: string; contributes: { commands: { title: string }[] } };
    for (const text of [manifest.displayName, ...manifest.contributes.commands.map((c) => c.title)]) {
      assert.doesNotMatch(text, /^%.*%$/, 'a manifest string left unresolved');
    }
    console.log(`installed .vsix activated from ${extension.extensionPath}, without an API`);
  } catch (error) {
    failures = 1;
    console.error(error);
  }
  const resultsFile = process.env.RESTORE_POINTS_TEST_RESULTS;
  if (resultsFile) {
    fs.writeFileSync(resultsFile, JSON.stringify({ passes: 1 - failures, failures }));
  }
  if (failures) {
    throw new Error('the installed .vsix did not activate');
  }
}
