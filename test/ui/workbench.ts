import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from '../runner/chromium';
import { startDemo, type RunningDemo } from '../runner/demo';
import { cacheDir, resultsDir } from '../runner/paths';

/** The real workbench in headless Chromium, loaded from the same URL `npm start` prints. */
export interface Workbench {
  readonly demo: RunningDemo;
  readonly page: Page;
  close(): Promise<void>;
}

export async function openWorkbench(name: string): Promise<Workbench> {
  const demo = await startDemo({ manualClock: true, dataDir: path.join(cacheDir, `ui-${name}`) });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(demo.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const opened = browser;
    return {
      demo,
      page,
      close: async () => {
        await opened.close().catch(() => undefined);
        await demo.stop();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await demo.stop();
    throw error;
  }
}

/** Clicks the "Restore Points" icon in the activity bar and returns its view pane. */
export async function openRestorePointsView(page: Page): Promise<Locator> {
  await page.locator('.activitybar a[aria-label^="Restore Points"]').click();
  const pane = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /Virtual Machines/i }) });
  await pane.waitFor();
  // Wider than the default sidebar, so descriptions are readable in screenshots: drag its edge.
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (sidebar) {
    const edge = { x: sidebar.x + sidebar.width - 1, y: sidebar.y + sidebar.height / 2 };
    await page.mouse.move(edge.x, edge.y);
    await page.mouse.down();
    await page.mouse.move(660, edge.y, { steps: 8 });
    await page.mouse.up();
  }
  return pane;
}

/** A row of the Restore Points tree, found by its label as a person reads it. */
export function treeRow(pane: Locator, label: string): Locator {
  return pane.locator('.monaco-list-row').filter({ has: pane.page().locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
}

/** Every visible row of the tree: label and description, top to bottom. */
export async function treeRows(pane: Locator): Promise<{ label: string; description: string }[]> {
  return pane.locator('.monaco-list-row').evaluateAll((rows) =>
    rows.map((row) => ({
      label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
    })),
  );
}

/** Clicks a collapsed row open and waits for its first child to appear below it. */
export async function expand(pane: Locator, label: string): Promise<void> {
  const row = treeRow(pane, label);
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) !== 'true') {
    await row.click();
  }
  await pane.page().waitForFunction(
    (el) => el?.getAttribute('aria-expanded') === 'true',
    await row.elementHandle(),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Saves a screenshot a person can check after the run (test-results/ is git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(resultsDir, 'ui', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}
