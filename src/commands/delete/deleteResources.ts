import * as vscode from 'vscode';
import type { LongRunningOptions } from '../../azure/actions/longRunning';
import { deleteCollection } from '../../azure/restorePointCollections';
import { deleteRestorePoint as deleteRestorePointInAzure } from '../../azure/restorePoints';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';
import type { CommandContext } from '../commandContext';
import { operationOf, runRecorded, type OperationKind } from '../operations/operationJournal';
import {
  collectionOfRestorePoint,
  armOf,
  collectionStep,
  expandedCollection,
  restorePointStep,
  subscriptionStep,
  targetFromNode,
  withOperationProgress,
  type TargetContext,
} from '../steps/targets';
import { BACK, type ConfirmPrompt } from '../wizard/prompter';
import { runWizard, type PromptStep } from '../wizard/wizard';

interface DeleteSpec {
  title: string;
  operation: OperationKind;
  /** The id and name of what is deleted. */
  target(ctx: TargetContext): { id: string; name: string };
  /** The target's steps after the subscription. */
  steps: PromptStep<TargetContext>[];
  /** The modal confirmation, naming what is lost; reads ARM for what the target holds. */
  confirmation(ctx: TargetContext): Promise<Omit<ConfirmPrompt, 'confirmLabel'>>;
  progressTitle(ctx: TargetContext): string;
  run(ctx: TargetContext, options: LongRunningOptions): Promise<string>;
}

const deletions = {
  restorePoint: {
    title: vscode.l10n.t('Delete Restore Point'),
    operation: 'deleteRestorePoint',
    target: (ctx) => ({ id: ctx.restorePoint!.id!, name: ctx.restorePoint!.name ?? '' }),
    steps: [collectionStep(), restorePointStep],
    confirmation: (ctx) =>
      Promise.resolve({
        message: vscode.l10n.t("Delete restore point '{0}' of collection '{1}'?", ctx.restorePoint!.name ?? '', ctx.collection!.name ?? ''),
        detail: vscode.l10n.t('Its disk restore points are deleted with it; disks cannot be restored from it afterwards. This cannot be undone.'),
      }),
    progressTitle: (ctx) => vscode.l10n.t("Deleting restore point '{0}'…", ctx.restorePoint!.name ?? ''),
    run: async (ctx, options) => {
      const { factory, subscription } = armOf(ctx);
      await deleteRestorePointInAzure(factory, subscription, ctx.restorePoint!.id!, options);
      return ctx.restorePoint!.id!;
    },
  },
  restorePointCollection: {
    title: vscode.l10n.t('Delete Restore Point Collection'),
    operation: 'deleteRestorePointCollection',
    target: (ctx) => ({ id: ctx.collection!.id!, name: ctx.collection!.name ?? '' }),
    steps: [collectionStep()],
    confirmation: async (ctx) => {
      const c = ctx.collection!;
      const expanded = await expandedCollection(ctx, c.id!);
      const count = expanded.restorePoints?.length ?? 0;
      return {
        message: vscode.l10n.t("Delete restore point collection '{0}'?", c.name ?? ''),
        detail: count
          ? vscode.l10n.t('Its {0} restore points and their disk restore points are deleted with it. This cannot be undone.', count)
          : vscode.l10n.t('It holds no restore points.'),
        // Losing restore points deserves more than a click.
        typeToConfirm: count ? c.name : undefined,
      };
    },
    progressTitle: (ctx) => vscode.l10n.t("Deleting restore point collection '{0}'…", ctx.collection!.name ?? ''),
    run: async (ctx, options) => {
      const { factory, subscription } = armOf(ctx);
      await deleteCollection(factory, subscription, ctx.collection!.id!, options);
      return ctx.collection!.id!;
    },
  },
} satisfies Record<string, DeleteSpec>;

function confirmStep(spec: DeleteSpec): PromptStep<TargetContext> {
  return {
    shouldPrompt: () => true,
    async prompt(ctx, prompter) {
      const confirmation = await spec.confirmation(ctx);
      const answer = await prompter.confirm({ ...confirmation, confirmLabel: vscode.l10n.t('Delete') });
      return answer === BACK ? BACK : undefined;
    },
  };
}

function runDelete(kind: keyof typeof deletions, context: CommandContext, node?: TreeNode): Promise<string> {
  const spec: DeleteSpec = deletions[kind];
  const ctx = targetFromNode(context, node);
  collectionOfRestorePoint(ctx);
  const execute = async (c: TargetContext): Promise<string> => {
    const { id: targetId, name } = spec.target(c);
    // The journal's record marks the item as deleting; nothing needs reading until it is gone.
    const id = await runRecorded(context.operations, operationOf(c, spec.operation, targetId, name), (onAccepted) => withOperationProgress(spec.progressTitle(c), () => spec.run(c, { onAccepted })));
    context.tree.changed({ id, gone: true });
    return id;
  };
  return runWizard([subscriptionStep, ...spec.steps, confirmStep(spec)], { execute }, ctx, context.prompter, { title: spec.title });
}

export const deleteRestorePoint = (context: CommandContext, node?: TreeNode): Promise<string> => runDelete('restorePoint', context, node);
export const deleteRestorePointCollection = (context: CommandContext, node?: TreeNode): Promise<string> => runDelete('restorePointCollection', context, node);
