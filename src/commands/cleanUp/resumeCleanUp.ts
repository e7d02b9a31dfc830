import * as vscode from 'vscode';
import { idKey } from '../../azure/ids';
import { namesText, type CleanUpRules } from '../../azure/rules/cleanUp';
import type { CommandContext } from '../commandContext';
import type { OperationRecord, PendingDelete } from '../operations/operationJournal';
import { isUserCancelled } from '../wizard/prompter';
import { collectionsOf } from '../steps/targets';
import { WizardReads } from '../steps/wizardReads';
import { announce, cleanUpTitle } from './cleanUpRestorePoints';
import { runDeletes, type CleanUpReport } from './cleanUpRun';
import { recheckDeletes, type Rechecked } from './recheck';

/** A record written before clean-ups kept their rules has none to check against: its deletes go as confirmed. */
function stillSelected(context: CommandContext, pending: PendingDelete[], rules: CleanUpRules | undefined): Promise<Rechecked> {
  if (!rules) return Promise.resolve({ send: pending, unselected: [] });
  const reads = new WizardReads();
  return recheckDeletes(context.tree.factory, pending, rules, (s) => collectionsOf({ command: context, reads }, s));
}

/**
 * A clean-up a window reload interrupted. The deletes ARM had accepted have records of their own
 * and are followed by reads like any other; the ones not yet sent are sent only if the user says
 * so again, since the window that was confirmed is gone, and only those the rules still select
 * once their collections are read again. Those ARM has are marked done first, so that another
 * reload while asking never offers a delete that is under way.
 */
export async function resumeCleanUp(context: CommandContext, record: OperationRecord): Promise<CleanUpReport | undefined> {
  const followed = new Set(context.operations.list().filter((r) => r.kind === 'deleteRestorePoint').map((r) => idKey(r.resourceId)));
  const done = context.operations.doneOf(record.resourceId);
  const all = (record.pending ?? []).map((p, index) => ({ p, index })).filter(({ index }) => !done.has(index));
  const pending = all.filter(({ p }) => !followed.has(idKey(p.id))).map(({ p }) => p);
  if (!pending.length) {
    await context.operations.remove(record.resourceId);
    return undefined;
  }
  // Those ARM has count as done before asking: another reload meanwhile never offers them again.
  const accepted = all.filter(({ p }) => followed.has(idKey(p.id))).map(({ index }) => index);
  if (accepted.length) await context.operations.markDone(record.resourceId, accepted);
  try {
    await context.prompter.confirm({
      title: cleanUpTitle(),
      message: vscode.l10n.t('A clean-up was interrupted by a window reload with {0} restore points still to delete. Delete them now?', pending.length),
      detail: namesText(pending.map((p) => p.name)),
      confirmLabel: vscode.l10n.t('Delete'),
    });
  } catch (error) {
    if (!isUserCancelled(error)) throw error;
    await context.operations.remove(record.resourceId);
    const report = { deleted: [], failed: [], skipped: pending.map((p) => ({ ...p, why: 'notConfirmed' as const })) };
    announce(context, report);
    return report;
  }
  const { send, unselected } = await stillSelected(context, pending, record.rules);
  const report = send.length ? await runDeletes(context, record, send, vscode.l10n.t('Deleting {0} restore points…', send.length)) : { deleted: [], failed: [], skipped: [] };
  if (!send.length) await context.operations.remove(record.resourceId);
  report.skipped.push(...unselected.map((p) => ({ ...p, why: 'unselected' as const })));
  announce(context, report);
  return report;
}
