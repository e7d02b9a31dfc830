import type { DiskStorageAccountTypes } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { aggregateReplication } from '../../azure/actions/replicationProgress';
import { listDisksIn } from '../../azure/disks';
import { collectionIdOf, idKey } from '../../azure/ids';
import { readCollection } from '../../azure/restorePointCollections';
import { listDiskRestorePointsOf, readRestorePoint } from '../../azure/restorePoints';
import { restoreSourceProblem } from '../../azure/rules/copyAndRestore';
import { diskNameProblem, nameInUseProblem } from '../../azure/rules/names';
import { pickResourceGroup } from '../steps/resourceGroupPick';
import { readOnce, resourceGroupOf, type TargetContext } from '../steps/targets';
import { BACK, type Answer } from '../wizard/prompter';
import type { PromptStep } from '../wizard/wizard';

export interface DiskRestorePointTarget {
  id: string;
  name: string;
}

export interface RestoreDiskContext extends TargetContext {
  diskRestorePoint?: DiskRestorePointTarget;
  resourceGroup?: string;
  diskName?: string;
  /** Null: the source disk's SKU. */
  sku?: DiskStorageAccountTypes | null;
}

const done = (answer: Answer<unknown>): Answer<void> => (answer === BACK ? BACK : undefined);
const restorePointIdOf = (diskRestorePointId: string): string => diskRestorePointId.replace(/\/diskRestorePoints\/[^/]+$/i, '');

export const diskRestorePointStep: PromptStep<RestoreDiskContext> = {
  shouldPrompt: (ctx) => !ctx.diskRestorePoint,
  async prompt(ctx, prompter, earlier) {
    const restorePointId = ctx.restorePoint!.id!;
    const items = readOnce(ctx, `diskRestorePoints:${idKey(restorePointId)}`, (factory, subscription) => listDiskRestorePointsOf(factory, subscription, restorePointId)).then((list) =>
      list.map((d) => ({ label: d.name ?? '', description: d.sourceResourceId?.split('/').pop(), value: { id: d.id!, name: d.name ?? '' } })),
    );
    const picked = await prompter.pickOne({ placeholder: vscode.l10n.t('Disk restore point'), items, isDefault: (d) => !!earlier?.diskRestorePoint && idKey(d.id) === idKey(earlier.diskRestorePoint.id) });
    if (picked === BACK) return BACK;
    ctx.diskRestorePoint = picked;
  },
};

/**
 * The disk restore point's region, where the disk is created, once the source is checked: ARM
 * answers 409 for a restore point that failed or a copy still replicating, and saying so first
 * saves the questions. Read once per wizard run.
 */
export async function sourceLocation(ctx: RestoreDiskContext): Promise<string> {
  const restorePointId = restorePointIdOf(ctx.diskRestorePoint!.id);
  const [rp, collection] = await Promise.all([
    readOnce(ctx, `restorePoint:${idKey(restorePointId)}:instanceView`, (factory, subscription) => readRestorePoint(factory, subscription, restorePointId, { instanceView: true })),
    readOnce(ctx, `restorePointCollection:${idKey(collectionIdOf(restorePointId))}:alone`, (factory, subscription) => readCollection(factory, subscription, collectionIdOf(restorePointId))),
  ]);
  const copy = !!rp.sourceRestorePoint?.id;
  const problem = restoreSourceProblem(rp, copy ? aggregateReplication(rp) : undefined);
  if (problem) throw new Error(problem);
  return collection.location ?? '';
}

export const resourceGroupStep: PromptStep<RestoreDiskContext> = {
  shouldPrompt: (ctx) => !ctx.resourceGroup,
  async prompt(ctx, prompter, earlier) {
    const location = await sourceLocation(ctx);
    const rg = await pickResourceGroup(ctx, prompter, {
      placeholder: vscode.l10n.t('Resource group of the new disk (the disk is created in {0})', location),
      // The disk restore point's own group: the restored disk sits beside its source.
      preferred: () => earlier?.resourceGroup ?? resourceGroupOf(ctx.diskRestorePoint!.id),
    });
    if (rg === BACK) return BACK;
    ctx.resourceGroup = rg;
  },
};

export const diskNameStep: PromptStep<RestoreDiskContext> = {
  shouldPrompt: (ctx) => !ctx.diskName,
  async prompt(ctx, prompter, earlier) {
    const resourceGroup = ctx.resourceGroup!;
    const taken = (await readOnce(ctx, `disks:${resourceGroup}`, (factory, subscription) => listDisksIn(factory, subscription, resourceGroup))).map((d) => d.name ?? '');
    const base = ctx.diskRestorePoint!.name.replace(/[^\w-]/g, '-').slice(0, 60).replace(/-+$/, '');
    const name = await prompter.input({
      prompt: vscode.l10n.t('Name of the new disk'),
      value: earlier?.diskName ?? `${base}-restored`,
      validate: (v) => diskNameProblem(v) ?? nameInUseProblem(v, taken, 'disk'),
    });
    if (name === BACK) return BACK;
    ctx.diskName = name;
  },
};

/** The disk types a restored disk may have; a function, so the labels are translated when asked. */
export const diskSkuChoices = (): { value: DiskStorageAccountTypes; label: string }[] => [
  { value: 'Premium_LRS', label: vscode.l10n.t('Premium SSD (LRS)') },
  { value: 'StandardSSD_LRS', label: vscode.l10n.t('Standard SSD (LRS)') },
  { value: 'Standard_LRS', label: vscode.l10n.t('Standard HDD (LRS)') },
  { value: 'Premium_ZRS', label: vscode.l10n.t('Premium SSD (ZRS)') },
  { value: 'StandardSSD_ZRS', label: vscode.l10n.t('Standard SSD (ZRS)') },
];

export const skuStep: PromptStep<RestoreDiskContext> = {
  shouldPrompt: (ctx) => ctx.sku === undefined,
  async prompt(ctx, prompter, earlier) {
    const sku = await prompter.pickOne<DiskStorageAccountTypes | null>({
      placeholder: vscode.l10n.t('Disk type'),
      items: [{ label: vscode.l10n.t('Same as the source disk'), value: null }, ...diskSkuChoices().map((s) => ({ label: s.label, description: s.value, value: s.value }))],
      isDefault: (v) => v === (earlier?.sku ?? null),
    });
    if (sku === BACK) return BACK;
    ctx.sku = sku;
  },
};

export const restoreSummaryStep: PromptStep<RestoreDiskContext> = {
  shouldPrompt: () => true,
  async prompt(ctx, prompter) {
    const location = await sourceLocation(ctx);
    return done(
      await prompter.confirm({
        message: vscode.l10n.t("Create disk '{0}' from '{1}'?", ctx.diskName!, ctx.diskRestorePoint!.name),
        detail: [
          vscode.l10n.t('Resource group: {0} · region: {1}', ctx.resourceGroup!, location),
          vscode.l10n.t('Type: {0}', ctx.sku ?? vscode.l10n.t('same as the source disk')),
          vscode.l10n.t('The new managed disk is billed from its creation.'),
        ].join('\n'),
        confirmLabel: vscode.l10n.t('Create Disk'),
      }),
    );
  },
};
