import * as vscode from 'vscode';
import { createCollectionForVm } from '../../azure/actions/createRestorePointCollection';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';
import type { CommandContext } from '../commandContext';
import { vmDetails, type CreateRestorePointContext } from '../createRestorePoint/context';
import { newCollectionNameStep } from '../createRestorePoint/steps';
import { computeClient, resourceGroupOf, subscriptionStep, targetFromNode, vmStep, type TargetContext } from '../steps/targets';
import { runWizard, type PromptStep } from '../wizard/wizard';

/* A collection costs nothing until restore points are taken, so there is no summary to confirm. */
const steps: PromptStep<CreateRestorePointContext>[] = [subscriptionStep as PromptStep<TargetContext> as PromptStep<CreateRestorePointContext>, vmStep, newCollectionNameStep];

async function execute(ctx: CreateRestorePointContext): Promise<string> {
  const client = await computeClient(ctx);
  const d = await vmDetails(ctx);
  const created = await createCollectionForVm(client, { resourceGroup: resourceGroupOf(d.vm.id!), name: ctx.newCollectionName!, vm: { id: d.vm.id!, location: d.vm.location! } });
  ctx.command.tree.changed({ id: created.id!, vmId: d.vm.id });
  void vscode.window.showInformationMessage(vscode.l10n.t("Restore point collection '{0}' created in {1}.", created.name ?? '', created.location ?? ''));
  return created.id!;
}

/** For a VM, in its region and resource group, as ARM requires. */
export function createRestorePointCollection(context: CommandContext, node?: TreeNode): Promise<string> {
  const ctx: CreateRestorePointContext = { ...targetFromNode(context, node), newCollectionName: '' };
  return runWizard(steps, { execute }, ctx, context.prompter, { title: vscode.l10n.t('Create Restore Point Collection') });
}
