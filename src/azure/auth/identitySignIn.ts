import * as vscode from 'vscode';
import { armScope, type CloudConfig } from '../cloud';
import type { ClientFactory, TenantCredentials } from '../clients';
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

  constructor(
    private readonly cloud: CloudConfig,
    kind: IdentityCredentialKind,
    options: IdentityCredentialOptions,
    private readonly signedOut: SignOutMemory,
  ) {
    this.credentials = createIdentityCredentials(kind, cloud, options);
  }

  async isSignedIn(): Promise<boolean> {
    return !this.signedOut.get();
  }

  async signIn(tenantId?: string): Promise<boolean> {
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
