import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { idKey } from '../../azure/ids';
import type { CommandContext } from '../commandContext';

export interface PlannedDownload {
  id: string;
  name: string;
  file: string;
}

/**
 * Asks (modal) before a download does what the user may not expect, once every disk and file is
 * known and before any access is granted, so that declining changes nothing: replacing files that
 * are already in the folder (Download Disks names them itself; a save dialog asks on its own), and
 * ending an access URL the user copied, since the download's revoke at the end ends every URL
 * granted for that disk restore point.
 */
export async function confirmDownload(context: CommandContext, downloads: readonly PlannedDownload[], options: { namedByUs: boolean }): Promise<void> {
  if (options.namedByUs) {
    const existing = downloads.filter((d) => fs.existsSync(d.file));
    if (existing.length) {
      await context.prompter.confirm({
        message: vscode.l10n.t('Replace {0} of the files in {1}?', existing.length, path.dirname(existing[0].file)),
        detail: [
          ...existing.map((d) => path.basename(d.file)),
          '',
          vscode.l10n.t('A file whose download stopped part-way is continued rather than started over.'),
        ].join('\n'),
        confirmLabel: vscode.l10n.t('Replace'),
      });
    }
  }
  const copied = downloads.filter((d) => copiedUrlActive(context, d.id));
  if (copied.length) {
    await context.prompter.confirm({
      message: vscode.l10n.t('The access URL copied for {0} stops working when this download ends.', copied.map((d) => `'${d.name}'`).join(', ')),
      detail: vscode.l10n.t('A download revokes access to the disk restore point when it is done, cancelled or failed, and that ends every URL granted for it, the copied one included.'),
      confirmLabel: vscode.l10n.t('Download'),
    });
  }
}

/** Copy Access URL… recorded the grant with its expiry; one that has expired by now ended by itself. */
function copiedUrlActive(context: CommandContext, id: string): boolean {
  const record = context.operations.list().find((r) => r.kind === 'accessGranted' && idKey(r.resourceId) === idKey(id));
  return record !== undefined && (record.expiresAt ?? 0) > Date.now();
}
