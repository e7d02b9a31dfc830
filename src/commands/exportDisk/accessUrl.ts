import * as vscode from 'vscode';
import { grantDiskRestorePointAccess, revokeDiskRestorePointAccess } from '../../azure/diskAccess';
import { errorMessage } from '../../azure/errors';
import { idKey } from '../../azure/ids';
import { DiskRestorePointItem } from '../../tree/nodes/DiskRestorePointItem';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';
import type { CommandContext } from '../commandContext';
import { refuseIncompleteCopy } from '../steps/completeCopy';
import { armOf, targetFromNode, withOperationProgress } from '../steps/targets';
import { UserCancelledError } from '../wizard/prompter';
import { runWizard } from '../wizard/wizard';
import { findDiskRestorePoint } from './downloadVhd';
import { formatExpiry } from './format';
import { durationStep, type ExportContext } from './steps';

const COPY_DURATION_SECONDS = 3600;

/**
 * Copy Access URL…: grants Read access for the chosen time and puts the URL on the clipboard, never
 * on screen or in the log. The grant is recorded so the tree shows it and offers Revoke Access.
 */
export async function copyAccessUrl(context: CommandContext, node?: TreeNode): Promise<Date> {
  refuseIncompleteCopy(node, 'export');
  const ctx: ExportContext = targetFromNode(context, node);
  if (node instanceof DiskRestorePointItem) ctx.diskRestorePoint = { id: node.row.id, name: node.row.name };
  return runWizard([...findDiskRestorePoint, durationStep(COPY_DURATION_SECONDS)], { execute: grantAndCopy }, ctx, context.prompter, { title: vscode.l10n.t('Copy Access URL') });
}

async function grantAndCopy(ctx: ExportContext): Promise<Date> {
  const { factory, subscription } = armOf(ctx);
  const { id, name } = ctx.diskRestorePoint!;
  const grant = await withOperationProgress(vscode.l10n.t("Granting access to '{0}'…", name), () => grantDiskRestorePointAccess(factory, subscription, id, ctx.durationSeconds!));
  await vscode.env.clipboard.writeText(grant.url);
  // A grant while one is active extends the URL's time; one asked for a shorter time never shortens what an earlier grant allows.
  const expiresAt = Math.max(ctx.command.operations.expiryOf(id) ?? 0, grant.expiresOn.getTime());
  await ctx.command.operations.record({ kind: 'accessGranted', resourceId: id, name, ...subscription, startedAt: Date.now(), expiresAt });
  const revoke = vscode.l10n.t('Revoke Access');
  void vscode.window
    .showWarningMessage(
      vscode.l10n.t("The access URL of '{0}' is on the clipboard until {1}. Treat it as a secret: anyone who has it can read the whole disk.", name, formatExpiry(expiresAt)),
      revoke,
    )
    .then((choice) => (choice === revoke ? revokeAccess(ctx.command, undefined, id) : undefined))
    // The button runs after the command has returned, outside its error handling: a failed revoke is said here.
    .then(undefined, (error: unknown) => void vscode.window.showErrorMessage(vscode.l10n.t("Access to '{0}' could not be revoked: {1}", name, errorMessage(error))));
  return new Date(expiresAt);
}

/** Revoke Access: on an item whose access this window granted, or picked from those. */
export async function revokeAccess(context: CommandContext, node?: TreeNode, resourceId?: string): Promise<void> {
  const granted = context.operations.list().filter((r) => r.kind === 'accessGranted');
  const id = resourceId ?? node?.resource?.id ?? (await pickGranted(context, granted));
  const record = granted.find((r) => idKey(r.resourceId) === idKey(id));
  const tenantId = record?.tenantId ?? node?.resource?.tenantId;
  if (!tenantId) throw new Error(vscode.l10n.t('No access granted from this window to {0} is recorded.', id.split('/').pop() ?? id));
  const subscription = record ?? { tenantId, subscriptionId: /^\/subscriptions\/([^/]+)/i.exec(id)?.[1] ?? '' };
  const name = record?.name ?? id.split('/').pop() ?? '';
  await withOperationProgress(vscode.l10n.t("Revoking access to '{0}'…", name), () =>
    revokeDiskRestorePointAccess(context.tree.factory, { tenantId: subscription.tenantId, subscriptionId: subscription.subscriptionId }, id));
  await context.operations.remove(id);
  void vscode.window.showInformationMessage(vscode.l10n.t("Access to '{0}' revoked: its URL no longer works.", name));
}

async function pickGranted(context: CommandContext, granted: { resourceId: string; name: string; expiresAt?: number }[]): Promise<string> {
  if (!granted.length) throw new Error(vscode.l10n.t('No access granted from this window is active.'));
  const picked = await context.prompter.pickOne({
    title: vscode.l10n.t('Revoke Access'),
    placeholder: vscode.l10n.t('Disk restore point'),
    items: granted.map((r) => ({ label: r.name, description: r.expiresAt ? vscode.l10n.t('until {0}', formatExpiry(r.expiresAt)) : undefined, value: r.resourceId })),
  });
  if (typeof picked !== 'string') throw new UserCancelledError();
  return picked;
}
