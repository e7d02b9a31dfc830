import * as vscode from 'vscode';
import type { RunRecord, RunStore } from '../../azure/actions/runs/runRecord';
import { idKey } from '../../azure/ids';
import type { CleanUpRules } from '../../azure/rules/cleanUp';
import type { OperationKind } from '../../tree/format/activity';

export type { OperationKind };

/** What is needed to follow an operation again with nothing but ARM: who may read the resource, and which one. */
export interface OperationRecord {
  kind: OperationKind;
  /** The resource the operation works on: the new restore point, the copy, the deleted item, the new disk. */
  resourceId: string;
  /** The name the notification shows. */
  name: string;
  tenantId: string;
  subscriptionId: string;
  /** When ARM accepted it (ms since the epoch). */
  startedAt: number;
  /** A clean-up: the restore points it has still to delete (each one sent gets a record of its own). */
  pending?: PendingDelete[];
  /** A clean-up: the rules confirmed, against which a resumed one checks its pending deletes again. */
  rules?: CleanUpRules;
  /** For granted access: when it ends by itself (ms since the epoch). */
  expiresAt?: number;
}

/** A restore point a clean-up will delete, with the subscription whose token deletes it. */
export interface PendingDelete {
  id: string;
  name: string;
  tenantId: string;
  subscriptionId: string;
}

export interface TrackedOperation {
  accepted(): Promise<void>;
  run<T>(task: () => Thenable<T>): Promise<T>;
}

const KEY = 'restorePoints.operations';
/** A clean-up's deletes that are over, as indexes into its `pending` (written once): a few bytes a delete, not the list again. */
const doneKey = (resourceId: string): string => `${KEY}.done/${idKey(resourceId)}`;
const RUNS_KEY = 'restorePoints.runs';

/**
 * The operations ARM has accepted and this extension has not seen end, kept in the window's
 * workspace state so that the window, reloaded (a new extension host), follows them again; other
 * windows, which share the global state, do not. A record is written once ARM has
 * accepted the request, so resuming never sends anything again, and removed when the operation ends,
 * whichever way. The tree reads it to mark items as in progress.
 */
export class OperationJournal implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the resource id whose operation was recorded or ended. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  list(): OperationRecord[] {
    return this.memento.get<OperationRecord[]>(KEY, []);
  }

  /** The operation going on on a resource, if any. */
  kindOf(resourceId: string): OperationKind | undefined {
    const key = idKey(resourceId);
    return this.list().find((r) => idKey(r.resourceId) === key)?.kind;
  }

  /** When access granted to a resource ends, if this window granted it. */
  expiryOf(resourceId: string): number | undefined {
    const key = idKey(resourceId);
    return this.list().find((r) => idKey(r.resourceId) === key)?.expiresAt;
  }

  async record(record: OperationRecord): Promise<void> {
    const key = idKey(record.resourceId);
    await this.memento.update(KEY, [...this.list().filter((r) => idKey(r.resourceId) !== key), record]);
    this.changed.fire(record.resourceId);
  }

  async remove(resourceId: string): Promise<void> {
    const key = idKey(resourceId);
    const rest = this.list().filter((r) => idKey(r.resourceId) !== key);
    if (rest.length !== this.list().length) await this.memento.update(KEY, rest);
    if (this.memento.get(doneKey(resourceId)) !== undefined) await this.memento.update(doneKey(resourceId), undefined);
    this.changed.fire(resourceId);
  }

  /** Indexes into a clean-up's `pending` of the deletes that are over: accepted by ARM (each then has a record of its own), or refused. */
  doneOf(resourceId: string): ReadonlySet<number> {
    return new Set(this.memento.get<number[]>(doneKey(resourceId), []));
  }

  /** Adds to `doneOf`, read and written in the same turn, so that concurrent deletes never lose each other's update. */
  markDone(resourceId: string, indexes: readonly number[]): Thenable<void> {
    return this.memento.update(doneKey(resourceId), [...this.memento.get<number[]>(doneKey(resourceId), []), ...indexes]);
  }

  /**
   * One operation about to be sent. `run` wraps all of it and removes the record when it ends,
   * whichever way; `accepted` records it, and is called from the action's onAccepted: once ARM has
   * accepted the request, so that resuming it never needs to send anything again.
   */
  track(record: Omit<OperationRecord, 'startedAt'>): TrackedOperation {
    let recorded = false;
    return {
      accepted: async () => {
        recorded = true;
        await this.record({ ...record, startedAt: Date.now() });
      },
      run: async (task) => {
        try {
          return await task();
        } finally {
          if (recorded) await this.remove(record.resourceId);
        }
      },
    };
  }

  /**
   * Multi-step actions (restore as a new VM, revert a VM), each step's state saved as it changes:
   * a reloaded window resumes a run still going and reports one that failed, with what it created.
   */
  listRuns(): RunRecord[] {
    return this.memento.get<RunRecord[]>(RUNS_KEY, []);
  }

  /** The journal as a run engine's store: saves replace the run's record, in the order they are asked for. */
  readonly runs: RunStore = {
    save: async (run) => {
      await this.memento.update(RUNS_KEY, [...this.listRuns().filter((r) => r.id !== run.id), structuredClone(run)]);
    },
    remove: async (runId) => {
      const rest = this.listRuns().filter((r) => r.id !== runId);
      if (rest.length !== this.listRuns().length) await this.memento.update(RUNS_KEY, rest);
    },
  };

  dispose(): void {
    this.changed.dispose();
  }
}

/**
 * Sends an operation and waits for its end, recorded in the journal from the moment ARM accepts it
 * (`send` passes `onAccepted` to the action); `alsoOnAccepted` runs after the record is written.
 */
export function runRecorded<T>(journal: OperationJournal, record: Omit<OperationRecord, 'startedAt'>, send: (onAccepted: () => Promise<void>) => Thenable<T>, alsoOnAccepted?: () => Promise<void>): Promise<T> {
  const operation = journal.track(record);
  return operation.run(() =>
    send(async () => {
      await operation.accepted();
      await alsoOnAccepted?.();
    }),
  );
}

/** The record of an operation a wizard runs in its subscription. */
export function operationOf(ctx: { subscription?: { tenantId: string; subscriptionId: string } }, kind: OperationKind, resourceId: string, name: string): Omit<OperationRecord, 'startedAt'> {
  return { kind, resourceId, name, tenantId: ctx.subscription!.tenantId, subscriptionId: ctx.subscription!.subscriptionId };
}
