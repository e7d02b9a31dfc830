import { randomBytes } from 'node:crypto';

export interface IssuedToken {
  tenantId: string;
  clientId: string;
  objectId: string;
  /** Which identity provider issued it: Microsoft Entra ID's endpoints or AD FS's. */
  issuer: IdentityMode;
  expiresAt: number;
}

/** The identity provider the emulator plays: Microsoft Entra ID (the default) or AD FS, as Azure Stack Hub disconnected. */
export type IdentityMode = 'entra' | 'adfs';
export const IDENTITY_MODES: readonly IdentityMode[] = ['entra', 'adfs'];

/** A token as the test controls list it: tests look for it in logs and check what ARM made of it. */
export interface IssuedTokenRecord extends IssuedToken {
  token: string;
  state: 'valid' | 'expired' | 'revoked';
}

export const TOKEN_LIFETIME_SECONDS = 3599;

/**
 * Opaque access tokens. They deliberately do not look like JWTs, so no client is tempted to
 * decode them; only this emulator can tell what they mean. Expiry follows real time, as the
 * clients that cache them do.
 */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  /**
   * Revoked tokens are forgotten by lookup (ARM then answers InvalidAuthenticationToken, as it does
   * for a token whose session was revoked) but remembered here, so tests can still look for them in logs.
   */
  private readonly revoked = new Map<string, IssuedToken>();

  issue(tenantId: string, clientId: string, objectId: string, issuer: IdentityMode): { token: string; expiresIn: number } {
    const token = `rpat.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(token, { tenantId, clientId, objectId, issuer, expiresAt: Date.now() + TOKEN_LIFETIME_SECONDS * 1000 });
    return { token, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  lookup(token: string): IssuedToken | 'expired' | undefined {
    const issued = this.tokens.get(token);
    if (!issued) return undefined;
    return issued.expiresAt <= Date.now() ? 'expired' : issued;
  }

  /** Every token still in use becomes unknown to ARM, as after a sign-out everywhere or a password reset. */
  revokeAll(): number {
    for (const [token, issued] of this.tokens) this.revoked.set(token, issued);
    const count = this.tokens.size;
    this.tokens.clear();
    return count;
  }

  /**
   * Every token in use expires now, while the clients that hold one still believe it valid for an
   * hour: what a client sees when its clock runs behind or ARM ends a session early.
   */
  expireAll(): number {
    const now = Date.now();
    let count = 0;
    for (const issued of this.tokens.values()) {
      if (issued.expiresAt > now) count++;
      issued.expiresAt = Math.min(issued.expiresAt, now);
    }
    return count;
  }

  /** Everything ever issued, oldest first, revoked tokens included. */
  list(): IssuedTokenRecord[] {
    const now = Date.now();
    const live = [...this.tokens].map(([token, t]): IssuedTokenRecord => ({ token, ...t, state: t.expiresAt <= now ? 'expired' : 'valid' }));
    const revoked = [...this.revoked].map(([token, t]): IssuedTokenRecord => ({ token, ...t, state: 'revoked' }));
    return [...revoked, ...live];
  }
}
