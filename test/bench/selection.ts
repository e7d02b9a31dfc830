/**
 * The benchmark's parts, run all by default; `npm run bench -- --only tree,fleet` (or
 * RESTORE_POINTS_BENCH_ONLY=tree,fleet) runs some of them. `coverage` is the fleet's coverage
 * report: its time in plain Node, and its memory inside VS Code, in an extension host of its own.
 */
export const BENCH_PARTS = ['tree', 'fleet', 'coverage', 'polling', 'download'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export function parseBenchParts(list: string | undefined): BenchPart[] {
  if (!list) return [...BENCH_PARTS];
  const parts = list.split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = parts.filter((p) => !(BENCH_PARTS as readonly string[]).includes(p));
  if (unknown.length > 0 || parts.length === 0) throw new Error(`--only takes parts among ${BENCH_PARTS.join(', ')}, not '${list}'`);
  return parts as BenchPart[];
}

/** Whether this run measures `part` (inside VS Code the list comes through the environment). */
export function benchSelected(part: BenchPart): boolean {
  return parseBenchParts(process.env.RESTORE_POINTS_BENCH_ONLY).includes(part);
}
