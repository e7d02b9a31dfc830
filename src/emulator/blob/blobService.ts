import type { IncomingMessage, ServerResponse } from 'node:http';
import { BLOB_ACCOUNT_PREFIX, type AccessGrant, type AccessGrants } from './accessGrants';
import type { ByteRange } from './diskImage';

const STORAGE_VERSION = '2025-01-05';
/** Pieces a whole-blob GET is streamed in, so a 1 TiB blob never sits in memory. */
const STREAM_PIECE = 4 * 1024 * 1024;

export const isBlobPath = (path: string): boolean => path.toLowerCase().startsWith(`/${BLOB_ACCOUNT_PREFIX}`);

/**
 * The read side of Azure Blob Storage for a granted page blob: Get Blob Properties (HEAD),
 * Get Blob with `x-ms-range`/`Range`, and Get Page Ranges (`comp=pagelist`, paged with
 * `marker`/`maxresults` as List Page Ranges is). Errors are Storage's XML, not ARM's JSON.
 */
export async function serveBlob(grants: AccessGrants, req: IncomingMessage, res: ServerResponse, url: URL, now: number): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const rangeHeader = requestedRange(req);
  const found = grants.authorize(url.pathname, url.searchParams, now);
  if ('code' in found) {
    if (found.code === 'ResourceNotFound') storageError(res, method, 404, 'ResourceNotFound', 'The specified resource does not exist.');
    else storageError(res, method, 403, 'AuthenticationFailed', 'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.', found.detail);
    return;
  }
  const grant = found;
  if (method !== 'GET' && method !== 'HEAD') {
    storageError(res, method, 403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.');
    return;
  }
  const size = grant.image.blobBytes;
  const range = rangeHeader === undefined ? undefined : parseRange(rangeHeader, size);
  if (range === 'invalid') {
    storageError(res, method, 416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.', undefined, { 'Content-Range': `bytes */${size}` });
    return;
  }
  if (url.searchParams.get('comp') === 'pagelist') {
    sendPageList(res, grant, range, url.searchParams);
    return;
  }
  const headers = { ...blobHeaders(grant), 'Accept-Ranges': 'bytes', 'Content-Type': 'application/octet-stream' };
  if (method === 'HEAD') {
    res.writeHead(200, { ...headers, 'Content-Length': size });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  res.writeHead(range ? 206 : 200, { ...headers, 'Content-Length': end - start + 1, ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}) });
  await streamBytes(res, grant, start, end);
}

async function streamBytes(res: ServerResponse, grant: AccessGrant, start: number, end: number): Promise<void> {
  for (let at = start; at <= end && !res.destroyed; at += STREAM_PIECE) {
    const piece = grant.image.read(at, Math.min(end, at + STREAM_PIECE - 1));
    if (!res.write(piece)) await once(res, 'drain', 'close');
  }
  res.end();
}

/** Waits for the first of two events and leaves no listener behind. */
function once(res: ServerResponse, a: string, b: string): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off(a, done);
      res.off(b, done);
      resolve();
    };
    res.on(a, done);
    res.on(b, done);
  });
}

function sendPageList(res: ServerResponse, grant: AccessGrant, range: ByteRange | undefined, query: URLSearchParams): void {
  const within = grant.image.pageRanges
    .filter((r) => !range || (r.end >= range.start && r.start <= range.end))
    .map((r) => (range ? { start: Math.max(r.start, range.start), end: Math.min(r.end, range.end) } : r));
  const from = Number.parseInt(query.get('marker') ?? '0', 10) || 0;
  const max = Number.parseInt(query.get('maxresults') ?? '', 10);
  const pageSize = Number.isFinite(max) && max > 0 ? max : within.length;
  const page = within.slice(from, from + pageSize);
  const next = from + pageSize < within.length ? String(from + pageSize) : '';
  const xml = `<?xml version="1.0" encoding="utf-8"?><PageList>${page.map((r) => `<PageRange><Start>${r.start}</Start><End>${r.end}</End></PageRange>`).join('')}${next ? `<NextMarker>${next}</NextMarker>` : ''}</PageList>`;
  res.writeHead(200, { ...blobHeaders(grant), 'x-ms-blob-content-length': grant.image.blobBytes, 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(xml) });
  res.end(xml);
}

function blobHeaders(grant: AccessGrant): Record<string, string> {
  return {
    ETag: `"0x8D${grant.policyId.replace(/-/g, '').slice(0, 13).toUpperCase()}"`,
    'Last-Modified': new Date(grant.image.createdAtMs).toUTCString(),
    'x-ms-blob-type': 'PageBlob',
    'x-ms-blob-sequence-number': '0',
    'x-ms-server-encrypted': 'true',
    'x-ms-lease-state': 'available',
    'x-ms-lease-status': 'unlocked',
    'x-ms-version': STORAGE_VERSION,
  };
}

/** `bytes=a-b` or `bytes=a-`; Storage answers 416 for a start past the end. */
function parseRange(value: string, size: number): ByteRange | 'invalid' {
  const match = /^bytes=(\d+)-(\d*)$/.exec(value.trim());
  if (!match) return 'invalid';
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start >= size || end < start ? 'invalid' : { start, end };
}

function storageError(res: ServerResponse, method: string, status: number, code: string, message: string, detail?: string, extra: Record<string, string> = {}): void {
  const xml = method === 'HEAD' ? '' : `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>${detail ? `<AuthenticationErrorDetail>${escapeXml(detail)}</AuthenticationErrorDetail>` : ''}</Error>`;
  res.writeHead(status, { 'x-ms-error-code': code, 'x-ms-version': STORAGE_VERSION, 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(xml), ...extra });
  res.end(xml);
}

/** The byte range a blob request asks for, as sent (`x-ms-range` wins over `Range`, as in Storage). */
export const requestedRange = (req: IncomingMessage): string | undefined => header(req, 'x-ms-range') ?? header(req, 'range');

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
