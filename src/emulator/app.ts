import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { AdfsEndpoints } from './auth/adfs';
import { IdentityEndpoints } from './auth/identity';
import { handleTokenControl } from './auth/tokenControls';
import { TokenStore } from './auth/tokens';
import { cloudMetadata } from './cloudMetadata';
import { handleControlRequest } from './controls/controlRoutes';
import { EmulatorControls, type RequestLogEntry } from './controls/controls';
import { faultErrorCode, FaultTable } from './controls/faults';
import { ARM_LIMITS, Throttle, type ThrottleLimits } from './controls/throttling';
import type { EmulatorState } from './engine/state';
import { checkApiVersion } from './http/apiVersions';
import { authenticate, checkScope } from './http/auth';
import type { ArmRoute, HandlerResult } from './http/context';
import { ArmError, invalidContent } from './http/errors';
import { Router } from './http/router';
import { isBlobPath, requestedRange, serveBlob } from './blob/blobService';
import { allRoutes } from './resources';

const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const CONTROL_PREFIX = '/_emulator';

export type Logger = (line: string) => void;

type LoggedDetails = Pick<RequestLogEntry, 'body' | 'tenantId' | 'range'>;

/**
 * One request's way through the emulator: test controls (own prefix, no token), then latency and
 * faults, the identity endpoints, and for ARM paths authentication, routing, api-version and
 * scope checks before the resource handler. Nothing a client sends can make it throw out of here.
 */
export class EmulatorApp {
  readonly tokens = new TokenStore();
  readonly faults = new FaultTable();
  readonly throttle: Throttle;
  readonly requestLog: RequestLogEntry[] = [];
  readonly controls: EmulatorControls;
  latencyMs = 0;
  /** TLS connections clients have opened since the start: with keep-alive, far fewer than requests. */
  tlsConnections = 0;
  endpoint = '';
  /** Other `host:port` names clients may reach the emulator by (EmulatorOptions.alsoKnownAs), lower case. */
  alsoKnownAs = new Set<string>();
  private readonly router = new Router<ArmRoute>();
  private readonly identity: IdentityEndpoints;
  private readonly adfs: AdfsEndpoints;

