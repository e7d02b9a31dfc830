import * as vscode from 'vscode';
import { createdSoFar, failedStep, type RunRecord } from '../../azure/actions/runs/runRecord';
import { deleteCreated, executeRun, RunFailedError } from '../../azure/actions/runs/runEngine';
import { createdNow, type CreatedNow } from '../../azure/actions/runs/createdNow';
import { lastSegment } from '../../azure/ids';
import { redact } from '../../azure/logging';
import type { CommandContext } from '../commandContext';
import { runKindReport } from './runKinds';

/** The VM the run is about was made or changed: the tree reads its subscription's VMs again. */
function showChange(context: CommandContext, run: RunRecord): void {
  context.tree.changed({ id: run.vmId, vmId: run.vmId });
}

/**
 * Runs (or resumes) a multi-step action in one notification that names each step as it starts.
 * Resolves with the finished run; a failure is reported (see reportRunFailure) and resolves undefined.
 */
export async function runInNotification(context: CommandContext, run: RunRecord): Promise<RunRecord | undefined> {
  try {
    const done = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: runKindReport(run.kind).title(run.name), cancellable: false }, (progress) =>
      executeRun(context.tree.factory, run, {
        store: context.operations.runs,
        intervalMs: context.replicationIntervalMs,
        onStep: (step, index, total) => {
          if (step.status === 'running') progress.report({ message: vscode.l10n.t('Step {0} of {1}: {2}', index, total, step.title) });
        },
      }),
    );
    await context.operations.runs.remove(run.id);
    showChange(context, done);
    runKindReport(run.kind).announce(context, done);
    return done;
  } catch (error) {
    showChange(context, run);
    if (!(error instanceof RunFailedError)) throw error;
    await reportRunFailure(context, error.run);
    return undefined;
  }
}

/** A created resource by name; a group says it is one, as its name alone looks like any other. */
const createdLabel = (c: { id: string; kind: string }): string => (c.kind === 'createResourceGroup' ? vscode.l10n.t("resource group '{0}'", lastSegment(c.id)) : lastSegment(c.id));

/** Created resources by name, for a message. */
const names = (created: readonly { id: string; kind: string }[]): string => created.map(createdLabel).join(', ');

/** What the run created as it stands now; when it cannot be read, everything it created (deleting it reads it again). */
async function createdStanding(context: CommandContext, run: RunRecord): Promise<CreatedNow> {
  try {
    return await createdNow(context.tree.factory, { tenantId: run.tenantId, subscriptionId: run.subscriptionId }, run);
  } catch (error) {
    context.log.warn(redact(`Reading what ${run.kind} of ${run.vmId} created: ${String(error)}`));
    return { removable: createdSoFar(run), inUse: [] };
  }
}

/**
 * Says which step failed, with ARM's code and message, what the run created (and which of it is in
 * use, so not offered for deletion) and, for a run that changed a VM, the VM's state now and what
 * can be done about it (Start VM, Undo Revert); offers to delete exactly what nothing uses. The
 * record stays in the journal (a reload reports it again) until the user deletes what was created
 * or keeps it; after Start VM or Undo Revert it is reported again as it then stands.
 */
export async function reportRunFailure(context: CommandContext, run: RunRecord): Promise<void> {
  const step = failedStep(run);
  const [{ removable, inUse }, state] = await Promise.all([createdStanding(context, run), runKindReport(run.kind).failureOffers?.(context, run)]);
  const reason = step?.error ? `${step.error.code}: ${step.error.message}` : '';
  const what = [
    removable.length ? vscode.l10n.t('Created so far: {0}.', names(removable)) : inUse.length ? '' : createdSoFar(run).length ? vscode.l10n.t('What the run created is gone.') : vscode.l10n.t('Nothing was created.'),
    inUse.length ? vscode.l10n.t('Created and in use, so kept: {0}.', names(inUse)) : '',
    state?.note ?? '',
  ].filter(Boolean).join(' ');
  context.log.error(redact(`${run.kind} of ${run.vmId} stopped at "${step?.title ?? ''}": ${reason}\n    created: ${createdSoFar(run).map((c) => c.id).join(', ') || 'nothing'}`));
  const remove = vscode.l10n.t('Delete What Was Created');
  const keep = vscode.l10n.t('Keep');
  const details = vscode.l10n.t('Show details');
  const offers = state?.offers ?? [];
  const madeAny = createdSoFar(run).length > 0;
  const buttons = [...offers.map((o) => o.label), ...(removable.length ? [remove] : []), ...(madeAny ? [keep] : []), details];
  void vscode.window.showErrorMessage(vscode.l10n.t("'{0}' stopped at step '{1}': {2} {3}", run.name, step?.title ?? '', reason, what), ...buttons).then(async (choice) => {
    if (choice === details) context.log.show(true);
    if (choice === remove) await vscode.commands.executeCommand('restorePoints.deleteWhatWasCreated', run.id);
    if (choice === keep || !madeAny) await context.operations.runs.remove(run.id);
    const offer = offers.find((o) => o.label === choice);
    if (offer) {
      await offer.act();
      if (context.operations.listRuns().some((r) => r.id === run.id)) await reportRunFailure(context, run);
    }
  });
}

