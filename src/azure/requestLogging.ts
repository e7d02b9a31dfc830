import type { AdditionalPolicyConfig } from '@azure/core-client';
import type { LogPolicyOptions, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { armRequestIds, formatRequestIds } from './errors';
import { azureLog, isLogging, LogLevel } from './logging';

/** Query parameters shown in logs; any other value (a continuation token, say) is written as REDACTED. */
const LOGGED_QUERY_PARAMETERS = ['api-version', '$expand', 'statusOnly'];

/** The URL as logged: no user info, and only the query values known to be harmless. */
export function loggableUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    for (const key of [...url.searchParams.keys()]) {
      if (!LOGGED_QUERY_PARAMETERS.some((p) => p.toLowerCase() === key.toLowerCase())) url.searchParams.set(key, 'REDACTED');
    }
    return decodeURIComponent(url.toString());
  } catch {
    return '(unparsable URL)';
  }
}

function describe(request: PipelineRequest, outcome: string, started: number, response?: PipelineResponse): string {
  const ids = formatRequestIds(armRequestIds({ response }));
  return `${request.method} ${loggableUrl(request.url)} → ${outcome} in ${Date.now() - started} ms${ids ? ` (${ids})` : ''}`;
}

/**
 * One line per HTTP attempt (so each retry shows): method, URL, status, duration and ARM's request
 * ids. Successes at debug level, failures (4xx, 5xx, no answer) at info so that the default log
 * already holds the ids of whatever went wrong. No header but the two ids, and no body, is read here.
 */
const requestLine: AdditionalPolicyConfig = {
  position: 'perRetry',
  policy: {
    name: 'restorePointsRequestLog',
    async sendRequest(request, next) {
      if (!isLogging(LogLevel.Info)) return next(request);
      const started = Date.now();
      try {
        const response = await next(request);
        if (response.status >= 400) azureLog.info(describe(request, `${response.status}`, started, response));
        else if (isLogging(LogLevel.Debug)) azureLog.debug(describe(request, `${response.status}`, started, response));
        return response;
      } catch (error) {
        const reason = (error as { code?: unknown; name?: unknown } | undefined)?.code ?? (error as { name?: unknown } | undefined)?.name ?? 'Error';
        azureLog.info(describe(request, `no answer (${String(reason)})`, started));
        throw error;
      }
    },
  },
};

type Debugger = NonNullable<LogPolicyOptions['logger']>;

/**
 * The SDK logs the whole request object as indented JSON, TLS settings included (the shared HTTPS
 * agent is given after it logs: httpsAgent.ts `sharedAgentEntry`). One line with what matters is kept: method, URL and the
 * already sanitized headers. Anything not in that shape is logged as it came.
 */
export function compactSdkLine(line: string): string {
  const m = /^(Request|Headers): (\{[\s\S]*\})$/.exec(line);
  if (!m) return line;
  try {
    const value = JSON.parse(m[2]) as Record<string, unknown>;
    if (m[1] === 'Headers') return `Response headers: ${JSON.stringify(value)}`;
    return `Request: ${JSON.stringify({ method: value.method, url: value.url, headers: value.headers })}`;
  } catch {
    return line;
  }
}

/**
 * At trace level, the SDK's own log policy writes every request and response with their headers,
 * after the bearer token is attached; its sanitizer replaces every header value outside a list of
 * harmless ones (Authorization among the replaced) with REDACTED. That is the most a person
 * debugging needs, and it makes a trace log a real test of the redaction.
 */
function sdkRequestLogger(): Debugger {
  const write = ((...args: unknown[]) => azureLog.trace(compactSdkLine(args.map(String).join(' ')))) as Debugger;
  Object.defineProperty(write, 'enabled', { get: () => isLogging(LogLevel.Trace), set: () => undefined });
  write.namespace = 'azure:core-rest-pipeline';
  write.log = write;
  write.destroy = () => false;
  write.extend = () => write;
  return write;
}

/** The options every ARM client is created with so that its requests reach the extension's log. */
export function requestLoggingOptions(): { additionalPolicies: AdditionalPolicyConfig[]; loggingOptions: LogPolicyOptions } {
  return {
    additionalPolicies: [requestLine],
    loggingOptions: { logger: sdkRequestLogger(), additionalAllowedQueryParameters: LOGGED_QUERY_PARAMETERS },
  };
}
