import * as vscode from 'vscode';
import { describeArmError } from '../azure/actions/armError';
import { isUserCancelled } from './wizard/prompter';

function isCancellation(error: unknown): boolean {
  return (
    isUserCancelled(error) ||
    error instanceof vscode.CancellationError ||
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'Canceled'))
  );
}

/** ARM's code and message, whether the error came from a response, a pager or a long-running operation. */
export function armFailure(error: unknown): { code?: string; message: string } {
  const { code, message } = describeArmError(error);
  return { code: code === 'Error' ? undefined : code, message };
}

/**
 * Logs a failure and shows it with "Show details". Only code, status and message are logged: SDK
 * errors also carry the request, whose Authorization header must never reach a log.
 */
export function reportFailure(log: vscode.LogOutputChannel, what: string, error: unknown): void {
  const { code, message } = armFailure(error);
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  log.error(`${what}: ${code ? `${code}: ` : ''}${message}${typeof status === 'number' ? ` (HTTP ${status})` : ''}`);
  const details = vscode.l10n.t('Show details');
  void vscode.window.showErrorMessage(code ? `${code}: ${message}` : message, details).then((choice) => {
    if (choice === details) log.show(true);
  });
}

/** The one error wrapper of every command: a cancellation is silent, anything else is logged and shown. */
export function runCommand<A extends unknown[], R>(log: vscode.LogOutputChannel, id: string, fn: (...args: A) => Promise<R> | R): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (error) {
      if (isCancellation(error)) return undefined;
      reportFailure(log, id, error);
      return undefined;
    }
  };
}
