/** One view of the tree, measured against the emulator with a fixed latency per request. */
export interface ViewFigure {
  view: string;
  ms: number;
  armRequests: number;
  /** ARM requests asked more than once during this view (should be 0). */
  repeatedRequests: number;
  /** Identity (token) requests during this view. */
  signInRequests: number;
  /** The fewest sequential ARM round trips the REST API allows for this view. */
  floorTrips: number;
  /** The time ARM's read budget needs for this view's reads (the busiest subscription's, beyond its bucket's burst), in ms. */
  rateFloorMs: number;
  /** The larger of round trips × latency and the rate floor. */
  floorMs: number;
  /** TLS connections the emulator saw opened during this view. */
  tlsConnections: number;
}

/** The tree expanded across the `fleet` data set, every VM shown. */
export interface FleetFigure {
  subscriptions: number;
  virtualMachines: number;
  ms: number;
  armRequests: number;
  tlsConnections: number;
  /** Extension host memory after a full garbage collection, with that tree held. */
  rssMb: number;
  heapMb: number;
  /** The same, once the extension host was left idle for V8 to give back what the listing made it reserve (memory.ts `memoryWhenSettled`). */
  settledRssMb: number;
  settledHeapMb: number;
}

/** The coverage report of the `fleet` data set, held by the extension with its page open, in an extension host of its own. */
export interface CoverageMemoryFigure {
  virtualMachines: number;
  collectionsRead: number;
  /** Show Restore Point Coverage… from the command to the report returned. */
  ms: number;
  armRequests: number;
  /** 429s ARM answered during the read. */
  throttled: number;
  tlsConnections: number;
  /** That extension host before our extension activated (VS Code's own share), after the same quiet and a full garbage collection. */
  vscodeRssMb: number;
  vscodeHeapMb: number;
  /** Extension host memory after a full garbage collection, with the report held and its page open. */
  rssMb: number;
  heapMb: number;
  /** The same, once the extension host was left idle (memory.ts `memoryWhenSettled`). */
  settledRssMb: number;
  settledHeapMb: number;
}

export interface BenchResults {
  latencyMs: number;
  /** ARM's read bucket the emulator applied: size and refill per second. */
  readBucket: { size: number; refillPerSecond: number };
  activationMs: number;
  /** Extension host RSS after the full expansion (after a full garbage collection). */
  memoryMb?: number;
  /** Extension host RSS before our extension activated (VS Code's own share), after a full garbage collection. */
  rssBeforeMb: number;
  /** JavaScript heap in use after the full expansion, after a full garbage collection. */
  heapMb?: number;
  /** JavaScript heap in use before our extension activated, after a full garbage collection. */
  heapBeforeMb: number;
  treeNodes?: number;
  /** The longest the extension host's event loop was held during the full expansion (eventLoop.ts). */
  fullExpansionLongestBlockMs?: number;
  views: ViewFigure[];
  fleet?: FleetFigure;
  coverageMemory?: CoverageMemoryFigure;
  vscodeVersion: string;
}
