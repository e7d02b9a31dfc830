import * as vscode from 'vscode';
import { createVmCollection } from '../../azure/restorePointCollections';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';
import type { CommandContext } from '../commandContext';
import { vmDetails, type CreateRestorePointContext } from '../createRestorePoint/context';
import { newCollectionNameStep } from '../createRestorePoint/steps';
import { newCollection } from '../steps/collectionChoice';
import { armOf, subscriptionStep, targetFromNode, vmStep, type TargetContext } from '../steps/targets';
import { runWizard, type PromptStep } from '../wizard/wizard';

/* A collection costs nothing until restore points are taken, so there is no summary to confirm. */
const steps: PromptStep<CreateRestorePointContext>[] = [subscriptionStep as PromptStep<TargetContext> as PromptStep<CreateRestorePointContext>, vmStep, newCollectionNameStep];

async function execute(ctx: CreateRestorePointContext): Promise<string> {
  const { factory, subscription } = armOf(ctx);
  const d = await vmDetails(ctx);
  const { resourceGroup, name } = newCollection(ctx.target)!;
  const created = await createVmCollection(factory, subscription, { resourceGroup: resourceGroup!, name: name!, vm: { id: d.vm.id!, location: d.vm.location! } });
  ctx.command.tree.changed({ id: created.id!, vmId: d.vm.id });
  void vscode.window.showInformationMessage(vscode.l10n.t("Restore point collection '{0}' created in {1}.", created.name ?? '', created.location ?? ''));
  return created.id!;
}

/** For a VM, in its region and resource group, as ARM requires. */
export function createRestorePointCollection(context: CommandContext, node?: TreeNode): Promise<string> {
  const ctx: CreateRestorePointContext = { ...targetFromNode(context, node), target: { create: {} } };
  return runWizard(steps, { execute }, ctx, context.prompter, { title: vscode.l10n.t('Create Restore Point Collection') });
}
