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
  floorMs: number;
}

export interface BenchResults {
  latencyMs: number;
  activationMs: number;
  /** Extension host RSS after the full expansion (after a full garbage collection). */
  memoryMb: number;
  /** Extension host RSS before our extension activated (VS Code's own share), after a full garbage collection. */
  rssBeforeMb: number;
  /** JavaScript heap in use after the full expansion, after a full garbage collection. */
  heapMb: number;
  /** JavaScript heap in use before our extension activated, after a full garbage collection. */
  heapBeforeMb: number;
  treeNodes: number;
  views: ViewFigure[];
  vscodeVersion: string;
}
