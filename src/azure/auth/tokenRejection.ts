import type { AdditionalPolicyConfig } from '@azure/core-client';
import { armRequestIds, isTokenRejected } from '../errors';

/** What a listener learns: ARM's message and the ids of the refused request. */
export interface TokenRejection {
  code: string;
  message: string;
  requestId?: string;
  correlationId?: string;
}

type Listener = (rejection: TokenRejection) => void;
const listeners = new Set<Listener>();

/** Called for every ARM response that refuses the sign-in, whichever part of the extension asked. */
export function onTokenRejected(listener: Listener): { dispose(): void } {
  listeners.add(listener);
  return { dispose: () => listeners.delete(listener) };
}

/**
 * Watches responses for ARM refusing the token (401 InvalidAuthenticationToken or
 * ExpiredAuthenticationToken). The SDK's bearer policy only retries a 401 that carries a
 * continuous-access-evaluation claims challenge; any other 401 ends the request, and the tree and
 * the commands would each show it as a plain failure. Seen here, once for all of them, it becomes a
 * "sign in again" prompt.
 */
export const tokenRejectionPolicy: AdditionalPolicyConfig = {
  position: 'perCall',
  policy: {
    name: 'restorePointsTokenRejection',
    async sendRequest(request, next) {
      const response = await next(request);
      if (response.status === 401 && listeners.size > 0) {
        const failure = { statusCode: response.status, response };
        if (isTokenRejected(failure)) {
          const body = parseError(response.bodyAsText);
          const rejection: TokenRejection = { code: body.code, message: body.message, ...armRequestIds(failure) };
          for (const listener of listeners) listener(rejection);
        }
      }
      return response;
    },
  },
};

function parseError(text: string | null | undefined): { code: string; message: string } {
  try {
    const error = (JSON.parse(text ?? '') as { error?: { code?: string; message?: string } }).error;
    return { code: error?.code ?? 'Unauthorized', message: error?.message ?? '' };
  } catch {
    return { code: 'Unauthorized', message: '' };
  }
}
