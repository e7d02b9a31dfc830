import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * `work`, and the longest this process's event loop was held during it: how long the extension
 * host went without answering anything else, VS Code's tree requests and its responsiveness checks
 * included (VS Code reports a host unresponsive after 3 s without an answer). Sampled every 10 ms.
 */
export async function longestBlockWhile<T>(work: () => Promise<T>): Promise<{ result: T; longestBlockMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  try {
    const result = await work();
    return { result, longestBlockMs: delay.max / 1e6 };
  } finally {
    delay.disable();
  }
}
