import type { RestorePointCollection } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { copyCollectionsIn, copySourceProblem, copyTargetRegionProblem } from '../../azure/rules/copyAndRestore';
import { nameInUseProblem, restorePointCollectionNameProblem, restorePointNameProblem } from '../../azure/rules/names';
import { pickResourceGroup } from '../steps/resourceGroupPick';
import { computeClient, listCollections, resourceGroupOf, type TargetContext } from '../steps/targets';
import { BACK, type Answer } from '../wizard/prompter';
import type { PromptStep } from '../wizard/wizard';

export interface CopyContext extends TargetContext {
  sourceCollection?: RestorePointCollection;
  targetRegion?: string;
  targetCollection?: RestorePointCollection;
  /** Set when the user chose to create the target collection. */
  newCollection?: { name?: string; resourceGroup?: string };
  name?: string;
}

const NEW_COLLECTION = { id: '', name: '' } as RestorePointCollection;
const same = (a?: string, b?: string): boolean => !!a && !!b && a.toLowerCase() === b.toLowerCase();
const done = (answer: Answer<unknown>): Answer<void> => (answer === BACK ? BACK : undefined);

/** The source collection, read once: its region, and whether the restore point may be copied at all. */
export async function loadSource(ctx: CopyContext): Promise<void> {
  if (ctx.sourceCollection) return;
  const all = await listCollections(ctx);
  const id = ctx.restorePoint!.id!.replace(/\/restorePoints\/[^/]+$/i, '');
  ctx.sourceCollection = all.find((c) => same(c.id, id));
  const problem = copySourceProblem(ctx.restorePoint!);
  if (problem) throw new Error(problem);
}

export const regionStep: PromptStep<CopyContext> = {
  shouldPrompt: (ctx) => !ctx.targetRegion,
  async prompt(ctx, prompter) {
    const items = (async () => {
      await loadSource(ctx);
      const s = ctx.subscription!;
      const client = await ctx.command.tree.factory.subscriptionClient(s.tenantId);
      const regions = [];
      for await (const l of client.subscriptions.listLocations(s.subscriptionId)) {
        if (l.name && !copyTargetRegionProblem(ctx.sourceCollection?.location ?? '', l.name)) regions.push({ label: l.displayName ?? l.name, description: l.name, value: l.name });
      }
      return regions;
    })();
    const region = await prompter.pickOne({ placeholder: vscode.l10n.t('Target region (the source is in {0})', ctx.sourceCollection?.location ?? '…'), items });
    if (region === BACK) return BACK;
    ctx.targetRegion = region;
  },
};

export const targetCollectionStep: PromptStep<CopyContext> = {
  shouldPrompt: (ctx) => !ctx.targetCollection && !ctx.newCollection,
  async prompt(ctx, prompter) {
    const items = listCollections(ctx).then((all) => [
      ...copyCollectionsIn(all, ctx.sourceCollection!.id!, ctx.targetRegion!).map((c) => ({ label: c.name ?? '', description: `${resourceGroupOf(c.id ?? '')} · ${c.location ?? ''}`, value: c })),
      { label: `$(add) ${vscode.l10n.t('Create a collection in {0}…', ctx.targetRegion!)}`, value: NEW_COLLECTION },
    ]);
    const picked = await prompter.pickOne({ placeholder: vscode.l10n.t('Collection for the copy'), items });
    if (picked === BACK) return BACK;
    if (picked === NEW_COLLECTION) ctx.newCollection = {};
    else ctx.targetCollection = picked;
  },
};

export const newCollectionStep: PromptStep<CopyContext> = {
  shouldPrompt: (ctx) => !!ctx.newCollection && !ctx.newCollection.name,
  async prompt(ctx, prompter) {
    const all = await listCollections(ctx);
    const resourceGroup = await pickResourceGroup(ctx, prompter, {
      placeholder: vscode.l10n.t('Resource group of the new collection in {0}', ctx.targetRegion!),
      // A group already in the target region (where a DR copy's other resources are likely to be), else the source's.
      preferred: (groups) => groups.find((g) => g.location.toLowerCase() === ctx.targetRegion!.toLowerCase())?.name ?? resourceGroupOf(ctx.sourceCollection!.id!),
    });
    if (resourceGroup === BACK) return BACK;
    const taken = all.filter((c) => same(resourceGroupOf(c.id ?? ''), resourceGroup)).map((c) => c.name ?? '');
    const name = await prompter.input({
      prompt: vscode.l10n.t('Name of the new collection in {0}', ctx.targetRegion!),
      value: `${ctx.sourceCollection!.name}-${ctx.targetRegion}`,
      validate: (v) => restorePointCollectionNameProblem(v) ?? nameInUseProblem(v, taken, 'restore point collection'),
    });
    if (name === BACK) return BACK;
    ctx.newCollection = { name, resourceGroup };
  },
};

/** The restore point names an existing collection holds: the subscription's listing does not carry them, so one Get with `$expand=restorePoints`. */
async function namesIn(ctx: CopyContext, collection: RestorePointCollection | undefined): Promise<string[]> {
  if (!collection?.id || !collection.name) return [];
  const client = await computeClient(ctx);
  const expanded = await client.restorePointCollections.get(resourceGroupOf(collection.id), collection.name, { expand: 'restorePoints' });
  return expanded.restorePoints?.map((rp) => rp.name ?? '') ?? [];
}

export const copyNameStep: PromptStep<CopyContext> = {
  shouldPrompt: (ctx) => !ctx.name,
  async prompt(ctx, prompter) {
    // ARM would answer a taken name with a conflict only after the summary; the input box says so first.
    const existing = await namesIn(ctx, ctx.targetCollection);
    const name = await prompter.input({
      prompt: vscode.l10n.t('Name of the copy'),
      value: `${ctx.restorePoint!.name}-${ctx.targetRegion}`,
      validate: (v) => restorePointNameProblem(v) ?? nameInUseProblem(v, existing, 'restore point'),
    });
    if (name === BACK) return BACK;
    ctx.name = name;
  },
};

export const copySummaryStep: PromptStep<CopyContext> = {
  shouldPrompt: () => true,
  async prompt(ctx, prompter) {
    const collection = ctx.targetCollection?.name ?? vscode.l10n.t('{0} (new, in resource group {1})', ctx.newCollection?.name ?? '', ctx.newCollection?.resourceGroup ?? '');
    return done(
      await prompter.confirm({
        message: vscode.l10n.t("Copy restore point '{0}' from {1} to {2}?", ctx.restorePoint!.name ?? '', ctx.sourceCollection?.location ?? '', ctx.targetRegion!),
        detail: [
          vscode.l10n.t('Copy: {0} in collection {1}', ctx.name!, collection),
          vscode.l10n.t('Every disk is copied across regions: this takes from minutes to hours and is billed for the data transferred and stored.'),
        ].join('\n'),
        confirmLabel: vscode.l10n.t('Copy'),
      }),
    );
  },
};
