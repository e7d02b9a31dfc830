/** Bytes, rate and time left, as a progress notification shows them. */
export interface DownloadProgress {
  /** Data bytes on disk, those of an earlier run included. */
  doneBytes: number;
  /** Data bytes the disk holds (its page ranges), the footer included. */
  totalBytes: number;
  /** Over the last few seconds; 0 until something arrived. */
  bytesPerSecond: number;
  /** Undefined until there is a rate to go by. */
  secondsLeft?: number;
}

const WINDOW_MS = 5_000;

/** A rate over a sliding window, so a stall shows within seconds rather than being averaged away. */
export class TransferRate {
  private readonly samples: { at: number; bytes: number }[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  add(bytes: number): void {
    this.samples.push({ at: this.now(), bytes });
  }

  progress(doneBytes: number, totalBytes: number): DownloadProgress {
    const now = this.now();
    while (this.samples.length > 0 && this.samples[0].at < now - WINDOW_MS) this.samples.shift();
    const first = this.samples[0];
    const elapsed = first ? Math.max(250, now - first.at) : 0;
    const bytesPerSecond = first ? (this.samples.reduce((sum, s) => sum + s.bytes, 0) / elapsed) * 1000 : 0;
    const secondsLeft = bytesPerSecond > 0 ? Math.ceil((totalBytes - doneBytes) / bytesPerSecond) : undefined;
    return { doneBytes, totalBytes, bytesPerSecond, secondsLeft };
  }
}
