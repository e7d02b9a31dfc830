import type { Principal, Store } from '../engine/store';

/** Why a client-credentials token request is refused; each identity provider words it its own way. */
export type ClientCredentialsProblem =
  | { kind: 'grant'; grant: string }
  | { kind: 'client'; clientId: string }
  | { kind: 'secret' }
  | { kind: 'scope'; scopes: string[] };

/**
 * The client-credentials grant as both identity providers check it: the grant type, an application
 * registered in the directory, its secret, and one scope naming this emulator's ARM endpoint
 * (`<endpoint>/.default`, with or without a trailing slash before `.default`).
 */
export function checkClientCredentials(store: Store, form: URLSearchParams, tenantId: string, endpoint: string): Principal | ClientCredentialsProblem {
  const grant = form.get('grant_type') ?? '';
  if (grant !== 'client_credentials') return { kind: 'grant', grant };
  const clientId = form.get('client_id') ?? '';
  const principal = store.principals.get(clientId.toLowerCase());
  if (!principal || !principal.tenantIds.includes(tenantId)) return { kind: 'client', clientId };
  if (form.get('client_secret') !== principal.secret) return { kind: 'secret' };
  const scopes = (form.get('scope') ?? '').split(' ').filter((s) => s !== '' && !['openid', 'profile', 'offline_access'].includes(s));
  if (scopes.length !== 1 || !isArmScope(scopes[0], endpoint)) return { kind: 'scope', scopes };
  return principal;
}

export function isProblem(result: Principal | ClientCredentialsProblem): result is ClientCredentialsProblem {
  return 'kind' in result;
}

/** The emulator's ARM endpoint is the audience, with or without a trailing slash. */
function isArmScope(scope: string, endpoint: string): boolean {
  if (!scope.endsWith('/.default')) return false;
  const audience = scope.slice(0, -'/.default'.length).replace(/\/+$/, '');
  return audience.toLowerCase() === endpoint.toLowerCase();
}
