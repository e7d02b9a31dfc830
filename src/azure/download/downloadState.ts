import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { withRange, type ByteRange } from './pageBlob';

/**
 * What a download has finished, kept next to the file (`<file>.download.json`) so that starting it
 * again fetches only the rest. It names the blob by what it is a copy of, its size, page ranges and
 * last change, never by its URL: a resume gets a new URL (the old one was revoked), and the URL is a
 * secret. File names repeat for every restore point of a VM, so the source's id is what tells them apart.
 */
export interface DownloadIdentity {
  /** The disk restore point's (or disk's) resource id; not a secret. */
  source: string;
  blobBytes: number;
  /** The blob's Last-Modified, when the endpoint gives one. */
  lastModified?: string;
}

interface SavedState extends DownloadIdentity {
  version: 3;
  /** SHA-256 of the page ranges: a different disk, or a different layout, starts over. */
  layout: string;
  /** Byte ranges written and flushed, as [start, end] inclusive, sorted, touching ones merged: a few entries however many pieces. */
  finished: [number, number][];
}

export const stateFileOf = (file: string): string => `${file}.download.json`;

/**
 * Pieces are recorded in batches: a piece written to the file waits until the file is flushed to
 * disk (`flushFile`) and then saved with every other piece written before that flush. One
 * flush-and-save runs at a time; pieces written meanwhile go into the next one, so a fast download
 * flushes and saves a few times a second, not once per piece.
 */
export class DownloadState {
  private finished: ByteRange[];
  private written: ByteRange[] = [];
  private saving: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;
  private flushFile: () => Promise<void> = async () => undefined;

  private constructor(
    private readonly file: string,
    private readonly identity: DownloadIdentity & { layout: string },
    finished: readonly ByteRange[],
  ) {
    this.finished = finished.reduce<ByteRange[]>(withRange, []);
  }

  /** The state of an earlier run of this download, or a fresh one when there is none that matches all of `identity`. */
  static async open(file: string, identity: DownloadIdentity, ranges: readonly ByteRange[]): Promise<DownloadState> {
    const layout = createHash('sha256').update(JSON.stringify(ranges)).digest('hex');
    const saved = await readSaved(stateFileOf(file));
    const matches =
      saved?.version === 3 &&
      saved.source === identity.source &&
      saved.blobBytes === identity.blobBytes &&
      saved.lastModified === identity.lastModified &&
      saved.layout === layout &&
      Array.isArray(saved.finished);
    return new DownloadState(file, { ...identity, layout }, matches ? saved.finished.map(([start, end]) => ({ start, end })) : []);
  }

  get resumed(): boolean {
    return this.finished.length > 0;
  }

  /**
   * Starts from nothing: the file the finished pieces were written to is gone. The saved state goes
   * too, before anything is fetched: a run stopped before its first save must not leave the old
   * ranges for the next run to trust against a file that no longer holds them.
   */
  async forget(): Promise<void> {
    this.finished = [];
    await rm(stateFileOf(this.file), { force: true });
  }

  /** What makes written bytes durable (the file's datasync); run before each save. */
  flushBeforeSave(flush: () => Promise<void>): void {
    this.flushFile = flush;
  }

  isFinished(piece: ByteRange): boolean {
    return this.finished.some((r) => r.start <= piece.start && piece.end <= r.end);
  }

  /** A piece is in the file; it is recorded with the next flush and save. */
  markWritten(piece: ByteRange): void {
    this.written.push(piece);
    this.saveNext();
  }

  /** A flush or save failed (a full disk): nothing more is worth fetching. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Waits until every piece marked written is flushed and saved; throws what a flush or save threw. */
  async settled(): Promise<void> {
    while (this.saving) await this.saving;
    if (this.failure) throw this.failure.error;
  }

  async remove(): Promise<void> {
    await this.settled().catch(() => undefined);
    await rm(stateFileOf(this.file), { force: true });
  }

  private saveNext(): void {
    if (this.saving || this.failure || !this.written.length) return;
    const batch = this.written;
    this.written = [];
    this.saving = this.flushAndSave(batch)
      .catch((error: unknown) => {
        this.failure = { error };
      })
      .finally(() => {
        this.saving = undefined;
        this.saveNext();
      });
  }

  /** On the disk before it counts as finished: a crash after the record must not leave a hole a resume skips. */
  private async flushAndSave(batch: ByteRange[]): Promise<void> {
    await this.flushFile();
    this.finished = batch.reduce(withRange, this.finished);
    const saved: SavedState = { version: 3, ...this.identity, finished: this.finished.map((r) => [r.start, r.end]) };
    await saveAtomically(stateFileOf(this.file), JSON.stringify(saved));
  }
}

async function readSaved(path: string): Promise<SavedState | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as SavedState;
  } catch {
    return undefined;
  }
}

/** Write then rename: a crash leaves the old state or the new one, never half of one. */
async function saveAtomically(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}
