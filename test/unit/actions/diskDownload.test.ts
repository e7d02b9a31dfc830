import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, existsSync, truncateSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as storage from '@azure/storage-blob';
import { grantAccess, revokeAccess } from '../../../src/azure/actions/diskAccess';
import { redact } from '../../../src/azure/logging';
import { downloadVhd } from '../../../src/azure/download/downloadVhd';
import { stateFileOf } from '../../../src/azure/download/downloadState';
import { StorageAccessError } from '../../../src/azure/download/storageErrors';
import { demoCatalog } from '../../../src/emulator/data/demoCatalog';
import { useEmulator } from '../../emulator/harness';
import { fileDigest } from '../../support/fileDigest';
import { finishOnAccept, useRecordingClient } from './actionHarness';

const dev = demoCatalog.devTest;
const web02 = dev.web02;
const MiB = 1024 * 1024;

describe('actions: grant access to a disk restore point and download it as a sparse VHD', function () {
  const h = useEmulator();
  const arm = useRecordingClient(h, dev.subscriptionId);
  let dir: string;
  let diskRestorePointId: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vhd-download-'));
    for await (const d of arm.client.diskRestorePoint.listByRestorePoint(web02.resourceGroup, web02.collection, web02.restorePoints[0])) {
      diskRestorePointId = d.id!;
      break;
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const ca = (): string[] => [readFileSync(h.emulator.caCertificate, 'utf8')];
  const grant = (seconds = 3600) => grantAccess(arm.client, diskRestorePointId, seconds, finishOnAccept(h, undefined, 5_000));
  /** The ranges the blob endpoint was asked for, as [start, end]. */
  const rangesFetched = (): [number, number][] =>
    h.emulator.controls.requestLog
      .filter((e) => e.method === 'GET' && e.range && e.query.comp === undefined)
      .map((e) => /bytes=(\d+)-(\d+)/.exec(e.range!)!.slice(1).map(Number) as [number, number]);
  /**
   * A download of one range at a time, cancelled once 8 MiB arrived: its state file stays. The ranged
   * reads are slowed, so progress is reported (at most every 250 ms) while pieces are still to fetch:
   * on a fast machine the whole disk could otherwise arrive before the first report.
   */
  const interruptAfter8MiB = async (url: string, file: string, parallel = 1): Promise<void> => {
    const stop = new AbortController();
    h.emulator.controls.injectFault({ method: 'GET', pathPattern: '^/md-impexp-', delayMs: 60, count: 1000 });
    try {
      await assert.rejects(
        downloadVhd({ url, file, source: diskRestorePointId, extraCertificates: ca(), storage, parallel, pieceBytes: MiB, signal: stop.signal, onProgress: (p) => { if (p.doneBytes > 8 * MiB) stop.abort(); } }),
        (e: Error) => e.name === 'AbortError',
      );
    } finally {
      h.emulator.controls.clearFaults();
    }
  };
  /** The byte ranges the state file records as finished. */
  const savedFinished = (file: string): [number, number][] => (JSON.parse(readFileSync(stateFileOf(file), 'utf8')) as { finished: [number, number][] }).finished;
  /** Every page range of the file holds the emulator's bytes. */
  const assertSameData = (file: string): void => {
    for (const r of h.emulator.controls.blobOf(diskRestorePointId)!.pageRanges) {
      assert.equal(fileDigest(file, r.start, r.end), h.emulator.controls.blobDigest(diskRestorePointId, r.start, r.end), `bytes ${r.start}-${r.end} match the blob`);
    }
  };

  it('fetches only the page ranges, into a sparse file of the blob size that ends with a valid footer', async () => {
    const { url } = await grant();
    const file = join(dir, 'disk.vhd');
    h.emulator.controls.clearRequestLog();
    const result = await downloadVhd({ url, file, source: diskRestorePointId, extraCertificates: ca(), storage, parallel: 4, pieceBytes: MiB });
    const blob = h.emulator.controls.blobOf(diskRestorePointId)!;
    assert.equal(statSync(file).size, blob.blobBytes);
    assert.equal(result.dataBytes, blob.dataBytes + 512);
    assert.equal(result.fetchedBytes, result.dataBytes);
    const fetched = rangesFetched();
    assert.equal(fetched.reduce((sum, [s, e]) => sum + e - s + 1, 0), result.dataBytes, 'every data byte fetched once, nothing else');
    for (const [s, e] of fetched) assert.ok(blob.pageRanges.some((r) => r.start <= s && e <= r.end), `range ${s}-${e} lies in a page range`);
    assert.ok(statSync(file).blocks * 512 < result.dataBytes + 16 * MiB, `the file is sparse: ${statSync(file).blocks * 512} bytes allocated for ${result.dataBytes} of data`);
    const handle = await open(file, 'r');
    const footer = Buffer.alloc(512);
    await handle.read(footer, 0, 512, blob.blobBytes - 512);
    const first = Buffer.alloc(4096);
    await handle.read(first, 0, 4096, blob.pageRanges[1].start);
    await handle.close();
    assert.equal(footer.toString('ascii', 0, 8), 'conectix');
    assert.ok(first.some((b) => b !== 0), 'data arrived at its offset');
    assert.equal(existsSync(stateFileOf(file)), false, 'no state file is left after success');
    assertSameData(file);
  });

  it('after an interruption, continues without fetching a finished range again', async () => {
    const { url } = await grant();
    const file = join(dir, 'disk.vhd');
    h.emulator.controls.clearRequestLog();
    await interruptAfter8MiB(url, file, 2);
    const finished = savedFinished(file);
    const finishedBytes = finished.reduce((sum, [s, e]) => sum + e - s + 1, 0);
    assert.ok(finishedBytes >= 4 * MiB, `some pieces were finished: ${finishedBytes} bytes`);
    // Pieces of 1 MiB, two at a time: with ranges merged, at most two entries per page range (one ending where a read is in flight).
    const pageRanges = h.emulator.controls.blobOf(diskRestorePointId)!.pageRanges;
    assert.ok(finished.length < finishedBytes / MiB && finished.length <= 2 * pageRanges.length, `finished pieces are kept as merged ranges, not one entry each: ${JSON.stringify(finished)}`);
    h.emulator.controls.clearRequestLog();
    const result = await downloadVhd({ url, file, source: diskRestorePointId, extraCertificates: ca(), storage, parallel: 4, pieceBytes: MiB });
    assert.equal(result.resumed, true);
    const again = rangesFetched().filter(([s, e]) => finished.some(([from, to]) => s <= to && e >= from));
    assert.deepEqual(again, [], 'no finished byte is fetched again');
    assert.equal(result.fetchedBytes, result.dataBytes - finishedBytes, 'the second run fetched exactly what the first had not finished');
    assert.equal(rangesFetched().reduce((sum, [s, e]) => sum + e - s + 1, 0), result.fetchedBytes);
    const footer = Buffer.alloc(512);
    const handle = await open(file, 'r');
    await handle.read(footer, 0, 512, result.fileBytes - 512);
    await handle.close();
    assert.equal(footer.toString('ascii', 0, 8), 'conectix');
    assertSameData(file);
  });

  it('when the interrupted file is gone or has another size, fetches every piece again rather than trusting the state', async () => {
    // Enough data that the download is still running when the first progress report after 8 MiB comes.
    h.emulator.controls.setDiskData(diskRestorePointId, 96 * MiB);
    const { url } = await grant();
    for (const damage of ['removed', 'truncated'] as const) {
      const file = join(dir, `disk-${damage}.vhd`);
      await interruptAfter8MiB(url, file);
      assert.ok(existsSync(stateFileOf(file)), 'the interrupted run left its state');
      if (damage === 'removed') rmSync(file);
      else truncateSync(file, 4 * MiB);
      h.emulator.controls.clearRequestLog();
      const result = await downloadVhd({ url, file, source: diskRestorePointId, extraCertificates: ca(), storage, parallel: 4, pieceBytes: MiB });
      assert.equal(result.resumed, false, damage);
      assert.equal(result.fetchedBytes, result.dataBytes, `${damage}: every piece fetched again`);
      assert.equal(rangesFetched().reduce((sum, [s, e]) => sum + e - s + 1, 0), result.dataBytes);
      assertSameData(file);
    }
  });

  it('when the interrupted file is gone and the next run is cancelled before its first piece, the run after that still fetches every piece', async () => {
    h.emulator.controls.setDiskData(diskRestorePointId, 96 * MiB);
    const { url } = await grant();
    const file = join(dir, 'disk.vhd');
    await interruptAfter8MiB(url, file);
    assert.ok(savedFinished(file).length > 0, 'the interrupted run left finished ranges');
    rmSync(file);
    // Cancelled at the first progress report, which comes after the new empty file is made and before any fetch.
    const stop = new AbortController();
    await assert.rejects(
      downloadVhd({ url, file, source: diskRestorePointId, extraCertificates: ca(), storage, pieceBytes: MiB, signal: stop.signal, onProgress: () => stop.abort() }),
      (e: Error) => e.name === 'AbortError',
    );
    assert.equal(existsSync(stateFileOf(file)), false, 'the old ranges are not left for the next run');
    h.emulator.controls.clearRequestLog();
    const result = await downloadVhd({ url, file, source: diskRestorePointId, extraCertificates: ca(), storage, parallel: 4, pieceBytes: MiB });
    assert.equal(result.resumed, false);
    assert.equal(result.fetchedBytes, result.dataBytes, 'every piece fetched again');
    assertSameData(file);
  });

  it('a state file left by another restore point is not resumed; another piece size resumes, since the state records bytes', async () => {
    h.emulator.controls.setDiskData(diskRestorePointId, 96 * MiB);
    const { url } = await grant();
    const file = join(dir, 'disk.vhd');
    await interruptAfter8MiB(url, file);
    const saved = JSON.parse(readFileSync(stateFileOf(file), 'utf8')) as { source: string; lastModified?: string };
    assert.equal(saved.source, diskRestorePointId);
    assert.ok(saved.lastModified, 'the blob\'s Last-Modified is recorded');
    h.emulator.controls.clearRequestLog();
    const other = await downloadVhd({ url, file, source: `${diskRestorePointId}-other`, extraCertificates: ca(), storage, parallel: 4, pieceBytes: MiB });
    assert.equal(other.resumed, false);
    assert.equal(other.fetchedBytes, other.dataBytes, 'every piece fetched again');

    await interruptAfter8MiB(url, file);
    const finished = savedFinished(file);
    h.emulator.controls.clearRequestLog();
    const resumed = await downloadVhd({ url, file, source: diskRestorePointId, extraCertificates: ca(), storage, parallel: 4, pieceBytes: 3 * MiB });
    assert.equal(resumed.resumed, true);
    // A piece of the new size that is only partly finished is fetched whole; none that is wholly finished is fetched.
    assert.deepEqual(rangesFetched().filter(([s, e]) => finished.some(([from, to]) => from <= s && e <= to)), []);
    assert.ok(resumed.fetchedBytes < resumed.dataBytes);
    assertSameData(file);
  });

  it('a state that cannot be saved stops the download with that error instead of fetching the rest', async () => {
    h.emulator.controls.setDiskData(diskRestorePointId, 96 * MiB);
    const { url } = await grant();
    const file = join(dir, 'disk.vhd');
    // The state is written to <state>.tmp first: a folder there makes every save fail, as a full disk would.
    mkdirSync(`${stateFileOf(file)}.tmp`);
    h.emulator.controls.clearRequestLog();
    await assert.rejects(downloadVhd({ url, file, source: diskRestorePointId, extraCertificates: ca(), storage, parallel: 1, pieceBytes: MiB }), /EISDIR/);
    const fetched = rangesFetched().reduce((sum, [s, e]) => sum + e - s + 1, 0);
    assert.ok(fetched < 96 * MiB / 2, `the download stopped early: ${fetched} bytes fetched`);
  });

  it('a footer that fails the check drops the state, so the next run fetches every piece again and succeeds', async () => {
    h.emulator.controls.setDiskData(diskRestorePointId, 96 * MiB);
    const { url } = await grant();
    const file = join(dir, 'disk.vhd');
    await interruptAfter8MiB(url, file);
    // The footer recorded as finished while the file holds zeros there: what a damaged file looks like.
    const saved = JSON.parse(readFileSync(stateFileOf(file), 'utf8')) as { finished: [number, number][] };
    const footer = h.emulator.controls.blobOf(diskRestorePointId)!.pageRanges.at(-1)!;
    writeFileSync(stateFileOf(file), JSON.stringify({ ...saved, finished: [...saved.finished, [footer.start, footer.end]] }));
    await assert.rejects(downloadVhd({ url, file, source: diskRestorePointId, extraCertificates: ca(), storage, pieceBytes: MiB }), /footer|VHD/i);
    assert.equal(existsSync(stateFileOf(file)), false, 'the state is dropped');
    const result = await downloadVhd({ url, file, source: diskRestorePointId, extraCertificates: ca(), storage, pieceBytes: MiB });
    assert.equal(result.fetchedBytes, result.dataBytes);
    assertSameData(file);
  });

  it('a revoked or tampered URL fails with a clear message that does not hold the URL', async () => {
    const { url } = await grant();
    const tampered = url.replace(/sig=[^&]+/, 'sig=AAAA');
    const file = join(dir, 'disk.vhd');
    for (const attempt of [tampered, url]) {
      if (attempt === url) await revokeAccess(arm.client, diskRestorePointId, finishOnAccept(h, undefined, 5_000));
      const error = await downloadVhd({ url: attempt, file, source: diskRestorePointId, extraCertificates: ca(), storage }).catch((e: unknown) => e);
      assert.ok(error instanceof StorageAccessError, String(error));
      assert.equal(error.status, 403);
      assert.match(error.message, /expired, was revoked or is not valid/);
      assert.ok(!error.message.includes(new URL(url).searchParams.get('sig')!), 'no signature in the message');
    }
  });

  it('the log filter removes a SAS signature, plain or inside another URL', async () => {
    const { url } = await grant();
    const sig = new URL(url).searchParams.get('sig')!;
    for (const line of [`GET ${url}`, `redirect=${encodeURIComponent(url)}`, `sig=${encodeURIComponent(sig)}&sp=r`]) {
      const cleaned = redact(line);
      assert.ok(!cleaned.includes(sig) && !cleaned.includes(encodeURIComponent(sig)), cleaned);
    }
  });
});
