import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { keptDisksOf, undoRevertRun } from '../../azure/actions/revertVm';
import { listAllDisks } from '../../azure/disks';
import { idKey, lastSegment } from '../../azure/ids';
import { readPowerState, readVirtualMachine } from '../../azure/virtualMachines';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';
import type { CommandContext } from '../commandContext';
import { readOnce, subscriptionStep, targetFromNode, vmStep, type TargetContext } from '../steps/targets';
import { runInNotification } from '../vmRuns/runNotification';
import { BACK } from '../wizard/prompter';
import { runWizard, type PromptStep } from '../wizard/wizard';
import { slotLabel } from './keptDisks';

/** The VM, its power state and the disks a revert of it kept (found by their tags), read once per run of the command. */
async function undoTarget(ctx: TargetContext) {
  const vmId = ctx.vmId!;
  const [vm, power, disks] = await Promise.all([
    readOnce(ctx, `virtualMachine:${idKey(vmId)}`, (factory, subscription) => readVirtualMachine(factory, subscription, vmId)),
    readOnce(ctx, `powerState:${idKey(vmId)}`, (factory, subscription) => readPowerState(factory, subscription, vmId)),
    readOnce(ctx, 'disks', listAllDisks),
  ]);
  const kept = keptDisksOf(vm, disks);
  if (!kept.length) throw new Error(vscode.l10n.t("VM '{0}' has no reverted disks to put back: no disk is tagged as kept by a revert of it and replaced by a disk it has now.", vm.name ?? lastSegment(vmId)));
  const input = { tenantId: ctx.subscription!.tenantId, subscriptionId: ctx.subscription!.subscriptionId, vm, running: power === 'running', deallocated: power === 'deallocated', kept };
  return { vm, power, kept, input };
}

const confirmStep: PromptStep<TargetContext> = {
  shouldPrompt: () => true,
  async prompt(ctx, prompter) {
    const { vm, power, input } = await undoTarget(ctx);
    const { swaps } = undoRevertRun(input, '', 0);
    const answer = await prompter.confirm({
      message: vscode.l10n.t("Undo the revert of VM '{0}'?", vm.name ?? ''),
      detail: [
        power === 'deallocated' ? vscode.l10n.t('The VM is deallocated and stays so.') : vscode.l10n.t('The VM is stopped and deallocated (it is {0} now).', power ?? '?'),
        vscode.l10n.t('The kept disks go back in their places:'),
        ...swaps.map((s) => `• ${slotLabel(s.slot)}: ${lastSegment(s.currentDiskId) || '-'} → ${lastSegment(s.newDiskId)}`),
        vscode.l10n.t('The disks the revert restored are detached and kept, not deleted.'),
        ...(power === 'running' ? [vscode.l10n.t('The VM is started again at the end.')] : []),
      ].join('\n'),
      confirmLabel: vscode.l10n.t('Undo Revert'),
    });
    return answer === BACK ? BACK : undefined;
  },
};

const steps: PromptStep<TargetContext>[] = [subscriptionStep, vmStep, confirmStep];

async function execute(ctx: TargetContext): Promise<string | undefined> {
  const { input } = await undoTarget(ctx);
  const { run } = undoRevertRun(input, randomUUID(), Date.now());
  await ctx.command.operations.runs.save(run);
  const done = await runInNotification(ctx.command, run);
  return done?.vmId;
}

/** On a VM (or from the palette: subscription → VM) that a revert changed. */
export async function undoRevert(context: CommandContext, node?: TreeNode): Promise<string | undefined> {
  return runWizard(steps, { execute }, targetFromNode(context, node), context.prompter, { title: vscode.l10n.t('Undo Revert') });
}

/** Undo Revert of the VM a failed revert changed, offered by its failure report: the same modal first. */
export function undoRevertOf(context: CommandContext, run: { vmId: string; tenantId: string; subscriptionId: string }): Promise<string | undefined> {
  const ctx: TargetContext = { ...targetFromNode(context, undefined), subscription: { tenantId: run.tenantId, subscriptionId: run.subscriptionId }, vmId: run.vmId };
  return runWizard(steps, { execute }, ctx, context.prompter, { title: vscode.l10n.t('Undo Revert') });
}
