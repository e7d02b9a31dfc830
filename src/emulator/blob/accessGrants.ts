import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { key } from '../engine/ids';
import { DiskImage } from './diskImage';

/**
 * Path-style blob URLs, as Azurite serves them (`https://127.0.0.1:port/<account>/<container>/<blob>`).
 * Managed disks' SAS URLs name accounts `md-…` and the blob `abcd` (see Microsoft's examples);
 * the `md-impexp-` prefix tells the emulator's blob paths from ARM's and the identity endpoints'.
 */
export const BLOB_ACCOUNT_PREFIX = 'md-impexp-';
const BLOB_NAME = 'abcd';
const DIGEST_STEP = 4 * 1024 * 1024;

export interface AccessGrant {
  resourceId: string;
  /** `/<account>/<container>/abcd`. */
  path: string;
  /** The stored access policy id the SAS names. */
  policyId: string;
  signature: string;
  expiresAt: number;
  revoked: boolean;
  image: DiskImage;
}

export interface GrantRequest {
  resourceId: string;
  sizeBytes: number;
  durationSeconds: number;
  now: number;
  /** Where the SAS URL points: the emulator's own endpoint. */
  endpoint: string;
  createdAtMs: number;
}

export interface BlobDescription {
  blobBytes: number;
  dataBytes: number;
  pageRanges: readonly { start: number; end: number }[];
  active: boolean;
  expiresAt: string;
}

/** Why a blob request is refused, in the words Azure Storage uses. */
export type SasProblem = { code: 'AuthenticationFailed'; detail: string } | { code: 'ResourceNotFound' };

/**
 * Active and past grants of read access to disks and disk restore points. A SAS names a stored
 * access policy (`si`) rather than carrying its own expiry, as managed disks' SAS URLs do, so a
 * second grant while one is active returns the same URL with the policy's expiry moved on.
 */
export class AccessGrants {
  private readonly byResource = new Map<string, AccessGrant>();
  private readonly byPath = new Map<string, AccessGrant>();
  private readonly signingKey = randomBytes(32);
  private readonly issued: string[] = [];
  /** Data sizes a test chose for a disk, by id; otherwise the image picks its own. */
  private readonly dataBytes = new Map<string, number>();
  /** Resources whose next grant hands out a URL with an altered signature. */
  private readonly tamperNext = new Set<string>();

  clear(): void {
    this.byResource.clear();
    this.byPath.clear();
    this.dataBytes.clear();
    this.tamperNext.clear();
  }

  /**
   * The next grant for the resource returns its URL with one character of the signature changed,
   * as a URL damaged on its way (a rewriting proxy, a bad copy) would arrive: Storage refuses it
   * with 403 AuthenticationFailed, "Signature did not match". The grant itself is as usual.
   */
  tamperNextUrl(resourceId: string): void {
    this.tamperNext.add(key(resourceId));
  }

  setDataBytes(resourceId: string, bytes: number): void {
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError('dataBytes must be a non-negative integer');
    this.dataBytes.set(key(resourceId), bytes);
  }

  active(resourceId: string, now: number): AccessGrant | undefined {
    const grant = this.byResource.get(key(resourceId));
    return grant && !grant.revoked && grant.expiresAt > now ? grant : undefined;
  }

  grant(request: GrantRequest): { url: string; grant: AccessGrant } {
    const granted = this.grantUntampered(request);
    if (!this.tamperNext.delete(key(request.resourceId))) return granted;
    const { signature } = granted.grant;
    const altered = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    // Handed out as a secret like any other: the tests that search logs for signatures look for it too.
    this.issued.push(altered);
    return { ...granted, url: granted.url.replace(`sig=${encodeURIComponent(signature)}`, `sig=${encodeURIComponent(altered)}`) };
  }

