import { deletionsOf, planCleanUp, type PlanOptions } from '../../azure/cleanUpPlan';
import type { ClientFactory } from '../../azure/clients';
import { collectionIdOf, idKey } from '../../azure/ids';
import type { CleanUpRules } from '../../azure/rules/cleanUp';
import type { PendingDelete } from '../operations/operationJournal';

export interface Rechecked {
  /** Confirmed, and still selected by the rules. */
  send: PendingDelete[];
  /** Confirmed, but no longer selected: a newer one went, a copy started, one is being deleted already... */
  unselected: PendingDelete[];
}

/**
 * The confirmed deletes the rules still select once their collections are read again, just before
 * anything is sent: what changed since the dry run (or since the window that confirmed it) may have
 * made one of them the newest left, or the source of a new copy. Only what both the confirmed plan
 * and the fresh one delete is sent.
 */
export async function recheckDeletes(factory: ClientFactory, confirmed: readonly PendingDelete[], rules: CleanUpRules, collectionsOf: PlanOptions['collectionsOf']): Promise<Rechecked> {
  const targets = new Map(confirmed.map((p) => [idKey(collectionIdOf(p.id)), { subscription: { tenantId: p.tenantId, subscriptionId: p.subscriptionId }, collectionId: collectionIdOf(p.id) }]));
  const fresh = await planCleanUp(factory, [...targets.values()], rules, { now: new Date(), collectionsOf });
  const selected = new Set(deletionsOf(fresh).map((d) => idKey(d.restorePoint.id)));
  return { send: confirmed.filter((p) => selected.has(idKey(p.id))), unselected: confirmed.filter((p) => !selected.has(idKey(p.id))) };
}
