import * as vscode from 'vscode';
import { SELECTED_TENANT } from '../tree/AzureTree';
import type { CommandContext } from './commandContext';

/** Shows one directory's subscriptions, or all; a directory not yet signed in to is signed in to first. */
export async function selectTenant(context: CommandContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('restorePoints');
  const current = config.get<string>(SELECTED_TENANT, '');
  const tenants = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading tenants…') }, () =>
    context.tree.signIn.tenants(context.tree.factory),
  );
  const all = { label: vscode.l10n.t('All tenants'), description: current ? '' : vscode.l10n.t('current'), tenantId: '', signedIn: true };
  const items = [
    all,
    ...tenants
      .sort((a, b) => (a.displayName ?? a.tenantId).localeCompare(b.displayName ?? b.tenantId))
      .map((t) => ({
        label: t.displayName ?? t.tenantId,
        description: [t.tenantId, t.signedIn ? '' : vscode.l10n.t('sign-in needed'), t.tenantId === current ? vscode.l10n.t('current') : ''].filter(Boolean).join(' · '),
        detail: t.defaultDomain,
        tenantId: t.tenantId,
        signedIn: t.signedIn,
      })),
  ];
  const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Select a tenant (directory)'), matchOnDescription: true, ignoreFocusOut: true });
  if (!pick) return;
  if (!pick.signedIn && !(await context.tree.signIn.signIn(pick.tenantId))) return;
  await config.update(SELECTED_TENANT, pick.tenantId || undefined, vscode.ConfigurationTarget.Global);
}
