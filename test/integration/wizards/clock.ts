import { control } from '../helpers';

/**
 * Waits for `work` while moving the emulator's manual clock, so long-running operations and
 * replication advance without real waiting: every read the extension makes finds them further on.
 */
export async function whileClockMoves<T>(work: Promise<T>, options: { stepMs?: number; tickMs?: number } = {}): Promise<T> {
  let settled = false;
  const running = work.finally(() => (settled = true));
  while (!settled) {
    await Promise.race([running.catch(() => undefined), new Promise((r) => setTimeout(r, options.tickMs ?? 150))]);
    if (!settled) await control('POST', '/clock/advance', { ms: options.stepMs ?? 2_500 });
  }
  return running;
}
