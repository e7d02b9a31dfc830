import type { RestorePointCollection } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { collectionRefFromId } from '../../azure/actions/resourceRefs';
import { errorMessage } from '../../azure/errors';
import { createCopyCollection, deleteCollection } from '../../azure/restorePointCollections';
import { copyRestorePoint as copyInAzure } from '../../azure/restorePoints';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';
import type { CommandContext } from '../commandContext';
import { operationOf } from '../operations/operationJournal';
import { existingCollection, newCollection } from '../steps/collectionChoice';
import { refuseIncompleteCopy } from '../steps/completeCopy';
import { armOf, collectionOfRestorePoint, collectionStep, restorePointStep, subscriptionStep, targetFromNode, withOperationProgress, type TargetContext } from '../steps/targets';
import { runWizard, type PromptStep } from '../wizard/wizard';
import { copyNameStep, copySummaryStep, newCollectionGroupStep, newCollectionNameStep, regionStep, sourceCollectionOf, targetCollectionStep, type CopyContext } from './steps';
import { watchCopy, type WatchOutcome } from './watchCopy';

const asCopy = (step: PromptStep<TargetContext>): PromptStep<CopyContext> => step;
const isVmCollection = (c: { source?: { id?: string } }): boolean => /\/virtualMachines\//i.test(c.source?.id ?? '');

const steps: PromptStep<CopyContext>[] = [
  asCopy(subscriptionStep),
  // Copies of copies are not offered: the source is a VM's own collection.
  asCopy(collectionStep(isVmCollection)),
  asCopy(restorePointStep),
  regionStep,
  targetCollectionStep,
  newCollectionGroupStep,
  newCollectionNameStep,
  copyNameStep,
  copySummaryStep,
];

export interface CopyResult extends WatchOutcome {
  id: string;
}

async function execute(context: CommandContext, ctx: CopyContext): Promise<CopyResult> {
  const { factory, subscription } = armOf(ctx);
  const source = await sourceCollectionOf(ctx);
  let target = existingCollection(ctx.target);
  const createdForThisCopy = !target;
  if (!target) {
    const { name, resourceGroup } = newCollection(ctx.target)!;
    target = await createCopyCollection(factory, subscription, { resourceGroup: resourceGroup!, name: name!, location: ctx.targetRegion!, sourceCollectionId: source.id! });
    context.tree.changed({ id: target.id!, vmId: source.source?.id });
  }
  let accepted = false;
  // Recorded from ARM's acceptance until the watch ends: a reload in between watches it again.
  const operation = context.operations.track(operationOf(ctx, 'copyRestorePoint', `${target.id!}/restorePoints/${ctx.name!}`, ctx.name!));
  return operation.run(async () => {
    const copy = await withOperationProgress(vscode.l10n.t("Creating copy '{0}' in {1}…", ctx.name!, ctx.targetRegion!), () =>
      copyInAzure(
        factory,
        subscription,
        { targetCollection: collectionRefFromId(target.id!), name: ctx.name!, sourceRestorePointId: ctx.restorePoint!.id! },
        {
          onAccepted: async () => {
            accepted = true;
            await operation.accepted();
            context.tree.changed({ id: `${target.id!}/restorePoints/${ctx.name!}` });
          },
        },
      ),
    ).then(undefined, async (error: unknown) => {
      // ARM refused the copy itself: the collection made for it would be left empty, so it goes too.
      if (createdForThisCopy && !accepted) await removeEmptyCollection(context, target, ctx, source.source?.id);
      throw error;
    });
    const outcome = await watchCopy(context, subscription, copy.id!, ctx.name!);
    context.tree.changed({ id: copy.id! });
    return { id: copy.id!, ...outcome };
  });
}

async function removeEmptyCollection(context: CommandContext, collection: RestorePointCollection, ctx: CopyContext, sourceVmId: string | undefined): Promise<void> {
  try {
    const { factory, subscription } = armOf(ctx);
    await deleteCollection(factory, subscription, collection.id!);
    context.log.info(`Removed the collection ${collection.id} created for a copy ARM refused.`);
  } catch (error) {
    // Said, not hidden: the user can delete it from the tree.
    context.log.warn(`Could not remove the empty collection ${collection.id} created for a refused copy: ${errorMessage(error)}`);
    void vscode.window.showWarningMessage(vscode.l10n.t("The collection '{0}' created for this copy is empty and could not be removed: {1}", collection.name ?? '', errorMessage(error)));
  }
  context.tree.changed({ id: collection.id!, vmId: sourceVmId });
}

/** Palette: subscription → collection → restore point; on a restore point node it starts at the region. */
export async function copyRestorePoint(context: CommandContext, node?: TreeNode): Promise<CopyResult> {
  refuseIncompleteCopy(node, 'copy');
  const ctx: CopyContext = targetFromNode(context, node);
  ctx.collection = undefined;
  collectionOfRestorePoint(ctx);
  return runWizard(steps, { execute: (c) => execute(context, c) }, ctx, context.prompter, { title: vscode.l10n.t('Copy Restore Point to Region') });
}
