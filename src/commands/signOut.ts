import * as vscode from 'vscode';
import type { CommandContext } from './commandContext';

export async function signOut(context: CommandContext): Promise<void> {
  await context.tree.signIn.signOut();
  if (context.tree.signIn.kind === 'vscode') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Restore Points no longer uses your Microsoft account. To sign the account out of VS Code, use the Accounts menu.'),
    );
  }
}
