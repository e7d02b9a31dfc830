import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DownloadState, stateFileOf } from '../../../src/azure/download/downloadState';
import { piecesOf, type ByteRange } from '../../../src/azure/download/pageBlob';

const MiB = 1024 * 1024;
const identity = { source: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/restorePointCollections/c/restorePoints/r/diskRestorePoints/d', blobBytes: 64 * MiB + 512 };
const layout: ByteRange[] = [{ start: 0, end: 64 * MiB - 1 }, { start: 64 * MiB, end: 64 * MiB + 511 }];

describe('download state: finished pieces are kept as merged ranges, saved one at a time', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'download-state-'));
    file = join(dir, 'disk.vhd');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const saved = (): [number, number][] => (JSON.parse(readFileSync(stateFileOf(file), 'utf8')) as { finished: [number, number][] }).finished;
  const piece = (i: number): ByteRange => ({ start: i * MiB, end: (i + 1) * MiB - 1 });

  it('sixty pieces finished in any order are saved as the few ranges they form', async () => {
    const state = await DownloadState.open(file, identity, layout);
    const order = [...Array(30).keys()].reverse().concat([...Array(30).keys()].map((i) => i + 33));
    for (const i of order) state.markWritten(piece(i));
    await state.settled();
    assert.deepEqual(saved(), [[0, 30 * MiB - 1], [33 * MiB, 63 * MiB - 1]]);
    const again = await DownloadState.open(file, identity, layout);
    assert.equal(again.resumed, true);
    assert.equal(again.isFinished(piece(29)), true);
    assert.equal(again.isFinished({ start: 29 * MiB, end: 31 * MiB - 1 }), false, 'a piece only partly finished is not finished');
    assert.equal(again.isFinished(piece(31)), false);
  });

  it('runs one flush and save at a time; pieces written meanwhile go into the next', async () => {
    const state = await DownloadState.open(file, identity, layout);
    let inFlight = 0;
    let most = 0;
    let flushes = 0;
    const release: (() => void)[] = [];
    state.flushBeforeSave(async () => {
      flushes++;
      most = Math.max(most, ++inFlight);
      await new Promise<void>((resolve) => release.push(resolve));
      inFlight--;
    });
    state.markWritten(piece(0));
    for (let i = 1; i < 10; i++) state.markWritten(piece(i));
    // The first flush holds piece 0 alone; the nine written during it wait, then go in one batch.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(flushes, 1);
    release.shift()!();
    while (flushes < 2) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(saved(), [[0, MiB - 1]], 'the first save holds piece 0 alone');
    release.shift()!();
    await state.settled();
    assert.equal(flushes, 2);
    assert.equal(most, 1, 'never two saves at once');
    assert.deepEqual(saved(), [[0, 10 * MiB - 1]]);
  });

  it('a piece counts as finished only after the flush that follows its write', async () => {
    const state = await DownloadState.open(file, identity, layout);
    const failing = new Error('no space left on device');
    state.flushBeforeSave(() => Promise.reject(failing));
    state.markWritten(piece(0));
    await assert.rejects(state.settled(), failing);
    assert.equal(state.isFinished(piece(0)), false);
    assert.equal((await DownloadState.open(file, identity, layout)).resumed, false, 'nothing was saved');
  });

  it('a state saved for another layout of the same blob is not resumed', async () => {
    const state = await DownloadState.open(file, identity, layout);
    state.markWritten(piece(0));
    await state.settled();
    const other = await DownloadState.open(file, identity, [{ start: 0, end: 32 * MiB - 1 }, layout[1]]);
    assert.equal(other.resumed, false);
  });
});

describe('download pieces: touching page ranges are read together, up to the piece size', () => {
  it('a thousand adjacent 64 KiB page ranges become 4 MiB reads', () => {
    const ranges = Array.from({ length: 1000 }, (_, i) => ({ start: i * 65536, end: (i + 1) * 65536 - 1 }));
    const pieces = piecesOf(ranges, 4 * MiB);
    assert.equal(pieces.length, Math.ceil((1000 * 65536) / (4 * MiB)));
    assert.ok(pieces.every((p) => p.end - p.start + 1 <= 4 * MiB), 'no read is larger than the cap');
    assert.deepEqual(pieces[0], { start: 0, end: 4 * MiB - 1 });
    assert.equal(pieces.at(-1)!.end, 1000 * 65536 - 1);
  });

  it('ranges with a gap between them stay separate reads, so no byte outside a page range is fetched', () => {
    const ranges = [{ start: 2 * MiB, end: 3 * MiB - 1 }, { start: 0, end: 512 - 1 }, { start: 512, end: 1023 }, { start: MiB, end: 2 * MiB - 1 - 512 }];
    assert.deepEqual(piecesOf(ranges, 4 * MiB), [{ start: 0, end: 1023 }, { start: MiB, end: 2 * MiB - 513 }, { start: 2 * MiB, end: 3 * MiB - 1 }]);
  });

  it('one large range is cut at the cap', () => {
    assert.deepEqual(piecesOf([{ start: 0, end: 10 * MiB - 1 }], 4 * MiB), [{ start: 0, end: 4 * MiB - 1 }, { start: 4 * MiB, end: 8 * MiB - 1 }, { start: 8 * MiB, end: 10 * MiB - 1 }]);
  });
});
