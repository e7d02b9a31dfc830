import * as vscode from 'vscode';
import { consistencyModeOptions } from '../../azure/rules/consistencyModes';
import { excludedDisksProblem, instantAccessApplies, notExcludableReason, requiredExclusionReason } from '../../azure/rules/diskExclusion';
import { defaultRestorePointName, nameInUseProblem, restorePointCollectionNameProblem, restorePointNameProblem } from '../../azure/rules/names';
import { creationInProgressProblem, instantAccessDurationProblem, minimumIntervalProblem, restorePointLimitProblem } from '../../azure/rules/restorePointCreation';
import { existingCollection, newCollection, sameChoice, type CollectionChoice } from '../steps/collectionChoice';
import { resourceGroupOf } from '../steps/targets';
import { BACK, type Answer } from '../wizard/prompter';
import type { PromptStep } from '../wizard/wizard';
import { vmDetails, type CreateRestorePointContext as Ctx } from './context';

const done = (answer: Answer<unknown>): Answer<void> => (answer === BACK ? BACK : undefined);

export const collectionStep: PromptStep<Ctx> = {
  shouldPrompt: (ctx) => !ctx.target,
  async prompt(ctx, prompter, earlier) {
    const items = vmDetails(ctx).then((d) => [
      ...d.collections.map((c) => ({
        label: c.name ?? '',
        description: `${resourceGroupOf(c.id ?? '')} · ${c.location ?? ''}`,
        detail: vscode.l10n.t('{0} restore points', c.restorePoints?.length ?? 0),
        value: { existing: c } as CollectionChoice,
      })),
      // ARM requires a VM's collection in the VM's region; it goes in the VM's resource group.
      { label: `$(add) ${vscode.l10n.t('Create a collection in {0}…', d.vm.location ?? '')}`, value: { create: { resourceGroup: resourceGroupOf(d.vm.id ?? '') } } as CollectionChoice },
    ]);
    const picked = await prompter.pickOne({ placeholder: vscode.l10n.t('Restore point collection'), items, isDefault: (choice) => sameChoice(earlier?.target, choice) });
    if (picked === BACK) return BACK;
    ctx.target = picked;
  },
};

export const newCollectionNameStep: PromptStep<Ctx> = {
  shouldPrompt: (ctx) => !!newCollection(ctx.target) && newCollection(ctx.target)!.name === undefined,
  async prompt(ctx, prompter, earlier) {
    const d = await vmDetails(ctx);
    const taken = d.allCollections.filter((c) => resourceGroupOf(c.id ?? '').toLowerCase() === resourceGroupOf(d.vm.id ?? '').toLowerCase()).map((c) => c.name ?? '');
    const name = await prompter.input({
      prompt: vscode.l10n.t('Name of the new restore point collection (in {0}, {1})', resourceGroupOf(d.vm.id ?? ''), d.vm.location ?? ''),
      value: newCollection(earlier?.target)?.name ?? `${d.vm.name ?? 'vm'}-rpc`,
      validate: (v) => restorePointCollectionNameProblem(v) ?? nameInUseProblem(v, taken, 'restore point collection'),
    });
    if (name === BACK) return BACK;
    ctx.target = { create: { resourceGroup: resourceGroupOf(d.vm.id ?? ''), name } };
  },
};

export const nameStep: PromptStep<Ctx> = {
  shouldPrompt: (ctx) => !ctx.name,
  async prompt(ctx, prompter, earlier) {
    const d = await vmDetails(ctx);
    // ARM refuses these outright; saying so before the name saves the rest of the questions.
    const blocked = creationInProgressProblem(d.restorePoints) ?? restorePointLimitProblem(d.restorePoints);
    const chosen = existingCollection(ctx.target);
    const existing = d.collections.find((c) => c.id?.toLowerCase() === chosen?.id?.toLowerCase())?.restorePoints ?? [];
    const name = await prompter.input({
      prompt: blocked ? vscode.l10n.t('Warning: {0}', blocked) : vscode.l10n.t('Restore point name'),
      value: earlier?.name ?? defaultRestorePointName(new Date()),
      validate: (v) => restorePointNameProblem(v) ?? nameInUseProblem(v, existing.map((rp) => rp.name ?? ''), 'restore point'),
    });
    if (name === BACK) return BACK;
    ctx.name = name;
  },
};

export const modeStep: PromptStep<Ctx> = {
  shouldPrompt: (ctx) => !ctx.mode,
  async prompt(ctx, prompter, earlier) {
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
      isDefault: (c) => c === (earlier?.mode ?? 'OsDefault'),
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
  async prompt(ctx, prompter, earlier) {
    const minutes = await prompter.input({
      value: typeof earlier?.instantAccessMinutes === 'number' ? String(earlier.instantAccessMinutes) : undefined,
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
  async prompt(ctx, prompter, earlier) {
    const d = await vmDetails(ctx);
    const items = d.disks.map((disk) => {
      const required = requiredExclusionReason(disk, ctx.mode!);
      return {
        label: disk.name,
        description: [disk.role === 'os' ? vscode.l10n.t('OS disk') : `LUN ${disk.lun ?? '?'}`, disk.sizeGB !== undefined ? `${disk.sizeGB} GiB` : undefined, disk.sku].filter(Boolean).join(' · '),
        value: disk.id,
        picked: !!required || (!notExcludableReason(disk) && !!earlier?.excludeDiskIds?.some((id) => id.toLowerCase() === disk.id.toLowerCase())),
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
      vscode.l10n.t('Collection: {0}', existingCollection(ctx.target)?.name ?? vscode.l10n.t('{0} (new, in {1})', newCollection(ctx.target)?.name ?? '', d.vm.location ?? '')),
      vscode.l10n.t('Consistency: {0}', mode.label),
      vscode.l10n.t('Excluded disks: {0}', names.length ? names.join(', ') : vscode.l10n.t('none')),
      ...(typeof ctx.instantAccessMinutes === 'number' ? [vscode.l10n.t('Instant access: {0} minutes', ctx.instantAccessMinutes)] : []),
      vscode.l10n.t('Restore points are billed as incremental snapshots of the included disks.'),
      ...(warning ? [vscode.l10n.t('Warning: {0}', warning)] : []),
    ].join('\n');
    return done(await prompter.confirm({ message: vscode.l10n.t("Create restore point '{0}' of {1}?", ctx.name ?? '', d.vm.name ?? ''), detail, confirmLabel: vscode.l10n.t('Create') }));
  },
};
