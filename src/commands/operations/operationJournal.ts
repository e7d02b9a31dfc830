import * as vscode from 'vscode';
import type { RunRecord, RunStore } from '../../azure/actions/runs/runRecord';
import { idKey } from '../../azure/ids';
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
}

export interface TrackedOperation {
  accepted(): Promise<void>;
  run<T>(task: () => Thenable<T>): Promise<T>;
}

const KEY = 'restorePoints.operations';
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

  async record(record: OperationRecord): Promise<void> {
    const key = idKey(record.resourceId);
    await this.memento.update(KEY, [...this.list().filter((r) => idKey(r.resourceId) !== key), record]);
    this.changed.fire(record.resourceId);
  }

  async remove(resourceId: string): Promise<void> {
    const key = idKey(resourceId);
    const rest = this.list().filter((r) => idKey(r.resourceId) !== key);
    if (rest.length !== this.list().length) await this.memento.update(KEY, rest);
    this.changed.fire(resourceId);
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

/** The record of an operation a wizard runs in its subscription. */
export function operationOf(ctx: { subscription?: { tenantId: string; subscriptionId: string } }, kind: OperationKind, resourceId: string, name: string): Omit<OperationRecord, 'startedAt'> {
  return { kind, resourceId, name, tenantId: ctx.subscription!.tenantId, subscriptionId: ctx.subscription!.subscriptionId };
}
