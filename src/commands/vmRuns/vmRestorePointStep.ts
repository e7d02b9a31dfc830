import * as vscode from 'vscode';
import { idKey } from '../../azure/ids';
import { restorePointState } from '../../tree/format/restorePoint';
import { collectionsOf, expandedCollection, type TargetContext } from '../steps/targets';
import { BACK } from '../wizard/prompter';
import type { PromptStep } from '../wizard/wizard';

/** A restore point of the chosen VM, from every collection of it (cross-region copies included), newest first. */
export const vmRestorePointStep: PromptStep<TargetContext> = {
  shouldPrompt: (ctx) => !ctx.restorePoint,
  async prompt(ctx, prompter, earlier) {
    const items = collectionsOf(ctx).then(async (all) => {
      const mine = all.filter((c) => idKey(c.source?.id ?? '') === idKey(ctx.vmId ?? ''));
      const expanded = await Promise.all(mine.map((c) => expandedCollection(ctx, c.id!)));
      return expanded
        .flatMap((c) => (c.restorePoints ?? []).map((rp) => ({ rp, c })))
        .sort((a, b) => (b.rp.timeCreated?.getTime?.() ?? 0) - (a.rp.timeCreated?.getTime?.() ?? 0))
        .map(({ rp, c }) => ({ label: rp.name ?? '', description: `${c.name ?? ''} · ${c.location ?? ''} · ${restorePointState(rp)}`, value: { rp, c } }));
    });
    const picked = await prompter.pickOne({ placeholder: vscode.l10n.t('Select a restore point'), items, isDefault: (v) => !!earlier?.restorePoint?.id && idKey(v.rp.id ?? '') === idKey(earlier.restorePoint.id) });
    if (picked === BACK) return BACK;
    ctx.collection = picked.c;
    ctx.restorePoint = picked.rp;
  },
};
