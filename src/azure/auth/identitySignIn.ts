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
export class IdentitySignIn implements AzureSignIn {
  readonly kind = 'azureIdentity' as const;
  readonly credentials: TenantCredentials;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Replaced by each sign-in, so that a token ARM refused is not handed out again from the old one's cache. */
  private current: TenantCredentials;

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
   * each request; the credential answers from its own cache, which a new sign-in replaces.
   */
  private async token(tenantId: string | undefined, scopes: string | string[], getTokenOptions?: GetTokenOptions): Promise<AccessToken | null> {
    const token = await this.current.credentialFor(tenantId).getToken(scopes, getTokenOptions);
    if (!token) return null;
    rememberSecret(token.token);
    return { token: token.token, tokenType: token.tokenType, expiresOnTimestamp: Date.now() };
  }

  async isSignedIn(): Promise<boolean> {
    return !this.signedOut.get();
  }

  async signIn(tenantId?: string): Promise<boolean> {
    this.current = createIdentityCredentials(this.credentialKind, this.cloud, this.options);
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
