import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { repoRoot } from '../runner/paths';
import { waitForRow, waitForTreeIdle } from './workbench';

interface ContributedCommand {
  command: string;
  title: string;
}

/** A command's title as the manifest gives it: what the context menu shows. */
export function commandTitle(command: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { commands: ContributedCommand[] } };
  const found = manifest.contributes.commands.find((c) => c.command === command);
  if (!found) throw new Error(`package.json contributes no command ${command}`);
  return found.title;
}

/**
 * Right-clicks a tree row and clicks the context menu item with this title. Fails naming the items
 * the menu does show when the item is missing (its `when` clause does not match the row).
 */
export async function runFromContextMenu(pane: Locator, label: string, title: string): Promise<void> {
  const page = pane.page();
  const menu = page.locator('.context-view .monaco-menu');
  for (let attempt = 1; ; attempt++) {
    await waitForTreeIdle(pane);
    const row = await waitForRow(pane, label);
    await row.click({ button: 'right' });
    await menu.waitFor({ timeout: 30_000 });
    const item = menu.getByRole('menuitem', { name: title, exact: true });
    if ((await item.count()) === 0) {
      const shown = (await menu.getByRole('menuitem').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
      await page.keyboard.press('Escape');
      throw new Error(`The context menu of "${label}" has no "${title}" item; it shows: ${shown.join(', ')}`);
    }
    try {
      // A redraw of the tree closes the menu; then the person opens it again.
      await item.click({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw new Error(`Could not click "${title}" in the context menu of "${label}": ${String(error)}`);
    }
  }
}
