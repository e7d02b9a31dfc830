import * as vscode from 'vscode';
import { SELECTED_SUBSCRIPTIONS, subscriptionKey } from '../tree/AzureTree';
import type { CommandContext } from './commandContext';

/** Which subscriptions the tree shows, remembered in `restorePoints.selectedSubscriptions` (all when unset). */
export async function selectSubscriptions(context: CommandContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('restorePoints');
  const listing = vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading subscriptions…') }, () => context.tree.listAllSubscriptions());
  const { subscriptions, tenants } = await listing;
  const selected = config.get<string[] | null>(SELECTED_SUBSCRIPTIONS, null);
  const wanted = selected ? new Set(selected.map((s) => s.toLowerCase())) : undefined;
  const severalTenants = new Set(subscriptions.map((s) => s.tenantId)).size > 1;
  const items = subscriptions.map((s) => ({
    label: s.displayName,
    description: severalTenants ? `${s.subscriptionId} · ${tenants.find((t) => t.tenantId === s.tenantId)?.displayName ?? s.tenantId}` : s.subscriptionId,
    picked: !wanted || wanted.has(subscriptionKey(s).toLowerCase()),
    key: subscriptionKey(s),
  }));
  const picks = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: vscode.l10n.t('Select the subscriptions to show'), ignoreFocusOut: true });
  if (!picks) return;
  // Everything picked is remembered as "no filter", so that subscriptions added later show up too.
  const value = picks.length === items.length ? undefined : picks.map((p) => p.key);
  await config.update(SELECTED_SUBSCRIPTIONS, value, vscode.ConfigurationTarget.Global);
}
