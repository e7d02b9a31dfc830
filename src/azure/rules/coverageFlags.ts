import { MAX_RESTORE_POINTS_PER_VM } from './restorePointCreation';

/**
 * What the coverage report says is wrong with a VM's restore points:
 * - `none`: the VM has no restore point in any of its collections (or no collection at all);
 * - `stale`: it has some, but none that succeeded within the last `staleAfterDays` (a failed or
 *   unfinished one protects nothing, so only succeeded ones make a VM covered);
 * - `failed`: its newest restore point (by creation time, whatever its state) failed;
 * - `nearLimit`: it holds NEAR_LIMIT or more of the 500 restore points Azure keeps per VM;
 * - `unread`: one of its collections could not be read, so the other flags may be missing some.
 */
export type CoverageFlag = 'none' | 'stale' | 'failed' | 'nearLimit' | 'unread';

export const COVERAGE_FLAGS: readonly CoverageFlag[] = ['none', 'stale', 'failed', 'nearLimit', 'unread'];

/**
 * 90 % of the per-VM limit ("A maximum of 500 VM restore points can be retained at any time for a
 * VM, irrespective of the number of restore point collections", Support matrix for VM restore
 * points): at one restore point a day, seven weeks before creation starts to fail with 409.
 */
export const NEAR_LIMIT = 450;

export { MAX_RESTORE_POINTS_PER_VM };

/** The default of `restorePoints.coverage.staleAfterDays`: a restore point a week is the least a VM needs to count as covered. */
export const DEFAULT_STALE_AFTER_DAYS = 7;

const DAY_MS = 86_400_000;

/** What the flags are computed from: one VM's own restore points (not its copies), summed over its collections. */
export interface VmRestorePointFacts {
  restorePoints: number;
  /** Creation time (ms since the epoch) and provisioning state of the newest restore point. */
  newestAt?: number;
  newestState?: string;
  /** Creation time of the newest restore point that succeeded. */
  newestSucceededAt?: number;
  /** Collections of the VM (its own or its copies) that could not be read. */
  unreadCollections: number;
}

export function coverageFlags(facts: VmRestorePointFacts, staleAfterDays: number, now: number): CoverageFlag[] {
  const flags: CoverageFlag[] = [];
  if (facts.restorePoints === 0) flags.push('none');
  else if (facts.newestSucceededAt === undefined || now - facts.newestSucceededAt > staleAfterDays * DAY_MS) flags.push('stale');
  if (facts.newestState?.toLowerCase() === 'failed') flags.push('failed');
  if (facts.restorePoints >= NEAR_LIMIT) flags.push('nearLimit');
  if (facts.unreadCollections > 0) flags.push('unread');
  return flags;
}

/** A setting's value as a number of days: anything not a positive number falls back to the default. */
export function staleAfterDaysOf(setting: unknown): number {
  return typeof setting === 'number' && Number.isFinite(setting) && setting > 0 ? setting : DEFAULT_STALE_AFTER_DAYS;
}