  constructor(
    readonly state: EmulatorState,
    private readonly log: Logger | undefined,
    throttling: { enabled: boolean; limits: ThrottleLimits } = { enabled: false, limits: ARM_LIMITS },
  ) {
    this.throttle = new Throttle(throttling);
    for (const route of allRoutes) this.router.add(route.method, route.template, route);
    this.identity = new IdentityEndpoints(state.store, this.tokens);
    this.adfs = new AdfsEndpoints(state.store, this.tokens);
    this.controls = new EmulatorControls(this);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = requestUrl(req.url, this.endpoint);
    if (!url) {
      send(res, 400, { error: { code: 'InvalidRequestUri', message: 'The request URI is not valid.', details: [] } });
      return;
    }
    const path = url.pathname;
    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
      await this.handleControl(req, res, method, path.slice(CONTROL_PREFIX.length), url.searchParams);
      return;
    }
    const requestId = setRequestIds(req, res);
    const logged: LoggedDetails = {};
    res.on('close', () => {
      const status = res.writableFinished ? res.statusCode : 0;
      this.requestLog.push({ method, path, query: loggedQuery(url.searchParams), status, time: Date.now(), receivedAt: started, requestId, ...logged });
      this.log?.(`${method} ${path} ${status === 0 ? 'dropped' : status} ${Date.now() - started}ms`);
    });
    try {
      await this.respond(req, res, method, url, logged);
    } catch (error) {
      this.log?.(`internal error on ${method} ${path}: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent && !res.destroyed) send(res, 500, { error: { code: 'InternalServerError', message: 'The server encountered an internal error.', details: [] } });
    }
  }

  private async respond(req: IncomingMessage, res: ServerResponse, method: string, url: URL, logged: LoggedDetails): Promise<void> {
    const path = url.pathname;
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const fault = this.faults.take(method, path);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.drop) {
      req.socket.destroy();
      return;
    }
    if (fault?.status !== undefined) {
      const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
      const headers: Record<string, string> = retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
      send(res, fault.status, new ArmError(fault.status, faultErrorCode(fault.status), `Injected fault: HTTP ${fault.status} for ${method} ${path}.`).toBody(), headers);
      return;
    }

    if (isBlobPath(path)) {
      await readBody(req);
      // Before answering: the log entry is written when the answer closes.
      logged.range = requestedRange(req);
      await serveBlob(this.state.grants, req, res, url, this.state.clock.now());
      return;
    }
    const { raw, tooLarge } = await readBody(req);
    // One identity provider at a time: a client configured for the other one gets ARM's 401s.
    const identityProvider = this.state.identity === 'adfs' ? this.adfs : this.identity;
    const endpoint = this.endpointReached(req);
    const unauthenticated = identityProvider.handle(method, path, new URLSearchParams(raw.toString('utf8')), endpoint) ?? cloudMetadata(method, path, url.searchParams, endpoint, this.state.identity);
    if (unauthenticated) {
      send(res, unauthenticated.status, unauthenticated.body);
      return;
    }

    // What ARM received, for tests to assert; identity requests (which carry the client secret) and metadata never get here.
    logged.body = tryParseJson(raw);
    let result: HandlerResult;
    // ARM's rate limit headers go on every answer the budget was checked for, errors included.
    const rateLimit: Record<string, string> = {};
    try {
      result = this.armRequest(req, method, url, raw, tooLarge, logged, rateLimit, endpoint);
    } catch (error) {
      if (!(error instanceof ArmError)) throw error;
      result = { status: error.status, body: error.toBody(), headers: error.headers };
    }
    result = { ...result, headers: { ...rateLimit, ...result.headers } };
    if (fault?.dropResponse) {
      // The work is done; only the answer is lost.
      req.socket.destroy();
      return;
    }
    send(res, result.status, result.body, result.headers);
  }

  /**
   * The endpoint a request reached: the name the client used when it is one the emulator is also
   * known by (through a proxy that resolves it), its own otherwise. Its answers (token issuers,
   * next links, Location headers) name that endpoint, as a service reached by its public name does.
   */
  private endpointReached(req: IncomingMessage): string {
    const host = req.headers.host?.toLowerCase();
    return host && this.alsoKnownAs.has(host) ? `https://${host}` : this.endpoint;
  }

  private armRequest(req: IncomingMessage, method: string, url: URL, raw: Buffer, tooLarge: boolean, logged: LoggedDetails, rateLimit: Record<string, string>, endpoint: string): HandlerResult {
    if (tooLarge) throw new ArmError(413, 'RequestEntityTooLarge', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
    const authority = { endpoint, adfs: this.state.identity === 'adfs' };
    const caller = authenticate(req, this.tokens, authority);
    // Which tenant's token asked: the same URL from two tenants is two different questions.
    logged.tenantId = caller.tenantId;
    const path = url.pathname;
    // ARM throttles before a provider sees the request, per subscription and principal.
    const subscription = SUBSCRIPTION_PATH.exec(path)?.[1];
    if (subscription) Object.assign(rateLimit, this.throttle.admit(subscription, caller.objectId, method));
    const { handler: route, params } = this.router.match(method, path);
    const { store, clock } = this.state;
    if (subscription) store.touchSubscription(subscription);
    store.settle(clock.now());
    const apiVersion = checkApiVersion(route.family, url.searchParams.get('api-version'));
    checkScope(route, params, caller, store, authority);
    // Anything but a read may change what later reads answer. A POST whose RBAC action is a read
    // (a Resource Graph query) changes nothing, so it keeps the answers cached for later pages.
    if (method !== 'GET' && !route.action.endsWith('/read')) store.generation++;
    return route.handler({
      method,
      path,
      query: url.searchParams,
      params,
      apiVersion,
      endpoint,
      caller,
      state: this.state,
      now: clock.now(),
      body: parseJson(raw),
    });
  }

  private async handleControl(req: IncomingMessage, res: ServerResponse, method: string, path: string, query: URLSearchParams): Promise<void> {
    try {
      const { raw, tooLarge } = await readBody(req);
      if (tooLarge) throw new ArmError(413, 'RequestEntityTooLarge', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
      const body = parseJson(raw);
      const result = handleTokenControl(this.tokens, method, path) ?? handleControlRequest(this.controls, method, path, body, query);
      send(res, result.status, result.body);
    } catch (error) {
      if (error instanceof ArmError) send(res, error.status, error.toBody());
      else send(res, 400, { error: { code: 'InvalidControlRequest', message: error instanceof Error ? error.message : String(error), details: [] } });
    }
  }
}

/**
 * The request target as a URL on this endpoint. `new URL('//a/b', base)` would read `a` as a host,
 * so an origin-form target is appended to the endpoint instead, and runs of slashes in its path
 * count as one: a client that joins `https://host/` and `/subscriptions` reaches `/subscriptions`.
 * (The emulator's choice: public docs do not say how ARM treats empty path segments.) An
 * absolute-form target (`GET https://host/path`, which HTTP/1.1 servers must accept) keeps its path.
 */
export function requestUrl(target: string | undefined, endpoint: string): URL | undefined {
  let raw = target ?? '/';
  try {
    if (!raw.startsWith('/')) {
      const absolute = new URL(raw);
      raw = `${absolute.pathname}${absolute.search}`;
    }
    const queryAt = raw.indexOf('?');
    const path = (queryAt < 0 ? raw : raw.slice(0, queryAt)).replace(/\/{2,}/g, '/');
    return new URL(`${endpoint}${path}${queryAt < 0 ? '' : raw.slice(queryAt)}`);
  } catch {
    return undefined;
  }
}

/** A SAS signature is a secret even in the emulator's own log: tests read the log, never the key. */
function loggedQuery(query: URLSearchParams): Record<string, string> {
  const entries = Object.fromEntries(query);
  if (entries.sig !== undefined) entries.sig = 'REDACTED';
  return entries;
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw invalidContent(error instanceof Error ? error.message : 'malformed JSON');
  }
}

function tryParseJson(raw: Buffer): unknown {
  try {
    return raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Reads the body; past the limit it stops buffering and reports the body as too large. */
async function readBody(req: IncomingMessage): Promise<{ raw: Buffer; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  return { raw: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES };
}

/**
 * ARM's tracing headers, on every answer (faults and errors included): a request id of its own, and
 * the correlation id the client sent or a new one. A person quotes them in a support case; the
 * request id is also in the request log, so tests can tell which request an error report names.
 */
function setRequestIds(req: IncomingMessage, res: ServerResponse): string {
  const requestId = randomUUID();
  const sent = req.headers['x-ms-correlation-request-id'];
  const correlationId = typeof sent === 'string' && GUID.test(sent) ? sent : randomUUID();
  res.setHeader('x-ms-request-id', requestId);
  res.setHeader('x-ms-correlation-request-id', correlationId);
  return requestId;
}

const SUBSCRIPTION_PATH = /^\/subscriptions\/([^/]+)(?:\/|$)/i;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
