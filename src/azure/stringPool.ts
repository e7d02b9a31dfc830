/** One copy of each string that many parsed responses or items each hold a copy of. */
export class StringPool {
  private readonly kept = new Map<string, string>();

  /** `limit`: past it, a string is returned as it came and not kept. */
  constructor(private readonly limit = Infinity) {}

  /** The pool's copy of `value`, which becomes it when the pool has none yet. */
  share<T extends string | undefined>(value: T): T {
    if (value === undefined) return value;
    const known = this.kept.get(value);
    if (known !== undefined) return known as T;
    if (this.kept.size < this.limit) this.kept.set(value, value);
    return value;
  }

  clear(): void {
    this.kept.clear();
  }
}
