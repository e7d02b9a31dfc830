import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { restoreAsNewVmRun } from '../../azure/actions/restoreAsNewVm';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';
import type { CommandContext } from '../commandContext';
import { refuseIncompleteCopy } from '../steps/completeCopy';
import { subscriptionStep, targetFromNode, vmStep, type TargetContext } from '../steps/targets';
import { runInNotification } from '../vmRuns/runNotification';
import { vmRestorePointStep } from '../vmRuns/vmRestorePointStep';
import { runWizard, type PromptStep } from '../wizard/wizard';
import { checkedSource, diskTypesStep, inputOf, networkStep, publicIpStep, refuseTakenNetworkName, refuseTakenResourceGroup, resourceGroupStep, sizeStep, summaryStep, vmNameStep, type RestoreVmContext } from './steps';

/** The steps that find the restore point are skipped when the command runs on one. */
const untilRestorePoint = (step: PromptStep<TargetContext>): PromptStep<RestoreVmContext> => ({
  shouldPrompt: (ctx: RestoreVmContext) => !ctx.restorePoint && step.shouldPrompt(ctx),
  prompt: (ctx, prompter, earlier) => step.prompt(ctx, prompter, earlier),
});

const steps: PromptStep<RestoreVmContext>[] = [
  untilRestorePoint(subscriptionStep),
  untilRestorePoint(vmStep),
  vmRestorePointStep,
  resourceGroupStep,
  vmNameStep,
  networkStep,
  publicIpStep,
  sizeStep,
  diskTypesStep,
  summaryStep,
];

async function execute(ctx: RestoreVmContext): Promise<string | undefined> {
  const { restorePoint, location } = await checkedSource(ctx);
  // Read again just before sending: a network or IP made since the prompts must not be replaced.
  if (ctx.network && 'newNetwork' in ctx.network) await refuseTakenNetworkName(ctx, 'virtualNetwork', true);
  if (ctx.publicIp) await refuseTakenNetworkName(ctx, 'publicIp', true);
  // A group made since the prompts is someone else's: the run would take it for its own.
  if (ctx.newResourceGroup) await refuseTakenResourceGroup(ctx);
  const run = restoreAsNewVmRun(inputOf(ctx, restorePoint, location), randomUUID(), Date.now());
  await ctx.command.operations.runs.save(run);
  const done = await runInNotification(ctx.command, run);
  return done?.vmId;
}

/** On a restore point it starts at the resource group; from the palette it asks subscription, VM and restore point first. */
export async function restoreAsNewVm(context: CommandContext, node?: TreeNode): Promise<string | undefined> {
  refuseIncompleteCopy(node, 'restore');
  const ctx: RestoreVmContext = targetFromNode(context, node);
  return runWizard(steps, { execute }, ctx, context.prompter, { title: vscode.l10n.t('Restore as New VM') });
}