  private grantUntampered(request: GrantRequest): { url: string; grant: AccessGrant } {
    const expiresAt = request.now + request.durationSeconds * 1000;
    const current = this.active(request.resourceId, request.now);
    if (current) {
      current.expiresAt = Math.max(current.expiresAt, expiresAt);
      return { url: this.urlOf(current, request.endpoint), grant: current };
    }
    const path = `/${BLOB_ACCOUNT_PREFIX}${randomBytes(6).toString('hex')}/${randomBytes(6).toString('hex')}/${BLOB_NAME}`;
    const policyId = randomUUID();
    const image = new DiskImage({ seed: key(request.resourceId), sizeBytes: request.sizeBytes, dataBytes: this.dataBytes.get(key(request.resourceId)), createdAtMs: request.createdAtMs });
    const grant: AccessGrant = { resourceId: request.resourceId, path, policyId, signature: this.sign(path, policyId), expiresAt, revoked: false, image };
    // An earlier grant's URL stays known, so it is refused (403) rather than unknown (404), as Azure does.
    this.byResource.set(key(request.resourceId), grant);
    this.byPath.set(path.toLowerCase(), grant);
    this.issued.push(grant.signature);
    return { url: this.urlOf(grant, request.endpoint), grant };
  }

  /** Every SAS signature issued since the emulator started (a reset keeps them), for tests that search logs for them. */
  signatures(): string[] {
    return [...this.issued];
  }

  /** What tests compare a download with: the blob's page ranges and whether its grant is still usable. */
  describe(resourceId: string, now: number): BlobDescription | undefined {
    const grant = this.byResource.get(key(resourceId));
    if (!grant) return undefined;
    const { image } = grant;
    return { blobBytes: image.blobBytes, dataBytes: image.dataBytes, pageRanges: image.pageRanges, active: this.active(resourceId, now) !== undefined, expiresAt: new Date(grant.expiresAt).toISOString() };
  }

  /** SHA-256 of the blob's bytes from `start` to `end` inclusive, read 4 MiB at a time: what a test compares a downloaded file with. */
  digest(resourceId: string, start: number, end: number): string | undefined {
    const grant = this.byResource.get(key(resourceId));
    if (!grant) return undefined;
    const hash = createHash('sha256');
    for (let from = start; from <= end; from += DIGEST_STEP) hash.update(grant.image.read(from, Math.min(end, from + DIGEST_STEP - 1)));
    return hash.digest('hex');
  }

  /** Ends the grant; its URL is refused from now on. Revoking nothing is not an error (ARM: 200). */
  revoke(resourceId: string): void {
    const grant = this.byResource.get(key(resourceId));
    if (grant) grant.revoked = true;
  }

  /** The grant a blob request is for, or why it is refused. */
  authorize(path: string, query: URLSearchParams, now: number): AccessGrant | SasProblem {
    const grant = this.byPath.get(path.toLowerCase());
    if (!grant) return { code: 'ResourceNotFound' };
    const sig = query.get('sig') ?? '';
    if (query.get('si') !== grant.policyId || !sameText(sig, grant.signature)) {
      return { code: 'AuthenticationFailed', detail: `Signature did not match. String to sign used was r\n\n\n${grant.path}\n${query.get('si') ?? ''}` };
    }
    if (grant.revoked) return { code: 'AuthenticationFailed', detail: `Identifier ${grant.policyId} is not valid: the access policy was removed.` };
    if (now >= grant.expiresAt) {
      return { code: 'AuthenticationFailed', detail: `Signature not valid in the specified time frame: Expiry [${new Date(grant.expiresAt).toUTCString()}] - Current [${new Date(now).toUTCString()}]` };
    }
    return grant;
  }

  private urlOf(grant: AccessGrant, endpoint: string): string {
    return `${endpoint}${grant.path}?sv=2018-03-28&sr=b&si=${grant.policyId}&sig=${encodeURIComponent(grant.signature)}`;
  }

  private sign(path: string, policyId: string): string {
    return createHmac('sha256', this.signingKey).update(`${path}\n${policyId}`).digest('base64');
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
