import * as l10n from '@vscode/l10n';
import { idKey } from '../ids';

/** What the user chose in Clean Up Restore Points…; the rules apply to each collection on its own. */
export interface CleanUpRules {
  /** The newest restore points that succeeded, per collection, kept whatever their age (0 keeps none beyond the newest successful one). */
  keepNewest: number;
  /** Only restore points older than this are deleted; 0 means any age. */
  olderThanDays: number;
  /** Failed restore points hold nothing to restore, yet count towards the 500 per VM. */
  deleteFailed: boolean;
}

/**
 * Keep the newest 10, delete only what is older than a week (a restore point a day for a week is
 * the shortest history worth keeping), delete failed ones.
 */
export const DEFAULT_CLEAN_UP_RULES: CleanUpRules = { keepNewest: 10, olderThanDays: 7, deleteFailed: true };

/** The fields of a restore point the rules read (the SDK's RestorePoint has them). */
export interface RestorePointFacts {
  id: string;
  name: string;
  provisioningState?: string;
  timeCreated?: Date;
  /**
   * For a restore point in a copy collection: its replication, from its instance view. The
   * collection's listing says "Succeeded" while the copy's disks still replicate.
   */
  replication?: CopyFacts['replication'];
}

/** A cross-region copy of a restore point: `source` names the restore point it was copied from. */
export interface CopyFacts {
  id: string;
  name: string;
  sourceId: string;
  /** From the copy's instance view; `Unknown` when it could not be read. */
  replication: 'Replicating' | 'Succeeded' | 'Failed' | 'Unknown';
}

export type KeepReason = 'inProgress' | 'copySource' | 'newestSucceeded' | 'amongNewest' | 'tooRecent' | 'failedKept' | 'noCreationTime';
export type DeleteReason = 'failed' | 'olderThan';

export type CleanUpDecision<R extends RestorePointFacts = RestorePointFacts> =
  | { restorePoint: R; verdict: 'keep'; reason: KeepReason; copy?: CopyFacts }
  | { restorePoint: R; verdict: 'delete'; reason: DeleteReason };

const DAY_MS = 86_400_000;
/** A copy still replicating (or whose replication could not be read) is not yet usable: it is left alone like one still being created. */
function stateOf(rp: RestorePointFacts): string {
  if (rp.replication === 'Replicating' || rp.replication === 'Unknown') return 'replicating';
  if (rp.replication === 'Failed') return 'failed';
  return rp.provisioningState?.toLowerCase() ?? '';
}
/** Newest first; those without a creation time last, since nothing says how new they are. */
const newestFirst = (a: RestorePointFacts, b: RestorePointFacts): number => (b.timeCreated?.getTime() ?? -Infinity) - (a.timeCreated?.getTime() ?? -Infinity) || 0;

/**
 * The verdict on every restore point of one collection, newest first, each with its reason. In
 * order: one still being created or deleted, or a copy still replicating, is left alone (ARM
 * refuses to delete the first; the second is not yet a restore point to rely on); the source of
 * a copy still replicating is kept (the copy reads its disks from it); the newest that succeeded is
 * always kept; failed ones go or stay as chosen and do not count among the newest; of the others,
 * the newest `keepNewest` stay and the rest go once older than `olderThanDays`.
 * A copy whose replication is `Unknown` protects its source as one still replicating would.
 */
