import * as vscode from 'vscode';

/** An error notification as the user saw it; answer() is the user clicking a button (or closing it). */
export interface ShownNotification {
  message: string;
  buttons: string[];
  answer(button?: string): void;
}

/**
 * Records the extension's error notifications instead of showing them: the extension host offers no
 * way to read the workbench's notifications, and the test must also be able to press their buttons.
 * The extension and these tests share one `vscode` API object, so replacing the function reaches
 * the extension's calls. restore() closes whatever is still open.
 */
export function captureErrorNotifications(): { shown: ShownNotification[]; restore(): void } {
  const window = vscode.window as { showErrorMessage: typeof vscode.window.showErrorMessage };
  const original = window.showErrorMessage;
  const shown: ShownNotification[] = [];
  const pending: ((value: undefined) => void)[] = [];
  window.showErrorMessage = ((message: string, ...rest: unknown[]) =>
    new Promise<string | undefined>((resolve) => {
      pending.push(resolve);
      shown.push({ message, buttons: rest.filter((r): r is string => typeof r === 'string'), answer: resolve });
    })) as typeof vscode.window.showErrorMessage;
  return {
    shown,
    restore: () => {
      window.showErrorMessage = original;
      for (const close of pending) close(undefined);
    },
  };
}
