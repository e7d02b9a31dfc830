import { setMaxListeners } from 'node:events';
import type { RestorePoint } from '@azure/arm-compute';
import type { ClientFactory } from './clients';
import { errorMessage, statusCode } from './errors';
import { listFleet, type FleetCollection, type FleetVirtualMachine } from './fleet';
import { idKey } from './ids';
import { readCollectionKeeping } from './restorePointCollections';
import { StringPool } from './stringPool';
import { coverageFlags, type CoverageFlag, type VmRestorePointFacts } from './rules/coverageFlags';
import type { SubscriptionRef } from './subscriptionScope';

/** One VM of the report. Times are milliseconds since the epoch, so rows cross to a webview as they are. */
export interface CoverageRow extends VmRestorePointFacts {
  vmId: string;
  name: string;
  subscriptionId: string;
  tenantId: string;
  location: string;
  /** The newest restore point among the VM's cross-region copies (collections whose source is one of its collections). */
  copy?: { location: string; at?: number; state?: string };
  /** The VM's collections, then their copies: what Clean Up Restore Points… works on for this row. */
  collectionIds: string[];
  flags: CoverageFlag[];
}

export interface CoverageReport {
  rows: CoverageRow[];
  /** When the ages were measured. */
  readAt: number;
  staleAfterDays: number;
  /** Restore point collections read, one `$expand=restorePoints` GET each. */
  collectionsRead: number;
  /** Subscriptions whose VMs and collections could not be listed, with ARM's reason. */
  unreadableSubscriptions: { subscriptionId: string; message: string }[];
  /** Collections that could not be read (their VMs are flagged "not read"), with ARM's reason. */
  unreadCollections: { collectionId: string; message: string }[];
}

export interface CoverageProgress {
  /** VMs listed so far (Resource Graph pages, or per-subscription lists). */
  virtualMachines: number;
  /** Collections read, of `total` to read (0 until the listing is complete). */
  done: number;
  total: number;
  /** Collections read per second since the first read started. */
  rate: number;
}

export interface CoverageOptions {
  staleAfterDays: number;
  now: () => number;
  abortSignal?: AbortSignal;
  onProgress?: (progress: CoverageProgress) => void;
}

/** What is kept of one collection once read: its restore points are summed up and dropped at once. */
interface CollectionSummary {
  count: number;
  newestAt?: number;
  newestState?: string;
  newestSucceededAt?: number;
  unread: boolean;
}

function summarize(restorePoints: readonly RestorePoint[]): CollectionSummary {
  const summary: CollectionSummary = { count: restorePoints.length, unread: false };
  for (const rp of restorePoints) {
    const at = rp.timeCreated?.getTime();
    if (at === undefined) continue;
    if (summary.newestAt === undefined || at > summary.newestAt) {
      summary.newestAt = at;
      summary.newestState = rp.provisioningState;
    }
    if (rp.provisioningState?.toLowerCase() === 'succeeded' && (summary.newestSucceededAt === undefined || at > summary.newestSucceededAt)) summary.newestSucceededAt = at;
  }
  return summary;
}

/**
 * Every VM of the subscriptions with the age and state of its newest restore point, how many it
 * has, and its newest cross-region copy. The VMs and collections come from `listFleet` (one
 * Resource Graph query per tenant); each collection that belongs to a VM, or is a copy of one that
 * does, is then read once with `$expand=restorePoints`. All reads start at once: the client
 * factory's read budget spreads them so that no subscription goes over ARM's read limit. A
 * collection that is gone by the time it is read (404) counts as having nothing.
 */
export async function readCoverage(factory: ClientFactory, subscriptions: readonly SubscriptionRef[], options: CoverageOptions): Promise<CoverageReport> {
  const signal = options.abortSignal;
  signal?.throwIfAborted();
  // Every read in flight listens to the one signal: thousands of listeners are expected, not a leak.
  if (signal) setMaxListeners(0, signal);
  const fleet = await listFleet(factory, subscriptions, {
    abortSignal: signal,
    onProgress: (counts) => options.onProgress?.({ virtualMachines: counts.virtualMachines, done: 0, total: 0, rate: 0 }),
  });
  signal?.throwIfAborted();
  const subscriptionOf = new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s]));
  const { own, copies } = groupCollections(fleet.virtualMachines, fleet.collections);
  const toRead = [...[...own.values()].flat(), ...[...copies.values()].flat()];

  const started = performance.now();
  let done = 0;
  const progress = (): void => {
    const seconds = (performance.now() - started) / 1000;
    options.onProgress?.({ virtualMachines: fleet.virtualMachines.length, done, total: toRead.length, rate: seconds > 0 ? done / seconds : 0 });
  };
  progress();
  const summaries = new Map<string, CollectionSummary>();
  const unreadCollections: CoverageReport['unreadCollections'] = [];
  await Promise.all(
    toRead.map(async (c) => {
      const subscription = { tenantId: subscriptionOf.get(c.subscriptionId.toLowerCase())?.tenantId ?? '', subscriptionId: c.subscriptionId };
      try {
        summaries.set(idKey(c.id), await readCollectionKeeping(factory, subscription, c.id, (read) => summarize(read.restorePoints ?? []), { restorePoints: true, abortSignal: signal }));
      } catch (error) {
        if (signal?.aborted) throw error;
        const gone = statusCode(error) === 404;
        summaries.set(idKey(c.id), { count: 0, unread: !gone });
        if (!gone) unreadCollections.push({ collectionId: c.id, message: errorMessage(error) });
      }
      done += 1;
      progress();
    }),
  );
  signal?.throwIfAborted();

  const readAt = options.now();
  const words = new StringPool();
  const rows = fleet.virtualMachines.map((vm) => coverageRow(vm, subscriptionOf, words, own.get(idKey(vm.id)) ?? [], copies, summaries, options.staleAfterDays, readAt));
  return {
    rows,
    readAt,
    staleAfterDays: options.staleAfterDays,
    collectionsRead: toRead.length,
    unreadableSubscriptions: fleet.unreadable.map((u) => ({ subscriptionId: u.subscriptionId, message: errorMessage(u.error) })),
    unreadCollections,
  };
}

