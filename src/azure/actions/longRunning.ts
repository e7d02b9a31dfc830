/** What this code needs of the SDK's pollers (core-lro's PollerLike), without depending on core-lro. */
export interface SdkPoller<T> {
  submitted(): Promise<void>;
  pollUntilDone(options?: { abortSignal?: AbortSignal }): Promise<T>;
}

export interface LongRunningOptions {
  /**
   * Runs once ARM has accepted the request, while the operation goes on: the resource already
   * exists (a restore point reads as Creating, a deleted one as Deleting), so a view can show it.
   */
  onAccepted?: () => void | Promise<void>;
  /** Stops sending and waiting; ARM carries on with an operation it has accepted. */
  abortSignal?: AbortSignal;
  /**
   * Wait between polls when ARM gives no Retry-After. The SDK's poller prefers ARM's Retry-After,
   * as the async operations guidance asks of clients.
   */
  updateIntervalInMs?: number;
}

/** The SDK's own poller, driven to its end; it reads Azure-AsyncOperation/Location itself. */
export async function untilDone<T>(poller: SdkPoller<T>, options: LongRunningOptions): Promise<T> {
  await poller.submitted();
  await options.onAccepted?.();
  return poller.pollUntilDone({ abortSignal: options.abortSignal });
}

/** The per-request options every SDK long-running call takes. */
export const sdkOptions = (options: LongRunningOptions): { abortSignal?: AbortSignal; updateIntervalInMs?: number } => ({
  abortSignal: options.abortSignal,
  updateIntervalInMs: options.updateIntervalInMs,
});
