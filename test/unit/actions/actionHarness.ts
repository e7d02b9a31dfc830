import type { ComputeManagementClient } from '@azure/arm-compute';
import type { LongRunningOptions } from '../../../src/azure/actions/longRunning';
import type { Harness } from '../../emulator/harness';
import { computeClient } from '../../emulator/sdkClients';
import { recordRequests, type RecordedRequest } from '../../support/armRecorder';

/** Comfortably longer than any emulated operation at pace 1 (creation 3 s, deletion 2 s, disk restore 4 s). */
export const OPERATION_TIME_MS = 60_000;

/**
 * Finishes a long-running operation on the manual clock: once ARM has accepted it, time moves on,
 * so the poller's first poll already finds it done. Nothing waits on real time.
 */
export const finishOnAccept = (h: Harness, also?: () => void | Promise<void>, advanceMs = OPERATION_TIME_MS): LongRunningOptions => ({
  updateIntervalInMs: 1,
  onAccepted: async () => {
    await also?.();
    h.emulator.controls.clock.advance(advanceMs);
  },
});

/** Creating a copy takes 3 s; its replication (about 60 s) starts after that. */
export const COPY_CREATION_MS = 5_000;

export interface RecordingClient {
  client: ComputeManagementClient;
  sent: RecordedRequest[];
}

/** A client of a subscription whose requests (with bodies) are recorded; `sent` is emptied per test. */
export function useRecordingClient(h: Harness, subscriptionId: string): RecordingClient {
  const recording = { sent: [] } as unknown as RecordingClient;
  before(() => {
    recording.client = computeClient(h.emulator, subscriptionId);
    recording.sent = recordRequests(recording.client);
  });
  beforeEach(() => {
    recording.sent.length = 0;
  });
  return recording;
}

export const byKey = (id: string): string => id.toLowerCase();
