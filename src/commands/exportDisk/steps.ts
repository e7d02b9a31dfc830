import * as vscode from 'vscode';
import { BACK } from '../wizard/prompter';
import type { PromptStep } from '../wizard/wizard';
import type { RestoreDiskContext } from '../restoreDisk/steps';

export interface ExportContext extends RestoreDiskContext {
  durationSeconds?: number;
  /** The file (Download VHD) or folder (Download Disks) to save to. */
  target?: string;
}

const HOUR = 3600;

/**
 * How long the URL works. A download needs it only while it runs (it is revoked at the end), but
 * must not run out before: a resume asks for a new one. Azure allows up to several days; a copied
 * URL is a secret, so its default is short.
 */
export function durationStep(defaultSeconds: number): PromptStep<ExportContext> {
  const choices = [HOUR, 4 * HOUR, 8 * HOUR, 24 * HOUR, 72 * HOUR];
  return {
    shouldPrompt: (ctx) => ctx.durationSeconds === undefined,
    async prompt(ctx, prompter, earlier) {
      const picked = await prompter.pickOne({
        placeholder: vscode.l10n.t('How long may the access last?'),
        items: choices.map((seconds) => ({ label: durationLabel(seconds), value: seconds })),
        isDefault: (seconds) => seconds === (earlier?.durationSeconds ?? defaultSeconds),
      });
      if (picked === BACK) return BACK;
      ctx.durationSeconds = picked;
    },
  };
}

function durationLabel(seconds: number): string {
  if (seconds === HOUR) return vscode.l10n.t('1 hour');
  return seconds < 24 * HOUR ? vscode.l10n.t('{0} hours', seconds / HOUR) : vscode.l10n.t('{0} days', seconds / (24 * HOUR));
}

/** Save dialog: the disk restore point's name as the file name, or a folder for every disk. */
export function saveStep(folder: boolean): PromptStep<ExportContext> {
  return {
    shouldPrompt: (ctx) => !ctx.target,
    async prompt(ctx, prompter) {
      const name = folder ? ctx.restorePoint?.name ?? '' : `${ctx.diskRestorePoint?.name ?? 'disk'}.vhd`;
      const picked = await prompter.saveLocation({
        title: folder ? vscode.l10n.t('Folder for the disks of {0}', name) : vscode.l10n.t('Save {0}', name),
        defaultName: name,
        folder,
        filters: folder ? undefined : { [vscode.l10n.t('Virtual hard disk')]: ['vhd'] },
      });
      if (picked === BACK) return BACK;
      ctx.target = picked;
    },
  };
}
