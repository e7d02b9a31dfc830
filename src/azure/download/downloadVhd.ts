import { open, type FileHandle } from 'node:fs/promises';
import type { PageBlobClient } from '@azure/storage-blob';
import { DownloadState } from './downloadState';
import { pageBlobAt, pageRangesOf, piecesOf, type ByteRange, type StorageSdk } from './pageBlob';
import { storageFailure } from './storageErrors';
import { TransferRate, type DownloadProgress } from './transferRate';
import { VHD_FOOTER_BYTES, vhdFooterProblem } from './vhdFooter';

export interface VhdDownload {
  /** The SAS URL; used for requests only, never written anywhere. */
  url: string;
  file: string;
  /** The resource id of what is downloaded (a disk restore point): a state file left by another one is not resumed. */
  source: string;
  /** Certificates to trust besides the system's (a cloud behind a private CA). */
  extraCertificates?: readonly string[];
  /** Ranges fetched at once. */
  parallel?: number;
  /** The largest range fetched in one request (Storage serves up to 4 MiB per ranged GET with MD5; larger is fine without). Touching page ranges are joined up to it. */
  pieceBytes?: number;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Plain Node (tests, the benchmark) passes `@azure/storage-blob` itself; the extension's lazily loaded SDK otherwise. */
  storage?: StorageSdk;
}

export interface VhdDownloadResult {
  /** The file's size: the disk and its footer. */
  fileBytes: number;
  /** Bytes of page ranges, the footer included: what the disk holds. */
  dataBytes: number;
  /** Bytes this run fetched (less than dataBytes when it resumed). */
  fetchedBytes: number;
  resumed: boolean;
}

const DEFAULT_PARALLEL = 4;
const DEFAULT_PIECE_BYTES = 4 * 1024 * 1024;
const PROGRESS_EVERY_MS = 250;
const WRITE_BATCH_BYTES = 1024 * 1024;

/**
 * Downloads a managed disk's page blob to a fixed VHD: only its page ranges are fetched (a disk of
 * 128 GiB holding 4 GiB costs 4 GiB), several at once, each written at its offset into a file the
 * size of the blob that was made by truncation, so the never-written parts stay holes on
 * file systems that keep files sparse (ext4, APFS, XFS; NTFS only for files flagged sparse, which
 * this is not, so there the file takes the disk's full size). Finished pieces are flushed and recorded next to the file in
 * batches; running it again continues.
 * Ends by checking the VHD footer.
 */
export async function downloadVhd(request: VhdDownload): Promise<VhdDownloadResult> {
  try {
    return await download(request, pageBlobAt(request.url, request.extraCertificates, request.storage));
  } catch (error) {
    throw storageFailure(error, request.signal);
  }
}

