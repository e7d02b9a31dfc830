import { redact } from './logging';

interface ArmErrorBody {
  error?: { code?: string; message?: string };
}

/** ARM's `{ error: { code, message } }` from a RestError's response, when it has one. */
export function armError(error: unknown): ArmErrorBody['error'] | undefined {
  const response = (error as { response?: { parsedBody?: unknown; bodyAsText?: string } } | undefined)?.response;
  let body = response?.parsedBody as ArmErrorBody | undefined;
  if (!body && response?.bodyAsText) {
    try {
      body = JSON.parse(response.bodyAsText) as ArmErrorBody;
    } catch {
      body = undefined;
    }
  }
  return body?.error?.message ? body.error : undefined;
}

/**
 * ARM's own message when there is one. The SDK's pager replaces it with "Pagination failed with
 * unexpected statusCode …", so the response body is read first.
 */
/** What a notification or the tree says of a failure; never a token or secret, whatever the error held. */
export function errorMessage(error: unknown): string {
  return redact(rawErrorMessage(error));
}

function rawErrorMessage(error: unknown): string {
  const arm = armError(error);
  // The tree shows this as the failed level's label: it says what to do, not only what happened.
  if (arm?.message && isTokenRejected(error)) return `${arm.message} Sign in again to continue.`;
  if (arm?.message) return arm.message;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

export function errorCode(error: unknown): string | undefined {
  const code = armError(error)?.code ?? (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function statusCode(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** ARM's tracing ids of the failed response, which a support case asks for. */
export interface ArmRequestIds {
  requestId?: string;
  correlationId?: string;
}

export function armRequestIds(error: unknown): ArmRequestIds {
  const headers = (error as { response?: { headers?: unknown } } | undefined)?.response?.headers;
  if (!headers || typeof headers !== 'object') return {};
  const get = (name: string): string | undefined => {
    // An HttpHeaders from the SDK, or a plain record when the error was rebuilt.
    const value = typeof (headers as { get?: unknown }).get === 'function' ? (headers as { get(n: string): unknown }).get(name) : (headers as Record<string, unknown>)[name];
    return typeof value === 'string' && value ? value : undefined;
  };
  return { requestId: get('x-ms-request-id'), correlationId: get('x-ms-correlation-request-id') };
}

/** "x-ms-request-id: …, x-ms-correlation-request-id: …", or '' when the error came without a response. */
export function formatRequestIds(ids: ArmRequestIds): string {
  return [ids.requestId && `x-ms-request-id: ${ids.requestId}`, ids.correlationId && `x-ms-correlation-request-id: ${ids.correlationId}`].filter(Boolean).join(', ');
}

/**
 * ARM's codes for a token it no longer accepts (expired, or revoked with the session it came
 * from); only signing in again helps. A token of the wrong tenant (InvalidAuthenticationTokenTenant)
 * is not among them: it is the extension asking with the wrong credential.
 */
export const REJECTED_TOKEN_CODES: readonly string[] = ['InvalidAuthenticationToken', 'ExpiredAuthenticationToken'];

/** True when ARM refused the sign-in itself, rather than the request. */
export function isTokenRejected(error: unknown): boolean {
  if ((error as { name?: unknown } | undefined)?.name === 'AuthenticationRequiredError') return true;
  const code = armError(error)?.code ?? (error as { code?: unknown } | undefined)?.code;
  return statusCode(error) === 401 && typeof code === 'string' && REJECTED_TOKEN_CODES.includes(code);
}
