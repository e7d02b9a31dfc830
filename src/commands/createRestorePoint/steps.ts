import type { RestorePointCollection } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { consistencyModeOptions } from '../../azure/rules/consistencyModes';
import { excludedDisksProblem, instantAccessApplies, notExcludableReason, requiredExclusionReason } from '../../azure/rules/diskExclusion';
import { defaultRestorePointName, nameInUseProblem, restorePointCollectionNameProblem, restorePointNameProblem } from '../../azure/rules/names';
import { creationInProgressProblem, instantAccessDurationProblem, minimumIntervalProblem, restorePointLimitProblem } from '../../azure/rules/restorePointCreation';
import { resourceGroupOf } from '../steps/targets';
import { BACK, type Answer } from '../wizard/prompter';
import type { PromptStep } from '../wizard/wizard';
import { vmDetails, type CreateRestorePointContext as Ctx } from './context';

/** Stands for "create a collection" among the VM's collections. */
const NEW_COLLECTION = { id: '', name: '' } as RestorePointCollection;

const done = (answer: Answer<unknown>): Answer<void> => (answer === BACK ? BACK : undefined);

export const collectionStep: PromptStep<Ctx> = {
  shouldPrompt: (ctx) => !ctx.collection && ctx.newCollectionName === undefined,
  async prompt(ctx, prompter) {
    const items = vmDetails(ctx).then((d) => [
      ...d.collections.map((c) => ({ label: c.name ?? '', description: `${resourceGroupOf(c.id ?? '')} · ${c.location ?? ''}`, detail: vscode.l10n.t('{0} restore points', c.restorePoints?.length ?? 0), value: c })),
      { label: `$(add) ${vscode.l10n.t('Create a collection in {0}…', d.vm.location ?? '')}`, value: NEW_COLLECTION },
    ]);
    const picked = await prompter.pickOne({ placeholder: vscode.l10n.t('Restore point collection'), items });
    if (picked === BACK) return BACK;
    if (picked === NEW_COLLECTION) ctx.newCollectionName = '';
    else ctx.collection = picked;
  },
};

export const newCollectionNameStep: PromptStep<Ctx> = {
  shouldPrompt: (ctx) => ctx.newCollectionName === '',
  async prompt(ctx, prompter) {
    const d = await vmDetails(ctx);
    const taken = d.allCollections.filter((c) => resourceGroupOf(c.id ?? '').toLowerCase() === resourceGroupOf(d.vm.id ?? '').toLowerCase()).map((c) => c.name ?? '');
    const name = await prompter.input({
      prompt: vscode.l10n.t('Name of the new restore point collection (in {0}, {1})', resourceGroupOf(d.vm.id ?? ''), d.vm.location ?? ''),
      value: `${d.vm.name ?? 'vm'}-rpc`,
      validate: (v) => restorePointCollectionNameProblem(v) ?? nameInUseProblem(v, taken, 'restore point collection'),
    });
    if (name === BACK) return BACK;
    ctx.newCollectionName = name;
  },
};

export const nameStep: PromptStep<Ctx> = {
  shouldPrompt: (ctx) => !ctx.name,
  async prompt(ctx, prompter) {
    const d = await vmDetails(ctx);
    // ARM refuses these outright; saying so before the name saves the rest of the questions.
    const blocked = creationInProgressProblem(d.restorePoints) ?? restorePointLimitProblem(d.restorePoints);
    const existing = d.collections.find((c) => c.id?.toLowerCase() === ctx.collection?.id?.toLowerCase())?.restorePoints ?? [];
    const name = await prompter.input({
      prompt: blocked ? vscode.l10n.t('Warning: {0}', blocked) : vscode.l10n.t('Restore point name'),
      value: defaultRestorePointName(new Date()),
      validate: (v) => restorePointNameProblem(v) ?? nameInUseProblem(v, existing.map((rp) => rp.name ?? ''), 'restore point'),
    });
    if (name === BACK) return BACK;
    ctx.name = name;
  },
};

