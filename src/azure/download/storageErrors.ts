import * as l10n from '@vscode/l10n';
import { redact } from '../logging';

/** A download Azure Storage refused: the message is the user's, and never holds the URL. */
export class StorageAccessError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'StorageAccessError';
  }
}

interface RestErrorLike {
  name?: string;
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get(name: string): string | undefined } };
}

/**
 * What a failed blob request means to the user. A 403 is a SAS that expired, was revoked or was
 * altered; Storage says which only in a detail the SDK keeps to itself, and the remedy is the same.
 * Cancellation passes through untouched. Other messages are redacted: a network error may quote
 * the URL, and the URL is a secret.
 */
export function storageFailure(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted || (error as RestErrorLike)?.name === 'AbortError') return error;
  const rest = error as RestErrorLike;
  const status = rest?.statusCode;
  const code = rest?.response?.headers?.get('x-ms-error-code') ?? rest?.code;
  if (status === 403) {
    return new StorageAccessError(l10n.t('Azure Storage refused the access URL ({0}): it has expired, was revoked or is not valid. Start the download again to get a new one.', code ?? 'AuthenticationFailed'), status, code);
  }
  if (status === 404) return new StorageAccessError(l10n.t("Azure Storage does not know the disk's blob ({0}).", code ?? 'ResourceNotFound'), status, code);
  if (typeof status === 'number') return new StorageAccessError(l10n.t('Azure Storage answered HTTP {0} ({1}).', status, code ?? '?'), status, code);
  return new Error(redact(error instanceof Error ? error.message : String(error)));
}
