import * as vscode from 'vscode';
import { settleOperation, type FollowedResource, type Settled } from '../../azure/actions/settleOperation';
import { errorMessage, statusCode } from '../../azure/errors';
import { resumeCleanUp } from '../cleanUp/resumeCleanUp';
import type { CommandContext } from '../commandContext';
import { watchCopy, type WatchOutcome } from '../copyRestorePoint/watchCopy';
import { resumeExport } from '../exportDisk/resumeExport';
import type { OperationKind, OperationRecord } from './operationJournal';

/** Downloads and granted access are not followed but ended or kept (exportDisk/resumeExport.ts). */
const isExport = (record: OperationRecord): record is OperationRecord & { kind: 'downloadDisk' | 'accessGranted' } => record.kind === 'downloadDisk' || record.kind === 'accessGranted';

/** How an operation that was not a copy is followed again, and what the user is told when it ends. */
interface Follow {
  resource: FollowedResource;
  /** The same title the notification had before the reload. */
  title(name: string): string;
  /** A delete succeeds when the resource is gone; anything else when it reaches Succeeded. */
  succeedsWhen: Settled['state'];
  done(name: string): string;
}

const FOLLOW: Record<Exclude<OperationKind, 'copyRestorePoint' | 'cleanUpRestorePoints' | 'downloadDisk' | 'accessGranted'>, Follow> = {
  createRestorePoint: {
    resource: 'restorePoint',
    title: (name) => vscode.l10n.t("Creating restore point '{0}'…", name),
    succeedsWhen: 'Succeeded',
    done: (name) => vscode.l10n.t("Restore point '{0}' created.", name),
  },
  deleteRestorePoint: {
    resource: 'restorePoint',
    title: (name) => vscode.l10n.t("Deleting restore point '{0}'…", name),
    succeedsWhen: 'Gone',
    done: (name) => vscode.l10n.t("Restore point '{0}' deleted.", name),
  },
  deleteRestorePointCollection: {
    resource: 'restorePointCollection',
    title: (name) => vscode.l10n.t("Deleting restore point collection '{0}'…", name),
    succeedsWhen: 'Gone',
    done: (name) => vscode.l10n.t("Restore point collection '{0}' deleted.", name),
  },
  restoreDisk: {
    resource: 'disk',
    title: (name) => vscode.l10n.t("Creating disk '{0}'…", name),
    succeedsWhen: 'Succeeded',
    done: (name) => vscode.l10n.t("Disk '{0}' created.", name),
  },
};

export interface ResumedOperation {
  record: OperationRecord;
  /** How it ended: a copy's watch outcome, the resource's final state, or 'Error' when it could not be followed. */
  state: WatchOutcome['state'] | Settled['state'] | 'Error';
  succeeded: boolean;
}

function failureMessage(record: OperationRecord, settled: Settled): string {
  if (settled.state === 'Gone') return vscode.l10n.t("'{0}' no longer exists.", record.name);
  if (settled.state === 'Failed') return settled.reason;
  return vscode.l10n.t("'{0}' still exists.", record.name);
}

async function follow(context: CommandContext, record: OperationRecord): Promise<ResumedOperation> {
  const subscription = { tenantId: record.tenantId, subscriptionId: record.subscriptionId };
  if (record.kind === 'copyRestorePoint') {
    // The same watch as before the reload: notification, status bar and the tree's percentage.
    const outcome = await watchCopy(context, subscription, record.resourceId, record.name);
    return { record, state: outcome.state, succeeded: outcome.state === 'Succeeded' };
  }
  if (record.kind === 'cleanUpRestorePoints') {
    // Declined after the reload (or cancelled): what was not sent is skipped. Those the rules no longer select are not the user's stop.
    const report = await resumeCleanUp(context, record);
    const state = report?.skipped.some((s) => s.why !== 'unselected') ? 'StoppedWatching' : report?.failed.length ? 'Failed' : 'Succeeded';
    return { record, state, succeeded: state === 'Succeeded' };
  }
  const kind = record.kind;
  if (kind === 'downloadDisk' || kind === 'accessGranted') throw new Error(`${kind} is not followed`);
  const how = FOLLOW[kind];
  // Cancellable, as a copy's watch is: stopping follows no more; the operation goes on in Azure.
  const settled = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: how.title(record.name), cancellable: true }, (_progress, token) => {
    const stop = new AbortController();
    token.onCancellationRequested(() => stop.abort());
    return settleOperation(context.tree.factory, subscription, how.resource, record.resourceId, { intervalMs: context.replicationIntervalMs, abortSignal: stop.signal }).catch((error: unknown) => {
      if (stop.signal.aborted) return undefined;
      throw error;
    });
  });
  if (!settled) {
    void vscode.window.showInformationMessage(vscode.l10n.t("Stopped following '{0}'; the operation goes on in Azure.", record.name));
    return { record, state: 'StoppedWatching', succeeded: false };
  }
  const succeeded = settled.state === how.succeedsWhen;
  if (succeeded) void vscode.window.showInformationMessage(how.done(record.name));
  else showFailure(context, record, failureMessage(record, settled));
  return { record, state: settled.state, succeeded };
}

function showFailure(context: CommandContext, record: OperationRecord, reason: string): void {
  context.log.error(`${record.kind} of ${record.resourceId} (resumed after a reload) failed: ${reason}`);
  const details = vscode.l10n.t('Show details');
  void vscode.window.showErrorMessage(vscode.l10n.t("'{0}': {1}", record.name, reason), details).then((choice) => {
    if (choice === details) context.log.show(true);
  });
}

/**
 * ARM or the network failing for now (5xx, 429, no answer): the record is kept and followed again at
 * the next start. A refusal (no access any more, resource group gone, signed out) would fail again
 * at every start, so that record is dropped.
 */
const isTransient = (error: unknown): boolean => {
  const status = statusCode(error);
  return status === undefined ? (error as { name?: unknown } | undefined)?.name === 'RestError' : status === 429 || status >= 500;
};

async function resume(context: CommandContext, record: OperationRecord): Promise<ResumedOperation> {
  let keep = false;
  try {
    return await follow(context, record);
  } catch (error) {
    keep = isTransient(error);
    const reason = errorMessage(error);
    showFailure(context, record, keep ? vscode.l10n.t('{0} It will be followed again when VS Code next starts.', reason) : reason);
    return { record, state: 'Error', succeeded: false };
  } finally {
    if (!keep) await context.operations.remove(record.resourceId);
    if (record.kind !== 'restoreDisk') context.tree.changed({ id: record.resourceId });
  }
}

/**
 * Follows again every operation the journal holds: the ones a previous extension host (before a
 * window reload) started and did not see end. Each runs on its own, side by side, with its own
 * notification; nothing is sent to ARM but reads.
 */
export async function resumeOperations(context: CommandContext): Promise<ResumedOperation[]> {
  const records = context.operations.list();
  const exports = records.filter(isExport);
  await Promise.all(exports.map((record) => resumeExport(context, record)));
  return Promise.all(records.filter((r) => !isExport(r)).map((record) => resume(context, record)));
}
