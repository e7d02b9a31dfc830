import type { RunKind, RunRecord } from '../../azure/actions/runs/runRecord';
import type { CommandContext } from '../commandContext';

/** What a failure report adds for a run that changed a VM: the VM's state now, and what the user can do about it. */
export interface FailureOffers {
  note: string;
  offers: { label: string; act(): Promise<unknown> }[];
}

/** What the run reporter says for one kind of run; each command gives its own, so the reporter imports none of them. */
export interface RunKindReport {
  /** The notification's title while the run goes. */
  title(name: string): string;
  /** Said when the run ends, also when it ends in a window reloaded while it ran. */
  announce(context: CommandContext, run: RunRecord): void;
  /** What a failure report adds: the VM's state now and what the user can do about it. */
  failureOffers?(context: CommandContext, run: RunRecord): Promise<FailureOffers>;
}

let reports: Partial<Record<RunKind, RunKindReport>> = {};

/** Called once at activation, before any run is started or resumed. */
export function registerRunKinds(table: Record<RunKind, RunKindReport>): void {
  reports = { ...table };
}

export function runKindReport(kind: RunKind): RunKindReport {
  const report = reports[kind];
  if (!report) throw new Error(`No report registered for runs of kind ${kind}.`);
  return report;
}
