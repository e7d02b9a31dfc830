import type { Agent } from 'node:https';
import type { PageBlobClient, StoragePipelineOptions } from '@azure/storage-blob';
import { sharedHttpsAgent } from '../httpsAgent';
import { storageSdk } from '../lazySdk';

/** The part of `@azure/storage-blob` a download uses; the extension loads it when a download starts (lazySdk.ts). */
export type StorageSdk = Pick<typeof import('@azure/storage-blob'), 'AnonymousCredential' | 'newPipeline' | 'PageBlobClient'>;

export interface ByteRange {
  start: number;
  /** Inclusive, as page ranges count. */
  end: number;
}

/**
 * A page blob reached through its SAS URL alone (no credential), trusting the same extra
 * certificates as ARM (a cloud behind a private CA serves its blobs behind it too). The pipeline
 * takes the HTTPS agent through core-rest-pipeline's `agent` option, which Storage passes on; Storage
 * takes no policy of ours, and that option turns the SDK's HTTPS_PROXY support off (httpsAgent.ts),
 * so the agent is given only where that trust needs it. A download reads a few ranges at once, so
 * the SDK's own agent keeps few idle connections anyway.
 */
export function pageBlobAt(url: string, extraCertificates: readonly string[] | undefined, storage: StorageSdk = storageSdk()): PageBlobClient {
  const { AnonymousCredential, newPipeline, PageBlobClient } = storage;
  const agent = extraCertificates?.length ? sharedHttpsAgent(extraCertificates) : undefined;
  const options: StoragePipelineOptions & { agent?: Agent } = {
    // Storage's own retry policy retries a failed range itself; a range that still fails stays unfinished for a resume.
    retryOptions: { maxTries: 4, retryDelayInMs: 500, maxRetryDelayInMs: 4_000 },
    ...(agent ? { agent } : {}),
  };
  return new PageBlobClient(url, newPipeline(new AnonymousCredential(), options));
}

/** Every page range of the blob (List Page Ranges, page by page): the only bytes worth fetching. */
export async function pageRangesOf(blob: PageBlobClient, signal?: AbortSignal): Promise<ByteRange[]> {
  const ranges: ByteRange[] = [];
  for await (const page of blob.listPageRanges(0, undefined, { abortSignal: signal }).byPage({ maxPageSize: 5000 })) {
    for (const range of page.pageRange ?? []) ranges.push({ start: range.start, end: range.end });
  }
  return ranges.sort((a, b) => a.start - b.start);
}

/**
 * Page ranges as the reads that fetch them: ranges that touch are joined first (a page list may
 * give a disk written in small steps as many small adjacent ranges, and one read per range would
 * cost a request each), then cut into pieces of at most `pieceBytes`. A piece is the unit fetched,
 * written and recorded as finished.
 */
export function piecesOf(ranges: readonly ByteRange[], pieceBytes: number): ByteRange[] {
  const joined: ByteRange[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = joined[joined.length - 1];
    if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
    else joined.push({ ...r });
  }
  const pieces: ByteRange[] = [];
  for (const range of joined) {
    for (let start = range.start; start <= range.end; start += pieceBytes) pieces.push({ start, end: Math.min(range.end, start + pieceBytes - 1) });
  }
  return pieces;
}

/** `ranges` (sorted, none touching) with `range` added: it is merged with every range it overlaps or touches. */
export function withRange(ranges: readonly ByteRange[], range: ByteRange): ByteRange[] {
  const before = ranges.filter((r) => r.end + 1 < range.start);
  const after = ranges.filter((r) => r.start > range.end + 1);
  const joined = ranges.filter((r) => r.end + 1 >= range.start && r.start <= range.end + 1);
  const merged = joined.reduce((m, r) => ({ start: Math.min(m.start, r.start), end: Math.max(m.end, r.end) }), range);
  return [...before, merged, ...after];
}
