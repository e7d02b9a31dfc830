import type { Locator, Page } from 'playwright-core';

/** What a modal dialog (a `showWarningMessage` with `modal: true`) says and offers. */
export interface ModalDialog {
  readonly box: Locator;
  message: string;
  detail: string;
  buttons: string[];
}

/** Waits for the workbench's modal dialog and reads it. */
export async function waitForDialog(page: Page, timeout = 60_000): Promise<ModalDialog> {
  const box = page.locator('.monaco-dialog-box');
  await box.waitFor({ timeout }).catch(() => {
    throw new Error('No modal dialog appeared.');
  });
  return {
    box,
    message: (await box.locator('.dialog-message-text').innerText()).trim(),
    detail: (await box.locator('.dialog-message-detail').innerText().catch(() => '')).trim(),
    buttons: (await box.locator('.dialog-buttons .monaco-button').allInnerTexts()).map((b) => b.trim()),
  };
}

/** Clicks one of the dialog's buttons by its text and waits for the dialog to close. */
export async function clickDialogButton(dialog: ModalDialog, label: string): Promise<void> {
  const button = dialog.box.locator('.dialog-buttons .monaco-button', { hasText: new RegExp(`^${label}$`) });
  if ((await button.count()) === 0) {
    throw new Error(`The dialog "${dialog.message}" has no "${label}" button; it offers: ${dialog.buttons.join(', ')}`);
  }
  await button.click();
  await dialog.box.waitFor({ state: 'detached' });
}

/** Escape: the way a person dismisses a dialog without choosing. */
export async function dismissDialog(dialog: ModalDialog): Promise<void> {
  await dialog.box.page().keyboard.press('Escape');
  await dialog.box.waitFor({ state: 'detached' });
}
