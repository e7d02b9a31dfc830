import { key, parseComputeId } from '../engine/ids';
import type { DiskRestorePoint, RestorePoint, RestorePointCollection } from '../engine/model';
import type { Store } from '../engine/store';

export type RestorePointState = 'Creating' | 'Succeeded' | 'Failed' | 'Deleting';

export interface Replication {
  completionPercent: number;
  state: 'Replicating' | 'Succeeded' | 'Failed';
}

/** Progress rises in steps of 5 %, as the service reports it, and is derived from the clock. */
export function replicationOf(drp: DiskRestorePoint, now: number): Replication | undefined {
  const r = drp.replication;
  if (!r) return undefined;
  const elapsed = Math.max(0, now - r.startedAt);
  const exact = r.durationMs <= 0 ? 100 : (elapsed / r.durationMs) * 100;
  const percent = exact >= 100 ? 100 : Math.floor(exact / 5) * 5;
  if (r.failAtPercent !== undefined && percent >= r.failAtPercent) return { completionPercent: r.failAtPercent, state: 'Failed' };
  return { completionPercent: percent, state: percent >= 100 ? 'Succeeded' : 'Replicating' };
}

export function restorePointState(rp: RestorePoint, now: number, collection?: RestorePointCollection): RestorePointState {
  if (rp.deletingUntil !== undefined || collection?.deletingUntil !== undefined) return 'Deleting';
  if (now < rp.readyAt) return 'Creating';
  if (rp.outcome === 'Failed') return 'Failed';
  if (rp.diskRestorePoints.some((d) => replicationOf(d, now)?.state === 'Failed')) return 'Failed';
  return 'Succeeded';
}

/** Why a disk cannot be restored from this disk restore point now, or undefined when it can. */
export function restorableProblem(rp: RestorePoint, drp: DiskRestorePoint, now: number): string | undefined {
  const state = restorePointState(rp, now);
  if (state !== 'Succeeded') return `Restore point '${rp.name}' is in state '${state}'; a disk can only be restored from a restore point that succeeded.`;
  const replication = replicationOf(drp, now);
  if (replication && replication.state !== 'Succeeded') {
    return `Disk restore point '${drp.name}' is still being copied from '${drp.sourceResourceLocation}' (${replication.completionPercent}% complete).`;
  }
  return undefined;
}

export function lookupDiskRestorePoint(store: Store, id: string): { collection: RestorePointCollection; restorePoint: RestorePoint; diskRestorePoint: DiskRestorePoint } | undefined {
  const parsed = parseComputeId(id);
  if (!parsed || parsed.type.toLowerCase() !== 'restorepointcollections' || parsed.children.length !== 4) return undefined;
  if (parsed.children[0].toLowerCase() !== 'restorepoints' || parsed.children[2].toLowerCase() !== 'diskrestorepoints') return undefined;
  const collectionKey = key(`/subscriptions/${parsed.subscriptionId}/resourceGroups/${parsed.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${parsed.name}`);
  const collection = store.collections.get(collectionKey);
  const restorePoint = store.restorePoints.get(`${collectionKey}/restorepoints/${parsed.children[1].toLowerCase()}`);
  const diskRestorePoint = restorePoint?.diskRestorePoints.find((d) => d.name.toLowerCase() === parsed.children[3].toLowerCase());
  if (!collection || !restorePoint || !diskRestorePoint) return undefined;
  return { collection, restorePoint, diskRestorePoint };
}
