import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientFactory } from '../clients';
import { readDisk } from '../disks';
import { statusCode } from '../errors';
import { parseResourceId } from '../ids';
import { readCollection } from '../restorePointCollections';
import { readRestorePoint } from '../restorePoints';
import type { SubscriptionRef } from '../subscriptionScope';

/** The resources whose long-running operations can be followed again after a reload. */
export type FollowedResource = 'restorePoint' | 'restorePointCollection' | 'disk';

/** How an operation ended, as the resource itself tells. */
export type Settled = { state: 'Succeeded' } | { state: 'Failed'; reason: string } | { state: 'Gone' };

/** Without Retry-After, a resource is read this often while an operation goes on. */
export const DEFAULT_SETTLE_POLL_MS = 5_000;

/** ARM's provisioning states that end an operation; anything else (Creating, Deleting, Updating…) is still going on. */
const TERMINAL = new Set(['succeeded', 'failed', 'canceled']);

/** How each followed resource is read; each read goes through the shared limiter. */
const readers: Record<FollowedResource, (factory: ClientFactory, subscription: SubscriptionRef, id: string, abortSignal?: AbortSignal) => Promise<{ provisioningState?: string }>> = {
  restorePoint: (factory, subscription, id, abortSignal) => readRestorePoint(factory, subscription, id, { abortSignal }),
  restorePointCollection: (factory, subscription, id, abortSignal) => readCollection(factory, subscription, id, { abortSignal }),
  disk: (factory, subscription, id, abortSignal) => readDisk(factory, subscription, id, { abortSignal }),
};

/** A resource's provisioning state, or undefined when ARM answers 404 (it does not exist). */
async function readProvisioningState(factory: ClientFactory, subscription: SubscriptionRef, kind: FollowedResource, id: string, abortSignal?: AbortSignal): Promise<string | undefined> {
  try {
    return (await readers[kind](factory, subscription, id, abortSignal)).provisioningState ?? 'Succeeded';
  } catch (error) {
    if (statusCode(error) === 404) return undefined;
    throw error;
  }
}

export interface SettleOptions {
  /** Wait between reads. */
  intervalMs?: number;
  abortSignal?: AbortSignal;
}

/**
 * Reads a resource until the long-running operation on it has ended: a terminal provisioning state,
 * or the resource gone (what a delete ends in). Only GETs are sent, so following an operation again
 * can never repeat it. This is how an operation started before a window reload is picked up: the
 * resource's own provisioning state is what ARM keeps for as long as the resource exists, whereas
 * the operation status URL a serialized SDK poller holds is ARM's to expire.
 */
export async function settleOperation(factory: ClientFactory, subscription: SubscriptionRef, kind: FollowedResource, id: string, options: SettleOptions = {}): Promise<Settled> {
  for (;;) {
    const state = await readProvisioningState(factory, subscription, kind, id, options.abortSignal);
    if (state === undefined) return { state: 'Gone' };
    const value = state.toLowerCase();
    if (value === 'succeeded') return { state: 'Succeeded' };
    if (TERMINAL.has(value)) return { state: 'Failed', reason: `'${parseResourceId(id)?.children.at(-1) ?? parseResourceId(id)?.name ?? id}' is in state '${state}'.` };
    await sleep(options.intervalMs ?? DEFAULT_SETTLE_POLL_MS, undefined, { signal: options.abortSignal });
  }
}
