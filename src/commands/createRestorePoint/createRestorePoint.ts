import * as vscode from 'vscode';
import { collectionRefFromId } from '../../azure/actions/resourceRefs';
import { createVmCollection } from '../../azure/restorePointCollections';
import { createRestorePoint as createRestorePointInAzure } from '../../azure/restorePoints';
import { consistencyModeOptions } from '../../azure/rules/consistencyModes';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';
import type { CommandContext } from '../commandContext';
import { operationOf } from '../operations/operationJournal';
import { existingCollection, newCollection } from '../steps/collectionChoice';
import { armOf, subscriptionStep, targetFromNode, vmStep, withOperationProgress, type TargetContext } from '../steps/targets';
import { runWizard, type PromptStep } from '../wizard/wizard';
import { vmDetails, type CreateRestorePointContext } from './context';
import { collectionStep, excludeDisksStep, instantAccessStep, modeStep, nameStep, newCollectionNameStep, summaryStep } from './steps';

const steps: PromptStep<CreateRestorePointContext>[] = [
  subscriptionStep as PromptStep<TargetContext> as PromptStep<CreateRestorePointContext>,
  vmStep,
  collectionStep,
  newCollectionNameStep,
  nameStep,
  modeStep,
  instantAccessStep,
  excludeDisksStep,
  summaryStep,
];

async function execute(ctx: CreateRestorePointContext): Promise<string> {
  const { factory, subscription } = armOf(ctx);
  const d = await vmDetails(ctx);
  let collection = existingCollection(ctx.target);
  if (!collection) {
    const { resourceGroup, name } = newCollection(ctx.target)!;
    collection = await createVmCollection(factory, subscription, { resourceGroup: resourceGroup!, name: name!, vm: { id: d.vm.id!, location: d.vm.location! } });
    ctx.command.tree.changed({ id: collection.id!, vmId: d.vm.id });
  }
  const operation = ctx.command.operations.track(operationOf(ctx, 'createRestorePoint', `${collection.id!}/restorePoints/${ctx.name!}`, ctx.name!));
  const created = await operation.run(() =>
    withOperationProgress(vscode.l10n.t("Creating restore point '{0}' of {1}…", ctx.name!, d.vm.name ?? ''), () =>
      createRestorePointInAzure(
        factory,
        subscription,
        {
          collection: collectionRefFromId(collection.id!),
          name: ctx.name!,
          consistencyMode: consistencyModeOptions(undefined).find((o) => o.choice === ctx.mode)?.requestValue,
          excludeDiskIds: ctx.excludeDiskIds,
          instantAccessDurationMinutes: ctx.instantAccessMinutes ?? undefined,
        },
        {
          onAccepted: async () => {
            await operation.accepted();
            ctx.command.tree.changed({ id: `${collection.id!}/restorePoints/${ctx.name!}` });
          },
        },
      ),
    ),
  );
  ctx.command.tree.changed({ id: created.id! });
  void vscode.window.showInformationMessage(vscode.l10n.t("Restore point '{0}' created.", created.name ?? ctx.name!));
  return created.id!;
}

/** Palette: asks for subscription and VM; on a VM or collection node, starts from it. */
export function createRestorePoint(context: CommandContext, node?: TreeNode): Promise<string> {
  const ctx: CreateRestorePointContext = targetFromNode(context, node);
  // On a collection node, that collection is the answer to the collection step.
  if (ctx.collection) ctx.target = { existing: ctx.collection };
  return runWizard(steps, { execute }, ctx, context.prompter, { title: vscode.l10n.t('Create Restore Point') });
}
