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
  // The tests move the emulator's clock: the extension reads operations and replication every
  // 250 ms rather than every 2 s and 10 s, so what a move finishes shows within a moment.
  const demo = await startDemo({ manualClock: true, pollIntervalMs: 250, dataDir: path.join(cacheDir, `ui-${name}`) });
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

/** Waits for the row with this label; fails naming the rows the tree shows instead. */
export async function waitForRow(pane: Locator, label: string, timeout = 60_000): Promise<Locator> {
  const row = treeRow(pane, label);
  await row.waitFor({ timeout }).catch(async () => {
    throw new Error(`The tree shows no row "${label}"; its rows: ${(await treeRows(pane)).map((r) => r.label).join(', ')}`);
  });
  return row;
}

/**
 * Waits until the view has loaded what it was asked for (its progress bar has stopped): a row
 * clicked while the tree redraws itself may be replaced under the pointer.
 */
export async function waitForTreeIdle(pane: Locator, timeout = 60_000): Promise<void> {
  await pane.page().locator('.part.sidebar .monaco-progress-container.active').first().waitFor({ state: 'detached', timeout });
}

/** Clicks a collapsed row open; clicks again if a redraw of the tree swallowed the click. */
export async function expand(pane: Locator, label: string): Promise<void> {
  const expanded = treeRow(pane, label).and(pane.locator('[aria-expanded="true"]'));
  for (let attempt = 1; ; attempt++) {
    await waitForTreeIdle(pane);
    const row = await waitForRow(pane, label);
    if ((await expanded.count()) > 0) return;
    await row.click();
    try {
      await expanded.waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw new Error(`The row "${label}" did not expand after ${attempt} clicks: ${String(error)}`);
    }
  }
}

/** Clicks an expanded row closed. */
export async function collapse(pane: Locator, label: string): Promise<void> {
  await waitForTreeIdle(pane);
  const row = await waitForRow(pane, label);
  if ((await row.getAttribute('aria-expanded')) === 'true') await row.click();
  await treeRow(pane, label).and(pane.locator('[aria-expanded="false"]')).waitFor();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until a row's description matches, and returns it; fails naming what the row says instead. */
export async function waitForDescription(pane: Locator, label: string, expected: RegExp, timeout = 60_000): Promise<string> {
  const row = treeRow(pane, label);
  try {
    await row.locator('.label-description', { hasText: expected }).waitFor({ timeout });
  } catch {
    const shown = (await treeRows(pane)).find((r) => r.label === label);
    throw new Error(`The row "${label}" should read ${String(expected)}; ${shown ? `it reads "${shown.description}"` : 'it is not in the tree'}`);
  }
  return (await row.locator('.label-description').innerText()).trim();
}

/** The part of the page a screenshot keeps: the box around some elements, grown by a margin and kept on the page. */
export interface ScreenshotArea {
  around: Locator[];
  margin?: number;
  /** Stretch the area to the page's left/top or right/bottom edge. */
  toLeftTop?: boolean;
  toRightBottom?: boolean;
}

/** Saves a screenshot a person can check after the run (test-results/ is git-ignored). */
export async function screenshot(page: Page, name: string, area?: ScreenshotArea): Promise<string> {
  const file = path.join(resultsDir, 'ui', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, clip: area ? await clipOf(page, area) : undefined });
  return file;
}

/**
 * A screenshot of the whole workbench laid out in a smaller window, so that a picture shown at a
 * README's width stays legible; the window gets its size back afterwards.
 */
export async function screenshotAtSize(page: Page, name: string, size: { width: number; height: number }): Promise<string> {
  const before = page.viewportSize()!;
  await page.setViewportSize(size);
  try {
    // The workbench lays itself out again after the resize event.
    await page.waitForFunction((el) => el?.getBoundingClientRect().width === el?.ownerDocument.defaultView?.innerWidth, await page.locator('.monaco-workbench').elementHandle());
    return await screenshot(page, name);
  } finally {
    await page.setViewportSize(before);
  }
}

async function clipOf(page: Page, area: ScreenshotArea): Promise<{ x: number; y: number; width: number; height: number }> {
  const boxes = (await Promise.all(area.around.map((l) => l.boundingBox()))).filter((b) => b !== null);
  const viewport = page.viewportSize()!;
  if (boxes.length === 0) return { x: 0, y: 0, ...viewport };
  const margin = area.margin ?? 16;
  const left = area.toLeftTop ? 0 : Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const top = area.toLeftTop ? 0 : Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = area.toRightBottom ? viewport.width : Math.min(viewport.width, Math.max(...boxes.map((b) => b.x + b.width)) + margin);
  const bottom = area.toRightBottom ? viewport.height : Math.min(viewport.height, Math.max(...boxes.map((b) => b.y + b.height)) + margin);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Runs a test's steps; when they fail, saves `<name>-failure.png` of what the workbench showed
 * before the error goes on to mocha.
 */
export async function screenshotOnFailure<T>(page: Page, name: string, steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (error) {
    await screenshot(page, `${name}-failure`).catch(() => undefined);
    throw error;
  }
}

/**
 * Opens the Restore Points view and expands a subscription, where most UI tests start; saves
 * `<name>-start-failure.png` when it cannot.
 */
export function openViewAtSubscription(workbench: Workbench, name: string, subscription: string): Promise<Locator> {
  return screenshotOnFailure(workbench.page, `${name}-start`, async () => {
    const pane = await openRestorePointsView(workbench.page);
    await waitForRow(pane, subscription);
    await expand(pane, subscription);
    return pane;
  });
}
