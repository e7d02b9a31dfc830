import type { VirtualMachine } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { describeArmError } from '../../azure/actions/armError';
import { KEPT_DISK_TAGS } from '../../azure/actions/revertVm';
import { allSteps, type RunRecord } from '../../azure/actions/runs/runRecord';
import { idKey, lastSegment } from '../../azure/ids';
import { readPowerState, readVirtualMachine, startVirtualMachine } from '../../azure/virtualMachines';
import type { CommandContext } from '../commandContext';
import { runCommand } from '../errorHandling';
import { withOperationProgress } from '../steps/targets';
import type { FailureOffers, RunKindReport } from '../vmRuns/runKinds';
import { showKeptDisks } from './keptDisks';
import { undoRevertOf } from './undoRevert';


const subscriptionOf = (run: RunRecord) => ({ tenantId: run.tenantId, subscriptionId: run.subscriptionId });

/** Whether the VM has any disk the run's swap attaches: the swap took effect. */
function swapped(vm: VirtualMachine, run: RunRecord): boolean {
  const attached = new Set([vm.storageProfile?.osDisk?.managedDisk?.id, ...(vm.storageProfile?.dataDisks ?? []).map((d) => d.managedDisk?.id)].map((id) => idKey(id ?? '')));
  return allSteps(run).some((s) => s.spec.kind === 'putVirtualMachine' && s.spec.attaches.some((id) => attached.has(idKey(id))));
}

async function startVm(context: CommandContext, run: RunRecord): Promise<void> {
  await withOperationProgress(vscode.l10n.t("Starting '{0}'…", run.name), () => startVirtualMachine(context.tree.factory, subscriptionOf(run), run.vmId, { updateIntervalInMs: context.replicationIntervalMs }));
  context.tree.changed({ id: run.vmId, vmId: run.vmId });
}

/**
 * A failed revert or Undo Revert: the VM's power state as it is now (read again), **Start VM** when
 * the run left it deallocated but it was running before (the run had a start step), and, for a
 * revert whose swap took effect, **Undo Revert** (its kept disks are tagged before the VM is touched).
 */
export async function swapFailureOffers(context: CommandContext, run: RunRecord): Promise<FailureOffers> {
  let vm: VirtualMachine, power: string | undefined;
  try {
    [vm, power] = await Promise.all([readVirtualMachine(context.tree.factory, subscriptionOf(run), run.vmId), readPowerState(context.tree.factory, subscriptionOf(run), run.vmId)]);
  } catch (error) {
    const { code, message } = describeArmError(error);
    return { note: vscode.l10n.t("The state of VM '{0}' could not be read ({1}: {2}).", run.name, code, message), offers: [] };
  }
  const offers: FailureOffers['offers'] = [];
  const wasRunning = allSteps(run).some((s) => s.spec.kind === 'startVirtualMachine');
  // Each offer is run as a command is: a failure is shown, a cancelled prompt is silent.
  const asCommand = (what: string, task: () => Promise<unknown>) => runCommand(context.log, what, task);
  if (power === 'deallocated' && wasRunning) offers.push({ label: vscode.l10n.t('Start VM'), act: asCommand(`Start VM ${run.vmId}`, () => startVm(context, run)) });
  if (run.kind === 'revertVm' && swapped(vm, run)) offers.push({ label: vscode.l10n.t('Undo Revert'), act: asCommand('restorePoints.undoRevert', () => undoRevertOf(context, run)) });
  return { note: vscode.l10n.t("VM '{0}' is {1} now.", run.name, power ?? vscode.l10n.t('in an unknown power state')), offers };
}

/** A finished revert or Undo Revert says which disks it took off the VM (kept, not deleted), with their IDs a click away; also when it finished after a reload. */
export function announceSwapDone(context: CommandContext, run: RunRecord): void {
  const off = (run.swaps ?? []).filter((s) => s.currentDiskId).map((s) => ({ id: s.currentDiskId, slot: s.slot }));
  const names = off.map((d) => lastSegment(d.id)).join(', ');
  const restorePoint = allSteps(run).flatMap((s) => (s.spec.kind === 'tagDisk' ? [s.spec.tags[KEPT_DISK_TAGS.restorePoint]] : [])).find(Boolean) ?? '';
  const [message, show] =
    run.kind === 'revertVm'
      ? [vscode.l10n.t("VM '{0}' reverted to '{1}'. Its previous disks are kept: {2}.", run.name, restorePoint, names), vscode.l10n.t('Show Kept Disks')]
      : [vscode.l10n.t("VM '{0}' has its kept disks back. The disks the revert restored are detached and kept: {1}.", run.name, names), vscode.l10n.t('Show Detached Disks')];
  void vscode.window.showInformationMessage(message, show).then((choice) => (choice === show ? showKeptDisks(context, off) : undefined));
}

/** How the run reporter names, ends and reports the failure of a revert and of an Undo Revert. */
export const revertRunReports: Record<'revertVm' | 'undoRevert', RunKindReport> = {
  revertVm: { title: (name) => vscode.l10n.t("Reverting '{0}' to a restore point…", name), announce: announceSwapDone, failureOffers: swapFailureOffers },
  undoRevert: { title: (name) => vscode.l10n.t("Undoing the revert of '{0}'…", name), announce: announceSwapDone, failureOffers: swapFailureOffers },
};
