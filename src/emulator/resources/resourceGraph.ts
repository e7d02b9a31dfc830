import type { ArmRoute, HandlerResult, RequestContext } from '../http/context';
import { ArmError, invalidContent } from '../http/errors';
import type { Subscription } from '../engine/model';
import type { Store } from '../engine/store';
import { evaluate, type QueryResult } from '../resourceGraph/evaluate';
import { decodeSkipToken, encodeSkipToken, fingerprint, MAX_PAGE, readPageOptions } from '../resourceGraph/paging';
import { parseQuery, queryError } from '../resourceGraph/query';
import { resourceRows } from '../resourceGraph/records';

const badRequest = (detailCode: string, message: string): ArmError =>
  new ArmError(400, 'BadRequest', message, undefined, {}, [{ code: detailCode, message }]);

/**
 * Which subscriptions a query reads. Without `subscriptions` it is a tenant query: every
 * subscription of the token's tenant. Listed subscriptions that are unknown or of another tenant
 * are left out, as Resource Graph leaves out what the caller cannot see; when none is left the
 * answer is 400 NoValidSubscriptionsInQueryRequest. A subscription the caller may not read
 * (Fabrikam Finance) stays in scope and contributes no rows: Resource Graph filters rows by RBAC.
 */
function scope(ctx: RequestContext, listed: unknown): Subscription[] {
  const own = [...ctx.state.store.subscriptions.values()].filter((s) => s.tenantId === ctx.caller.tenantId);
  if (listed === undefined || listed === null || (Array.isArray(listed) && listed.length === 0)) return own;
  if (!Array.isArray(listed) || listed.some((s) => typeof s !== 'string')) throw invalidContent("'subscriptions' must be an array of subscription ids.");
  const wanted = new Set((listed as string[]).map((s) => s.toLowerCase()));
  const inScope = own.filter((s) => wanted.has(s.subscriptionId.toLowerCase()));
  if (inScope.length === 0) throw badRequest('NoValidSubscriptionsInQueryRequest', 'There must be at least one valid subscription in the query request.');
  return inScope;
}

function refuseUnsupported(body: Record<string, unknown>, options: Record<string, unknown>): void {
  const nonEmpty = (value: unknown): boolean => Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null;
  if (nonEmpty(body.managementGroups)) throw queryError('UnsupportedQueryByEmulator', 'Management group scopes are not supported; list subscriptions, or none for the whole tenant.');
  if (nonEmpty(body.facets)) throw queryError('UnsupportedQueryByEmulator', 'Facets are not supported.');
  const filter = options.authorizationScopeFilter;
  if (filter !== undefined && filter !== null && filter !== 'AtScopeAndBelow') throw queryError('UnsupportedQueryByEmulator', `authorizationScopeFilter '${String(filter)}' is not supported; only AtScopeAndBelow (the default).`);
  const format = options.resultFormat;
  if (format !== undefined && format !== null && format !== 'table' && format !== 'objectArray') {
    throw badRequest('InvalidQueryOptions', `resultFormat '${String(format)}' is not valid; use 'objectArray' (the default) or 'table'.`);
  }
}

function render(result: QueryResult, rows: QueryResult['rows'], format: unknown): unknown {
  if (format !== 'table') return rows;
  return { columns: result.columns, rows: rows.map((row) => result.columns.map((c) => row[c.name] ?? null)) };
}

/**
 * Recent queries' results, while nothing has changed: a client paging through 17,500 rows asks the
 * same query eighteen times, and the rows are the same each time. A few are kept, since each
 * tenant of a fleet pages through its own query at the same time.
 */
const recentAnswers = new WeakMap<Store, { generation: number; results: Map<string, QueryResult> }>();
const KEPT_ANSWERS = 8;

function answer(ctx: RequestContext, query: string, subscriptions: Subscription[]): QueryResult {
  const key = fingerprint(query, subscriptions.map((s) => s.subscriptionId), ctx.caller.tenantId);
  const { store } = ctx.state;
  let recent = recentAnswers.get(store);
  if (recent?.generation !== store.generation) recentAnswers.set(store, (recent = { generation: store.generation, results: new Map() }));
  const kept = recent.results.get(key);
  if (kept) return kept;
  const result = evaluate(parseQuery(query), resourceRows(ctx, subscriptions.filter((s) => s.accessible)));
  if (recent.results.size >= KEPT_ANSWERS) recent.results.delete(recent.results.keys().next().value as string);
  recent.results.set(key, result);
  return result;
}

/**
 * Paging as Resource Graph documents it: pages of `$top` (at most and by default 1000) rows;
 * `$skipToken` when more rows follow and the query can be paged (it projects `id` and has no
 * `limit`/`take`); otherwise the rest is cut and `resultTruncated` says so. `$skip` is ignored
 * after `limit`/`take`, and overrides a token's offset.
 */
function query(ctx: RequestContext): HandlerResult {
  if (ctx.body === null || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) throw invalidContent('a query request is required.');
  const body = ctx.body as Record<string, unknown>;
  if (typeof body.query !== 'string' || body.query.trim() === '') throw badRequest('InvalidQuery', "The request must have a 'query'.");
  const rawOptions = body.options ?? {};
  const options = readPageOptions(rawOptions);
  refuseUnsupported(body, rawOptions as Record<string, unknown>);
  const subscriptions = scope(ctx, body.subscriptions);
  for (const s of subscriptions) ctx.state.store.touchSubscription(s.subscriptionId);
  const result = answer(ctx, body.query, subscriptions);

  const pageable = !result.limited && result.columns.some((c) => c.name === 'id');
  const print = fingerprint(body.query, subscriptions.map((s) => s.subscriptionId), ctx.caller.tenantId);
  let offset = 0;
  if (options.skipToken !== undefined) offset = decodeSkipToken(options.skipToken, print);
  if (options.skip !== undefined && !result.limited) offset = options.skip;
  const size = options.top ?? MAX_PAGE;
  const rows = result.rows.slice(offset, offset + size);
  const more = offset + rows.length < result.rows.length;
  return {
    status: 200,
    body: {
      totalRecords: result.rows.length,
      count: rows.length,
      resultTruncated: more && !pageable ? 'true' : 'false',
      ...(more && pageable ? { $skipToken: encodeSkipToken(offset + rows.length, print) } : {}),
      data: render(result, rows, (rawOptions as Record<string, unknown>).resultFormat),
      facets: [],
    },
  };
}

export const resourceGraphRoutes: ArmRoute[] = [
  {
    method: 'POST',
    template: '/providers/Microsoft.ResourceGraph/resources',
    family: 'resourceGraph',
    scope: 'tenant',
    action: 'Microsoft.ResourceGraph/resources/read',
    handler: query,
  },
];
