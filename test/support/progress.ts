import * as vscode from 'vscode';

export interface CapturedProgress {
  title?: string;
  messages: string[];
  /** The user pressing the notification's Cancel button. */
  cancel(): void;
}

/**
 * Records the extension's progress notifications and lets a test press their Cancel button. As
 * with captureErrorNotifications, the extension and the tests share one `vscode` API object; the
 * notification is still shown, with the real progress, but its token is the test's.
 */
export function captureProgress(): { shown: CapturedProgress[]; restore(): void } {
  const window = vscode.window as { withProgress: typeof vscode.window.withProgress };
  const original = window.withProgress;
  const shown: CapturedProgress[] = [];
  window.withProgress = ((options: vscode.ProgressOptions, task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<unknown>) => {
    const source = new vscode.CancellationTokenSource();
    const captured: CapturedProgress = { title: options.title, messages: [], cancel: () => source.cancel() };
    shown.push(captured);
    return original(options, (progress, token) => {
      token.onCancellationRequested(() => source.cancel());
      return task({ report: (value) => { if (value.message) captured.messages.push(value.message); progress.report(value); } }, source.token);
    });
  }) as typeof vscode.window.withProgress;
  return { shown, restore: () => (window.withProgress = original) };
}
