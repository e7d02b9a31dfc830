import * as vscode from 'vscode';
import { formatRequestIds } from '../errors';
import { azureLog } from '../logging';
import { onTokenRejected } from './tokenRejection';

let showing = false;
let shownAt = 0;
/**
 * A prompt hidden into the notification centre never answers; after this long a new refusal asks
 * again (the user may have signed in from the view meanwhile and been refused once more).
 */
const ASK_AGAIN_AFTER_MS = 60_000;

/**
 * "Sign in again", once however many requests were refused: the tree loading several levels and a
 * wizard can all hit the refused token at the same moment. The Sign In button runs the same
 * command as the view's welcome button; the sign-in then gets a new token (see the sign-in classes).
 */
export function promptSignInAgain(armMessage: string): void {
  if (showing && Date.now() - shownAt < ASK_AGAIN_AFTER_MS) return;
  showing = true;
  shownAt = Date.now();
  const signIn = vscode.l10n.t('Sign In');
  const message = vscode.l10n.t('Azure no longer accepts your sign-in{0}. Sign in again to continue.', armMessage ? ` (${armMessage.replace(/\.$/, '')})` : '');
  void vscode.window.showErrorMessage(message, signIn).then((choice) => {
    showing = false;
    if (choice === signIn) void vscode.commands.executeCommand('restorePoints.signIn');
  });
}

/** Turns every refusal the pipeline sees (tree, wizards, watchers alike) into a log line and the prompt. */
export function promptOnTokenRejection(): vscode.Disposable {
  return onTokenRejected((rejection) => {
    const ids = formatRequestIds(rejection);
    azureLog.warn(`ARM refused the sign-in: ${rejection.code}: ${rejection.message}${ids ? ` (${ids})` : ''}`);
    promptSignInAgain(rejection.message);
  });
}
