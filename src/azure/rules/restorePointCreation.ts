import * as l10n from '@vscode/l10n';
import type { ConsistencyChoice } from './consistencyModes';

/** The fields of an existing restore point (the SDK's RestorePoint has them) these rules read. */
export interface ExistingRestorePoint {
  name?: string;
  provisioningState?: string;
  timeCreated?: Date;
}

/*
 * "Support matrix for VM restore points", limitations: "A maximum of 500 VM restore points can be
 * retained at any time for a VM, irrespective of the number of restore point collections" and
 * "Concurrent creation of restore points for a VM isn't supported" (ARM: 409 OperationNotAllowed).
 * Pass the VM's own restore points from all its collections; copies in other regions are not the
 * VM's.
 */
export const MAX_RESTORE_POINTS_PER_VM = 500;

export function restorePointLimitProblem(vmRestorePoints: readonly ExistingRestorePoint[]): string | undefined {
  const count = vmRestorePoints.length;
  if (count < MAX_RESTORE_POINTS_PER_VM) return undefined;
  return l10n.t('This VM already has {0} restore points, the most Azure keeps for one VM ({1}). Delete older restore points first.', count, MAX_RESTORE_POINTS_PER_VM);
}

export function creationInProgressProblem(vmRestorePoints: readonly ExistingRestorePoint[]): string | undefined {
  const busy = vmRestorePoints.find((rp) => rp.provisioningState?.toLowerCase() === 'creating');
  if (!busy) return undefined;
  return l10n.t("Restore point '{0}' is still being created for this VM; Azure takes one restore point of a VM at a time. Try again when it has finished.", busy.name ?? '?');
}

/*
 * The support matrix gives the supported frequency: three hours for application-consistent restore
 * points, one hour for crash-consistent ones. The file-system-consistent default on Linux is the
 * Linux form of application consistency, so it shares the three hours. ARM does not refuse a
 * sooner one, so this is a warning, not a refusal.
 */
export const MIN_INTERVAL_MS: Record<ConsistencyChoice, number> = { OsDefault: 3 * 3_600_000, CrashConsistent: 3_600_000 };

export function minimumIntervalProblem(vmRestorePoints: readonly ExistingRestorePoint[], mode: ConsistencyChoice, now: Date): string | undefined {
  const times = vmRestorePoints
    .filter((rp) => rp.provisioningState?.toLowerCase() !== 'failed' && rp.timeCreated)
    .map((rp) => rp.timeCreated!.getTime());
  if (times.length === 0) return undefined;
  const sinceMs = now.getTime() - Math.max(...times);
  const minMs = MIN_INTERVAL_MS[mode];
  if (sinceMs >= minMs) return undefined;
  const minutes = Math.max(0, Math.floor(sinceMs / 60_000));
  const hours = minMs / 3_600_000;
  return mode === 'CrashConsistent'
    ? l10n.t('The last restore point of this VM is {0} minutes old; Azure supports crash-consistent restore points every {1} hour at most.', minutes, hours)
    : l10n.t('The last restore point of this VM is {0} minutes old; Azure supports application- or file-system-consistent restore points every {1} hours at most.', minutes, hours);
}

export function instantAccessDurationProblem(minutes: number): string | undefined {
  if (!Number.isInteger(minutes) || minutes <= 0) return l10n.t('Enter the instant access duration as a whole number of minutes, 1 or more.');
  return undefined;
}

/** The source of a collection, as the SDK's RestorePointCollection carries it. */
interface CollectionWithRestorePoints<R> {
  source?: { id?: string };
  restorePoints?: readonly R[];
}

/**
 * The restore points the limits above count: those of every collection whose source is the VM
 * (collections read with `$expand=restorePoints`), not copies, whose source is a collection.
 */
export function restorePointsOfVm<R>(collections: readonly CollectionWithRestorePoints<R>[], vmId: string): R[] {
  const vm = vmId.toLowerCase();
  return collections.filter((c) => c.source?.id?.toLowerCase() === vm).flatMap((c) => c.restorePoints ?? []);
}
