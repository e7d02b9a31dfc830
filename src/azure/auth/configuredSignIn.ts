import * as vscode from 'vscode';
import { ClientFactory } from '../clients';
import { configuredCloud } from './cloudSettings';
import type { IdentityCredentialKind } from './identityCredentials';
import { IdentitySignIn } from './identitySignIn';
import type { AuthenticationKind, AzureSignIn, SignOutMemory } from './signIn';
import { VSCodeAccountSignIn } from './vscodeAccountSignIn';

export { SIGN_IN_SETTINGS } from './signInSettings';

export interface AzureConnection {
  readonly signIn: AzureSignIn;
  readonly factory: ClientFactory;
}

/** The sign-in and client factory the settings ask for. */
export function createConnection(context: vscode.ExtensionContext): AzureConnection {
  const config = vscode.workspace.getConfiguration('restorePoints');
  const kind = config.get<AuthenticationKind>('authentication', 'vscode');
  const cloud = configuredCloud();
  // Kept per sign-in kind: signing out of one path must not sign the other out.
  const key = `signedOut.${kind}`;
  const signedOut: SignOutMemory = { get: () => context.globalState.get<boolean>(key, false), set: (value) => context.globalState.update(key, value) };
  const signIn: AzureSignIn =
    kind === 'azureIdentity'
      ? new IdentitySignIn(cloud, config.get<IdentityCredentialKind>('azureIdentity.credential', 'environment'), { managedIdentityClientId: config.get<string>('azureIdentity.managedIdentityClientId') || undefined }, signedOut)
      : new VSCodeAccountSignIn(cloud, signedOut);
  return { signIn, factory: new ClientFactory(cloud, signIn.credentials) };
}
