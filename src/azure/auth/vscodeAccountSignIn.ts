import type { AccessToken, TokenCredential } from '@azure/core-auth';
import * as vscode from 'vscode';
import { armScope, isAdfsAuthority, type CloudConfig } from '../cloud';
import type { ClientFactory, TenantCredentials } from '../clients';
import { rememberSecret } from '../logging';
import { onTokenRejected } from './tokenRejection';
import { tenantsWithStatus, type AzureSignIn, type SignOutMemory, type TenantStatus } from './signIn';

/**
 * Sign-in with the Microsoft account VS Code already knows (`vscode.authentication`), the way
 * Microsoft's Azure extensions do it: the provider is `microsoft`, or `microsoft-sovereign-cloud`
 * when the configured cloud (cloudSettings.ts) is a sovereign or custom one.
 * @microsoft/vscode-azext-azureauth's VSCodeAzureSubscriptionProvider is not used: it builds SDK
 * clients without TLS options (a custom cloud behind a private CA cannot be reached) and hands
 * out a credential that keeps the first token forever; sessions are asked for here instead.
 */
export class VSCodeAccountSignIn implements AzureSignIn {
  readonly kind = 'vscode' as const;
  readonly credentials: TenantCredentials;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private askedInAccountsMenu = false;
  private readonly rejections: { dispose(): void };
  /** ARM refused the session's token: the next sign-in asks the provider for a new session, not the same one. */
  private tokenRejected = false;

  constructor(
    private readonly cloud: CloudConfig,
    private readonly signedOut: SignOutMemory,
  ) {
    this.subscription = vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === this.providerId()) this.changed.fire();
    });
    this.credentials = { credentialFor: (tenantId) => this.credential(tenantId) };
    this.rejections = onTokenRejected(() => (this.tokenRejected = true));
  }

  /** The rule of @microsoft/vscode-azext-azureauth's getConfiguredAuthProviderId(), applied to the cloud we use. */
  private providerId(): string {
    return this.cloud.name === 'AzureCloud' ? 'microsoft' : 'microsoft-sovereign-cloud';
  }

  /** `VSCODE_TENANT:` is how VS Code's Microsoft providers are asked for a token of a given directory. */
  private scopes(tenantId: string | undefined): string[] {
    return tenantId ? [armScope(this.cloud), `VSCODE_TENANT:${tenantId}`] : [armScope(this.cloud)];
  }

  private session(tenantId: string | undefined, options: vscode.AuthenticationGetSessionOptions): Thenable<vscode.AuthenticationSession | undefined> {
    return vscode.authentication.getSession(this.providerId(), this.scopes(tenantId), options);
  }

  private credential(tenantId: string | undefined): TokenCredential {
    return {
      getToken: async (): Promise<AccessToken> => {
        const session = await this.session(tenantId, { silent: true });
        if (!session) throw new Error(vscode.l10n.t('Not signed in to Azure{0}.', tenantId ? ` (tenant ${tenantId})` : ''));
        rememberSecret(session.accessToken);
        // The provider refreshes its tokens itself; claiming immediate expiry makes the SDK ask it each time.
        return { token: session.accessToken, expiresOnTimestamp: Date.now() };
      },
    };
  }

  async isSignedIn(): Promise<boolean> {
    if (this.signedOut.get() || this.adfs()) return false;
    const signedIn = (await this.session(undefined, { silent: true })) !== undefined;
    if (!signedIn && !this.askedInAccountsMenu) {
      this.askedInAccountsMenu = true;
      // Neither silent nor createIfNone: VS Code adds "Sign in to use Restore Points" to its Accounts menu.
      this.session(undefined, {}).then(undefined, () => undefined);
    }
    return signedIn;
  }

  /**
   * VS Code's Microsoft providers sign in as VS Code's own Microsoft Entra application at
   * `<activeDirectoryEndpointUrl><tenant>`; AD FS knows neither, so the account cannot be asked.
   */
  private adfs(): boolean {
    return isAdfsAuthority(this.cloud.authorityHost);
  }

  async signIn(tenantId?: string): Promise<boolean> {
    if (this.adfs()) {
      throw new Error(vscode.l10n.t("VS Code's Microsoft account sign-in does not support AD FS ({0}). Set `restorePoints.authentication` to `azureIdentity` to sign in with a service principal.", this.cloud.authorityHost));
    }
    const options: vscode.AuthenticationGetSessionOptions = this.tokenRejected
      ? { forceNewSession: { detail: vscode.l10n.t('Azure no longer accepts the current sign-in.') } }
      : { createIfNone: true };
    const session = await this.session(tenantId, options);
    this.tokenRejected = false;
    await this.signedOut.set(false);
    this.changed.fire();
    return session !== undefined;
  }

  /** VS Code lets no extension sign an account out of VS Code; the extension stops using it instead. */
  async signOut(): Promise<void> {
    await this.signedOut.set(true);
    this.changed.fire();
  }

  /** The provider fires for every token it refreshes; the account and session ids stay the same then. */
  async identity(): Promise<string> {
    if (this.signedOut.get()) return '';
    const session = await this.session(undefined, { silent: true });
    return session ? `${session.account.id} ${session.id}` : '';
  }

  async tenants(factory: ClientFactory): Promise<TenantStatus[]> {
    return tenantsWithStatus(factory, async (tenantId) => (await this.session(tenantId, { silent: true })) !== undefined);
  }

  dispose(): void {
    this.rejections.dispose();
    this.subscription.dispose();
    this.changed.dispose();
  }
}
