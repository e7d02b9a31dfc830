import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Spreads the start of many requests over turns of the event loop. Starting a request that opens a
 * TLS connection costs the extension host a few milliseconds (more inside VS Code, whose proxy
 * support wraps each one), and the read ceiling lets 128 start at once: measured during the large
 * subscription's full expansion, one 330 ms stretch in which the extension host answered nothing,
 * neither VS Code's tree nor its responsiveness checks, and several times that on a busy machine.
 * At most `perTurn` start in one turn; the rest start after the event loop has polled for I/O.
 */
export class TurnPacer {
  private startedThisTurn = 0;
  private turnEnd: Promise<void> | undefined;

  constructor(private readonly perTurn: number) {
    if (!Number.isInteger(perTurn) || perTurn < 1) throw new RangeError('perTurn must be a positive integer');
  }

  /** Resolves when one more request may start in this turn of the event loop. */
  async next(): Promise<void> {
    while (this.startedThisTurn >= this.perTurn) await this.turnEnd;
    this.startedThisTurn++;
    this.turnEnd ??= this.endOfTurn();
  }

  /**
   * Two immediates: a burst started from an I/O callback sees its first immediate run right after,
   * before the loop polls again; the second runs only after that poll.
   */
  private async endOfTurn(): Promise<void> {
    await nextTurn();
    await nextTurn();
    this.startedThisTurn = 0;
    this.turnEnd = undefined;
  }
}
