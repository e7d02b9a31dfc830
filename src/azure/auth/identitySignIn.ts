import type { AccessToken, GetTokenOptions } from '@azure/core-auth';
import * as vscode from 'vscode';
import { armScope, type CloudConfig } from '../cloud';
import type { ClientFactory, TenantCredentials } from '../clients';
import { rememberSecret } from '../logging';
import { createIdentityCredentials, type IdentityCredentialKind, type IdentityCredentialOptions } from './identityCredentials';
import { tenantsWithStatus, type AzureSignIn, type SignOutMemory, type TenantStatus } from './signIn';

/**
 * Sign-in with @azure/identity: nothing to click, the credential (environment service principal,
 * Azure CLI, managed identity) is used as soon as the extension needs a token.
 */
/** A token this close to its expiry is asked for anew, as the SDK's own policy does. */
const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

export class IdentitySignIn implements AzureSignIn {
  readonly kind = 'azureIdentity' as const;
  readonly credentials: TenantCredentials;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Replaced by each sign-in, so that a token ARM refused is not handed out again from the old one's cache. */
  private current: TenantCredentials;
  /** Tokens by tenant and scope, until they near expiry or the user signs in again. */
  private readonly tokens = new Map<string, Promise<AccessToken>>();

  constructor(
    private readonly cloud: CloudConfig,
    private readonly credentialKind: IdentityCredentialKind,
    private readonly options: IdentityCredentialOptions,
    private readonly signedOut: SignOutMemory,
  ) {
    this.current = createIdentityCredentials(credentialKind, cloud, options);
    this.credentials = { credentialFor: (tenantId) => ({ getToken: (scopes, getTokenOptions) => this.token(tenantId, scopes, getTokenOptions) }) };
  }

  /**
   * The SDK clients keep a token until shortly before it expires, even after ARM refused it (a
   * revoked token looks valid to its holder). Claiming immediate expiry makes them ask here for
   * each request; this answers from its own cache, per tenant and scope, until the token's real
   * expiry (less a margin) or a new sign-in. Some credentials have no cache of their own (the Azure
   * CLI's starts `az` for every token), so asking them per request would cost a process each time.
   */
  private async token(tenantId: string | undefined, scopes: string | string[], getTokenOptions?: GetTokenOptions): Promise<AccessToken | null> {
    const key = `${tenantId ?? ''} ${[scopes].flat().join(' ')}`;
    let token = await (this.tokens.get(key) ?? this.fetchToken(key, tenantId, scopes, getTokenOptions));
    if (token.expiresOnTimestamp - Date.now() < TOKEN_REFRESH_MARGIN_MS) token = await this.fetchToken(key, tenantId, scopes, getTokenOptions);
    return { token: token.token, tokenType: token.tokenType, expiresOnTimestamp: Date.now() };
  }

  private fetchToken(key: string, tenantId: string | undefined, scopes: string | string[], getTokenOptions?: GetTokenOptions): Promise<AccessToken> {
    const fetched = this.current.credentialFor(tenantId).getToken(scopes, getTokenOptions).then((token) => {
      if (!token) throw new Error('The credential returned no token.');
      rememberSecret(token.token);
      return token;
    });
    // Requests that start together share one token request.
    this.tokens.set(key, fetched);
    // A failure is not kept: the next request asks again.
    fetched.catch(() => {
      if (this.tokens.get(key) === fetched) this.tokens.delete(key);
    });
    return fetched;
  }

  async isSignedIn(): Promise<boolean> {
    return !this.signedOut.get();
  }

  async signIn(tenantId?: string): Promise<boolean> {
    this.current = createIdentityCredentials(this.credentialKind, this.cloud, this.options);
    this.tokens.clear();
    // Asking for a token now surfaces a misconfigured credential here, not as a failing tree later.
    await this.credentials.credentialFor(tenantId).getToken(armScope(this.cloud));
    await this.signedOut.set(false);
    this.changed.fire();
    return true;
  }

  async signOut(): Promise<void> {
    await this.signedOut.set(true);
    this.changed.fire();
  }

  async tenants(factory: ClientFactory): Promise<TenantStatus[]> {
    return tenantsWithStatus(factory, async () => true);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
