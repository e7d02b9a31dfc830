import * as vscode from 'vscode';
import type { ReplicationState } from '../../azure/actions/replicationProgress';
import { watchCopyReplication } from '../../azure/restorePoints';
import type { SubscriptionRef } from '../../azure/subscriptionScope';
import type { CommandContext } from '../commandContext';

export interface WatchOutcome {
  state: ReplicationState | 'StoppedWatching';
  /** Every percentage the notification reported, for the record (and the tests). */
  reported: number[];
  reason?: string;
}

/**
 * A cancellable notification that follows a copy's replication at the pace ARM asks for.
 * Cancelling stops watching only: the copy goes on in Azure.
 */
export async function watchCopy(context: CommandContext, subscription: SubscriptionRef, copyId: string, name: string): Promise<WatchOutcome> {
  const reported: number[] = [];
  let last: { state: ReplicationState; reason?: string } | undefined;
  const stopped = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Replicating '{0}'", name), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const listener = token.onCancellationRequested(() => abort.abort());
      try {
        for await (const p of watchCopyReplication(context.tree.factory, subscription, copyId, { abortSignal: abort.signal, defaultIntervalMs: context.replicationIntervalMs })) {
          reported.push(p.percent);
          last = p;
          context.replication.update(copyId, name, p);
          progress.report({ increment: p.increment, message: `${p.percent}%` });
        }
      } finally {
        listener.dispose();
        context.replication.forget(copyId);
      }
      return abort.signal.aborted;
    },
  );
  if (stopped || !last) {
    void vscode.window.showInformationMessage(vscode.l10n.t("Stopped watching '{0}'; the copy goes on in Azure.", name));
    return { state: 'StoppedWatching', reported };
  }
  if (last.state === 'Failed') {
    const reason = last.reason ?? vscode.l10n.t('ARM gave no reason.');
    context.log.error(`Replication of ${copyId} failed: ${reason}`);
    const details = vscode.l10n.t('Show details');
    void vscode.window.showErrorMessage(vscode.l10n.t("Copying '{0}' failed: {1}", name, reason), details).then((choice) => {
      if (choice === details) context.log.show(true);
    });
    return { state: 'Failed', reported, reason };
  }
  void vscode.window.showInformationMessage(vscode.l10n.t("'{0}' is copied.", name));
  return { state: last.state, reported };
}