async function download(request: VhdDownload, blob: PageBlobClient): Promise<VhdDownloadResult> {
  const { signal } = request;
  const properties = await blob.getProperties({ abortSignal: signal });
  const fileBytes = properties.contentLength ?? 0;
  const ranges = await pageRangesOf(blob, signal);
  const pieceBytes = request.pieceBytes ?? DEFAULT_PIECE_BYTES;
  // Last-Modified rather than the ETag: it names the blob's content, while a new grant may serve it under a new ETag.
  const lastModified = properties.lastModified?.toUTCString();
  const state = await DownloadState.open(request.file, { source: request.source, blobBytes: fileBytes, lastModified }, ranges);
  const pieces = piecesOf(ranges, pieceBytes);
  const dataBytes = sizeOf(pieces);
  const { handle, kept } = await openTarget(request.file, fileBytes, state.resumed);
  // Pieces recorded as finished live in the file: without it (gone, or another size) they must be fetched again.
  if (!kept) await state.forget();
  state.flushBeforeSave(() => handle.datasync());
  const resumed = state.resumed;
  let doneBytes = sizeOf(pieces.filter((p) => state.isFinished(p)));
  let fetchedBytes = 0;

  const rate = new TransferRate();
  let reportedAt = 0;
  const report = (force = false): void => {
    if (!request.onProgress || (!force && Date.now() - reportedAt < PROGRESS_EVERY_MS)) return;
    reportedAt = Date.now();
    request.onProgress(rate.progress(doneBytes, dataBytes));
  };
  try {
    report(true);
    const queue = pieces.filter((p) => !state.isFinished(p));
    // One failure stops every fetch loop: nothing more is fetched after the user was told it failed.
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    signal?.addEventListener('abort', onAbort);
    // A cancel that came before the listener (during the first progress report) stops the loops too.
    if (signal?.aborted) stop.abort();
    const fetchNext = async (): Promise<void> => {
      try {
        for (let piece = queue.shift(); piece && !stop.signal.aborted && !state.failed; piece = queue.shift()) {
          await fetchPiece(blob, handle, piece, stop.signal, (bytes) => {
            doneBytes += bytes;
            fetchedBytes += bytes;
            rate.add(bytes);
            report();
          });
          state.markWritten(piece);
        }
      } catch (error) {
        stop.abort();
        throw error;
      }
    };
    const loops = await Promise.allSettled(Array.from({ length: Math.min(request.parallel ?? DEFAULT_PARALLEL, Math.max(1, queue.length)) }, fetchNext));
    signal?.removeEventListener('abort', onAbort);
    // What was written is recorded even when the download stops: a resume continues after it.
    const saved = await state.settled().then(() => [], (error: unknown) => [error]);
    const reasons = [...loops.filter((w): w is PromiseRejectedResult => w.status === 'rejected').map((w) => w.reason as unknown), ...saved];
    // The user's cancel, or else the first real failure: the other loops only stopped because of it.
    if (signal?.aborted) throw reasons.find(isAbort) ?? signal.reason;
    if (reasons.length) throw reasons.find((r) => !isAbort(r)) ?? reasons[0];
    report(true);
    const problem = await footerProblem(handle, fileBytes);
    if (problem) {
      // Every piece counts as finished: kept, the state would make each retry fail at once. The next one fetches all again.
      await state.remove();
      throw new Error(problem);
    }
  } finally {
    await handle.close();
  }
  await state.remove();
  return { fileBytes, dataBytes, fetchedBytes, resumed };
}

/**
 * A new file is truncated to the blob's size (holes, no data); a resumed one keeps what it has.
 * `kept` says whether the earlier file was kept, so the caller knows its finished pieces are still there.
 */
async function openTarget(file: string, fileBytes: number, resume: boolean): Promise<{ handle: FileHandle; kept: boolean }> {
  if (resume) {
    try {
      const handle = await open(file, 'r+');
      if ((await handle.stat()).size === fileBytes) return { handle, kept: true };
      await handle.close();
    } catch {
      // The file is gone or unreadable: start it again.
    }
  }
  const handle = await open(file, 'w+');
  await handle.truncate(fileBytes);
  return { handle, kept: false };
}

/** One ranged GET, written at its offset as it arrives; a piece counts only once all of it is written. */
async function fetchPiece(blob: PageBlobClient, handle: FileHandle, piece: ByteRange, signal: AbortSignal | undefined, onBytes: (bytes: number) => void): Promise<void> {
  const response = await blob.download(piece.start, piece.end - piece.start + 1, { abortSignal: signal, maxRetryRequests: 3 });
  const body = response.readableStreamBody;
  if (!body) throw new Error('Azure Storage returned no body for a range.');
  // Chunks arrive at 16–64 KiB; writing them in batches of about 1 MiB keeps system calls few.
  let position = piece.start;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (): Promise<void> => {
    if (!pendingBytes) return;
    const batch = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
    await handle.write(batch, 0, batch.length, position);
    position += batch.length;
    onBytes(batch.length);
    pending = [];
    pendingBytes = 0;
  };
  for await (const chunk of body) {
    pending.push(chunk as Buffer);
    pendingBytes += (chunk as Buffer).length;
    if (pendingBytes >= WRITE_BATCH_BYTES) await flush();
  }
  await flush();
  if (position !== piece.end + 1) throw new Error(`Azure Storage returned ${position - piece.start} bytes for a range of ${piece.end - piece.start + 1}.`);
}

async function footerProblem(handle: FileHandle, fileBytes: number): Promise<string | undefined> {
  if (fileBytes < VHD_FOOTER_BYTES) return vhdFooterProblem(Buffer.alloc(0), fileBytes);
  const footer = Buffer.alloc(VHD_FOOTER_BYTES);
  await handle.read(footer, 0, VHD_FOOTER_BYTES, fileBytes - VHD_FOOTER_BYTES);
  return vhdFooterProblem(footer, fileBytes);
}

const isAbort = (error: unknown): boolean => (error as { name?: string } | undefined)?.name === 'AbortError';

const sizeOf = (ranges: readonly ByteRange[]): number => ranges.reduce((sum, r) => sum + r.end - r.start + 1, 0);
