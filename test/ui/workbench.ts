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
  return pane;
}

/** Saves a screenshot a person can check after the run (test-results/ is git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(resultsDir, 'ui', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}
