import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

export interface MemoryReading {
  rssMb: number;
  heapMb: number;
}

/**
 * The extension host's memory after a full garbage collection, so that what is counted is what is
 * held, not garbage the collector has not reached yet. `gc` is not exposed in the extension host;
 * V8 hands it out once the flag is set at run time (only the benchmark does this).
 */
export function memoryAfterCollection(): MemoryReading {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  // Twice: the first pass may only queue finalizers whose objects the second one frees.
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMb: rss / 2 ** 20, heapMb: heapUsed / 2 ** 20 };
}

/**
 * How long the extension host is left idle before a settled reading. A burst of requests leaves V8
 * with a grown young generation and half-empty old-space pages, which a full collection does not
 * give back; its memory reducer does, once allocation has been quiet for a few seconds (seen after
 * the fleet's tree: young generation 32 → 2 MB, RSS 315 → 223 MB, within 15 s).
 */
const SETTLE_MS = 20_000;

/** The reading once V8 has given back what the last burst made it reserve, as the reading before activation is (the workbench settled first). */
export async function memoryWhenSettled(): Promise<MemoryReading> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return memoryAfterCollection();
}

/**
 * When `RESTORE_POINTS_BENCH_HEAP_SNAPSHOT` names a folder, a heap snapshot of this process
 * written there as `<name>.heapsnapshot` (DevTools' Memory tab opens it; comparing two tells what a
 * step left held). Taken after a reading, so that reading is not disturbed by it; what follows is:
 * writing a snapshot takes seconds and grows the process's RSS by hundreds of MB.
 */
export function heapSnapshotWhenAsked(name: string): void {
  const dir = process.env.RESTORE_POINTS_BENCH_HEAP_SNAPSHOT;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  v8.writeHeapSnapshot(path.join(dir, `${name}.heapsnapshot`));
}
