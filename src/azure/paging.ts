import type { ClientFactory } from './clients';

/** One page of a list and where the next one starts ("Load more…" resumes from the token). */
export interface Page<T> {
  items: T[];
  continuationToken?: string;
}

interface Pageable<T> {
  byPage(settings?: { continuationToken?: string }): AsyncIterableIterator<T[] & { continuationToken?: string }>;
}

/** What list operations accept to show us the raw response. */
interface ResponseWatcher {
  onResponse?: (response: { status: number; bodyAsText?: string | null; parsedBody?: unknown }) => void;
}

/**
 * The SDK's pager throws "Pagination failed with unexpected statusCode …" and drops ARM's error
 * body, whose message is what a person needs to read; the raw response is watched to keep it.
 */
export async function onePage<T>(list: (options: ResponseWatcher) => Pageable<T>, continuationToken: string | undefined): Promise<Page<T>> {
  let failed: { status: number; bodyAsText?: string | null; parsedBody?: unknown } | undefined;
  const pages = list({ onResponse: (response) => (failed = response.status >= 400 ? response : undefined) }).byPage(continuationToken ? { continuationToken } : undefined);
  try {
    const first = await pages.next();
    if (first.done) return { items: [] };
    return { items: [...first.value], continuationToken: first.value.continuationToken || undefined };
  } catch (error) {
    if (failed && error && typeof error === 'object' && !(error as { response?: { bodyAsText?: unknown } }).response?.bodyAsText) {
      Object.assign(error, { response: { ...(error as { response?: object }).response, status: failed.status, bodyAsText: failed.bodyAsText ?? undefined, parsedBody: failed.parsedBody } });
    }
    throw error;
  }
}

/**
 * Every page, each a read within the subscription's read budget (pages are sequential by nature);
 * `subscriptionId` undefined for tenant-level lists (tenants, subscriptions).
 */
export async function allPages<T>(factory: ClientFactory, subscriptionId: string | undefined, list: (options: ResponseWatcher) => Pageable<T>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await factory.read(subscriptionId, () => onePage(list, token));
    items.push(...page.items);
    token = page.continuationToken;
  } while (token);
  return items;
}
