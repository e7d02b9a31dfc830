import type { BlobDescription } from '../blob/accessGrants';
import type { IdentityMode } from '../auth/tokens';
import { reloadDataSet, storeHandedOut, type DataSetName } from '../data';
import type { EmulatorState, FailureKind } from '../engine/state';
import type { Store } from '../engine/store';
import type { FaultSpec, FaultTable } from './faults';
import type { Throttle, ThrottleLimits } from './throttling';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  /** 0 when the connection was dropped before an answer. */
  status: number;
  /** When the answer was done (ms since the epoch): its connection's close, which a busy event loop may run late. */
  time: number;
  /** When the request reached the emulator (ms since the epoch), before anything was answered. */
  receivedAt: number;
  /** The x-ms-request-id the answer carried (absent for control requests). */
  requestId?: string;
  /** The JSON body of an ARM request, as received (absent for identity requests and bodiless ones). */
  body?: unknown;
  /** The tenant of the token an ARM request carried (absent when it was refused before sign-in was checked). */
  tenantId?: string;
  /** The byte range a blob request asked for (`x-ms-range` or `Range`), as sent. */
  range?: string;
}

/** The parts of the running emulator (EmulatorApp, which owns them) that the controls change. */
export interface ControlledEmulator {
  readonly state: EmulatorState;
  readonly faults: FaultTable;
  readonly throttle: Throttle;
  readonly requestLog: RequestLogEntry[];
  latencyMs: number;
  readonly tlsConnections: number;
}

/**
 * What tests and the demo may do to a running emulator, in process. The same operations are
 * served over HTTPS under `/_emulator/` for tests in other processes.
 */
export class EmulatorControls {
  /** The identity mode the emulator started in (`--identity`); a reset goes back to it. */
  private readonly startIdentity: IdentityMode;

  constructor(private readonly app: ControlledEmulator) {
    this.startIdentity = app.state.identity;
  }

  /** Replaces all data with a data set; also clears faults, latency, planned failures and the log, and goes back to the identity mode and throttling the emulator started with. */
  reset(data: DataSetName = 'demo'): void {
    const { state } = this.app;
    state.identity = this.startIdentity;
    state.operations.clear();
    state.grants.clear();
    state.clearPlannedFailures();
    reloadDataSet(state, data);
    this.clearFaults();
    this.setLatency(0);
    this.app.throttle.reset();
    this.clearRequestLog();
  }

  /** The identity provider clients sign in with from now on; tokens already issued stay valid. */
  get identity(): IdentityMode {
    return this.app.state.identity;
  }

  set identity(mode: IdentityMode) {
    this.app.state.identity = mode;
  }

  /** Turns ARM's throttling on or off (every bucket full again); `limits` replaces sizes and rates by kind. */
  setThrottling(enabled: boolean, limits: Partial<ThrottleLimits> = {}): void {
    this.app.throttle.configure(enabled, limits);
  }

  throttling(): { enabled: boolean; limits: ThrottleLimits } {
    return { enabled: this.app.throttle.enabled, limits: this.app.throttle.limits };
  }

  readonly clock = {
    now: (): number => this.app.state.clock.now(),
    advance: (ms: number): void => {
      this.app.state.clock.advance(ms);
      this.app.state.store.settle(this.app.state.clock.now());
    },
    manual: (): boolean => this.app.state.clock.manual,
  };

  /** A fixed delay before every ARM and identity response. */
  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('latency must be a non-negative number of milliseconds');
    this.app.latencyMs = ms;
  }

  injectFault(spec: FaultSpec): number {
    return this.app.faults.add(spec);
  }

  clearFaults(): void {
    this.app.faults.clear();
  }

  /** Requests a fault has affected since start (a reset keeps the count), and the faults still waiting. */
  faultReport(): { applied: number; pending: FaultSpec[] } {
    return { applied: this.app.faults.applied, pending: this.app.faults.pending() };
  }

  /** Makes the next `count` operations of a kind end in failure (restore point creation, replication, disk restore, VM creation). */
  failNext(kind: FailureKind, count = 1): void {
    this.app.state.planFailures(kind, count);
  }

  /** How many bytes of data the blob of a disk (or disk restore point) granted from now on holds. */
  setDiskData(resourceId: string, dataBytes: number): void {
    this.app.state.grants.setDataBytes(resourceId, dataBytes);
  }

  /** The next access granted to a resource hands out a URL whose signature was altered (Storage answers 403). */
  tamperNextAccessUrl(resourceId: string): void {
    this.app.state.grants.tamperNextUrl(resourceId);
  }

  /** The blob last granted for a resource: its page ranges, and whether the grant is active. */
  blobOf(resourceId: string): BlobDescription | undefined {
    return this.app.state.grants.describe(resourceId, this.app.state.clock.now());
  }

  /** SHA-256 of the bytes `start`..`end` (inclusive) of the blob last granted for a resource. */
  blobDigest(resourceId: string, start: number, end: number): string | undefined {
    return this.app.state.grants.digest(resourceId, start, end);
  }

  /** The SAS signatures issued since the start: secrets no log may hold. */
  sasSignatures(): string[] {
    return this.app.state.grants.signatures();
  }

  /** TLS connections opened since the emulator started (a reset does not clear it: compare two readings). */
  get tlsConnections(): number {
    return this.app.tlsConnections;
  }

  get requestLog(): readonly RequestLogEntry[] {
    return this.app.requestLog;
  }

  clearRequestLog(): void {
    this.app.requestLog.length = 0;
  }

  /**
   * The live store, for assertions. Read it; changing it bypasses every rule the emulator enforces.
   * Whoever holds it may change it, so it counts as a change: the next reset loads the data again.
   */
  get store(): Store {
    storeHandedOut(this.app.state.store);
    return this.app.state.store;
  }

  counts(): Record<string, number> {
    return this.app.state.store.counts();
  }
}
