import type { RestorePoint, RestorePointCollection } from '@azure/arm-compute';
import { aggregateReplication } from './actions/replicationProgress';
import type { ClientFactory } from './clients';
import { errorMessage } from './errors';
import { idKey } from './ids';
import { readCollection } from './restorePointCollections';
import { readRestorePoint } from './restorePoints';
import { copiesToCheck, decideCleanUp, type CleanUpDecision, type CleanUpRules, type CopyFacts, type RestorePointFacts } from './rules/cleanUp';
import type { SubscriptionRef } from './subscriptionScope';

/** One collection to clean up, in the subscription whose token reads it. */
export interface CleanUpTarget {
  subscription: SubscriptionRef;
  collectionId: string;
}

export interface CollectionPlan {
  subscription: SubscriptionRef;
  collection: { id: string; name: string; location?: string };
  /** Every restore point of the collection, newest first. */
  decisions: CleanUpDecision[];
  /** ARM's reason when the collection could not be read; nothing in it is deleted. */
  error?: string;
}

export interface CleanUpPlan {
  rules: CleanUpRules;
  /** When the ages were measured. */
  now: Date;
  collections: CollectionPlan[];
}

export interface PlanOptions {
  now: Date;
  /**
   * Every collection of a subscription, where copies of the targets are found (a copy collection's
   * `source.id` names its source collection). The command passes the listing it already read.
   */
  collectionsOf(subscription: SubscriptionRef): Promise<RestorePointCollection[]>;
}

const facts = (rp: RestorePoint): RestorePointFacts => ({ id: rp.id ?? '', name: rp.name ?? '', provisioningState: rp.provisioningState, timeCreated: rp.timeCreated });
const subscriptionKey = (s: SubscriptionRef): string => `${s.tenantId}/${s.subscriptionId}`.toLowerCase();

/** The copies in the copy collections of `sources`, each with the restore point it was copied from. */
async function copiesOf(factory: ClientFactory, subscription: SubscriptionRef, sources: ReadonlySet<string>, options: PlanOptions): Promise<{ id: string; name: string; sourceId: string }[]> {
  const copyCollections = (await options.collectionsOf(subscription)).filter((c) => c.id && sources.has(idKey(c.source?.id ?? '')));
  const expanded = await Promise.all(copyCollections.map((c) => readCollection(factory, subscription, c.id!, { restorePoints: true })));
  return expanded.flatMap((c) => (c.restorePoints ?? []).filter((rp) => rp.id && rp.sourceRestorePoint?.id).map((rp) => ({ id: rp.id!, name: rp.name ?? '', sourceId: rp.sourceRestorePoint!.id! })));
}

/**
 * The collection's `$expand=restorePoints` says "Succeeded" for a copy whose disks still replicate;
 * only its instance view tells, so each copy whose source would go is read once that way. A read
 * that fails leaves the replication `Unknown`, which keeps the source.
 */
async function replicationOf(factory: ClientFactory, subscription: SubscriptionRef, copyId: string): Promise<CopyFacts['replication']> {
  try {
    return aggregateReplication(await readRestorePoint(factory, subscription, copyId, { instanceView: true })).state;
  } catch {
    return 'Unknown';
  }
}

/** A copy collection's `source.id` names the collection it copies; a VM's own names the VM. */
const isCopyCollection = (c: RestorePointCollection): boolean => /\/restorePointCollections\//i.test(c.source?.id ?? '');

/**
 * The restore points of a copy collection, each with its replication: the listing says "Succeeded"
 * for a copy whose disks still replicate, so each that says so is read once with its instance view
 * (a failed read says `Unknown`, which leaves the copy alone and keeps it from counting as usable).
 */
async function withReplication(factory: ClientFactory, subscription: SubscriptionRef, restorePoints: readonly RestorePoint[]): Promise<RestorePointFacts[]> {
  return Promise.all(
    restorePoints.map(async (rp) => {
      if (rp.provisioningState?.toLowerCase() !== 'succeeded' || !rp.id) return facts(rp);
      return { ...facts(rp), replication: await replicationOf(factory, subscription, rp.id) };
    }),
  );
}

/**
 * What the rules would delete and keep in each target collection. Reads each target once with its
 * restore points; only when a subscription has restore points the rules would delete does it read
 * the copy collections of their collections and the instance views of the copies made from them.
 * A target that is itself a copy collection has the instance view of each copy read: one still
 * replicating is left alone and does not count as the newest that succeeded.
 * A target that cannot be read is in the plan with ARM's reason; copies that cannot be listed fail
 * the plan, since without them no source is known safe to delete. Copies are looked for in the
 * target's own subscription, where the Copy to Region wizard puts them.
 */
export async function planCleanUp(factory: ClientFactory, targets: readonly CleanUpTarget[], rules: CleanUpRules, options: PlanOptions): Promise<CleanUpPlan> {
  const unique = [...new Map(targets.map((t) => [idKey(t.collectionId), t])).values()];
  const first: CollectionPlan[] = await Promise.all(
    unique.map(async ({ subscription, collectionId }): Promise<CollectionPlan> => {
      try {
        const c = await readCollection(factory, subscription, collectionId, { restorePoints: true });
        const collection = { id: c.id ?? collectionId, name: c.name ?? '', location: c.location };
        const restorePoints = isCopyCollection(c) ? await withReplication(factory, subscription, c.restorePoints ?? []) : (c.restorePoints ?? []).map(facts);
        return { subscription, collection, decisions: decideCleanUp(restorePoints, rules, options.now) };
      } catch (error) {
        return { subscription, collection: { id: collectionId, name: collectionId.split('/').pop() ?? '' }, decisions: [], error: errorMessage(error) };
      }
    }),
  );

  const withDeletes = first.filter((p) => p.decisions.some((d) => d.verdict === 'delete'));
  const bySubscription = new Map<string, CollectionPlan[]>();
  for (const plan of withDeletes) bySubscription.set(subscriptionKey(plan.subscription), [...(bySubscription.get(subscriptionKey(plan.subscription)) ?? []), plan]);
  const copies = (
    await Promise.all(
      [...bySubscription.values()].map(async (plans) => {
        const subscription = plans[0].subscription;
        const found = await copiesOf(factory, subscription, new Set(plans.map((p) => idKey(p.collection.id))), options);
        return Promise.all(copiesToCheck(plans.flatMap((p) => p.decisions), found).map(async (copy): Promise<CopyFacts> => ({ ...copy, replication: await replicationOf(factory, subscription, copy.id) })));
      }),
    )
  ).flat();

  const collections = first.map((plan) =>
    withDeletes.includes(plan) ? { ...plan, decisions: decideCleanUp(plan.decisions.map((d) => d.restorePoint), rules, options.now, copies) } : plan,
  );
  return { rules, now: options.now, collections };
}

/** The restore points the plan deletes, with where each is, oldest first: a clean-up cancelled part-way has removed the oldest. */
export function deletionsOf(plan: CleanUpPlan): { subscription: SubscriptionRef; restorePoint: RestorePointFacts }[] {
  const all = plan.collections.flatMap((c) => c.decisions.filter((d) => d.verdict === 'delete').map((d) => ({ subscription: c.subscription, restorePoint: d.restorePoint })));
  return all.sort((a, b) => (a.restorePoint.timeCreated?.getTime() ?? 0) - (b.restorePoint.timeCreated?.getTime() ?? 0));
}
