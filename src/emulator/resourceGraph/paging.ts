import { createHash } from 'node:crypto';
import { ArmError } from '../http/errors';

/** Resource Graph's default and largest page (`$top` 1-1000). */
export const MAX_PAGE = 1000;

export interface PageOptions {
  top?: number;
  skip?: number;
  skipToken?: string;
}

const badOption = (message: string): ArmError =>
  new ArmError(400, 'BadRequest', message, undefined, {}, [{ code: 'InvalidQueryOptions', message }]);

/**
 * The token names the next offset and a fingerprint of the query and its scope: Resource Graph
 * documents that a `$skipToken` is only valid with the same query and scopes, so another query's
 * token is refused rather than answered from the wrong place.
 */
export function fingerprint(query: string, subscriptionIds: readonly string[], tenantId: string): string {
  return createHash('sha256').update(JSON.stringify([query, [...subscriptionIds].map((s) => s.toLowerCase()).sort(), tenantId])).digest('hex').slice(0, 16);
}

export function encodeSkipToken(offset: number, print: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: print })).toString('base64');
}

export function readPageOptions(raw: unknown): PageOptions {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw badOption("'options' must be an object.");
  const options = raw as Record<string, unknown>;
  const integer = (name: string, min: number, max: number): number | undefined => {
    const value = options[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw badOption(`'${name}' must be an integer from ${min} to ${max}.`);
    return value;
  };
  const skipToken = options.$skipToken;
  if (skipToken !== undefined && skipToken !== null && typeof skipToken !== 'string') throw badOption("'$skipToken' must be a string.");
  return { top: integer('$top', 1, MAX_PAGE), skip: integer('$skip', 0, Number.MAX_SAFE_INTEGER), skipToken: skipToken ?? undefined };
}

/** The offset a `$skipToken` names, or 400 when it is not one this query was given. */
export function decodeSkipToken(token: string, print: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const value = parsed as { o?: unknown; q?: unknown } | undefined;
  if (!value || typeof value.o !== 'number' || !Number.isInteger(value.o) || value.o < 0 || value.q !== print) {
    throw badOption('The $skipToken is not valid for this query and scope; send it with the query and subscriptions of the answer that gave it.');
  }
  return value.o;
}