export function decideCleanUp<R extends RestorePointFacts>(restorePoints: readonly R[], rules: CleanUpRules, now: Date, copies: readonly CopyFacts[] = []): CleanUpDecision<R>[] {
  const copyOf = new Map<string, CopyFacts>();
  for (const copy of copies) if (copy.replication === 'Replicating' || copy.replication === 'Unknown') copyOf.set(idKey(copy.sourceId), copy);
  const cutoff = now.getTime() - rules.olderThanDays * DAY_MS;
  let succeededSeen = 0;
  return [...restorePoints].sort(newestFirst).map((restorePoint): CleanUpDecision<R> => {
    const state = stateOf(restorePoint);
    const succeeded = state === 'succeeded';
    if (!succeeded && state !== 'failed') return { restorePoint, verdict: 'keep', reason: 'inProgress' };
    const copy = copyOf.get(idKey(restorePoint.id));
    if (copy) return { restorePoint, verdict: 'keep', reason: 'copySource', copy };
    // Only those with a creation time are ranked: one without cannot be known to be the newest.
    if (succeeded && !restorePoint.timeCreated) return { restorePoint, verdict: 'keep', reason: 'noCreationTime' };
    const rank = succeeded ? succeededSeen++ : -1;
    if (rank === 0) return { restorePoint, verdict: 'keep', reason: 'newestSucceeded' };
    if (!succeeded) return rules.deleteFailed ? { restorePoint, verdict: 'delete', reason: 'failed' } : { restorePoint, verdict: 'keep', reason: 'failedKept' };
    if (rank < rules.keepNewest) return { restorePoint, verdict: 'keep', reason: 'amongNewest' };
    if (!restorePoint.timeCreated) return { restorePoint, verdict: 'keep', reason: 'noCreationTime' };
    return restorePoint.timeCreated.getTime() < cutoff ? { restorePoint, verdict: 'delete', reason: 'olderThan' } : { restorePoint, verdict: 'keep', reason: 'tooRecent' };
  });
}

/** The copies whose replication decides whether their source may go: copies of a restore point the rules would otherwise delete. */
export function copiesToCheck<C extends { sourceId: string }>(decisions: readonly CleanUpDecision[], copies: readonly C[]): C[] {
  const deleted = new Set(decisions.filter((d) => d.verdict === 'delete').map((d) => idKey(d.restorePoint.id)));
  return copies.filter((c) => deleted.has(idKey(c.sourceId)));
}

/** "1 day", "7 days": an age as the reasons say it. */
export const daysText = (days: number): string => (days === 1 ? l10n.t('1 day') : l10n.t('{0} days', days));

/** A list of restore point names short enough for a prompt: the first ten, then how many more. */
export function namesText(names: readonly string[], shown = 10): string {
  const first = names.slice(0, shown).join(', ');
  return names.length > shown ? l10n.t('{0} and {1} more', first, names.length - shown) : first;
}

/** Why a restore point is kept or deleted, in the user's words. */
export function decisionReason(decision: CleanUpDecision, rules: CleanUpRules): string {
  switch (decision.reason) {
    case 'inProgress':
      if (decision.restorePoint.replication === 'Replicating') return l10n.t('copy still replicating: left alone until it ends');
      if (decision.restorePoint.replication === 'Unknown') return l10n.t('copy whose replication could not be read: left alone');
      return l10n.t('{0}: left alone until it ends', decision.restorePoint.provisioningState ?? l10n.t('state unknown'));
    case 'copySource':
      return decision.copy?.replication === 'Unknown'
        ? l10n.t("source of copy '{0}', whose replication could not be read", decision.copy.name)
        : l10n.t("source of copy '{0}', still replicating", decision.copy?.name ?? '?');
    case 'newestSucceeded':
      return l10n.t('the newest that succeeded');
    case 'amongNewest':
      return l10n.t('among the newest {0} that succeeded', rules.keepNewest);
    case 'tooRecent':
      return l10n.t('not older than {0}', daysText(rules.olderThanDays));
    case 'noCreationTime':
      return l10n.t('no creation time');
    case 'failedKept':
      return l10n.t('failed (failed ones are kept)');
    case 'failed':
      return l10n.t('failed');
    case 'olderThan':
      return rules.olderThanDays > 0 ? l10n.t('older than {0}, beyond the newest {1}', daysText(rules.olderThanDays), rules.keepNewest) : l10n.t('beyond the newest {0}', rules.keepNewest);
  }
}

/** How many to keep: a whole number from 0 to 500 (the most a VM can have). */
export function keepNewestProblem(text: string): string | undefined {
  return /^\s*\d{1,3}\s*$/.test(text) && Number(text) <= 500 ? undefined : l10n.t('Enter a whole number from 0 to 500.');
}

/** Days: a whole number from 0 to 3650. */
export function olderThanDaysProblem(text: string): string | undefined {
  return /^\s*\d{1,4}\s*$/.test(text) && Number(text) <= 3650 ? undefined : l10n.t('Enter a whole number of days from 0 to 3650 (0: any age).');
}
