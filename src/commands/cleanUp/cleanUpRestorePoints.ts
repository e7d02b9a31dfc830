import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { deletionsOf, type CleanUpTarget } from '../../azure/cleanUpPlan';
import { idKey } from '../../azure/ids';
import { RestorePointCollectionItem } from '../../tree/nodes/RestorePointCollectionItem';
import { SubscriptionItem } from '../../tree/nodes/SubscriptionItem';
import { VirtualMachineItem } from '../../tree/nodes/VirtualMachineItem';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';
import type { CommandContext } from '../commandContext';
import type { OperationRecord } from '../operations/operationJournal';
import { collectionsOf, subscriptionStep, targetFromNode } from '../steps/targets';
import { WizardReads } from '../steps/wizardReads';
import { runWizard } from '../wizard/wizard';
import { reportMarkdown, showMarkdown } from './cleanUpDocuments';
import { runDeletes, type CleanUpReport } from './cleanUpRun';
import { recheckDeletes } from './recheck';
import { dryRunStep, failedStep, keepNewestStep, olderThanStep, scopeStep, type CleanUpContext } from './steps';

export const cleanUpTitle = (): string => vscode.l10n.t('Clean Up Restore Points');

/** The end of a clean-up, in one notification; the report document on request. */
export function announce(context: CommandContext, report: CleanUpReport): void {
  const summary = vscode.l10n.t('Clean-up: {0} deleted, {1} failed, {2} skipped.', report.deleted.length, report.failed.length, report.skipped.length);
  const open = vscode.l10n.t('Open Report');
  const shown = report.failed.length ? vscode.window.showWarningMessage(summary, open) : vscode.window.showInformationMessage(summary, open);
  void shown.then((choice) => {
    if (choice === open) void showMarkdown(context, vscode.l10n.t('Clean-up report.md'), reportMarkdown(report));
  });
}

async function execute(ctx: CleanUpContext): Promise<CleanUpReport> {
  const plan = ctx.plan!;
  const confirmed = deletionsOf(plan).map(({ subscription, restorePoint }) => ({ id: restorePoint.id, name: restorePoint.name, ...subscription }));
  if (!confirmed.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to delete: the rules keep every restore point there.'));
    return { deleted: [], failed: [], skipped: [] };
  }
  const { send: pending, unselected } = await recheckDeletes(ctx.command.tree.factory, confirmed, plan.rules, (s) => collectionsOf(ctx, s));
  const skipped = unselected.map((p) => ({ ...p, why: 'unselected' as const }));
  if (!pending.length) {
    const report: CleanUpReport = { deleted: [], failed: [], skipped };
    announce(ctx.command, report);
    return report;
  }
  const first = pending[0];
  // Not an ARM id: the record stands for the whole clean-up and marks no tree item.
  const record: OperationRecord = {
    kind: 'cleanUpRestorePoints', resourceId: `cleanUp/${randomUUID()}`, name: cleanUpTitle(), tenantId: first.tenantId, subscriptionId: first.subscriptionId, startedAt: Date.now(), pending, rules: plan.rules,
  };
  await ctx.command.operations.record(record);
  const report = await runDeletes(ctx.command, record, pending, vscode.l10n.t('Deleting {0} restore points…', pending.length));
  report.skipped.push(...skipped);
  announce(ctx.command, report);
  return report;
}

function runCleanUp(ctx: CleanUpContext): Promise<CleanUpReport> {
  return runWizard([subscriptionStep, scopeStep, keepNewestStep, olderThanStep, failedStep, dryRunStep], { execute }, ctx, ctx.command.prompter, { title: cleanUpTitle() });
}

/** The collections a tree item stands for: itself; a VM's own and their copies (what the tree shows under it); a subscription's every one. */
async function targetsOf(ctx: CleanUpContext, node: TreeNode | undefined): Promise<CleanUpTarget[] | undefined> {
  const subscription = ctx.subscription;
  if (!subscription) return undefined;
  if (node instanceof RestorePointCollectionItem) return [{ subscription, collectionId: node.collection.id! }];
  if (!(node instanceof VirtualMachineItem || node instanceof SubscriptionItem)) return undefined;
  const all = await collectionsOf(ctx, subscription);
  const vm = node instanceof VirtualMachineItem ? idKey(node.vm.id ?? '') : undefined;
  const own = vm ? all.filter((c) => idKey(c.source?.id ?? '') === vm) : all;
  const ownIds = new Set(own.map((c) => idKey(c.id ?? '')));
  const copies = vm ? all.filter((c) => ownIds.has(idKey(c.source?.id ?? ''))) : [];
  return [...own, ...copies].map((c) => ({ subscription, collectionId: c.id! }));
}

/** Clean Up Restore Points… on a collection, a VM or a subscription, or from the palette (which asks for the subscription and what in it). */
export async function cleanUpRestorePoints(context: CommandContext, node?: TreeNode): Promise<CleanUpReport> {
  const ctx: CleanUpContext = targetFromNode(context, node);
  ctx.targets = await targetsOf(ctx, node);
  return runCleanUp(ctx);
}

/** The same clean-up for collections chosen elsewhere, in one or several subscriptions. */
export function cleanUpCollections(context: CommandContext, targets: readonly CleanUpTarget[]): Promise<CleanUpReport> {
  if (!targets.length) throw new Error(vscode.l10n.t('Select at least one restore point collection to clean up.'));
  return runCleanUp({ command: context, reads: new WizardReads(), subscription: targets[0].subscription, targets: [...targets] });
}
