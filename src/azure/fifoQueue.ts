/** Entries dropped from the front before the rest is copied into a shorter array. */
const COMPACT_AFTER = 1024;

/**
 * First in, first out, in constant time per entry (amortized). `Array.prototype.shift` is not:
 * V8 moves every later entry down unless it can trim the array's start in place, which it cannot
 * once the array outgrows a regular heap page (about 16,000 entries on 64-bit Node). A coverage
 * read queues one entry per collection at once: draining 20,000 with `shift` took 0.8 s of CPU,
 * against 6 ms for 15,000.
 */
export class FifoQueue<T> {
  private entries: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.entries.length - this.head;
  }

  push(entry: T): void {
    this.entries.push(entry);
  }

  /** The oldest entry, removed; undefined when empty. */
  shift(): T | undefined {
    if (this.head === this.entries.length) return undefined;
    const entry = this.entries[this.head];
    // Let go of the entry now: the slot stays until the next compaction.
    this.entries[this.head++] = undefined;
    if (this.head === this.entries.length) {
      this.entries = [];
      this.head = 0;
    } else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return entry;
  }
}
