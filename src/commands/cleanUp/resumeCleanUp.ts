import * as vscode from 'vscode';
import { idKey } from '../../azure/ids';
import type { CommandContext } from '../commandContext';
import type { OperationRecord } from '../operations/operationJournal';
import { isUserCancelled } from '../wizard/prompter';
import { announce, cleanUpTitle } from './cleanUpRestorePoints';
import { runDeletes, type CleanUpReport } from './cleanUpRun';

/**
 * A clean-up a window reload interrupted. The deletes ARM had accepted have records of their own
 * and are followed by reads like any other; the ones not yet sent are sent only if the user says
 * so again, since the window that was confirmed is gone.
 */
export async function resumeCleanUp(context: CommandContext, record: OperationRecord): Promise<CleanUpReport | undefined> {
  const followed = new Set(context.operations.list().filter((r) => r.kind === 'deleteRestorePoint').map((r) => idKey(r.resourceId)));
  const pending = (record.pending ?? []).filter((p) => !followed.has(idKey(p.id)));
  if (!pending.length) {
    await context.operations.remove(record.resourceId);
    return undefined;
  }
  try {
    await context.prompter.confirm({
      title: cleanUpTitle(),
      message: vscode.l10n.t('A clean-up was interrupted by a window reload with {0} restore points still to delete. Delete them now?', pending.length),
      detail: pending.map((p) => p.name).join(', '),
      confirmLabel: vscode.l10n.t('Delete'),
    });
  } catch (error) {
    if (!isUserCancelled(error)) throw error;
    await context.operations.remove(record.resourceId);
    const report = { deleted: [], failed: [], skipped: pending };
    announce(context, report);
    return report;
  }
  const report = await runDeletes(context, { ...record, pending }, vscode.l10n.t('Deleting {0} restore points…', pending.length));
  announce(context, report);
  return report;
}
