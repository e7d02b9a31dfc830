import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { ByteRange } from './pageBlob';

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
  /** The piece size: finished pieces are named by their start, which depends on it. */
  pieceBytes: number;
}

interface SavedState extends DownloadIdentity {
  version: 2;
  /** SHA-256 of the page ranges: a different disk, or a different layout, starts over. */
  layout: string;
  /** Starts of the pieces written and flushed. */
  finished: number[];
}

export const stateFileOf = (file: string): string => `${file}.download.json`;

export class DownloadState {
  private readonly finished: Set<number>;
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly identity: DownloadIdentity & { layout: string },
    finished: Iterable<number>,
  ) {
    this.finished = new Set(finished);
  }

  /** The state of an earlier run of this download, or a fresh one when there is none that matches all of `identity`. */
  static async open(file: string, identity: DownloadIdentity, ranges: readonly ByteRange[]): Promise<DownloadState> {
    const layout = createHash('sha256').update(JSON.stringify(ranges)).digest('hex');
    const saved = await readSaved(stateFileOf(file));
    const matches =
      saved?.version === 2 &&
      saved.source === identity.source &&
      saved.blobBytes === identity.blobBytes &&
      saved.lastModified === identity.lastModified &&
      saved.pieceBytes === identity.pieceBytes &&
      saved.layout === layout;
    return new DownloadState(file, { ...identity, layout }, matches ? saved.finished : []);
  }

  get resumed(): boolean {
    return this.finished.size > 0;
  }

  /** Starts from nothing: the file the finished pieces were written to is gone. */
  forget(): void {
    this.finished.clear();
  }

  isFinished(piece: ByteRange): boolean {
    return this.finished.has(piece.start);
  }

  /** Records a piece as written; saves are chained so the file always holds one whole state. */
  markFinished(piece: ByteRange): Promise<void> {
    this.finished.add(piece.start);
    const snapshot: SavedState = { version: 2, ...this.identity, finished: [...this.finished] };
    this.saving = this.saving.then(() => saveAtomically(stateFileOf(this.file), JSON.stringify(snapshot)));
    return this.saving;
  }

  async remove(): Promise<void> {
    await this.saving.catch(() => undefined);
    await rm(stateFileOf(this.file), { force: true });
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
