import type { IdentityMode } from '../auth/tokens';
import { Clock } from './clock';
import { OperationEngine } from './operations';
import { Store } from './store';

/** Work the clock finishes, and which a test can ask to fail. */
export type FailureKind = 'restorePointCreation' | 'replication' | 'diskRestore' | 'vmCreation';

/** Everything the handlers share: the store, the clock, the operations and the pace. */
export class EmulatorState {
  readonly store = new Store();
  readonly operations: OperationEngine;
  private readonly plannedFailures = new Map<FailureKind, number>();
  /** Which identity provider signs clients in; ARM answers the same either way. */
  identity: IdentityMode = 'entra';

  constructor(
    readonly clock: Clock,
    readonly pace: number,
  ) {
    this.operations = new OperationEngine(clock);
  }

  planFailures(kind: FailureKind, count: number): void {
    this.plannedFailures.set(kind, (this.plannedFailures.get(kind) ?? 0) + count);
  }

  /** True (and one fewer left) when a test asked the next operation of this kind to fail. */
  takeFailure(kind: FailureKind): boolean {
    const left = this.plannedFailures.get(kind) ?? 0;
    if (left <= 0) return false;
    this.plannedFailures.set(kind, left - 1);
    return true;
  }

  clearPlannedFailures(): void {
    this.plannedFailures.clear();
  }
}
