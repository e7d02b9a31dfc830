import type { Limiter } from '../limiter';

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
  /**
   * The shared request limiter: the request that starts the operation waits for a slot. The polls
   * that follow do not hold one, so that an operation of minutes cannot starve the tree's reads.
   */
  limit?: Limiter;
}

/**
 * The SDK's own poller, driven to its end; it reads Azure-AsyncOperation/Location itself. The
 * poller sends its first request as soon as it is created, so it is created inside the limiter.
 */
export async function untilDone<T>(start: () => SdkPoller<T>, options: LongRunningOptions): Promise<T> {
  // Wrapped in an object: the poller is thenable, and returning it bare would wait for its end.
  const submit = async (): Promise<{ poller: SdkPoller<T> }> => {
    const poller = start();
    await poller.submitted();
    return { poller };
  };
  const { poller } = await (options.limit ? options.limit(submit) : submit());
  await options.onAccepted?.();
  return poller.pollUntilDone({ abortSignal: options.abortSignal });
}

/**
 * The wait between polls for a call that names none, when ARM gives no Retry-After; undefined
 * leaves the SDK's own default (2 s). Set only by the tests, whose emulator clock moves many times a
 * second; an installed extension never changes it.
 */
let defaultPollIntervalMs: number | undefined;

export function setDefaultPollIntervalForTests(ms: number | undefined): void {
  defaultPollIntervalMs = ms;
}

/** The per-request options every SDK long-running call takes. */
export const sdkOptions = (options: LongRunningOptions): { abortSignal?: AbortSignal; updateIntervalInMs?: number } => ({
  abortSignal: options.abortSignal,
  updateIntervalInMs: options.updateIntervalInMs ?? defaultPollIntervalMs,
});
