import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';

/**
 * What the SDK's own retry policy (core-rest-pipeline's defaultRetryPolicy) cannot be told, as one
 * pipeline policy that runs inside every attempt (position `perRetry`), between the SDK's retry loop
 * and the wire. The SDK keeps doing the retrying; this only decides when it must not:
 *
 * - a `Retry-After` longer than the cap: the SDK would sleep for whatever ARM asks (minutes when a
 *   subscription's budget is spent) with the tree frozen; the request fails at once with the wait
 *   ARM asked for, so the person can come back later;
 * - a POST (or PATCH) that failed in a way the SDK retries: ARM promises nothing about repeating
 *   one, so the first failure is final;
 * - a PUT retried after an attempt whose fate is unknown (connection dropped, 5xx): the first
 *   attempt may have created the resource, and the retry is then answered 409 (a restore point
 *   cannot be rewritten). The resource is read instead and its state answers the PUT, so the SDK
 *   follows the creation the first attempt started; nothing is created twice.
 */

/** Methods ARM defines as idempotent: repeating one leaves the same state as sending it once. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export const isIdempotent = (method: string): boolean => IDEMPOTENT.has(method.toUpperCase());

/**
 * A Resource Graph query is a read that travels as a POST (its body holds the query): repeating it
 * changes nothing, so a dropped connection or a 5xx is retried like a GET's. A large query keeps the
 * service busy long enough for an idle keep-alive connection to be closed under the next page.
 */
// Anchored: only the tenant-level query endpoint; a path that merely ends the same way (under a subscription) is not this read.
const READ_BY_POST = /^\/providers\/Microsoft\.ResourceGraph\/resources$/i;
export const isReadByPost = (method: string, url: string): boolean => method.toUpperCase() === 'POST' && READ_BY_POST.test(new URL(url).pathname);

/** The answers whose Retry-After the SDK's retry waits out (its throttling strategy); other answers' is not read. */
const waitsForRetryAfter = (status: number | undefined): boolean => status === 429 || status === 503;

/** Statuses the SDK retries: its throttling strategy (429, 503 with Retry-After) and its exponential one (408, 5xx but 501 and 505). */
export const isRetriedStatus = (status: number): boolean => status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);

/** Connection failures the SDK's exponential strategy retries (core-rest-pipeline's isSystemError). */
const SYSTEM_ERRORS = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ENOTFOUND']);
export const isDroppedConnection = (error: unknown): boolean => {
  const e = error as { name?: unknown; code?: unknown } | undefined;
  return e?.name === 'RestError' && typeof e.code === 'string' && SYSTEM_ERRORS.has(e.code);
};

/**
 * The wait a response asks for, in milliseconds, read as the SDK's throttling strategy reads it:
 * `retry-after-ms`, `x-ms-retry-after-ms`, then `Retry-After` in seconds or as an HTTP date.
 */
