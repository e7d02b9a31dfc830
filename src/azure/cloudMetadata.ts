import type { PipelineResponse } from '@azure/core-rest-pipeline';
import * as l10n from '@vscode/l10n';
import { isAdfsAuthority, withTrailingSlash } from './cloud';
import { sharedAgentPolicy } from './httpsAgent';
import { azureSdk } from './lazySdk';

/** What a cloud's ARM endpoint says about itself: enough for `microsoft-sovereign-cloud.customEnvironment`. */
export interface DiscoveredCloud {
  /** The cloud's name when the metadata gives one (the list form does), else the ARM host name. */
  readonly name: string;
  /** The ARM endpoint asked, with a trailing slash. */
  readonly resourceManagerEndpoint: string;
  /** Where to sign in: Microsoft Entra ID's login endpoint or an AD FS authority (`.../adfs`). */
  readonly loginEndpoint: string;
  readonly identityProvider: 'entra' | 'adfs';
  /** The token audience, `authentication.audiences[0]` as `az cloud register` takes it. */
  readonly audience: string;
  readonly portalUrl?: string;
}

export type CloudMetadataProblem = 'unreachable' | 'untrusted' | 'notArm';

/** Why the metadata could not be read; the message says what to do and never holds a secret (no token is sent). */
export class CloudMetadataError extends Error {
  constructor(
    readonly problem: CloudMetadataProblem,
    message: string,
  ) {
    // The name stays 'Error': error reports show a name other than that as a code before the message.
    super(message);
  }
}

/** The form Azure Stack Hub and `az cloud register --endpoint-resource-manager` read; public ARM answers it too. */
const METADATA_API_VERSION = '2015-01-01';
/** How long an installed extension waits for the metadata; the message for an endpoint that does not answer names it. */
const TIMEOUT_MS = 15_000;
let timeoutMs = TIMEOUT_MS;

/**
 * Shortens the wait for an endpoint that accepts the connection and never answers, so a test of
 * that case does not sit out 15 seconds; undefined restores it. The message still names the
 * 15 seconds an installed extension waits, which never calls this.
 */
export function setCloudMetadataTimeoutForTests(ms: number | undefined): void {
  timeoutMs = ms ?? TIMEOUT_MS;
}

/** Node's codes for a certificate chain or name the client does not trust. */
const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Reads `GET <arm>/metadata/endpoints` (no token: ARM serves it to anyone), trusting the system's
 * certificates plus `extraCertificates` (a private CA's PEM). Accepts both shapes ARM has: the
 * 2015-01-01 object (`authentication.loginEndpoint`, `.audiences`, `portalEndpoint`) and the list
 * of clouds later api-versions answer (the entry whose `resourceManager` is this endpoint).
 */
export async function readCloudMetadata(resourceManagerEndpoint: string, extraCertificates?: readonly string[]): Promise<DiscoveredCloud> {
  const arm = withTrailingSlash(resourceManagerEndpoint);
  const { createDefaultHttpClient, createEmptyPipeline, createPipelineRequest, proxyPolicy, proxyPolicyName } = azureSdk();
  // The ARM clients' proxy and agent, and nothing else: one attempt, no retry, no sign-in.
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(proxyPolicy());
  pipeline.addPolicy(sharedAgentPolicy(extraCertificates), { afterPolicies: [proxyPolicyName] });
  const request = createPipelineRequest({ url: `${arm}metadata/endpoints?api-version=${METADATA_API_VERSION}`, method: 'GET', timeout: timeoutMs });
  request.headers.set('Accept', 'application/json');
  let response: PipelineResponse;
  try {
    response = await pipeline.sendRequest(createDefaultHttpClient(), request);
  } catch (error) {
    throw connectionProblem(arm, error);
  }
  if (response.status !== 200) {
    throw new CloudMetadataError('notArm', l10n.t('{0} is not an Azure Resource Manager endpoint: its cloud metadata (/metadata/endpoints) answered HTTP {1}.', arm, response.status));
  }
  const cloud = parseCloudMetadata(arm, response.bodyAsText ?? '');
  if (!cloud) {
    throw new CloudMetadataError('notArm', l10n.t('{0} is not an Azure Resource Manager endpoint: its answer to /metadata/endpoints names no sign-in endpoint and token audience.', arm));
  }
  return cloud;
}

function connectionProblem(arm: string, error: unknown): CloudMetadataError {
  // Nothing else aborts this request: an AbortError is the timeout, whose own message ("The operation was aborted") says nothing to the user.
  if ((error as { name?: unknown }).name === 'AbortError') {
    return new CloudMetadataError('unreachable', l10n.t('{0} did not answer within {1} seconds. Check the address, the network and any proxy.', arm, TIMEOUT_MS / 1000));
  }
  const code = (error as { code?: unknown }).code;
  const reason = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && UNTRUSTED_CERTIFICATE.has(code)) {
    return new CloudMetadataError('untrusted', l10n.t('The certificate of {0} is not trusted ({1}). If the cloud uses a private certificate authority (Azure Stack Hub does), give that authority\'s certificate file (PEM).', arm, reason));
  }
  return new CloudMetadataError('unreachable', l10n.t('Cannot reach {0} ({1}). Check the address, the network and any proxy.', arm, reason));
}

interface MetadataShape {
  name?: unknown;
  resourceManager?: unknown;
  portal?: unknown;
  portalEndpoint?: unknown;
  authentication?: { loginEndpoint?: unknown; audiences?: unknown };
}

/** The cloud `text` (the body of /metadata/endpoints) describes for the ARM endpoint `arm`, or undefined when it describes none. */
export function parseCloudMetadata(arm: string, text: string): DiscoveredCloud | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const entries = (Array.isArray(parsed) ? parsed : [parsed]).filter((e): e is MetadataShape => typeof e === 'object' && e !== null);
  const entry = Array.isArray(parsed) ? entries.find((e) => typeof e.resourceManager === 'string' && sameEndpoint(e.resourceManager, arm)) : entries[0];
  const loginEndpoint = entry?.authentication?.loginEndpoint;
  const audiences = entry?.authentication?.audiences;
  const audience = Array.isArray(audiences) ? audiences[0] : undefined;
  if (typeof loginEndpoint !== 'string' || !isHttpsUrl(loginEndpoint) || typeof audience !== 'string' || audience === '') return undefined;
  const portal = [entry?.portalEndpoint, entry?.portal].find((p): p is string => typeof p === 'string' && isHttpsUrl(p));
  return {
    name: typeof entry?.name === 'string' && entry.name ? entry.name : new URL(arm).hostname,
    resourceManagerEndpoint: arm,
    loginEndpoint: withTrailingSlash(loginEndpoint),
    identityProvider: isAdfsAuthority(loginEndpoint) ? 'adfs' : 'entra',
    audience,
    ...(portal ? { portalUrl: portal } : {}),
  };
}

function sameEndpoint(a: string, b: string): boolean {
  return withTrailingSlash(a).toLowerCase() === withTrailingSlash(b).toLowerCase();
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
