import type { Store } from '../engine/store';
import type { Tenant } from '../engine/model';
import { checkClientCredentials, isProblem } from './clientCredentials';
import type { TokenStore } from './tokens';

export interface IdentityResponse {
  status: number;
  body: unknown;
}

/**
 * The Microsoft identity platform endpoints MSAL needs for a custom authority: OpenID discovery
 * per tenant, (optional) instance discovery, the signing keys document and the OAuth2 token
 * endpoint for the client-credentials grant. Errors use the AADSTS shapes MSAL understands.
 */
export class IdentityEndpoints {
  constructor(
    private readonly store: Store,
    private readonly tokens: TokenStore,
  ) {}

  /** Returns undefined when the path is not an identity path. `base` is the endpoint the request reached. */
  handle(method: string, path: string, form: URLSearchParams, base: string): IdentityResponse | undefined {
    if (method === 'GET' && /^\/common\/discovery\/instance\/?$/i.test(path)) {
      const host = new URL(base).host;
      return {
        status: 200,
        body: {
          tenant_discovery_endpoint: `${base}/{tenant}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
        },
      };
    }
    const m = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/token)\/?$/i.exec(path);
    if (!m) return undefined;
    const [, tenantSegment, which] = m;
    const tenant = this.findTenant(safeDecode(tenantSegment));
    if (!tenant) {
      return aadError(400, 'invalid_tenant', 90002, `Tenant '${tenantSegment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    }
    const tenantBase = `${base}/${tenant.tenantId}`;
    switch (which.toLowerCase()) {
      case 'v2.0/.well-known/openid-configuration':
        if (method !== 'GET') return aadError(405, 'invalid_request', 90056, 'Only GET is supported here.');
        return {
          status: 200,
          body: {
            token_endpoint: `${tenantBase}/oauth2/v2.0/token`,
            token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
            jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
            response_modes_supported: ['query', 'fragment', 'form_post'],
            subject_types_supported: ['pairwise'],
            id_token_signing_alg_values_supported: ['RS256'],
            response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
            scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
            issuer: `${tenantBase}/v2.0`,
            request_uri_parameter_supported: false,
            authorization_endpoint: `${tenantBase}/oauth2/v2.0/authorize`,
            device_authorization_endpoint: `${tenantBase}/oauth2/v2.0/devicecode`,
            end_session_endpoint: `${tenantBase}/oauth2/v2.0/logout`,
            tenant_region_scope: 'WW',
            cloud_instance_name: new URL(base).host,
          },
        };
      case 'discovery/v2.0/keys':
        return { status: 200, body: { keys: [] } };
      default:
        if (method !== 'POST') return aadError(405, 'invalid_request', 90056, 'The token endpoint only supports POST.');
        return this.token(tenant, form, base);
    }
  }

  private findTenant(segment: string): Tenant | undefined {
    const wanted = segment.toLowerCase();
    return [...this.store.tenants.values()].find((t) => t.tenantId.toLowerCase() === wanted || t.defaultDomain.toLowerCase() === wanted);
  }

  private token(tenant: Tenant, form: URLSearchParams, base: string): IdentityResponse {
    const result = checkClientCredentials(this.store, form, tenant.tenantId, base);
    if (isProblem(result)) {
      switch (result.kind) {
        case 'grant':
          return aadError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${result.grant}'. Only client_credentials is supported here.`);
        case 'client':
          return aadError(400, 'unauthorized_client', 700016, `Application with identifier '${result.clientId}' was not found in the directory '${tenant.displayName}'.`);
        case 'secret':
          return aadError(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
        default:
          return aadError(400, 'invalid_scope', 1002012, `The provided value for scope '${result.scopes.join(' ')}' is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI); the resource here is ${base}.`);
      }
    }
    const { token, expiresIn } = this.tokens.issue(tenant.tenantId, result.clientId, result.objectId, 'entra');
    return { status: 200, body: { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token } };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function aadError(status: number, error: string, code: number, description: string): IdentityResponse {
  const traceId = '00000000-0000-0000-0000-000000000000';
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Timestamp: ${new Date().toISOString()}`,
      error_codes: [code],
      timestamp: new Date().toISOString(),
      trace_id: traceId,
      correlation_id: traceId,
    },
  };
}