export function retryAfterMs(header: (name: string) => string | undefined, now: number): number | undefined {
  for (const [name, scale] of [['retry-after-ms', 1], ['x-ms-retry-after-ms', 1], ['retry-after', 1000]] as const) {
    const raw = header(name)?.trim();
    if (raw && /^\d+(\.\d+)?$/.test(raw)) return Number(raw) * scale;
  }
  const date = Date.parse(header('retry-after') ?? '');
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

export type AttemptVerdict =
  /** Hand the outcome to the SDK's retry policy as it is. */
  | 'pass'
  /** ARM asked for a longer wait than the cap: fail now. */
  | 'waitTooLong'
  /** A failure the SDK would retry, of a request that is not safe to repeat: fail now. */
  | 'doNotRepeat';

export interface Attempt {
  method: string;
  /** A POST that only reads (isReadByPost): as safe to repeat as a GET. */
  readOnly?: boolean;
  /** Absent when the connection failed before an answer. */
  status?: number;
  retryAfterMs?: number;
}

export function attemptVerdict(attempt: Attempt, maxRetryAfterMs: number): AttemptVerdict {
  const retried = attempt.status === undefined || isRetriedStatus(attempt.status);
  if (retried && !isIdempotent(attempt.method) && !attempt.readOnly) return 'doNotRepeat';
  // Only 429 and 503 make the SDK honour Retry-After (a 202's Retry-After is a polling interval).
  if (waitsForRetryAfter(attempt.status) && attempt.retryAfterMs !== undefined && attempt.retryAfterMs > maxRetryAfterMs) return 'waitTooLong';
  return 'pass';
}

/** An attempt that may or may not have reached ARM's resource provider: its effect is unknown. */
export const fateUnknown = (status: number | undefined): boolean => status === undefined || status >= 500;

/** A PUT answered 409 after an attempt of unknown fate is read back instead (see the top of the file). */
export const shouldReadBack = (method: string, status: number, earlierFateUnknown: boolean): boolean => method.toUpperCase() === 'PUT' && status === 409 && earlierFateUnknown;

/** The code ARM put in an error body, if the body is ARM's `{ error: { code } }`. */
function armCode(response: PipelineResponse): string | undefined {
  try {
    const code = (JSON.parse(response.bodyAsText ?? '') as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** ARM's request ids, which a support case needs; never anything from the request (it carries the token). */
function requestIds(response: PipelineResponse): string {
  const ids = ['x-ms-request-id', 'x-ms-correlation-request-id'].map((h) => response.headers.get(h)).filter(Boolean);
  return ids.length ? ` Request id: ${ids.join(', ')}.` : '';
}

const seconds = (ms: number): string => (ms >= 120_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} s`);

/** Named after ARM's code (TooManyRequests, ServiceUnavailable) so a notification reads "<code>: <message>". */
export class RetryAfterTooLongError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly retryAfterMs: number;
  constructor(response: PipelineResponse, waitMs: number, maxMs: number) {
    super(`Azure is busy (HTTP ${response.status}) and asked to wait ${seconds(waitMs)} before trying again, longer than the ${seconds(maxMs)} this extension waits. Try again later.${requestIds(response)}`);
    this.name = this.code = armCode(response) ?? `HTTP${response.status}`;
    this.statusCode = response.status;
    this.retryAfterMs = waitMs;
  }
}

/** A POST or PATCH that failed: not repeated, and said so. */
export class NotRepeatedError extends Error {
  readonly code: string;
  readonly statusCode?: number;
  constructor(method: string, outcome: PipelineResponse | { message: string }) {
    const response = 'status' in outcome ? outcome : undefined;
    const what = 'status' in outcome ? `HTTP ${outcome.status}` : outcome.message;
    super(`The ${method} request failed (${what}) and was not repeated, because repeating it could do the work twice. Check the resource's state before trying again.${response ? requestIds(response) : ''}`);
    this.name = this.code = (response && armCode(response)) ?? 'RequestFailed';
    this.statusCode = response?.status;
  }
}

/**
 * GET of the PUT's URL, with the PUT's signed headers but not its body's, which are put back after:
 * the SDK may send the PUT again if the read-back fails.
 */
async function readBack(request: PipelineRequest, next: (request: PipelineRequest) => Promise<PipelineResponse>): Promise<PipelineResponse> {
  const bodyHeaders = ['Content-Length', 'Content-Type'].map((name) => [name, request.headers.get(name)] as const);
  for (const [name] of bodyHeaders) request.headers.delete(name);
  try {
    return await next({ ...request, method: 'GET', body: undefined });
  } finally {
    for (const [name, value] of bodyHeaders) if (value !== undefined) request.headers.set(name, value);
  }
}

export const RETRY_GUARD_POLICY = 'restorePointsRetryGuard';

export function retryGuardPolicy(maxRetryAfterMs: number): PipelinePolicy {
  // The SDK's retry loop sends the same request object on every attempt.
  const unknownFate = new WeakSet<PipelineRequest>();
  return {
    name: RETRY_GUARD_POLICY,
    async sendRequest(request, next) {
      const readOnly = isReadByPost(request.method, request.url);
      let response: PipelineResponse;
      try {
        response = await next(request);
      } catch (error) {
        if (!isDroppedConnection(error)) throw error;
        if (attemptVerdict({ method: request.method, readOnly }, maxRetryAfterMs) === 'doNotRepeat') throw new NotRepeatedError(request.method, error as Error);
        unknownFate.add(request);
        throw error;
      }
      const wait = waitsForRetryAfter(response.status) ? retryAfterMs((name) => response.headers.get(name), Date.now()) : undefined;
      const verdict = attemptVerdict({ method: request.method, readOnly, status: response.status, retryAfterMs: wait }, maxRetryAfterMs);
      // Thrown errors that are not RestErrors go straight through the SDK's retry loop.
      if (verdict === 'waitTooLong') throw new RetryAfterTooLongError(response, wait!, maxRetryAfterMs);
      if (verdict === 'doNotRepeat') throw new NotRepeatedError(request.method, response);
      if (shouldReadBack(request.method, response.status, unknownFate.has(request))) {
        // A read-back that fails the way the SDK retries (dropped, 5xx, 429) is this attempt's outcome:
        // the SDK tries again, within its bounds, and the next 409 is read back again.
        const current = await readBack(request, next);
        if (current.status === 200 || isRetriedStatus(current.status)) return { ...current, request };
      }
      if (fateUnknown(response.status)) unknownFate.add(request);
      return response;
    },
  };
}
