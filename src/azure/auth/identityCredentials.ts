import type { AdditionalPolicyConfig } from '@azure/core-client';
import type { GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { isAdfsAuthority, type CloudConfig } from '../cloud';
import type { TenantCredentials } from '../clients';
import { sharedAgentEntry } from '../httpsAgent';
import { azureSdk } from '../lazySdk';
import { requestProtocolEntry } from '../requestProtocol';
import { adfsEnvironmentCredential } from './adfsCredential';

/** Which @azure/identity credential signs in (setting `restorePoints.azureIdentity.credential`). */
export type IdentityCredentialKind = 'environment' | 'azureCli' | 'managedIdentity';

export interface IdentityCredentialOptions {
  /** A user-assigned managed identity; the system-assigned one when absent. */
  managedIdentityClientId?: string;
}

/**
 * How a credential's token requests travel: the ARM clients' agent where no proxy applies (its
 * certificate store is built once, not per token request), given after the SDK's proxy policy, and
 * their protocol named for a proxy agent, as ARM requests' is (requestProtocol.ts).
 */
export function credentialTransport(cloud: Pick<CloudConfig, 'extraCertificates'>): { additionalPolicies: AdditionalPolicyConfig[] } {
  return { additionalPolicies: [sharedAgentEntry(cloud.extraCertificates), requestProtocolEntry] };
}

/**
 * @azure/identity credentials for machines where no one can answer a browser sign-in (remote
 * hosts, CI). One credential serves every tenant: per-tenant tokens are asked for with
 * `getToken(..., { tenantId })`, which `additionallyAllowedTenants: ['*']` permits.
 */
export function createIdentityCredentials(kind: IdentityCredentialKind, cloud: CloudConfig, options: IdentityCredentialOptions = {}): TenantCredentials {
  const { AzureCliCredential, EnvironmentCredential, ManagedIdentityCredential } = azureSdk();
  const sharedAgent = credentialTransport(cloud);
  const common = {
    authorityHost: cloud.authorityHost,
    additionallyAllowedTenants: ['*'],
    // Instance discovery asks login.microsoftonline.com about the authority, which a custom cloud is unknown to.
    disableInstanceDiscovery: cloud.isCustomCloud,
    ...sharedAgent,
  };
  let credential: TokenCredential;
  let multiTenant = true;
  const adfs = isAdfsAuthority(cloud.authorityHost);
  switch (kind) {
    case 'azureCli':
      // The CLI's cloud comes from `az cloud set`; it runs locally, so no authority or TLS options apply.
      credential = new AzureCliCredential({ additionallyAllowedTenants: ['*'] });
      break;
    case 'managedIdentity':
      credential = options.managedIdentityClientId ? new ManagedIdentityCredential({ clientId: options.managedIdentityClientId }) : new ManagedIdentityCredential();
      // A managed identity lives in one tenant; asking it for another fails, so the tenant is not passed.
      multiTenant = false;
      break;
    default:
      credential = adfs ? adfsEnvironmentCredential({ authorityHost: cloud.authorityHost, ...sharedAgent }) : new EnvironmentCredential(common);
  }
  // AD FS has one directory and no tenant ids: every token comes from the same authority.
  if (adfs) multiTenant = false;
  return {
    credentialFor(tenantId: string | undefined): TokenCredential {
      if (!tenantId || !multiTenant) return credential;
      return { getToken: (scopes: string | string[], getTokenOptions?: GetTokenOptions) => credential.getToken(scopes, { ...getTokenOptions, tenantId }) };
    },
  };
}
