import type * as vscode from 'vscode';
import type { ClientFactory, TenantCredentials } from '../clients';
import { listTenants, type TenantInfo } from '../arm';

export type AuthenticationKind = 'vscode' | 'azureIdentity';

export interface TenantStatus extends TenantInfo {
  /** Whether tokens for this tenant can be had without asking the user. */
  signedIn: boolean;
}

/** One way of signing in to Azure; the tree and the commands only see this. */
export interface AzureSignIn extends vscode.Disposable {
  readonly kind: AuthenticationKind;
  readonly credentials: TenantCredentials;
  /** Never prompts. */
  isSignedIn(): Promise<boolean>;
  /** May prompt. A tenant id signs in to that directory specifically. */
  signIn(tenantId?: string): Promise<boolean>;
  signOut(): Promise<void>;
  tenants(factory: ClientFactory): Promise<TenantStatus[]>;
  /** Sign-in state may have changed (sessions added or removed outside the extension). */
  readonly onDidChange: vscode.Event<void>;
  /**
   * Who is signed in, as a key that changes with the account or session and not with a token
   * refresh ('' when signed out); undefined where no such key exists (every change then counts).
   */
  identity?(): Promise<string>;
}

/** Remembers an explicit sign-out across restarts, so the identity path does not sign in again by itself. */
export interface SignOutMemory {
  get(): boolean;
  set(value: boolean): Thenable<void>;
}

export async function tenantsWithStatus(factory: ClientFactory, signedIn: (tenantId: string) => Promise<boolean>): Promise<TenantStatus[]> {
  const tenants = await listTenants(factory);
  return Promise.all(tenants.map(async (t) => ({ ...t, signedIn: await signedIn(t.tenantId) })));
}
