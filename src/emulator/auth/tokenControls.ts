import type { HandlerResult } from '../http/context';
import type { TokenStore } from './tokens';

/**
 * The test controls over issued tokens, under `/_emulator/tokens`:
 * - `GET /tokens`: every token issued, with its state (tests search logs for them);
 * - `POST /tokens/revoke`: ARM refuses every token issued so far (401 InvalidAuthenticationToken);
 *   a new sign-in gets a new, valid token;
 * - `POST /tokens/expire`: every token issued so far has expired (401 ExpiredAuthenticationToken).
 * Returns undefined for any other path.
 */
export function handleTokenControl(tokens: TokenStore, method: string, path: string): HandlerResult | undefined {
  switch (`${method} ${path.replace(/\/$/, '')}`) {
    case 'GET /tokens':
      return { status: 200, body: { value: tokens.list().map((t) => ({ ...t, expiresAt: new Date(t.expiresAt).toISOString() })) } };
    case 'POST /tokens/revoke':
      return { status: 200, body: { revoked: tokens.revokeAll() } };
    case 'POST /tokens/expire':
      return { status: 200, body: { expired: tokens.expireAll() } };
    default:
      return undefined;
  }
}
