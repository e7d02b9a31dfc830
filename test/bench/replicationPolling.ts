import { copyRestorePoint } from '../../src/azure/actions/copyRestorePoint';
import { DEFAULT_REPLICATION_POLL_MS, watchReplication, type ReadCopy } from '../../src/azure/actions/replicationProgress';
import { demoCatalog, startEmulator } from '../../src/emulator';
import { durationMs } from '../../src/emulator/engine/clock';
import { computeClient } from '../emulator/sdkClients';

/** What the replication poller asked of ARM while one copy replicated on the emulator's clock. */
export interface ReplicationPollingFigure {
  /** How long the copy's disks took to replicate, on the emulator's clock. */
  emulatedSeconds: number;
  /** GETs of the copy with `$expand=instanceView`, the first included. */
  reads: number;
  /** Progress reports the notification received (each a change of percentage or state). */
  reports: number;
  /** The Retry-After ARM sent on those reads, if any (seconds). */
  retryAfterSeconds?: number;
  /** The interval the poller used: ARM's Retry-After, else its default. */
  intervalSeconds: number;
  /** Reads that interval implies: one at the start, then one per interval until done. */
  impliedReads: number;
}

// A copy whose disks replicate for five minutes: the emulator's cross-region replication takes
// 60 s at pace 1 (src/emulator/engine/clock.ts) and web-02's slower disk 0.9 of that, so pace 0.18.
const PACE = 0.18;
const CREATION_MS = durationMs('restorePointCreation', PACE);

/**
 * Copies a demo restore point to its DR region and watches it with the extension's own poller
 * (watchReplication), on a manual clock: each wait moves the emulator's clock instead of the
 * wall clock, so five emulated minutes take a second and the count is exact.
 */
export async function measureReplicationPolling(): Promise<ReplicationPollingFigure> {
  const emulator = await startEmulator({ data: 'demo', manualClock: true, pace: PACE });
  try {
    const dev = demoCatalog.devTest;
    const client = computeClient(emulator, dev.subscriptionId);
    const source = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${dev.web02.collection}/restorePoints/${dev.web02.restorePoints[0]}`;
    const copy = { resourceGroup: dev.copies.resourceGroup, collection: dev.copies.collection, name: 'rp-bench-copy' };
    await copyRestorePoint(client, { targetCollection: { resourceGroup: copy.resourceGroup, name: copy.collection }, name: copy.name, sourceRestorePointId: source }, {
      // The copy's creation ends on the emulated clock; replication starts from there.
      onAccepted: () => emulator.controls.clock.advance(CREATION_MS),
      updateIntervalInMs: 10,
    });

    // The Retry-After ARM puts on the reads, seen where the SDK sees responses.
    const retryAfters: string[] = [];
    client.pipeline.addPolicy({
      name: 'benchRetryAfter',
      sendRequest: async (request, next) => {
        const response = await next(request);
        const header = response.headers.get('retry-after');
        if (header !== undefined) retryAfters.push(header);
        return response;
      },
    });
    emulator.controls.clearRequestLog();
    let intervalMs = DEFAULT_REPLICATION_POLL_MS;
    let reports = 0;
    let last: string | undefined;
    // The SDK reads the copy as the extension's readRestorePoint does, without its limiter: the only reader here.
    const readCopy: ReadCopy = (request) => client.restorePoints.get(copy.resourceGroup, copy.collection, copy.name, { expand: 'instanceView', ...request });
    for await (const progress of watchReplication(readCopy, {
      wait: async (ms) => {
        intervalMs = ms;
        emulator.controls.clock.advance(ms);
      },
    })) {
      reports += 1;
      last = progress.state;
    }
    if (last !== 'Succeeded') throw new Error(`the benchmark's copy ended ${last ?? 'without a report'}`);

    const reads = emulator.controls.requestLog.filter((r) => r.method === 'GET' && r.path.toLowerCase().endsWith(`/restorepoints/${copy.name}`) && r.query.$expand === 'instanceView');
    const emulatedMs = replicationMs(emulator.controls.store.restorePointsOf(copyCollectionId(dev)).find((rp) => rp.name === copy.name));
    return {
      emulatedSeconds: Math.round(emulatedMs / 1000),
      reads: reads.length,
      reports,
      retryAfterSeconds: retryAfters.length ? Number(retryAfters[0]) : undefined,
      intervalSeconds: intervalMs / 1000,
      impliedReads: 1 + Math.ceil(emulatedMs / intervalMs),
    };
  } finally {
    await emulator.stop();
  }
}

const copyCollectionId = (dev: typeof demoCatalog.devTest): string =>
  `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.copies.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${dev.copies.collection}`;

/** From the copy's start to its last disk's end, as the emulator planned it. */
function replicationMs(rp: { readyAt: number; diskRestorePoints: { replication?: { startedAt: number; durationMs: number } }[] } | undefined): number {
  const ends = (rp?.diskRestorePoints ?? []).flatMap((d) => (d.replication ? [d.replication.startedAt + d.replication.durationMs] : []));
  if (!rp || !ends.length) throw new Error('the emulator holds no replicating copy to measure');
  return Math.max(...ends) - rp.readyAt;
}
