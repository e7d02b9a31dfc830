import * as vscode from 'vscode';
import { revokeDiskRestorePointAccess } from '../../azure/diskAccess';
import { errorMessage } from '../../azure/errors';
import type { CommandContext } from '../commandContext';
import type { OperationRecord } from '../operations/operationJournal';

/**
 * At start, what export left in the journal: a download the window closed on has its access
 * revoked (its state file stays, so Download VHD… to the same file continues it); a copied URL
 * is kept until it expires, since the user handed it on, and forgotten after.
 */
export async function resumeExport(context: CommandContext, record: OperationRecord): Promise<boolean> {
  if (record.kind === 'accessGranted') {
    if ((record.expiresAt ?? 0) <= Date.now()) await context.operations.remove(record.resourceId);
    return true;
  }
  try {
    await revokeDiskRestorePointAccess(context.tree.factory, { tenantId: record.tenantId, subscriptionId: record.subscriptionId }, record.resourceId);
    void vscode.window.showInformationMessage(vscode.l10n.t("The download of '{0}' stopped when the window closed; its access was revoked. Download it again to the same file to continue.", record.name));
    await context.operations.remove(record.resourceId);
    return true;
  } catch (error) {
    context.log.warn(`Revoking access to ${record.resourceId} after an interrupted download: ${errorMessage(error)}`);
    return false;
  }
}
