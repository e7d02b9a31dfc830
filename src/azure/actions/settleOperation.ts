import { setTimeout as sleep } from 'node:timers/promises';
import type { ComputeManagementClient } from '@azure/arm-compute';
import { parseResourceId } from '../ids';
import { statusCode } from '../errors';
import { collectionRefFromId, restorePointRefFromId } from './resourceRefs';

/** The resources whose long-running operations can be followed again after a reload. */
export type FollowedResource = 'restorePoint' | 'restorePointCollection' | 'disk';

/** How an operation ended, as the resource itself tells. */
export type Settled = { state: 'Succeeded' } | { state: 'Failed'; reason: string } | { state: 'Gone' };

/** Without Retry-After, a resource is read this often while an operation goes on. */
export const DEFAULT_SETTLE_POLL_MS = 5_000;

/** ARM's provisioning states that end an operation; anything else (Creating, Deleting, Updating…) is still going on. */
const TERMINAL = new Set(['succeeded', 'failed', 'canceled']);

/** A resource's provisioning state, or undefined when ARM answers 404 (it does not exist). */
async function readProvisioningState(client: ComputeManagementClient, kind: FollowedResource, id: string, abortSignal?: AbortSignal): Promise<string | undefined> {
  try {
    if (kind === 'restorePoint') {
      const ref = restorePointRefFromId(id);
      return (await client.restorePoints.get(ref.resourceGroup, ref.collection, ref.name, { abortSignal })).provisioningState ?? 'Succeeded';
    }
    if (kind === 'restorePointCollection') {
      const ref = collectionRefFromId(id);
      return (await client.restorePointCollections.get(ref.resourceGroup, ref.name, { abortSignal })).provisioningState ?? 'Succeeded';
    }
    const disk = parseResourceId(id);
    if (!disk) throw new Error(`'${id}' is not the id of a disk.`);
    return (await client.disks.get(disk.resourceGroup, disk.name, { abortSignal })).provisioningState ?? 'Succeeded';
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
export async function settleOperation(client: ComputeManagementClient, kind: FollowedResource, id: string, options: SettleOptions = {}): Promise<Settled> {
  for (;;) {
    const state = await readProvisioningState(client, kind, id, options.abortSignal);
    if (state === undefined) return { state: 'Gone' };
    const value = state.toLowerCase();
    if (value === 'succeeded') return { state: 'Succeeded' };
    if (TERMINAL.has(value)) return { state: 'Failed', reason: `'${parseResourceId(id)?.children.at(-1) ?? parseResourceId(id)?.name ?? id}' is in state '${state}'.` };
    await sleep(options.intervalMs ?? DEFAULT_SETTLE_POLL_MS, undefined, { signal: options.abortSignal });
  }
}
