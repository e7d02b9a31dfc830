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

/** What a watched list call answered last, if it failed. */
type Failure = { status: number; bodyAsText?: string | null; parsedBody?: unknown } | undefined;

/**
 * The SDK's pager throws "Pagination failed with unexpected statusCode …" and drops ARM's error
 * body, whose message is what a person needs to read; the raw response is watched to keep it.
 */
function pagesOf<T>(list: (options: ResponseWatcher) => Pageable<T>, continuationToken?: string): { next(): Promise<IteratorResult<T[] & { continuationToken?: string }>> } {
  let failed: Failure;
  const pages = list({ onResponse: (response) => (failed = response.status >= 400 ? response : undefined) }).byPage(continuationToken ? { continuationToken } : undefined);
  return {
    async next() {
      try {
        return await pages.next();
      } catch (error) {
        if (failed && error && typeof error === 'object' && !(error as { response?: { bodyAsText?: unknown } }).response?.bodyAsText) {
          Object.assign(error, { response: { ...(error as { response?: object }).response, status: failed.status, bodyAsText: failed.bodyAsText ?? undefined, parsedBody: failed.parsedBody } });
        }
        throw error;
      }
    },
  };
}

/** One page, and the token "Load more…" resumes from (a property of the page in the SDK packages that page this way). */
export async function onePage<T>(list: (options: ResponseWatcher) => Pageable<T>, continuationToken: string | undefined): Promise<Page<T>> {
  const first = await pagesOf(list, continuationToken).next();
  if (first.done) return { items: [] };
  return { items: [...first.value], continuationToken: first.value.continuationToken || undefined };
}

/**
 * Every page, each a read within the subscription's read budget (pages are sequential by nature);
 * `subscriptionId` undefined for tenant-level lists (tenants, subscriptions). The SDK's own pager
 * follows the next links: the newer packages (@azure/arm-resources-subscriptions,
 * @azure/arm-resources) keep a page's continuation token apart from the page, so reading it off
 * the page would end a tenant's subscriptions or a subscription's resource groups at the first page.
 */
export async function allPages<T>(factory: ClientFactory, subscriptionId: string | undefined, list: (options: ResponseWatcher) => Pageable<T>): Promise<T[]> {
  const items: T[] = [];
  const pages = pagesOf(list);
  for (;;) {
    const page = await factory.read(subscriptionId, () => pages.next());
    if (page.done) return items;
    items.push(...page.value);
  }
}
