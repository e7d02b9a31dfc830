import { randomBytes } from 'node:crypto';

export interface IssuedToken {
  tenantId: string;
  clientId: string;
  objectId: string;
  expiresAt: number;
}

export const TOKEN_LIFETIME_SECONDS = 3599;

/**
 * Opaque access tokens. They deliberately do not look like JWTs, so no client is tempted to
 * decode them; only this emulator can tell what they mean. Expiry follows real time, as the
 * clients that cache them do.
 */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  issue(tenantId: string, clientId: string, objectId: string): { token: string; expiresIn: number } {
    const token = `rpat.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(token, { tenantId, clientId, objectId, expiresAt: Date.now() + TOKEN_LIFETIME_SECONDS * 1000 });
    return { token, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  lookup(token: string): IssuedToken | 'expired' | undefined {
    const issued = this.tokens.get(token);
    if (!issued) return undefined;
    return issued.expiresAt <= Date.now() ? 'expired' : issued;
  }
}
