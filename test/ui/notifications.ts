import type { Page } from 'playwright-core';

const TOAST_MESSAGE = '.notifications-toasts .notification-toast .notification-list-item-message';

/** Waits for a notification toast whose message matches, and returns that message. */
export async function waitForToast(page: Page, text: RegExp, timeout = 60_000): Promise<string> {
  const message = page.locator(TOAST_MESSAGE, { hasText: text }).first();
  await message.waitFor({ timeout }).catch(async () => {
    throw new Error(`No notification matching ${String(text)}; the notifications show: ${JSON.stringify(await toastTexts(page))}`);
  });
  return (await message.innerText()).trim();
}

/** The text of every notification toast on screen. */
export function toastTexts(page: Page): Promise<string[]> {
  return page.locator(TOAST_MESSAGE).allInnerTexts();
}

/** The few browser globals the recorder uses (this project type-checks without the DOM library). */
interface RecorderGlobals {
  document: { querySelector(selector: string): unknown; querySelectorAll(selector: string): Iterable<{ textContent: string | null }>; body: unknown };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
  toastTexts: string[];
}

/**
 * Records every text the notification toasts show from now on, including one that shows only for
 * a moment (a progress notification's last percentage before it closes).
 */
export async function recordToasts(page: Page): Promise<{ texts(): Promise<string[]> }> {
  await page.evaluate((selector) => {
    const browser = globalThis as unknown as RecorderGlobals;
    const seen: string[] = [];
    browser.toastTexts = seen;
    const read = (): void => {
      for (const el of browser.document.querySelectorAll(selector)) {
        const text = el.textContent?.trim();
        if (text && !seen.includes(text)) seen.push(text);
      }
    };
    read();
    // The toasts' container lives as long as the workbench; watching it alone keeps this cheap.
    const container = browser.document.querySelector('.notifications-toasts') ?? browser.document.body;
    new browser.MutationObserver(read).observe(container, { subtree: true, childList: true, characterData: true });
  }, TOAST_MESSAGE);
  return { texts: () => page.evaluate(() => [...(globalThis as unknown as RecorderGlobals).toastTexts]) };
}

/** Closes every notification toast with its own close button, as a person tidies up before the next step. */
export async function clearToasts(page: Page): Promise<void> {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  for (let count = await toasts.count(); count > 0; count = await toasts.count()) {
    const toast = toasts.first();
    // The close button shows when the pointer is over the toast.
    await toast.hover();
    await toast.locator('.codicon-notifications-clear').click();
    await toasts.nth(count - 1).waitFor({ state: 'detached' });
  }
}
