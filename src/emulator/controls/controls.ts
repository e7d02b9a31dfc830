import type { EmulatorApp } from '../app';
import type { IdentityMode } from '../auth/tokens';
import { loadDataSet, type DataSetName } from '../data';
import type { FailureKind } from '../engine/state';
import type { Store } from '../engine/store';
import type { FaultSpec } from './faults';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  /** 0 when the connection was dropped before an answer. */
  status: number;
  time: number;
  /** The x-ms-request-id the answer carried (absent for control requests). */
  requestId?: string;
  /** The JSON body of an ARM request, as received (absent for identity requests and bodiless ones). */
  body?: unknown;
  /** The tenant of the token an ARM request carried (absent when it was refused before sign-in was checked). */
  tenantId?: string;
}

/**
 * What tests and the demo may do to a running emulator, in process. The same operations are
 * served over HTTPS under `/_emulator/` for tests in other processes.
 */
export class EmulatorControls {
  constructor(private readonly app: EmulatorApp) {}

  /** Replaces all data with a data set; also clears faults, latency, planned failures and the log. */
  reset(data: DataSetName = 'demo'): void {
    const { state } = this.app;
    state.operations.clear();
    state.clearPlannedFailures();
    loadDataSet(state, data);
    this.clearFaults();
    this.setLatency(0);
    this.clearRequestLog();
  }

  /** The identity provider clients sign in with from now on; tokens already issued stay valid. */
  get identity(): IdentityMode {
    return this.app.state.identity;
  }

  set identity(mode: IdentityMode) {
    this.app.state.identity = mode;
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

  get requestLog(): readonly RequestLogEntry[] {
    return this.app.requestLog;
  }

  clearRequestLog(): void {
    this.app.requestLog.length = 0;
  }

  /** The live store, for assertions. Read it; changing it bypasses every rule the emulator enforces. */
  get store(): Store {
    return this.app.state.store;
  }

  counts(): Record<string, number> {
    return this.app.state.store.counts();
  }
}
