import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { ByteRange } from './pageBlob';

/**
 * What a download has finished, kept next to the file (`<file>.download.json`) so that starting it
 * again fetches only the rest. It names the blob by its size and page ranges, never by its URL:
 * a resume gets a new URL (the old one was revoked), and the URL is a secret.
 */
interface SavedState {
  version: 1;
  blobBytes: number;
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
    private readonly blobBytes: number,
    private readonly layout: string,
    finished: Iterable<number>,
  ) {
    this.finished = new Set(finished);
  }

  /** The state of an earlier run of this download, or a fresh one when there is none that matches. */
  static async open(file: string, blobBytes: number, ranges: readonly ByteRange[]): Promise<DownloadState> {
    const layout = createHash('sha256').update(JSON.stringify(ranges)).digest('hex');
    const saved = await readSaved(stateFileOf(file));
    const matches = saved?.version === 1 && saved.blobBytes === blobBytes && saved.layout === layout;
    return new DownloadState(file, blobBytes, layout, matches ? saved.finished : []);
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
    const snapshot: SavedState = { version: 1, blobBytes: this.blobBytes, layout: this.layout, finished: [...this.finished] };
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
