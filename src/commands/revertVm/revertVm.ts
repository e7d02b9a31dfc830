import { randomUUID } from 'node:crypto';
import type { Disk, VirtualMachine } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { revertVmRun, type DiskSwap } from '../../azure/actions/revertVm';
import { listDisksIn } from '../../azure/disks';
import { statusCode } from '../../azure/errors';
import { collectionIdOf, idKey, lastSegment } from '../../azure/ids';
import { readCollection } from '../../azure/restorePointCollections';
import { readPowerState, readVirtualMachine } from '../../azure/virtualMachines';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';
import type { CommandContext } from '../commandContext';
import { checkedSource } from '../restoreAsNewVm/steps';
import { refuseIncompleteCopy } from '../steps/completeCopy';
import { readOnce, resourceGroupOf, subscriptionStep, targetFromNode, vmStep, type TargetContext } from '../steps/targets';
import { runInNotification } from '../vmRuns/runNotification';
import { vmRestorePointStep } from '../vmRuns/vmRestorePointStep';
import { BACK } from '../wizard/prompter';
import { runWizard, type PromptStep } from '../wizard/wizard';
import { slotLabel } from './keptDisks';

interface RevertContext extends TargetContext {
  vm?: VirtualMachine;
  power?: string;
}

/** The VM the restore point was taken of, if it still exists in the restore point's region: the only VM a revert may change. */
async function targetVm(ctx: RevertContext): Promise<{ vm: VirtualMachine; power: string | undefined; groupDisks: Disk[] }> {
  const rpId = ctx.restorePoint!.id!;
  const { location } = await checkedSource(ctx);
  const collection = await readOnce(ctx, `restorePointCollection:${idKey(collectionIdOf(rpId))}:alone`, (factory, subscription) => readCollection(factory, subscription, collectionIdOf(rpId)));
  const vmId = collection.source?.id ?? '';
  if (!/\/virtualMachines\//i.test(vmId)) throw new Error(vscode.l10n.t("Restore point '{0}' is a copy in another region; revert its VM from a restore point in the VM's own region, or use Restore as New VM.", ctx.restorePoint!.name ?? ''));
  let vm: VirtualMachine;
  try {
    vm = await readOnce(ctx, `virtualMachine:${idKey(vmId)}`, (factory, subscription) => readVirtualMachine(factory, subscription, vmId));
  } catch (error) {
    if (statusCode(error) === 404) throw new Error(vscode.l10n.t("The VM of restore point '{0}' no longer exists; use Restore as New VM.", ctx.restorePoint!.name ?? ''));
    throw error;
  }
  if (idKey(vm.location ?? '') !== idKey(location)) throw new Error(vscode.l10n.t("Restore point '{0}' is in {1} and its VM in {2}: a VM can only be reverted to a restore point in its own region.", ctx.restorePoint!.name ?? '', location, vm.location ?? ''));
  const group = resourceGroupOf(vmId);
  // The group's disks: the tags of the disks that are kept, which a PATCH would otherwise replace.
  const [power, groupDisks] = await Promise.all([
    readOnce(ctx, `powerState:${idKey(vmId)}`, (factory, subscription) => readPowerState(factory, subscription, vmId)),
    readOnce(ctx, `disks:${idKey(group)}`, (factory, subscription) => listDisksIn(factory, subscription, group)),
  ]);
  return { vm, power, groupDisks };
}

const stampOf = (at: Date): string => at.toISOString().replace(/[-:T]/g, '').slice(0, 12);

/** Says exactly what happens, disk by disk, before anything is sent. */
const confirmStep: PromptStep<RevertContext> = {
  shouldPrompt: () => true,
  async prompt(ctx, prompter) {
    const { vm, power, groupDisks } = await targetVm(ctx);
    const { restorePoint } = await checkedSource(ctx);
    const { swaps } = revertVmRun({ ...planInput(ctx, vm, power), restorePoint, groupDisks, stamp: 'YYYYMMDDHHMM' }, '', 0);
    const running = power !== 'deallocated';
    const answer = await prompter.confirm({
      message: vscode.l10n.t("Revert VM '{0}' to restore point '{1}'?", vm.name ?? '', restorePoint.name ?? ''),
      detail: [
        running ? vscode.l10n.t('The VM is stopped and deallocated (it is {0} now).', power ?? '?') : vscode.l10n.t('The VM is deallocated and stays so.'),
        vscode.l10n.t('Its disks are replaced by disks restored from the restore point:'),
        ...swaps.map((s: DiskSwap) => `• ${slotLabel(s.slot)}: ${lastSegment(s.currentDiskId)} → ${lastSegment(s.newDiskId).replace('YYYYMMDDHHMM', '…')}`),
        vscode.l10n.t('The current disks are kept, not deleted, and tagged with what replaced them (Undo Revert puts them back). Data disks not in the restore point stay attached.'),
        ...(power === 'running' ? [vscode.l10n.t('The VM is started again at the end.')] : []),
      ].join('\n'),
      confirmLabel: vscode.l10n.t('Revert'),
    });
    return answer === BACK ? BACK : undefined;
  },
};

const planInput = (ctx: RevertContext, vm: VirtualMachine, power: string | undefined) => ({
  tenantId: ctx.subscription!.tenantId,
  subscriptionId: ctx.subscription!.subscriptionId,
  vm,
  running: power === 'running',
  deallocated: power === 'deallocated',
});

const steps: PromptStep<RevertContext>[] = [
  { shouldPrompt: (ctx) => !ctx.restorePoint && subscriptionStep.shouldPrompt(ctx), prompt: (ctx, p, e) => subscriptionStep.prompt(ctx, p, e) },
  { shouldPrompt: (ctx) => !ctx.restorePoint && vmStep.shouldPrompt(ctx), prompt: (ctx, p, e) => vmStep.prompt(ctx, p, e) },
  vmRestorePointStep,
  confirmStep,
];

async function execute(ctx: RevertContext): Promise<string | undefined> {
  const { vm, power } = await targetVm(ctx);
  const { restorePoint } = await checkedSource(ctx);
  // Read again just before sending: a disk made since the prompt (another revert) must not be taken over.
  const groupDisks = await listDisksIn(ctx.command.tree.factory, ctx.subscription!, resourceGroupOf(vm.id!));
  const { run } = revertVmRun({ ...planInput(ctx, vm, power), restorePoint, groupDisks, stamp: stampOf(new Date()) }, randomUUID(), Date.now());
  await ctx.command.operations.runs.save(run);
  const done = await runInNotification(ctx.command, run);
  return done?.vmId;
}

/** On a restore point of an existing VM in its region; from the palette: subscription → VM → restore point. */
export async function revertVm(context: CommandContext, node?: TreeNode): Promise<string | undefined> {
  refuseIncompleteCopy(node, 'restore');
  const ctx: RevertContext = targetFromNode(context, node);
  return runWizard(steps, { execute }, ctx, context.prompter, { title: vscode.l10n.t('Revert VM to Restore Point') });
}
