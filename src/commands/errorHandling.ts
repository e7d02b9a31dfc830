import * as vscode from 'vscode';
import { describeArmError } from '../azure/actions/armError';
import { promptSignInAgain } from '../azure/auth/signInAgain';
import { armRequestIds, formatRequestIds, isTokenRejected, statusCode } from '../azure/errors';
import { redact } from '../azure/logging';
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
 * Logs a failure and shows it with "Show details", which opens the log at that entry. Only code,
 * status, message and ARM's request ids (what a support case asks for) are logged: SDK errors also
 * carry the request, whose Authorization header must never reach a log. A token ARM refused asks
 * the user to sign in again instead.
 */
export function reportFailure(log: vscode.LogOutputChannel, what: string, error: unknown): void {
  const { code, message } = armFailure(error);
  const status = statusCode(error);
  const ids = formatRequestIds(armRequestIds(error));
  log.error(redact(`${what}: ${code ? `${code}: ` : ''}${message}${status !== undefined ? ` (HTTP ${status})` : ''}${ids ? `\n    ${ids}` : ''}`));
  if (isTokenRejected(error)) {
    promptSignInAgain(message);
    return;
  }
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
