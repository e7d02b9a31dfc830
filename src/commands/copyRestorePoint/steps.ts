import type { RestorePointCollection } from '@azure/arm-compute';
import * as vscode from 'vscode';
import { collectionIdOf } from '../../azure/ids';
import { listRegions } from '../../azure/locations';
import { copyCollectionsIn, copySourceProblem, copyTargetRegionProblem } from '../../azure/rules/copyAndRestore';
import { nameInUseProblem, restorePointCollectionNameProblem, restorePointNameProblem } from '../../azure/rules/names';
import { existingCollection, newCollection, sameChoice, type CollectionChoice } from '../steps/collectionChoice';
import { pickResourceGroup } from '../steps/resourceGroupPick';
import { collectionsOf, expandedCollection, readOnce, resourceGroupOf, type TargetContext } from '../steps/targets';
import { BACK, type Answer } from '../wizard/prompter';
import type { PromptStep } from '../wizard/wizard';

export interface CopyContext extends TargetContext {
  targetRegion?: string;
  /** A copy collection of the source collection in the target region, or a new one there. */
  target?: CollectionChoice;
  name?: string;
}

const same = (a?: string, b?: string): boolean => !!a && !!b && a.toLowerCase() === b.toLowerCase();
const done = (answer: Answer<unknown>): Answer<void> => (answer === BACK ? BACK : undefined);

/** The source collection (from the subscription's list, read once): its region, and whether the restore point may be copied at all. */
export async function sourceCollectionOf(ctx: CopyContext): Promise<RestorePointCollection> {
  const problem = copySourceProblem(ctx.restorePoint!);
  if (problem) throw new Error(problem);
  const id = collectionIdOf(ctx.restorePoint!.id!);
  const source = (await collectionsOf(ctx)).find((c) => same(c.id, id));
  if (!source) throw new Error(vscode.l10n.t("The collection of restore point '{0}' no longer exists.", ctx.restorePoint!.name ?? ''));
  return source;
}

export const regionStep: PromptStep<CopyContext> = {
  shouldPrompt: (ctx) => !ctx.targetRegion,
  async prompt(ctx, prompter, earlier) {
    const source = await sourceCollectionOf(ctx);
    const items = readOnce(ctx, 'regions', listRegions).then((regions) =>
      regions.filter((r) => !copyTargetRegionProblem(source.location ?? '', r.name)).map((r) => ({ label: r.displayName, description: r.name, value: r.name })),
    );
    const region = await prompter.pickOne({ placeholder: vscode.l10n.t('Target region (the source is in {0})', source.location ?? ''), items, isDefault: (r) => same(r, earlier?.targetRegion) });
    if (region === BACK) return BACK;
    ctx.targetRegion = region;
  },
};

export const targetCollectionStep: PromptStep<CopyContext> = {
  shouldPrompt: (ctx) => !ctx.target,
  async prompt(ctx, prompter, earlier) {
    const source = await sourceCollectionOf(ctx);
    const items = collectionsOf(ctx).then((all) => [
      ...copyCollectionsIn(all, source.id!, ctx.targetRegion!).map((c) => ({ label: c.name ?? '', description: `${resourceGroupOf(c.id ?? '')} · ${c.location ?? ''}`, value: { existing: c } as CollectionChoice })),
      { label: `$(add) ${vscode.l10n.t('Create a collection in {0}…', ctx.targetRegion!)}`, value: { create: {} } as CollectionChoice },
    ]);
    const picked = await prompter.pickOne({ placeholder: vscode.l10n.t('Collection for the copy'), items, isDefault: (choice) => sameChoice(earlier?.target, choice) });
    if (picked === BACK) return BACK;
    ctx.target = picked;
  },
};

export const newCollectionGroupStep: PromptStep<CopyContext> = {
  shouldPrompt: (ctx) => !!newCollection(ctx.target) && !newCollection(ctx.target)!.resourceGroup,
  async prompt(ctx, prompter, earlier) {
    const source = await sourceCollectionOf(ctx);
    const resourceGroup = await pickResourceGroup(ctx, prompter, {
      placeholder: vscode.l10n.t('Resource group of the new collection in {0}', ctx.targetRegion!),
      // A group already in the target region (where a DR copy's other resources are likely to be), else the source's.
      preferred: (groups) => newCollection(earlier?.target)?.resourceGroup ?? groups.find((g) => same(g.location, ctx.targetRegion))?.name ?? resourceGroupOf(source.id!),
    });
    if (resourceGroup === BACK) return BACK;
    ctx.target = { create: { resourceGroup } };
  },
};

export const newCollectionNameStep: PromptStep<CopyContext> = {
  shouldPrompt: (ctx) => !!newCollection(ctx.target)?.resourceGroup && newCollection(ctx.target)!.name === undefined,
  async prompt(ctx, prompter, earlier) {
    const [source, all] = await Promise.all([sourceCollectionOf(ctx), collectionsOf(ctx)]);
    const { resourceGroup } = newCollection(ctx.target)!;
    const taken = all.filter((c) => same(resourceGroupOf(c.id ?? ''), resourceGroup)).map((c) => c.name ?? '');
    const name = await prompter.input({
      prompt: vscode.l10n.t('Name of the new collection in {0}', ctx.targetRegion!),
      value: newCollection(earlier?.target)?.name ?? `${source.name}-${ctx.targetRegion}`,
      validate: (v) => restorePointCollectionNameProblem(v) ?? nameInUseProblem(v, taken, 'restore point collection'),
    });
    if (name === BACK) return BACK;
    ctx.target = { create: { resourceGroup, name } };
  },
};

export const copyNameStep: PromptStep<CopyContext> = {
  shouldPrompt: (ctx) => !ctx.name,
  async prompt(ctx, prompter, earlier) {
    // ARM would answer a taken name with a conflict only after the summary; the input box says so first.
    const existing = existingCollection(ctx.target);
    const names = existing ? ((await expandedCollection(ctx, existing.id!)).restorePoints ?? []).map((rp) => rp.name ?? '') : [];
    const name = await prompter.input({
      prompt: vscode.l10n.t('Name of the copy'),
      value: earlier?.name ?? `${ctx.restorePoint!.name}-${ctx.targetRegion}`,
      validate: (v) => restorePointNameProblem(v) ?? nameInUseProblem(v, names, 'restore point'),
    });
    if (name === BACK) return BACK;
    ctx.name = name;
  },
};

export const copySummaryStep: PromptStep<CopyContext> = {
  shouldPrompt: () => true,
  async prompt(ctx, prompter) {
    const source = await sourceCollectionOf(ctx);
    const created = newCollection(ctx.target);
    const collection = existingCollection(ctx.target)?.name ?? vscode.l10n.t('{0} (new, in resource group {1})', created?.name ?? '', created?.resourceGroup ?? '');
    return done(
      await prompter.confirm({
        message: vscode.l10n.t("Copy restore point '{0}' from {1} to {2}?", ctx.restorePoint!.name ?? '', source.location ?? '', ctx.targetRegion!),
        detail: [
          vscode.l10n.t('Copy: {0} in collection {1}', ctx.name!, collection),
          vscode.l10n.t('Every disk is copied across regions: this takes from minutes to hours and is billed for the data transferred and stored.'),
        ].join('\n'),
        confirmLabel: vscode.l10n.t('Copy'),
      }),
    );
  },
};
