import * as vscode from 'vscode';
import { restoreDisk as restoreDiskInAzure } from '../../azure/disks';
import { DiskRestorePointItem } from '../../tree/nodes/DiskRestorePointItem';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';
import type { CommandContext } from '../commandContext';
import { operationOf } from '../operations/operationJournal';
import { refuseIncompleteCopy } from '../steps/completeCopy';
import { armOf, collectionStep, restorePointStep, subscriptionStep, targetFromNode, withOperationProgress, type TargetContext } from '../steps/targets';
import { runWizard, type PromptStep } from '../wizard/wizard';
import { diskNameStep, diskRestorePointStep, resourceGroupStep, restoreSummaryStep, skuStep, sourceLocation, type RestoreDiskContext } from './steps';

/** The steps that find a disk restore point are skipped when the command runs on one. */
const untilDisk = (step: PromptStep<TargetContext>): PromptStep<RestoreDiskContext> => ({
  shouldPrompt: (ctx: RestoreDiskContext) => !ctx.diskRestorePoint && step.shouldPrompt(ctx),
  prompt: (ctx, prompter, earlier) => step.prompt(ctx, prompter, earlier),
});

const steps: PromptStep<RestoreDiskContext>[] = [
  untilDisk(subscriptionStep),
  untilDisk(collectionStep()),
  untilDisk(restorePointStep),
  diskRestorePointStep,
  resourceGroupStep,
  diskNameStep,
  skuStep,
  restoreSummaryStep,
];

async function execute(ctx: RestoreDiskContext): Promise<string> {
  const { factory, subscription } = armOf(ctx);
  const location = await sourceLocation(ctx);
  const diskId = `/subscriptions/${ctx.subscription!.subscriptionId}/resourceGroups/${ctx.resourceGroup!}/providers/Microsoft.Compute/disks/${ctx.diskName!}`;
  const operation = ctx.command.operations.track(operationOf(ctx, 'restoreDisk', diskId, ctx.diskName!));
  const id = await operation.run(() =>
    withOperationProgress(vscode.l10n.t("Creating disk '{0}'…", ctx.diskName!), () =>
      restoreDiskInAzure(
        factory,
        subscription,
        { diskRestorePointId: ctx.diskRestorePoint!.id, resourceGroup: ctx.resourceGroup!, diskName: ctx.diskName!, location, sku: ctx.sku ?? undefined },
        { onAccepted: operation.accepted },
      ),
    ),
  );
  const copy = vscode.l10n.t('Copy Disk ID');
  void vscode.window.showInformationMessage(vscode.l10n.t("Disk '{0}' created.", ctx.diskName!), copy).then((choice) => {
    if (choice === copy) void vscode.env.clipboard.writeText(id);
  });
  return id;
}

/** On a disk restore point node it starts at the resource group; from the palette it asks for the disk restore point. */
export async function restoreDisk(context: CommandContext, node?: TreeNode): Promise<string> {
  refuseIncompleteCopy(node, 'restore');
  const ctx: RestoreDiskContext = targetFromNode(context, node);
  if (node instanceof DiskRestorePointItem) ctx.diskRestorePoint = { id: node.row.id, name: node.row.name };
  return runWizard(steps, { execute }, ctx, context.prompter, { title: vscode.l10n.t('Restore Disk') });
}
