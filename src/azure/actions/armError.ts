import { armError, statusCode } from '../errors';

export interface ArmFailure {
  /** ARM's error code, e.g. OperationNotAllowed, InvalidParameter. */
  code: string;
  message: string;
  /** Absent when the failure came from a long-running operation's status rather than a response. */
  statusCode?: number;
}

interface RestErrorLike {
  name: string;
  code?: string;
  statusCode?: number;
  message: string;
}

/**
 * The SDK's poller (core-lro) reports a failed operation as a plain Error whose message is
 * "The long-running operation has failed. <code>. <message>"; this takes it apart again.
 */
const LRO_FAILURE = /^The long-running operation has failed\. ([^.\s]+)\. ([\s\S]*)$/;

/** ARM's code and message from whatever an action threw. */
export function describeArmError(error: unknown): ArmFailure {
  // A pager's failure says only "Pagination failed with unexpected statusCode"; ARM's body says why.
  const body = armError(error);
  if (body?.message) return { code: body.code ?? 'Error', message: body.message, statusCode: statusCode(error) };
  if (error instanceof Error) {
    const rest = error as RestErrorLike;
    if (rest.name === 'RestError') return { code: rest.code ?? `HTTP${rest.statusCode ?? ''}`, message: rest.message, statusCode: rest.statusCode };
    const lro = LRO_FAILURE.exec(error.message);
    if (lro) return { code: lro[1], message: lro[2] };
    return { code: error.name, message: error.message };
  }
  return { code: 'Error', message: String(error) };
}

/** True for the error an aborted request or wait ends with. */
export const isAbortError = (error: unknown): boolean => error instanceof Error && error.name === 'AbortError';
