import type { Locator, Page } from 'playwright-core';
import { repoRoot } from '../runner/paths';
import { readLocalizedManifest } from '../support/manifest';
import { waitForRow, waitForTreeIdle } from './workbench';

interface ContributedCommand {
  command: string;
  title: string;
}

/** A command's title as the manifest gives it (in English, from package.nls.json): what the context menu shows. */
export function commandTitle(command: string): string {
  const manifest = readLocalizedManifest<{ contributes: { commands: ContributedCommand[] } }>(repoRoot);
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
    await closeContextMenu(page);
    await waitForTreeIdle(pane);
    await (await waitForRow(pane, label)).click({ button: 'right' });
    try {
      await menu.waitFor({ timeout: 10_000 });
      const item = menu.getByRole('menuitem', { name: title, exact: true });
      if ((await item.count()) === 0) {
        const shown = (await menu.getByRole('menuitem').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
        throw new MissingMenuItem(`The context menu of "${label}" has no "${title}" item; it shows: ${shown.join(', ')}`);
      }
      await clickMenuItem(menu, item);
      return;
    } catch (error) {
      // A redraw of the tree can close the menu under the pointer; then the person opens it again.
      if (error instanceof MissingMenuItem || attempt === 3) {
        await closeContextMenu(page);
        throw error;
      }
    }
  }
}

class MissingMenuItem extends Error {}

/**
 * VS Code's menu items listen for the mouse only from 100 ms after they are drawn, so a click that
 * came sooner is lost and the menu stays open: then the item is clicked again.
 */
async function clickMenuItem(menu: Locator, item: Locator): Promise<void> {
  await item.hover({ timeout: 10_000 });
  for (let click = 1; ; click++) {
    try {
      await item.click({ timeout: 10_000 });
    } catch (error) {
      // The menu closed while waiting to click again: the previous click was taken after all.
      if (click > 1 && !(await menu.isVisible())) return;
      throw error;
    }
    try {
      await menu.waitFor({ state: 'hidden', timeout: 3_000 });
      return;
    } catch (error) {
      if (click === 5) throw error;
    }
  }
}

/** Escape closes a context menu left open. */
async function closeContextMenu(page: Page): Promise<void> {
  const menu = page.locator('.context-view .monaco-menu');
  if (await menu.isVisible()) {
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
  }
}
