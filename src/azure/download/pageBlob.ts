import type { Agent } from 'node:https';
import type { PageBlobClient, StoragePipelineOptions } from '@azure/storage-blob';
import { sharedHttpsAgent } from '../httpsAgent';
import { azureSdk } from '../lazySdk';

/** The part of `@azure/storage-blob` a download uses; the extension loads it with the rest of the SDK (lazySdk.ts). */
export type StorageSdk = Pick<typeof import('@azure/storage-blob'), 'AnonymousCredential' | 'newPipeline' | 'PageBlobClient'>;

export interface ByteRange {
  start: number;
  /** Inclusive, as page ranges count. */
  end: number;
}

/**
 * A page blob reached through its SAS URL alone (no credential), trusting the same extra
 * certificates as ARM (a cloud behind a private CA serves its blobs behind it too). The pipeline
 * takes the HTTPS agent through core-rest-pipeline's `agent` option, which Storage passes on.
 */
export function pageBlobAt(url: string, extraCertificates: readonly string[] | undefined, storage: StorageSdk = azureSdk()): PageBlobClient {
  const { AnonymousCredential, newPipeline, PageBlobClient } = storage;
  const agent = sharedHttpsAgent(extraCertificates);
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
 * Page ranges cut into pieces of at most `pieceBytes`: the unit fetched, written and recorded as
 * finished. Its start names a piece, so a resume knows which are done.
 */
export function piecesOf(ranges: readonly ByteRange[], pieceBytes: number): ByteRange[] {
  const pieces: ByteRange[] = [];
  for (const range of ranges) {
    for (let start = range.start; start <= range.end; start += pieceBytes) pieces.push({ start, end: Math.min(range.end, start + pieceBytes - 1) });
  }
  return pieces;
}