/** The collections whose source is one of `sources`, by that source's id key. */
function bySource(collections: readonly FleetCollection[], sources: ReadonlySet<string>): Map<string, FleetCollection[]> {
  const grouped = new Map<string, FleetCollection[]>();
  for (const c of collections) {
    const source = idKey(c.sourceId ?? '');
    if (!sources.has(source)) continue;
    const list = grouped.get(source);
    if (list) list.push(c);
    else grouped.set(source, [c]);
  }
  return grouped;
}

/** Each VM's collections (by VM id key), and each of those collections' copies (by collection id key); collections of no listed VM are left out. */
function groupCollections(vms: readonly FleetVirtualMachine[], collections: readonly FleetCollection[]): { own: Map<string, FleetCollection[]>; copies: Map<string, FleetCollection[]> } {
  const own = bySource(collections, new Set(vms.map((vm) => idKey(vm.id))));
  const ownKeys = new Set([...own.values()].flat().map((c) => idKey(c.id)));
  return { own, copies: bySource(collections, ownKeys) };
}

/**
 * One VM's row. The report stays in memory while its page is open, a row per VM: a row takes its
 * subscription's id and tenant from the subscription it was asked for, and regions and states are
 * kept once per report (`words`), not a copy per row of each as parsed from ARM's answers.
 */
function coverageRow(
  vm: FleetVirtualMachine,
  subscriptionOf: ReadonlyMap<string, SubscriptionRef>,
  words: StringPool,
  ownCollections: readonly FleetCollection[],
  copies: ReadonlyMap<string, FleetCollection[]>,
  summaries: ReadonlyMap<string, CollectionSummary>,
  staleAfterDays: number,
  now: number,
): CoverageRow {
  const facts: VmRestorePointFacts = { restorePoints: 0, unreadCollections: 0 };
  for (const c of ownCollections) {
    const s = summaries.get(idKey(c.id));
    if (!s) continue;
    facts.restorePoints += s.count;
    if (s.unread) facts.unreadCollections += 1;
    if (s.newestAt !== undefined && (facts.newestAt === undefined || s.newestAt > facts.newestAt)) {
      facts.newestAt = s.newestAt;
      facts.newestState = s.newestState;
    }
    if (s.newestSucceededAt !== undefined && (facts.newestSucceededAt === undefined || s.newestSucceededAt > facts.newestSucceededAt)) facts.newestSucceededAt = s.newestSucceededAt;
  }
  const copyCollections = ownCollections.flatMap((c) => copies.get(idKey(c.id)) ?? []);
  let copy: CoverageRow['copy'];
  for (const c of copyCollections) {
    const s = summaries.get(idKey(c.id));
    if (s?.unread) facts.unreadCollections += 1;
    if (!copy) copy = { location: words.share(c.location) };
    if (s?.newestAt !== undefined && (copy.at === undefined || s.newestAt > copy.at)) copy = { location: words.share(c.location), at: s.newestAt, state: words.share(s.newestState) };
  }
  if (facts.newestState !== undefined) facts.newestState = words.share(facts.newestState);
  const subscription = subscriptionOf.get(vm.subscriptionId.toLowerCase());
  return {
    vmId: vm.id,
    name: vm.name,
    subscriptionId: subscription?.subscriptionId ?? vm.subscriptionId,
    tenantId: subscription?.tenantId ?? '',
    location: words.share(vm.location),
    ...facts,
    ...(copy ? { copy } : {}),
    collectionIds: [...ownCollections, ...copyCollections].map((c) => c.id),
    flags: coverageFlags(facts, staleAfterDays, now),
  };
}
