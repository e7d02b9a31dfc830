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
