import type { IdentityMode } from './auth/tokens';

export interface MetadataResponse {
  status: number;
  body: unknown;
}

/** The api-versions of `GET /metadata/endpoints`: 2015-01-01 answers one cloud (Azure Stack Hub's and `az cloud register`'s form), the later ones a list. */
const SINGLE_CLOUD = '2015-01-01';
const CLOUD_LIST = ['2019-05-01', '2022-09-01'];

/**
 * ARM's cloud metadata, which needs no token: where to sign in, the token audience, the portal.
 * `az cloud register --endpoint-resource-manager` and Azure Stack Hub clients read the 2015-01-01
 * object; public ARM also serves a list of every cloud it knows (2019-05-01, 2022-09-01), of which
 * the emulator knows one. A missing or unknown api-version gets ARM's usual 400 (the emulator's
 * choice: public docs do not say what this route answers then).
 */
export function cloudMetadata(method: string, path: string, query: URLSearchParams, endpoint: string, identity: IdentityMode): MetadataResponse | undefined {
  if (!/^\/metadata\/endpoints\/?$/i.test(path)) return undefined;
  if (method !== 'GET') return error(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`);
  const apiVersion = query.get('api-version');
  if (!apiVersion) return error(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  const loginEndpoint = identity === 'adfs' ? `${endpoint}/adfs` : `${endpoint}/`;
  const audiences = [`${endpoint}/`];
  if (apiVersion === SINGLE_CLOUD) {
    return {
      status: 200,
      body: {
        galleryEndpoint: `${endpoint}/`,
        graphEndpoint: `${endpoint}/`,
        portalEndpoint: `${endpoint}/`,
        authentication: { loginEndpoint, audiences },
      },
    };
  }
  if (CLOUD_LIST.includes(apiVersion)) {
    return {
      status: 200,
      body: [
        {
          name: 'ArmEmulator',
          portal: endpoint,
          resourceManager: `${endpoint}/`,
          authentication: { loginEndpoint, audiences, tenant: identity === 'adfs' ? 'adfs' : 'common', identityProvider: identity === 'adfs' ? 'ADFS' : 'AAD' },
          graph: `${endpoint}/`,
          graphAudience: `${endpoint}/`,
          suffixes: {},
        },
      ],
    };
  }
  return error(400, 'InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid. The supported versions are '${[SINGLE_CLOUD, ...CLOUD_LIST].join(',')}'.`);
}

function error(status: number, code: string, message: string): MetadataResponse {
  return { status, body: { error: { code, message } } };
}
