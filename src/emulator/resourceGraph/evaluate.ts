import { queryError, type Comparison, type ParsedQuery, type Projection } from './query';

export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'datetime';

export interface Column {
  name: string;
  type: ColumnType;
}

export type Row = Record<string, unknown>;

export interface QueryResult {
  columns: Column[];
  rows: Row[];
  /** The query had `limit`/`take`: Resource Graph then neither pages nor skips. */
  limited: boolean;
}

/** The columns of Resource Graph's `resources` table, in its order. */
export const RESOURCE_COLUMNS: readonly Column[] = [
  { name: 'id', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'tenantId', type: 'string' },
  { name: 'kind', type: 'string' },
  { name: 'location', type: 'string' },
  { name: 'resourceGroup', type: 'string' },
  { name: 'subscriptionId', type: 'string' },
  { name: 'managedBy', type: 'string' },
  { name: 'sku', type: 'object' },
  { name: 'plan', type: 'object' },
  { name: 'properties', type: 'object' },
  { name: 'tags', type: 'object' },
  { name: 'identity', type: 'object' },
  { name: 'zones', type: 'object' },
  { name: 'extendedLocation', type: 'object' },
];

function requireColumn(columns: readonly Column[], name: string): Column {
  const column = columns.find((c) => c.name === name);
  // KQL column names are case-sensitive: `subscriptionid` is not `subscriptionId`.
  if (!column) throw queryError('UnknownColumn', `Failed to resolve column '${name}'. Known columns: ${columns.map((c) => c.name).join(', ')}.`);
  return column;
}

function matches(row: Row, comparison: Comparison): boolean {
  const value = row[comparison.column];
  if (typeof value !== 'string') return comparison.op === '!=' || comparison.op === '!~';
  const fold = comparison.op === '=~' || comparison.op === '!~' || comparison.op === 'in~';
  const actual = fold ? value.toLowerCase() : value;
  const hit = comparison.values.some((v) => (fold ? v.toLowerCase() : v) === actual);
  return comparison.op === '!=' || comparison.op === '!~' ? !hit : hit;
}

function pick(row: Row, path: string[]): unknown {
  let value: unknown = row[path[0]];
  for (const part of path.slice(1)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    value = (value as Row)[part] ?? null;
  }
  return value ?? null;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Resource Graph orders strings by ordinal comparison.
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Runs a parsed query over the `resources` rows. Unknown columns are refused, not read as empty. */
export function evaluate(query: ParsedQuery, source: readonly Row[]): QueryResult {
  let columns: Column[] = [...RESOURCE_COLUMNS];
  let rows: Row[] = [...source];
  let limited = false;
  for (const step of query.steps) {
    switch (step.kind) {
      case 'where':
        for (const group of step.condition) {
          for (const comparison of group) {
            if (requireColumn(columns, comparison.column).type !== 'string') {
              throw queryError('UnsupportedQueryByEmulator', `Only string columns can be compared; '${comparison.column}' is not one.`);
            }
          }
        }
        rows = rows.filter((row) => step.condition.some((group) => group.every((c) => matches(row, c))));
        break;
      case 'project': {
        const projected = step.columns.map((p: Projection) => {
          const base = requireColumn(columns, p.path[0]);
          return { p, column: { name: p.name, type: p.path.length > 1 ? 'object' : base.type } as Column };
        });
        columns = projected.map((x) => x.column);
        rows = rows.map((row) => Object.fromEntries(projected.map(({ p }) => [p.name, pick(row, p.path)])));
        break;
      }
      case 'order': {
        for (const key of step.keys) requireColumn(columns, key.column);
        rows = rows
          .map((row, index) => ({ row, index }))
          .sort((a, b) => {
            for (const key of step.keys) {
              const order = compare(a.row[key.column], b.row[key.column]);
              if (order !== 0) return key.descending ? -order : order;
            }
            return a.index - b.index;
          })
          .map((x) => x.row);
        break;
      }
      case 'limit':
        rows = rows.slice(0, step.count);
        limited = true;
        break;
    }
  }
  return { columns, rows, limited };
}