/**
 * "Delete What Was Created" for a failed run (the palette asks which, when several failed): after
 * a modal naming every resource, deletes exactly those, the VM first. A revert's original disks are
 * never among them.
 */
export async function deleteWhatWasCreated(context: CommandContext, runId?: unknown): Promise<void> {
  const failed = context.operations.listRuns().filter((r) => r.state === 'failed' && createdSoFar(r).length);
  let run = failed.find((r) => r.id === runId);
  if (!run) {
    if (!failed.length) throw new Error(vscode.l10n.t('No failed restore or revert has resources left to delete.'));
    const picked = failed.length === 1 ? failed[0] : await context.prompter.pickOne({ placeholder: vscode.l10n.t('Which failed run?'), items: failed.map((r) => ({ label: r.name, description: names(createdSoFar(r)), value: r })) });
    if (typeof picked === 'symbol') return;
    run = picked;
  }
  const target = run;
  const { removable, inUse } = await createdNow(context.tree.factory, { tenantId: target.tenantId, subscriptionId: target.subscriptionId }, target);
  if (!removable.length) {
    await context.operations.runs.remove(target.id);
    void vscode.window.showInformationMessage(inUse.length ? vscode.l10n.t('Nothing to delete: what the run created is in use, or kept by a later revert: {0}.', names(inUse)) : vscode.l10n.t('Nothing to delete: what the run created is gone.'));
    return;
  }
  await context.prompter.confirm({
    message: vscode.l10n.t('Delete the {0} resources the run created?', removable.length),
    detail: [
      ...removable.map(createdLabel),
      ...(removable.some((c) => c.kind === 'createResourceGroup') ? [vscode.l10n.t('The resource group is deleted last, and only if nothing else is in it.')] : []),
      ...(inUse.length ? [vscode.l10n.t('Kept, in use: {0}', names(inUse))] : []),
    ].join('\n'),
    confirmLabel: vscode.l10n.t('Delete'),
  });
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Deleting what '{0}' created…", target.name), cancellable: false }, () =>
    deleteCreated(context.tree.factory, target, { intervalMs: context.replicationIntervalMs, confirmed: removable.map((c) => c.id) }),
  );
  showChange(context, target);
  if (result.failed.length) {
    // What could not be deleted stays in the run's record: Try Again (or the palette) deletes only that.
    await context.operations.runs.save(target);
    const list = result.failed.map((f) => `${lastSegment(f.id)} (${f.failure.code}: ${f.failure.message})`).join('; ');
    context.log.error(redact(`Deleting what ${target.kind} of ${target.vmId} created: ${list}`));
    const again = vscode.l10n.t('Try Again');
    const keep = vscode.l10n.t('Keep');
    void vscode.window.showErrorMessage(vscode.l10n.t('Deleted {0}; not deleted: {1}', result.deleted.map(lastSegment).join(', ') || '-', list), again, keep).then(async (choice) => {
      if (choice === again) await vscode.commands.executeCommand('restorePoints.deleteWhatWasCreated', target.id);
      if (choice === keep) await context.operations.runs.remove(target.id);
    });
    return;
  }
  await context.operations.runs.remove(target.id);
  void vscode.window.showInformationMessage(vscode.l10n.t('Deleted: {0}.', result.deleted.map(lastSegment).join(', ')));
}

/** After a reload: a run still going resumes (nothing sent twice), a failed one is reported again. */
export function resumeRuns(context: CommandContext): Promise<(RunRecord | undefined)[]> {
  return Promise.all(
    context.operations.listRuns().map(async (run) => {
      if (run.state === 'failed') {
        await reportRunFailure(context, run);
        return undefined;
      }
      return runInNotification(context, run);
    }),
  );
}