export const modeStep: PromptStep<Ctx> = {
  shouldPrompt: (ctx) => !ctx.mode,
  async prompt(ctx, prompter) {
    const d = await vmDetails(ctx);
    const options = consistencyModeOptions(d.vm.storageProfile?.osDisk?.osType);
    const forced = d.disks.filter((disk) => requiredExclusionReason(disk, 'CrashConsistent') && !requiredExclusionReason(disk, 'OsDefault'));
    const mode = await prompter.pickOne({
      placeholder: vscode.l10n.t('Consistency mode'),
      items: options.map((o) => ({
        label: o.label,
        description: o.description,
        detail: o.choice === 'CrashConsistent' && forced.length ? `${o.detail} ${vscode.l10n.t('Leaves out: {0}.', forced.map((x) => x.name).join(', '))}` : o.detail,
        value: o.choice,
      })),
      isDefault: (c) => c === 'OsDefault',
    });
    if (mode === BACK) return BACK;
    ctx.mode = mode;
    // Crash consistency leaves Premium SSD v2 and Ultra disks out, and only they have instant access.
    ctx.instantAccessApplies = instantAccessApplies(d.disks.filter((disk) => !requiredExclusionReason(disk, mode)));
  },
};

/** "instantAccessDurationMinutes": how long ARM keeps fast restore for Premium SSD v2 and Ultra disks. */
export const instantAccessStep: PromptStep<Ctx> = {
  shouldPrompt: (ctx) => ctx.instantAccessApplies === true && ctx.instantAccessMinutes === undefined,
  async prompt(ctx, prompter) {
    const minutes = await prompter.input({
      prompt: vscode.l10n.t('Instant access duration in minutes for the Premium SSD v2 and Ultra disks (empty: Azure\'s default)'),
      placeholder: vscode.l10n.t("Azure's default"),
      validate: (v) => (v.trim() === '' ? undefined : instantAccessDurationProblem(Number(v))),
    });
    if (minutes === BACK) return BACK;
    ctx.instantAccessMinutes = minutes.trim() === '' ? null : Number(minutes);
  },
};

export const excludeDisksStep: PromptStep<Ctx> = {
  shouldPrompt: (ctx) => !ctx.excludeDiskIds,
  async prompt(ctx, prompter) {
    const d = await vmDetails(ctx);
    const items = d.disks.map((disk) => {
      const required = requiredExclusionReason(disk, ctx.mode!);
      return {
        label: disk.name,
        description: [disk.role === 'os' ? vscode.l10n.t('OS disk') : `LUN ${disk.lun ?? '?'}`, disk.sizeGB !== undefined ? `${disk.sizeGB} GiB` : undefined, disk.sku].filter(Boolean).join(' · '),
        value: disk.id,
        picked: !!required,
        disabledReason: required ?? notExcludableReason(disk),
      };
    });
    const excluded = await prompter.pickMany({ placeholder: vscode.l10n.t('Disks to exclude from the restore point'), items });
    if (excluded === BACK) return BACK;
    ctx.excludeDiskIds = excluded;
  },
};

export const summaryStep: PromptStep<Ctx> = {
  shouldPrompt: () => true,
  async prompt(ctx, prompter) {
    const d = await vmDetails(ctx);
    const excluded = ctx.excludeDiskIds ?? [];
    const problem = excludedDisksProblem(d.disks, excluded, ctx.mode!);
    if (problem) throw new Error(problem);
    const mode = consistencyModeOptions(d.vm.storageProfile?.osDisk?.osType).find((o) => o.choice === ctx.mode)!;
    const names = d.disks.filter((disk) => excluded.some((id) => id.toLowerCase() === disk.id.toLowerCase())).map((disk) => disk.name);
    const warning = minimumIntervalProblem(d.restorePoints, ctx.mode!, new Date());
    const detail = [
      vscode.l10n.t('Collection: {0}', ctx.collection?.name ?? vscode.l10n.t('{0} (new, in {1})', ctx.newCollectionName ?? '', d.vm.location ?? '')),
      vscode.l10n.t('Consistency: {0}', mode.label),
      vscode.l10n.t('Excluded disks: {0}', names.length ? names.join(', ') : vscode.l10n.t('none')),
      ...(typeof ctx.instantAccessMinutes === 'number' ? [vscode.l10n.t('Instant access: {0} minutes', ctx.instantAccessMinutes)] : []),
      vscode.l10n.t('Restore points are billed as incremental snapshots of the included disks.'),
      ...(warning ? [vscode.l10n.t('Warning: {0}', warning)] : []),
    ].join('\n');
    return done(await prompter.confirm({ message: vscode.l10n.t("Create restore point '{0}' of {1}?", ctx.name ?? '', d.vm.name ?? ''), detail, confirmLabel: vscode.l10n.t('Create') }));
  },
};
