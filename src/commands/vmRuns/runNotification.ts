import * as vscode from 'vscode';
import { createdSoFar, failedStep, type RunKind, type RunRecord } from '../../azure/actions/runs/runRecord';
import { deleteCreated, executeRun, RunFailedError } from '../../azure/actions/runs/runEngine';
import { lastSegment } from '../../azure/ids';
import { redact } from '../../azure/logging';
import type { CommandContext } from '../commandContext';

/** What each kind of run is called in its notification. */
const TITLES: Record<RunKind, (name: string) => string> = {
  restoreAsNewVm: (name) => vscode.l10n.t("Restoring '{0}' as a new VM…", name),
  revertVm: (name) => vscode.l10n.t("Reverting '{0}' to a restore point…", name),
  undoRevert: (name) => vscode.l10n.t("Undoing the revert of '{0}'…", name),
};

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
    const done = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: TITLES[run.kind](run.name), cancellable: false }, (progress) =>
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
    return done;
  } catch (error) {
    showChange(context, run);
    if (!(error instanceof RunFailedError)) throw error;
    reportRunFailure(context, error.run);
    return undefined;
  }
}

/** A created resource by name; a group says it is one, as its name alone looks like any other. */
const createdLabel = (c: { id: string; kind: string }): string => (c.kind === 'createResourceGroup' ? vscode.l10n.t("resource group '{0}'", lastSegment(c.id)) : lastSegment(c.id));

/** The resources a run created, by name, for a message. */
const createdNames = (run: RunRecord): string => createdSoFar(run).map(createdLabel).join(', ');

/**
 * Says which step failed, with ARM's code and message, and what the run created; offers to delete
 * exactly that. The record stays in the journal (a reload reports it again) until the user deletes
 * what was created or keeps it.
 */
export function reportRunFailure(context: CommandContext, run: RunRecord): void {
  const step = failedStep(run);
  const created = createdSoFar(run);
  const reason = step?.error ? `${step.error.code}: ${step.error.message}` : '';
  const what = created.length ? vscode.l10n.t('Created so far: {0}.', createdNames(run)) : vscode.l10n.t('Nothing was created.');
  context.log.error(redact(`${run.kind} of ${run.vmId} stopped at "${step?.title ?? ''}": ${reason}\n    created: ${created.map((c) => c.id).join(', ') || 'nothing'}`));
  const remove = vscode.l10n.t('Delete What Was Created');
  const keep = vscode.l10n.t('Keep');
  const details = vscode.l10n.t('Show details');
  const buttons = created.length ? [remove, keep, details] : [details];
  void vscode.window.showErrorMessage(vscode.l10n.t("'{0}' stopped at step '{1}': {2} {3}", run.name, step?.title ?? '', reason, what), ...buttons).then(async (choice) => {
    if (choice === details) context.log.show(true);
    if (choice === remove) await vscode.commands.executeCommand('restorePoints.deleteWhatWasCreated', run.id);
    if (choice === keep || !created.length) await context.operations.runs.remove(run.id);
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
    const picked = failed.length === 1 ? failed[0] : await context.prompter.pickOne({ placeholder: vscode.l10n.t('Which failed run?'), items: failed.map((r) => ({ label: r.name, description: createdNames(r), value: r })) });
    if (typeof picked === 'symbol') return;
    run = picked;
  }
  const target = run;
  const created = createdSoFar(target);
  await context.prompter.confirm({
    message: vscode.l10n.t('Delete the {0} resources the run created?', created.length),
    detail: [
      ...created.map(createdLabel),
      ...(created.some((c) => c.kind === 'createResourceGroup') ? [vscode.l10n.t('The resource group is deleted last, and only if nothing else is in it.')] : []),
    ].join('\n'),
    confirmLabel: vscode.l10n.t('Delete'),
  });
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Deleting what '{0}' created…", target.name), cancellable: false }, () =>
    deleteCreated(context.tree.factory, target, { intervalMs: context.replicationIntervalMs }),
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
        reportRunFailure(context, run);
        return undefined;
      }
      return runInNotification(context, run);
    }),
  );
}
