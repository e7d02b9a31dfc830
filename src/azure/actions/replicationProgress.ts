import { setTimeout as sleep } from 'node:timers/promises';
import type { InstanceViewStatus, RestorePoint } from '@azure/arm-compute';
import type { FullOperationResponse } from '@azure/core-client';

export type ReplicationState = 'Replicating' | 'Succeeded' | 'Failed';

export interface DiskReplication {
  diskRestorePointId: string;
  percent: number;
  state: ReplicationState;
}

export interface ReplicationStatus {
  /** 0-100 over all disk restore points, weighted by disk size when every size is known. */
  percent: number;
  state: ReplicationState;
  disks: DiskReplication[];
  /** ARM's own words when the copy failed. */
  reason?: string;
}

export interface ReplicationProgress extends ReplicationStatus {
  /** Percentage points since the previous report, the shape a progress notification wants. */
  increment: number;
}

/** Without Retry-After, a copy that takes minutes to hours need not be read more often than this. */
export const DEFAULT_REPLICATION_POLL_MS = 10_000;
const MIN_POLL_MS = 1_000;
const MAX_POLL_MS = 5 * 60_000;

const stateOfCode = (code: string | undefined): ReplicationState | undefined => {
  const value = code?.toLowerCase();
  if (value === 'replicationstate/failed') return 'Failed';
  if (value === 'replicationstate/succeeded') return 'Succeeded';
  if (value === 'replicationstate/replicating') return 'Replicating';
  return undefined;
};

const statusText = (s: InstanceViewStatus | undefined): string | undefined => s?.message ?? s?.displayStatus;

/** Disk sizes by disk restore point id, from the VM metadata the restore point carries. */
function diskSizes(rp: RestorePoint): Map<string, number> {
  const storage = rp.sourceMetadata?.storageProfile;
  const sizes = new Map<string, number>();
  for (const d of [storage?.osDisk, ...(storage?.dataDisks ?? [])]) {
    const id = d?.diskRestorePoint?.id;
    if (id && d?.diskSizeGB) sizes.set(id.toLowerCase(), d.diskSizeGB);
  }
  return sizes;
}

/**
 * One percentage and state for a copy, from `$expand=instanceView`: each disk restore point
 * reports `replicationStatus` (status code ReplicationState/... and completionPercent).
 */
export function aggregateReplication(rp: RestorePoint): ReplicationStatus {
  const view = rp.instanceView;
  const disks: DiskReplication[] = (view?.diskRestorePoints ?? []).map((d) => {
    const percent = Math.max(0, Math.min(100, d.replicationStatus?.completionPercent ?? 0));
    const state = stateOfCode(d.replicationStatus?.status?.code) ?? (percent >= 100 ? 'Succeeded' : 'Replicating');
    return { diskRestorePointId: d.id ?? '', percent, state };
  });
  const failedDisk = (view?.diskRestorePoints ?? []).find((d) => stateOfCode(d.replicationStatus?.status?.code) === 'Failed');
  const errorStatus = view?.statuses?.find((s) => s.level === 'Error');
  const provisioningFailed = rp.provisioningState?.toLowerCase() === 'failed';

  const sizes = diskSizes(rp);
  const weighted = disks.length > 0 && disks.every((d) => sizes.has(d.diskRestorePointId.toLowerCase()));
  const weight = (d: DiskReplication): number => (weighted ? sizes.get(d.diskRestorePointId.toLowerCase())! : 1);
  const total = disks.reduce((sum, d) => sum + weight(d), 0);
  const allDone = disks.length > 0 && disks.every((d) => d.state === 'Succeeded');
  const percent = allDone ? 100 : total === 0 ? 0 : Math.min(99, Math.floor(disks.reduce((sum, d) => sum + d.percent * weight(d), 0) / total));

  if (failedDisk || provisioningFailed || stateOfCode(errorStatus?.code) === 'Failed') {
    const reason = statusText(failedDisk?.replicationStatus?.status) ?? statusText(errorStatus) ?? `Restore point '${rp.name}' is in state '${rp.provisioningState}'.`;
    return { percent, state: 'Failed', disks, reason };
  }
  return { percent, state: allDone ? 'Succeeded' : 'Replicating', disks };
}

/** Retry-After in seconds or as an HTTP date, as RFC 9110 allows, bounded to something sensible. */
export function retryAfterMs(header: string | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, ms));
}

export interface WatchReplicationOptions {
  /** "Stop watching": ends the iteration quietly; the copy goes on in Azure. */
  abortSignal?: AbortSignal;
  /** Used when the response has no Retry-After. */
  defaultIntervalMs?: number;
  /** How to wait between reads; tests replace it to move an emulated clock instead of time. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * One GET of the copy with `$expand=instanceView` (restorePoints.ts readRestorePoint, which takes
 * a slot of the shared limiter for the request only, not for the waits between reads);
 * `onResponse` sees ARM's response, for its Retry-After.
 */
export type ReadCopy = (request: { abortSignal?: AbortSignal; onResponse: (response: FullOperationResponse) => void }) => Promise<RestorePoint>;

const realWait = (ms: number, signal?: AbortSignal): Promise<void> => sleep(ms, undefined, { signal });

async function readReplication(read: ReadCopy, signal: AbortSignal | undefined): Promise<{ status: ReplicationStatus; retryAfter?: number }> {
  let retryAfter: number | undefined;
  const rp = await read({
    abortSignal: signal,
    onResponse: (response) => {
      retryAfter = retryAfterMs(response.headers.get('retry-after'));
    },
  });
  return { status: aggregateReplication(rp), retryAfter };
}

/**
 * Reads a copy's replication until it succeeds or fails, yielding whenever the percentage or the
 * state changes (the first read always). Waits as long as the server asks (Retry-After), else
 * `defaultIntervalMs`. Ends without error when `abortSignal` fires.
 */
export async function* watchReplication(read: ReadCopy, options: WatchReplicationOptions = {}): AsyncGenerator<ReplicationProgress, void, undefined> {
  const { abortSignal: signal } = options;
  const wait = options.wait ?? realWait;
  let previous: ReplicationStatus | undefined;
  while (!signal?.aborted) {
    let latest: Awaited<ReturnType<typeof readReplication>>;
    try {
      latest = await readReplication(read, signal);
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
    const { status } = latest;
    if (!previous || status.percent !== previous.percent || status.state !== previous.state) {
      yield { ...status, increment: status.percent - (previous?.percent ?? 0) };
      previous = status;
    }
    if (status.state !== 'Replicating' || signal?.aborted) return;
    try {
      await wait(latest.retryAfter ?? options.defaultIntervalMs ?? DEFAULT_REPLICATION_POLL_MS, signal);
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
  }
}
