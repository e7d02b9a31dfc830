import * as vscode from 'vscode';
import { collectionIdOf, idKey } from '../../azure/ids';
import { createLimiter } from '../../azure/limiter';
import { deleteRestorePoint } from '../../azure/restorePoints';
import type { CommandContext } from '../commandContext';
import { armFailure } from '../errorHandling';
import { runRecorded, type OperationRecord, type PendingDelete } from '../operations/operationJournal';

/**
 * Deletes sent at once. ARM's write budget per subscription and principal is far larger (a bucket
 * of 200 refilled at 10 a second, "Understand how Azure Resource Manager throttles requests"), but
 * each delete is also polled until it ends, and those reads share the budget with the tree.
 */
export const CONCURRENT_DELETES = 4;

/** Cancelled before it was sent; not confirmed again after a window reload; no longer selected by the rules when read again before sending. */
export type SkipReason = 'cancelled' | 'notConfirmed' | 'unselected';

export interface CleanUpReport {
  deleted: PendingDelete[];
  /** With ARM's code and message. */
  failed: (PendingDelete & { reason: string })[];
  /** Not sent, with why. */
  skipped: (PendingDelete & { why: SkipReason })[];
}

/**
 * Sends `pending` (all or some of the clean-up record's list), CONCURRENT_DELETES at a time, each followed to its
 * end. Each accepted one gets its own record (the tree marks it Deleting…; a reloaded window follows
 * it with reads) before the journal counts it done, so a reload neither loses a delete nor sends
 * one ARM already has. The record's list is written once; done ones are kept as indexes into it. Cancel starts no new delete; those under
 * way finish. The tree re-reads each collection that changed, once, at the end.
 */
export async function runDeletes(context: CommandContext, record: OperationRecord, pending: readonly PendingDelete[], title: string): Promise<CleanUpReport> {
  const indexOf = new Map((record.pending ?? []).map((p, i) => [idKey(p.id), i]));
  const markDone = (item: PendingDelete): Thenable<void> => context.operations.markDone(record.resourceId, [indexOf.get(idKey(item.id)) ?? -1]);
  const report: CleanUpReport = { deleted: [], failed: [], skipped: [] };
  const limit = createLimiter(CONCURRENT_DELETES);
  const controller = context.cleanUps.start();
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      token.onCancellationRequested(() => controller.abort());
      const step = 100 / Math.max(1, pending.length);
      const tell = (): void =>
        progress.report({
          increment: step,
          message: report.skipped.length
            ? vscode.l10n.t('{0} of {1} done ({2} failed, {3} skipped)', report.deleted.length + report.failed.length, pending.length, report.failed.length, report.skipped.length)
            : vscode.l10n.t('{0} of {1} done ({2} failed)', report.deleted.length + report.failed.length, pending.length, report.failed.length),
        });
      await Promise.all(
        pending.map((item) =>
          limit(async () => {
            if (controller.signal.aborted) {
              report.skipped.push({ ...item, why: 'cancelled' });
              tell();
              return;
            }
            const subscription = { tenantId: item.tenantId, subscriptionId: item.subscriptionId };
            try {
              await runRecorded(
                context.operations,
                { kind: 'deleteRestorePoint', resourceId: item.id, name: item.name, ...subscription },
                (onAccepted) => deleteRestorePoint(context.tree.factory, subscription, item.id, { onAccepted }),
                async () => markDone(item),
              );
              report.deleted.push(item);
            } catch (error) {
              const { code, message } = armFailure(error);
              context.log.error(`Clean-up: deleting ${item.id} failed: ${code ? `${code}: ` : ''}${message}`);
              report.failed.push({ ...item, reason: code ? `${code}: ${message}` : message });
              await markDone(item);
            }
            tell();
          }),
        ),
      );
    });
  } finally {
    context.cleanUps.end(controller);
    // Skipped ones included: the user was told they were not deleted, so nothing may delete them later.
    await context.operations.remove(record.resourceId);
  }
  const changed = new Map([...report.deleted, ...report.failed].map((d) => [idKey(collectionIdOf(d.id)), d.id]));
  for (const id of changed.values()) context.tree.changed({ id });
  return report;
}
