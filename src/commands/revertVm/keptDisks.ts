import * as vscode from 'vscode';
import { lastSegment } from '../../azure/ids';
import type { CommandContext } from '../commandContext';

export const slotLabel = (slot: string): string => (slot === 'os' ? vscode.l10n.t('OS disk') : vscode.l10n.t('data disk at LUN {0}', slot));

/** The disks a revert kept, one per row; choosing one copies its ID. */
export async function showKeptDisks(context: CommandContext, disks: readonly { id: string; slot: string }[]): Promise<void> {
  const picked = await context.prompter.pickOne({
    placeholder: vscode.l10n.t('Kept disks: choose one to copy its ID'),
    items: disks.map((d) => ({ label: lastSegment(d.id), description: slotLabel(d.slot), detail: d.id, value: d.id })),
  });
  if (typeof picked === 'string') {
    await vscode.env.clipboard.writeText(picked);
    void vscode.window.showInformationMessage(vscode.l10n.t("Copied the ID of '{0}'.", lastSegment(picked)));
  }
}
