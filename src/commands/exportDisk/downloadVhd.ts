import * as path from 'node:path';
import * as vscode from 'vscode';
import { listDiskRestorePointsOf } from '../../azure/restorePoints';
import { DiskRestorePointItem } from '../../tree/nodes/DiskRestorePointItem';
import type { TreeNode } from '../../tree/RestorePointsTreeProvider';
import type { CommandContext } from '../commandContext';
import { refuseIncompleteCopy } from '../steps/completeCopy';
import { armOf, collectionStep, restorePointStep, subscriptionStep, targetFromNode } from '../steps/targets';
import { diskRestorePointStep } from '../restoreDisk/steps';
import { runWizard, type PromptStep } from '../wizard/wizard';
import { confirmDownload } from './confirmDownload';
import { durationStep, saveStep, type ExportContext } from './steps';
import { downloadDisk, downloadedMessage } from './transfer';

const DOWNLOAD_DURATION_SECONDS = 8 * 3600;

/** The steps that find a disk restore point are skipped when the command runs on one. */
const untilDisk = (step: PromptStep<ExportContext>): PromptStep<ExportContext> => ({
  shouldPrompt: (ctx) => !ctx.diskRestorePoint && step.shouldPrompt(ctx),
  prompt: (ctx, prompter, earlier) => step.prompt(ctx, prompter, earlier),
});

/** On a restore point node, it is the target: nothing is asked to find it. */
const untilRestorePoint = (step: PromptStep<ExportContext>): PromptStep<ExportContext> => ({
  shouldPrompt: (ctx) => !(ctx.node && ctx.restorePoint) && step.shouldPrompt(ctx),
  prompt: (ctx, prompter, earlier) => step.prompt(ctx, prompter, earlier),
});

export const findDiskRestorePoint: PromptStep<ExportContext>[] = [untilDisk(subscriptionStep), untilDisk(collectionStep()), untilDisk(restorePointStep), diskRestorePointStep];

function exportContext(context: CommandContext, node: TreeNode | undefined): ExportContext {
  refuseIncompleteCopy(node, 'export');
  const ctx: ExportContext = targetFromNode(context, node);
  if (node instanceof DiskRestorePointItem) ctx.diskRestorePoint = { id: node.row.id, name: node.row.name };
  return ctx;
}

/** Download VHD…: one disk restore point to a fixed VHD, with progress, resumable, revoked at the end. */
export async function downloadVhdCommand(context: CommandContext, node?: TreeNode): Promise<string> {
  const ctx = exportContext(context, node);
  const steps = [...findDiskRestorePoint, saveStep(false), durationStep(DOWNLOAD_DURATION_SECONDS)];
  return runWizard(steps, { execute }, ctx, context.prompter, { title: vscode.l10n.t('Download VHD') });
}

async function execute(ctx: ExportContext): Promise<string> {
  const { subscription } = armOf(ctx);
  const { id, name } = ctx.diskRestorePoint!;
  const file = ctx.target!;
  // The save dialog asked about replacing the file.
  await confirmDownload(ctx.command, [{ id, name, file }], { namedByUs: false });
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Downloading '{0}'", name), cancellable: true }, (progress, token) =>
    downloadDisk(ctx.command, { subscription, diskRestorePointId: id, name, file, durationSeconds: ctx.durationSeconds! }, progress, token),
  );
  void vscode.window.showInformationMessage(downloadedMessage(name, file, result));
  return file;
}

/** ARM names a disk restore point `<disk name>_<id>`; the file takes the disk's name, as the tree shows it. */
const diskNameOf = (diskRestorePointName: string): string => diskRestorePointName.replace(/_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, '');

/** Download Disks…: every disk restore point of a restore point, one after the other, into a folder. */
export async function downloadDisksCommand(context: CommandContext, node?: TreeNode): Promise<string[]> {
  const ctx = exportContext(context, node);
  const steps = [untilRestorePoint(subscriptionStep), untilRestorePoint(collectionStep()), untilRestorePoint(restorePointStep), saveStep(true), durationStep(DOWNLOAD_DURATION_SECONDS)];
  return runWizard(steps, { execute: executeAll }, ctx, context.prompter, { title: vscode.l10n.t('Download Disks') });
}

async function executeAll(ctx: ExportContext): Promise<string[]> {
  const { factory, subscription } = armOf(ctx);
  const restorePointId = ctx.restorePoint!.id!;
  const disks = (await listDiskRestorePointsOf(factory, subscription, restorePointId)).map((d) => ({ id: d.id!, name: d.name ?? '' }));
  if (!disks.length) throw new Error(vscode.l10n.t("Restore point '{0}' has no disk restore points.", ctx.restorePoint!.name ?? ''));
  const planned = disks.map((d) => ({ ...d, file: path.join(ctx.target!, `${diskNameOf(d.name)}.vhd`) }));
  await confirmDownload(ctx.command, planned, { namedByUs: true });
  const files: string[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Downloading the disks of '{0}'", ctx.restorePoint!.name ?? ''), cancellable: true }, async (progress, token) => {
    for (const [i, { file, ...disk }] of planned.entries()) {
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      const labelled = { report: (p: { message?: string; increment?: number }) => progress.report({ message: `${i + 1}/${disks.length} ${disk.name}: ${p.message ?? ''}`, increment: p.increment === undefined ? undefined : p.increment / disks.length }) };
      await downloadDisk(ctx.command, { subscription, diskRestorePointId: disk.id, name: disk.name, file, durationSeconds: ctx.durationSeconds! }, labelled, token);
      files.push(file);
    }
  });
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} disks saved to {1}.', files.length, ctx.target!));
  return files;
}
