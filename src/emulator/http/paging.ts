import { badRequest } from './errors';

/** Page sizes like the real services: long lists come back in pages with a `nextLink`. */
export const PAGE_SIZE = {
  virtualMachines: 50,
  disks: 100,
  restorePointCollections: 50,
  resourceGroups: 100,
  subscriptions: 100,
  diskRestorePoints: 50,
  network: 100,
};

export interface PageRequest {
  endpoint: string;
  path: string;
  query: URLSearchParams;
}

/** Slices `items` at `$skiptoken` and links to the rest with the same query plus a new token. */
export function page<T>(items: readonly T[], request: PageRequest, pageSize: number, render: (item: T) => unknown): { value: unknown[]; nextLink?: string } {
  const token = request.query.get('$skiptoken');
  let start = 0;
  if (token !== null) {
    start = Number(token);
    if (!/^\d+$/.test(token) || start > items.length) throw badRequest('InvalidSkipToken', `The skip token '${token}' is not valid.`);
  }
  const slice = items.slice(start, start + pageSize);
  const result: { value: unknown[]; nextLink?: string } = { value: slice.map(render) };
  if (start + pageSize < items.length) {
    const next = new URLSearchParams(request.query);
    next.set('$skiptoken', String(start + pageSize));
    result.nextLink = `${request.endpoint}${request.path}?${next.toString()}`;
  }
  return result;
}
