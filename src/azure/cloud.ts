/** The Azure cloud the extension talks to: public, sovereign or custom (Azure Stack Hub, the local emulator). */
export interface CloudConfig {
  readonly name: string;
  /** ARM endpoint, with a trailing slash. */
  readonly resourceManagerEndpoint: string;
  /** Identity authority host (Microsoft Entra ID login endpoint), with a trailing slash. */
  readonly authorityHost: string;
  /** The ARM token audience; tokens are requested for `<audience>/.default`. */
  readonly audience: string;
  readonly portalUrl: string;
  readonly isCustomCloud: boolean;
  /**
   * Extra trusted roots (PEM) for a custom cloud whose certificates come from a private CA.
   * Added to Node's built-in roots for this extension's requests only.
   */
  readonly extraCertificates?: readonly string[];
}

/**
 * Whether the authority is AD FS (Azure Stack Hub disconnected from the internet): its first path
 * segment is `adfs`, the rule MSAL uses to treat an authority as AD FS.
 */
export function isAdfsAuthority(authorityHost: string): boolean {
  try {
    return new URL(authorityHost).pathname.split('/')[1]?.toLowerCase() === 'adfs';
  } catch {
    return false;
  }
}

export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export function armScope(cloud: CloudConfig): string {
  return `${withTrailingSlash(cloud.audience)}.default`;
}

/** The portal's page for a resource, in the tenant that owns it. */
export function portalUrl(cloud: CloudConfig, tenantId: string | undefined, resourceId: string): string {
  const base = cloud.portalUrl.replace(/\/+$/, '');
  const tenant = tenantId ? `@${tenantId}` : '';
  return `${base}/#${tenant}/resource${resourceId}`;
}
