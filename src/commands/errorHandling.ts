import * as vscode from 'vscode';
import { errorCode, errorMessage } from '../azure/errors';

function isCancellation(error: unknown): boolean {
  return error instanceof vscode.CancellationError || (error instanceof Error && (error.name === 'AbortError' || error.name === 'Canceled'));
}

/**
 * The one error wrapper of every command: a cancellation is silent, anything else is logged and
 * shown. Only the message is logged: SDK errors also carry the request, whose Authorization
 * header must never reach a log.
 */
export function runCommand<A extends unknown[], R>(log: vscode.LogOutputChannel, id: string, fn: (...args: A) => Promise<R> | R): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (error) {
      if (isCancellation(error)) return undefined;
      const message = errorMessage(error);
      const code = errorCode(error);
      log.error(`${id}: ${code ? `${code}: ` : ''}${message}`);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  };
}
