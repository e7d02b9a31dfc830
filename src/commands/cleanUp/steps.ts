import * as vscode from 'vscode';
import { deletionsOf, planCleanUp, type CleanUpPlan, type CleanUpTarget } from '../../azure/cleanUpPlan';
import { DEFAULT_CLEAN_UP_RULES, keepNewestProblem, olderThanDaysProblem, type CleanUpRules } from '../../azure/rules/cleanUp';
import { collectionsOf, type TargetContext } from '../steps/targets';
import { BACK } from '../wizard/prompter';
import type { PromptStep } from '../wizard/wizard';
import { planMarkdown, showMarkdown } from './cleanUpDocuments';

export interface CleanUpContext extends TargetContext {
  /** The collections to clean up; set from the tree node, the caller, or the scope step. */
  targets?: CleanUpTarget[];
  keepNewest?: number;
  olderThanDays?: number;
  deleteFailed?: boolean;
  /** The dry run the user confirmed. */
  plan?: CleanUpPlan;
}

/** From the palette: the whole subscription, or one of its collections. */
export const scopeStep: PromptStep<CleanUpContext> = {
  shouldPrompt: (ctx) => !ctx.targets,
  async prompt(ctx, prompter, earlier) {
    const subscription = ctx.subscription!;
    const all = 'all';
    const items = collectionsOf(ctx).then((collections) => [
      { label: vscode.l10n.t('Every restore point collection in the subscription'), description: vscode.l10n.t('{0} collections', collections.length), value: all as string },
      ...collections.map((c) => ({ label: c.name ?? '', description: c.location, value: c.id ?? '' })),
    ]);
    const earlierChoice = earlier?.targets && (earlier.targets.length === 1 ? earlier.targets[0].collectionId : all);
    const picked = await prompter.pickOne({ placeholder: vscode.l10n.t('What to clean up'), items, isDefault: (v) => v === (earlierChoice ?? all) });
    if (picked === BACK) return BACK;
    ctx.targets = picked === all ? (await collectionsOf(ctx)).map((c) => ({ subscription, collectionId: c.id! })) : [{ subscription, collectionId: picked }];
  },
};

function numberStep(field: 'keepNewest' | 'olderThanDays', prompt: () => string, problem: (text: string) => string | undefined): PromptStep<CleanUpContext> {
  return {
    shouldPrompt: (ctx) => ctx[field] === undefined,
    async prompt(ctx, prompter, earlier) {
      const text = await prompter.input({ prompt: prompt(), value: String(earlier?.[field] ?? DEFAULT_CLEAN_UP_RULES[field]), validate: problem });
      if (text === BACK) return BACK;
      ctx[field] = Number(text);
    },
  };
}

export const keepNewestStep = numberStep('keepNewest', () => vscode.l10n.t('Keep how many of the newest restore points that succeeded, in each collection? (The newest one is always kept.)'), keepNewestProblem);
export const olderThanStep = numberStep('olderThanDays', () => vscode.l10n.t('Delete the others only when older than how many days? (0: any age)'), olderThanDaysProblem);

export const failedStep: PromptStep<CleanUpContext> = {
  shouldPrompt: (ctx) => ctx.deleteFailed === undefined,
  async prompt(ctx, prompter, earlier) {
    const picked = await prompter.pickOne({
      placeholder: vscode.l10n.t('Failed restore points'),
      items: [
        { label: vscode.l10n.t('Delete failed restore points'), description: vscode.l10n.t('they cannot be restored, yet count towards the 500 per VM'), value: true },
        { label: vscode.l10n.t('Keep failed restore points'), value: false },
      ],
      isDefault: (v) => v === (earlier?.deleteFailed ?? DEFAULT_CLEAN_UP_RULES.deleteFailed),
    });
    if (picked === BACK) return BACK;
    ctx.deleteFailed = picked;
  },
};

const rulesOf = (ctx: CleanUpContext): CleanUpRules => ({ keepNewest: ctx.keepNewest!, olderThanDays: ctx.olderThanDays!, deleteFailed: ctx.deleteFailed! });

/**
 * The dry run, read afresh each time it is reached, shown as a read-only document; then the modal
 * asks to type how many will be deleted. Nothing to delete asks nothing.
 */
export const dryRunStep: PromptStep<CleanUpContext> = {
  shouldPrompt: () => true,
  async prompt(ctx, prompter) {
    const plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the restore points to clean up…') }, () =>
      planCleanUp(ctx.command.tree.factory, ctx.targets!, rulesOf(ctx), { now: new Date(), collectionsOf: (s) => collectionsOf(ctx, s) }),
    );
    await showMarkdown(ctx.command, vscode.l10n.t('Clean-up dry run.md'), planMarkdown(plan));
    ctx.plan = plan;
    const count = deletionsOf(plan).length;
    if (count === 0) return undefined;
    const collections = plan.collections.filter((c) => c.decisions.some((d) => d.verdict === 'delete')).length;
    const answer = await prompter.confirm({
      message:
        collections === 1
          ? vscode.l10n.t('Delete {0} restore points in 1 collection, as the dry run lists? This cannot be undone.', count)
          : vscode.l10n.t('Delete {0} restore points in {1} collections, as the dry run lists? This cannot be undone.', count, collections),
      detail: vscode.l10n.t('Their disk restore points are deleted with them.'),
      confirmLabel: vscode.l10n.t('Delete'),
      typeToConfirm: String(count),
    });
    return answer === BACK ? BACK : undefined;
  },
};
