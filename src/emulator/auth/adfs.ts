import type { Store } from '../engine/store';
import { checkClientCredentials, isProblem } from './clientCredentials';
import type { IdentityResponse } from './identity';
import type { TokenStore } from './tokens';

/**
 * The AD FS endpoints a client-credentials sign-in uses, as Azure Stack Hub disconnected from the
 * internet offers them: OpenID discovery at `/adfs/.well-known/openid-configuration` (MSAL reads it
 * for an authority whose first path segment is `adfs`), the signing keys and the token endpoint
 * `/adfs/oauth2/token`. AD FS has no tenants: the authority is `<host>/adfs` and clients name the
 * tenant `adfs`. Its one directory is the data set's first tenant, whose subscriptions its tokens open.
 */
export class AdfsEndpoints {
  constructor(
    private readonly store: Store,
    private readonly tokens: TokenStore,
  ) {}

  /** Returns undefined when the path is not an AD FS path. `base` is the endpoint the request reached. */
  handle(method: string, path: string, form: URLSearchParams, base: string): IdentityResponse | undefined {
    const m = /^\/adfs\/(\.well-known\/openid-configuration|discovery\/keys|oauth2\/token)\/?$/i.exec(path);
    if (!m) return undefined;
    const authority = `${base}/adfs`;
    switch (m[1].toLowerCase()) {
      case '.well-known/openid-configuration':
        if (method !== 'GET') return adfsError(405, 'invalid_request', 'MSIS9921', 'Only GET is supported here.');
        return {
          status: 200,
          body: {
            issuer: authority,
            authorization_endpoint: `${authority}/oauth2/authorize/`,
            token_endpoint: `${authority}/oauth2/token/`,
            jwks_uri: `${authority}/discovery/keys`,
            token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'private_key_jwt', 'windows_client'],
            response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token', 'code token', 'code id_token token'],
            response_modes_supported: ['query', 'fragment', 'form_post'],
            grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'implicit', 'password', 'device_code'],
            subject_types_supported: ['pairwise'],
            scopes_supported: ['openid', 'profile', 'email', 'allatclaims', 'user_impersonation'],
            id_token_signing_alg_values_supported: ['RS256'],
            access_token_issuer: `http://${new URL(authority).host}/adfs/services/trust`,
            userinfo_endpoint: `${authority}/userinfo`,
            end_session_endpoint: `${authority}/oauth2/logout`,
            device_authorization_endpoint: `${authority}/oauth2/devicecode`,
          },
        };
      case 'discovery/keys':
        return { status: 200, body: { keys: [] } };
      default:
        if (method !== 'POST') return adfsError(405, 'invalid_request', 'MSIS9921', 'The token endpoint only supports POST.');
        return this.token(form, base);
    }
  }

  private token(form: URLSearchParams, base: string): IdentityResponse {
    const directory = this.store.tenants.values().next().value;
    if (!directory) return adfsError(400, 'invalid_client', 'MSIS9607', 'No registered client is found with this identifier.');
    const result = checkClientCredentials(this.store, form, directory.tenantId, base);
    if (isProblem(result)) {
      switch (result.kind) {
        case 'grant':
          return adfsError(400, 'unsupported_grant_type', 'MSIS9611', `The authorization server does not support the requested 'grant_type' '${result.grant}'. Only client_credentials is supported here.`);
        case 'client':
          return adfsError(400, 'invalid_client', 'MSIS9607', `The 'client_id' parameter in the request is invalid. No registered client is found with the identifier '${result.clientId}'.`);
        case 'secret':
          return adfsError(401, 'invalid_client', 'MSIS9622', 'Client authentication failed. Please verify the credential provided for client authentication is valid.');
        default:
          return adfsError(400, 'invalid_scope', 'MSIS9602', `The requested scope '${result.scopes.join(' ')}' is not valid; ask for ${base}/.default.`);
      }
    }
    const { token, expiresIn } = this.tokens.issue(directory.tenantId, result.clientId, result.objectId, 'adfs');
    // AD FS answers a client-credentials grant with no refresh or id token and a lower-case token type.
    return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: expiresIn } };
  }
}

/**
 * AD FS's OAuth errors: `{error, error_description}` with an MSIS code leading the description.
 * Which MSIS code each case gets is the emulator's choice where public docs do not say.
 */
function adfsError(status: number, error: string, code: string, description: string): IdentityResponse {
  return { status, body: { error, error_description: `${code}: ${description}` } };
}
