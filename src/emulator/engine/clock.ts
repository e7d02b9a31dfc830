/**
 * Emulated time. Real time by default; a manual clock stands still until a test advances it,
 * so long-running work finishes exactly when the test says. Either way `advance` moves time on.
 */
export class Clock {
  private offsetMs = 0;
  private readonly frozenAt: number;

  constructor(readonly manual: boolean) {
    this.frozenAt = Date.now();
  }

  now(): number {
    return (this.manual ? this.frozenAt : Date.now()) + this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance() needs a non-negative number of milliseconds');
    this.offsetMs += ms;
  }

  /** Seconds a client should wait for `emulatedMs` to pass; a manual clock never passes by itself. */
  retryAfterSeconds(emulatedMs: number): number {
    if (this.manual) return 1;
    return Math.min(10, Math.max(1, Math.ceil(emulatedMs / 1000)));
  }
}

/** How long the emulated work takes, before dividing by the pace. */
export const BASE_DURATIONS_MS = {
  restorePointCreation: 3_000,
  crossRegionReplication: 60_000,
  deletion: 2_000,
  diskRestore: 4_000,
  grantAccess: 1_000,
  revokeAccess: 1_000,
  vmPowerChange: 3_000,
  vmCreation: 5_000,
  vmUpdate: 2_000,
  vmDeletion: 3_000,
};

export type DurationKind = keyof typeof BASE_DURATIONS_MS;

export function durationMs(kind: DurationKind, pace: number): number {
  return Math.round(BASE_DURATIONS_MS[kind] / pace);
}
