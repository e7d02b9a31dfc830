import type { DiskStorageAccountTypes } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { aggregateReplication } from '../../azure/actions/replicationProgress';
import { restorePointRefFromId } from '../../azure/actions/resourceRefs';
import { restoreSourceProblem } from '../../azure/rules/copyAndRestore';
import { diskNameProblem, nameInUseProblem } from '../../azure/rules/names';
import { pickResourceGroup } from '../steps/resourceGroupPick';
import { computeClient, resourceGroupOf, type TargetContext } from '../steps/targets';
import { BACK, type Answer } from '../wizard/prompter';
import type { PromptStep } from '../wizard/wizard';

export interface DiskRestorePointTarget {
  id: string;
  name: string;
}

export interface RestoreDiskContext extends TargetContext {
  diskRestorePoint?: DiskRestorePointTarget;
  /** The disk restore point's region, where the disk is created; read once the source is checked. */
  location?: string;
  resourceGroup?: string;
  diskName?: string;
  /** Null: the source disk's SKU. */
  sku?: DiskStorageAccountTypes | null;
}

const done = (answer: Answer<unknown>): Answer<void> => (answer === BACK ? BACK : undefined);
const restorePointIdOf = (diskRestorePointId: string): string => diskRestorePointId.replace(/\/diskRestorePoints\/[^/]+$/i, '');

export const diskRestorePointStep: PromptStep<RestoreDiskContext> = {
  shouldPrompt: (ctx) => !ctx.diskRestorePoint,
  async prompt(ctx, prompter) {
    const items = computeClient(ctx).then(async (client) => {
      const ref = restorePointRefFromId(ctx.restorePoint!.id!);
      const list = [];
      for await (const d of client.diskRestorePoint.listByRestorePoint(ref.resourceGroup, ref.collection, ref.name)) {
        list.push({ label: d.name ?? '', description: d.sourceResourceId?.split('/').pop(), value: { id: d.id!, name: d.name ?? '' } });
      }
      return list;
    });
    const picked = await prompter.pickOne({ placeholder: vscode.l10n.t('Disk restore point'), items });
    if (picked === BACK) return BACK;
    ctx.diskRestorePoint = picked;
  },
};

/** ARM answers 409 for a restore point that failed or a copy still replicating; saying so first saves the questions. */
export async function checkSource(ctx: RestoreDiskContext): Promise<void> {
  if (ctx.location) return;
  const client = await computeClient(ctx);
  const ref = restorePointRefFromId(restorePointIdOf(ctx.diskRestorePoint!.id));
  const [rp, collection] = await Promise.all([
    client.restorePoints.get(ref.resourceGroup, ref.collection, ref.name, { expand: 'instanceView' }),
    client.restorePointCollections.get(ref.resourceGroup, ref.collection),
  ]);
  const copy = !!rp.sourceRestorePoint?.id;
  const problem = restoreSourceProblem(rp, copy ? aggregateReplication(rp) : undefined);
  if (problem) throw new Error(problem);
  ctx.location = collection.location;
}

export const resourceGroupStep: PromptStep<RestoreDiskContext> = {
  shouldPrompt: (ctx) => !ctx.resourceGroup,
  async prompt(ctx, prompter) {
    await checkSource(ctx);
    const rg = await pickResourceGroup(ctx, prompter, {
      placeholder: vscode.l10n.t('Resource group of the new disk (the disk is created in {0})', ctx.location ?? ''),
      // The disk restore point's own group: the restored disk sits beside its source.
      preferred: () => resourceGroupOf(ctx.diskRestorePoint!.id),
    });
    if (rg === BACK) return BACK;
    ctx.resourceGroup = rg;
  },
};

export const diskNameStep: PromptStep<RestoreDiskContext> = {
  shouldPrompt: (ctx) => !ctx.diskName,
  async prompt(ctx, prompter) {
    const client = await computeClient(ctx);
    const taken: string[] = [];
    for await (const d of client.disks.listByResourceGroup(ctx.resourceGroup!)) taken.push(d.name ?? '');
    const base = ctx.diskRestorePoint!.name.replace(/[^\w-]/g, '-').slice(0, 60).replace(/-+$/, '');
    const name = await prompter.input({
      prompt: vscode.l10n.t('Name of the new disk'),
      value: `${base}-restored`,
      validate: (v) => diskNameProblem(v) ?? nameInUseProblem(v, taken, 'disk'),
    });
    if (name === BACK) return BACK;
    ctx.diskName = name;
  },
};

const SKUS: { value: DiskStorageAccountTypes; label: string }[] = [
  { value: 'Premium_LRS', label: 'Premium SSD (LRS)' },
  { value: 'StandardSSD_LRS', label: 'Standard SSD (LRS)' },
  { value: 'Standard_LRS', label: 'Standard HDD (LRS)' },
  { value: 'Premium_ZRS', label: 'Premium SSD (ZRS)' },
  { value: 'StandardSSD_ZRS', label: 'Standard SSD (ZRS)' },
];

export const skuStep: PromptStep<RestoreDiskContext> = {
  shouldPrompt: (ctx) => ctx.sku === undefined,
  async prompt(ctx, prompter) {
    const sku = await prompter.pickOne<DiskStorageAccountTypes | null>({
      placeholder: vscode.l10n.t('Disk type'),
      items: [{ label: vscode.l10n.t('Same as the source disk'), value: null }, ...SKUS.map((s) => ({ label: s.label, description: s.value, value: s.value }))],
      isDefault: (v) => v === null,
    });
    if (sku === BACK) return BACK;
    ctx.sku = sku;
  },
};

export const restoreSummaryStep: PromptStep<RestoreDiskContext> = {
  shouldPrompt: () => true,
  async prompt(ctx, prompter) {
    return done(
      await prompter.confirm({
        message: vscode.l10n.t("Create disk '{0}' from '{1}'?", ctx.diskName!, ctx.diskRestorePoint!.name),
        detail: [
          vscode.l10n.t('Resource group: {0} · region: {1}', ctx.resourceGroup!, ctx.location ?? ''),
          vscode.l10n.t('Type: {0}', ctx.sku ?? vscode.l10n.t('same as the source disk')),
          vscode.l10n.t('The new managed disk is billed from its creation.'),
        ].join('\n'),
        confirmLabel: vscode.l10n.t('Create Disk'),
      }),
    );
  },
};
