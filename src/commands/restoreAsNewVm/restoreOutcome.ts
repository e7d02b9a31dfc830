import * as vscode from 'vscode';
import { allSteps, type RunRecord } from '../../azure/actions/runs/runRecord';
import { lastSegment } from '../../azure/ids';
import type { RunKindReport } from '../vmRuns/runKinds';

/** The restore point the run restored its disks from: the parent of each disk restore point. */
function restorePointOf(run: RunRecord): string {
  const spec = allSteps(run).map((s) => s.spec).find((s) => s.kind === 'restoreDisk');
  return spec?.kind === 'restoreDisk' ? lastSegment(spec.diskRestorePointId.replace(/\/diskRestorePoints\/[^/]+$/i, '')) : '';
}

/** Says the new VM exists, also when the run finished in a window reloaded while it ran. */
export function announceVmCreated(run: RunRecord): void {
  const copy = vscode.l10n.t('Copy VM ID');
  void vscode.window.showInformationMessage(vscode.l10n.t("VM '{0}' created from restore point '{1}'.", run.name, restorePointOf(run)), copy).then((choice) => {
    if (choice === copy) void vscode.env.clipboard.writeText(run.vmId);
  });
}

/** How the run reporter names and ends a Restore as New VM. */
export const restoreRunReport: RunKindReport = {
  title: (name) => vscode.l10n.t("Restoring '{0}' as a new VM…", name),
  announce: (_context, run) => announceVmCreated(run),
};
