import * as vscode from 'vscode';
import { grantDiskRestorePointAccess, revokeDiskRestorePointAccess } from '../../azure/diskAccess';
import { downloadVhd, type VhdDownloadResult } from '../../azure/download/downloadVhd';
import { errorMessage } from '../../azure/errors';
import type { SubscriptionRef } from '../../azure/subscriptionScope';
import type { CommandContext } from '../commandContext';
import { formatBytes, progressMessage } from './format';

export interface DiskToDownload {
  subscription: SubscriptionRef;
  diskRestorePointId: string;
  name: string;
  file: string;
  durationSeconds: number;
}

/**
 * One disk restore point to a VHD: grant Read access, download through the URL, revoke. The grant
 * is journaled once ARM accepted it, so that a window closed mid-download revokes it at the next
 * start (resumeExport.ts); it is revoked here when the download ends, whichever way. The URL lives
 * only in this function's memory.
 */
export async function downloadDisk(context: CommandContext, disk: DiskToDownload, progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<VhdDownloadResult> {
  const { factory } = context.tree;
  const operation = context.operations.track({ kind: 'downloadDisk', resourceId: disk.diskRestorePointId, name: disk.name, ...disk.subscription });
  const stop = new AbortController();
  const cancelled = token.onCancellationRequested(() => stop.abort());
  let granted = false;
  let revoked = true;
  try {
    return await operation.run(async () => {
      try {
        progress.report({ message: vscode.l10n.t('Granting access…') });
        const grant = await grantDiskRestorePointAccess(factory, disk.subscription, disk.diskRestorePointId, disk.durationSeconds, {
          abortSignal: stop.signal,
          onAccepted: async () => {
            granted = true;
            await operation.accepted();
          },
        });
        let percent = 0;
        return await downloadVhd({
          url: grant.url,
          file: disk.file,
          source: disk.diskRestorePointId,
          extraCertificates: factory.cloud.extraCertificates,
          signal: stop.signal,
          onProgress: (p) => {
            const now = p.totalBytes > 0 ? Math.floor((p.doneBytes / p.totalBytes) * 100) : 0;
            progress.report({ message: progressMessage(p), increment: now - percent });
            percent = now;
          },
        });
      } finally {
        if (granted) revoked = await revokeAfterDownload(context, disk);
      }
    });
  } finally {
    cancelled.dispose();
    // Access still granted stays in the journal, so the next start revokes it (resumeExport.ts).
    if (!revoked) await context.operations.record({ kind: 'downloadDisk', resourceId: disk.diskRestorePointId, name: disk.name, ...disk.subscription, startedAt: Date.now() });
  }
}

/** A revoke that fails is said, not thrown: the download's own outcome is what the user asked about. False when it failed. */
async function revokeAfterDownload(context: CommandContext, disk: DiskToDownload): Promise<boolean> {
  try {
    await revokeDiskRestorePointAccess(context.tree.factory, disk.subscription, disk.diskRestorePointId);
    return true;
  } catch (error) {
    context.log.warn(`Revoking access to ${disk.diskRestorePointId} after its download failed: ${errorMessage(error)}`);
    void vscode.window.showWarningMessage(vscode.l10n.t("Access to '{0}' could not be revoked ({1}); it ends by itself when its time is up.", disk.name, errorMessage(error)));
    return false;
  }
}

export const downloadedMessage = (name: string, file: string, result: VhdDownloadResult): string =>
  vscode.l10n.t("'{0}' saved to {1}: {2} disk, {3} of data fetched.", name, file, formatBytes(result.fileBytes - 512), formatBytes(result.fetchedBytes));
