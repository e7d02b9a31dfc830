import type { IncomingMessage } from 'node:http';
import type { TokenStore } from '../auth/tokens';
import type { Store } from '../engine/store';
import type { ArmRoute, Caller } from './context';
import type { Params } from './router';
import { ArmError } from './errors';

/**
 * Where a client signs in, as ARM's 401 names it: the Microsoft Entra authority (with the tenant
 * when ARM knows it), or, on a cloud signed in through AD FS (Azure Stack Hub), the AD FS
 * authority, whatever the tenant.
 */
export interface Authority {
  endpoint: string;
  adfs: boolean;
}

function challenge(authority: Authority, description: string, tenantId?: string): Record<string, string> {
  const uri = authority.adfs ? `${authority.endpoint}/adfs` : tenantId ? `${authority.endpoint}/${tenantId}` : `${authority.endpoint}/`;
  return { 'WWW-Authenticate': `Bearer authorization_uri="${uri}", error="invalid_token", error_description="${description}"` };
}

/** ARM's bearer check: the token must be one this emulator issued and still valid. */
export function authenticate(req: IncomingMessage, tokens: TokenStore, authority: Authority): Caller {
  const header = req.headers.authorization;
  if (!header) {
    throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", undefined,
      challenge(authority, "The authentication failed because of missing 'Authorization' header."));
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) {
    throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is provided in an invalid format.", undefined,
      challenge(authority, "The authentication failed because of invalid 'Authorization' header format."));
  }
  const issued = tokens.lookup(m[1]);
  if (issued === 'expired') {
    throw new ArmError(401, 'ExpiredAuthenticationToken', 'The access token has expired. Acquire a new access token and try again.', undefined,
      challenge(authority, 'The access token has expired.'));
  }
  if (!issued) {
    throw new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid.', undefined, challenge(authority, 'The access token is invalid.'));
  }
  return { clientId: issued.clientId, objectId: issued.objectId, tenantId: issued.tenantId };
}

/** The subscription, tenant, RBAC and resource group checks ARM makes before a provider sees the call. */
export function checkScope(route: ArmRoute, params: Params, caller: Caller, store: Store, authority: Authority): void {
  const { endpoint } = authority;
  if (route.scope === 'tenant') return;
  const subId = params.subscriptionId;
  const sub = store.getSubscription(subId);
  if (!sub) throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${subId}' could not be found.`);
  if (sub.tenantId !== caller.tenantId) {
    throw new ArmError(401, 'InvalidAuthenticationTokenTenant',
      `The access token is from the wrong issuer '${endpoint}/${caller.tenantId}/'. It must match the tenant '${endpoint}/${sub.tenantId}/' associated with this subscription. Please use the authority (URL) '${endpoint}/${sub.tenantId}' to get the token.`,
      undefined, challenge(authority, 'The access token is from the wrong issuer.', sub.tenantId));
  }
  if (route.scope === 'subscription') return;
  if (!sub.accessible) {
    const scope = params.resourceGroupName ? `/subscriptions/${subId}/resourceGroups/${params.resourceGroupName}` : `/subscriptions/${subId}`;
    throw new ArmError(403, 'AuthorizationFailed',
      `The client '${caller.clientId}' with object id '${caller.objectId}' does not have authorization to perform action '${route.action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`);
  }
  if (route.scope === 'access') return;
  if (!store.getResourceGroup(subId, params.resourceGroupName)) {
    throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${params.resourceGroupName}' could not be found.`);
  }
}
