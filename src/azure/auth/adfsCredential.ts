import type { TokenCredential } from '@azure/core-auth';
import type { ClientSecretCredentialOptions } from '@azure/identity';
import * as l10n from '@vscode/l10n';
import { azureSdk } from '../lazySdk';

/** AD FS knows no tenants: @azure/identity's AD FS form names the tenant `adfs`. */
export const ADFS_TENANT = 'adfs';

/** The AD FS authority host (`https://adfs.<region>.<domain>/adfs`) and transport options. */
export type AdfsCredentialOptions = ClientSecretCredentialOptions & { authorityHost: string };

/**
 * The `environment` credential against an AD FS authority. `EnvironmentCredential` would take the
 * tenant from AZURE_TENANT_ID and build `<authority>/<tenant>`, which AD FS does not serve; so the
 * same variables (AZURE_CLIENT_ID with AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH) make
 * the credential in @azure/identity's documented AD FS form instead: tenant `adfs`, the authority
 * host ending in `/adfs`, instance discovery off. AZURE_TENANT_ID does not matter there.
 */
export function adfsEnvironmentCredential(options: AdfsCredentialOptions, env: NodeJS.ProcessEnv = process.env): TokenCredential {
  const { ClientCertificateCredential, ClientSecretCredential } = azureSdk();
  const common = { ...options, disableInstanceDiscovery: true };
  const clientId = env.AZURE_CLIENT_ID;
  if (clientId && env.AZURE_CLIENT_SECRET) return new ClientSecretCredential(ADFS_TENANT, clientId, env.AZURE_CLIENT_SECRET, common);
  if (clientId && env.AZURE_CLIENT_CERTIFICATE_PATH) {
    return new ClientCertificateCredential(ADFS_TENANT, clientId, { certificatePath: env.AZURE_CLIENT_CERTIFICATE_PATH, certificatePassword: env.AZURE_CLIENT_CERTIFICATE_PASSWORD }, common);
  }
  // Thrown when a token is asked for, where sign-in errors are shown, not while the extension starts.
  const missing = new Error(l10n.t('Signing in to AD FS ({0}) needs AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) in the environment VS Code runs in.', options.authorityHost));
  return { getToken: () => Promise.reject(missing) };
}
