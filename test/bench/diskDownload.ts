import { mkdtempSync, readFileSync, rmSync, createWriteStream, openSync, ftruncateSync, closeSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as storage from '@azure/storage-blob';
import { downloadVhd } from '../../src/azure/download/downloadVhd';
import { demoCatalog, startEmulator } from '../../src/emulator';
import { computeClient } from '../emulator/sdkClients';

const GiB = 1024 ** 3;

/** A 32 GiB disk holding 1 GiB, downloaded by the extension's engine and, for comparison, by plain GETs of the same bytes. */
export interface DiskDownloadFigure {
  diskBytes: number;
  dataBytes: number;
  /** Bytes of the ranged blob GETs the engine sent (the page list's few KB aside). */
  transferredBytes: number;
  engineMBps: number;
  plainMBps: number;
}

interface ByteRange {
  start: number;
  end: number;
}

/**
 * Downloads a 32 GiB managed disk with 1 GiB of data from the emulator with `downloadVhd` (what
 * Download VHD… runs), then fetches exactly the bytes the engine fetched (its ranges from the
 * request log, adjacent ones joined: one GET per page range), one GET after the other on one
 * connection, written to a file at their offsets, in the same process: the ratio of the two is
 * what the engine's pieces, parallel requests, state file, flushes and Storage SDK cost or gain
 * against the plainest transfer of the same bytes.
 */
export async function measureDiskDownload(): Promise<DiskDownloadFigure> {
  const emulator = await startEmulator({ data: 'demo', manualClock: true });
  const dir = mkdtempSync(join(tmpdir(), 'bench-vhd-'));
  try {
    const dev = demoCatalog.devTest;
    const client = computeClient(emulator, dev.subscriptionId);
    const diskId = `/subscriptions/${dev.subscriptionId}/resourceGroups/${dev.web02.resourceGroup}/providers/Microsoft.Compute/disks/bench-32gib`;
    await client.disks.createOrUpdate(dev.web02.resourceGroup, 'bench-32gib', { location: dev.web02.location, diskSizeGB: 32, creationData: { createOption: 'Empty' } }, { updateIntervalInMs: 1 }).submitted();
    emulator.controls.clock.advance(60_000);
    emulator.controls.setDiskData(diskId, GiB);
    const poller = client.disks.grantAccess(dev.web02.resourceGroup, 'bench-32gib', { access: 'Read', durationInSeconds: 3600, fileFormat: 'VHD' }, { updateIntervalInMs: 1 });
    await poller.submitted();
    emulator.controls.clock.advance(10_000);
    const { accessSAS } = await poller.pollUntilDone();
    const ca = readFileSync(emulator.caCertificate, 'utf8');

    // One untimed download first: the process has just built the emulator's data, and code not yet
    // optimised or a garbage collection of that data would count against whichever transfer runs first.
    await downloadVhd({ url: accessSAS!, file: join(dir, 'warm-up.vhd'), source: diskId, extraCertificates: [ca], storage });
    rmSync(join(dir, 'warm-up.vhd'));
    emulator.controls.clearRequestLog();
    const started = performance.now();
    const result = await downloadVhd({ url: accessSAS!, file: join(dir, 'engine.vhd'), source: diskId, extraCertificates: [ca], storage });
    const engineSeconds = (performance.now() - started) / 1000;
    const blob = emulator.controls.blobOf(diskId)!;
    const fetched = emulator.controls.requestLog
      .filter((e) => e.path.startsWith('/md-impexp-') && e.method === 'GET' && e.query.comp !== 'pagelist' && e.range)
      .map((e) => rangeOf(e.range!))
      .sort((a, b) => a.start - b.start);
    const transferredBytes = fetched.reduce((sum, r) => sum + r.end - r.start + 1, 0);

    const plainStarted = performance.now();
    const plainBytes = await plainGets(accessSAS!, ca, joined(fetched), blob.blobBytes, join(dir, 'plain.vhd'));
    const plainSeconds = (performance.now() - plainStarted) / 1000;
    return { diskBytes: blob.blobBytes - 512, dataBytes: result.dataBytes, transferredBytes, engineMBps: result.fetchedBytes / 2 ** 20 / engineSeconds, plainMBps: plainBytes / 2 ** 20 / plainSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await emulator.stop();
  }
}

const rangeOf = (range: string): ByteRange => {
  const [, start, end] = /bytes=(\d+)-(\d+)/.exec(range) ?? [];
  if (start === undefined) throw new Error(`the engine sent a range the bench cannot read: ${range}`);
  return { start: Number(start), end: Number(end) };
};

/** Sorted ranges with the ones that touch joined: 4 MiB pieces of one page range become that page range. */
function joined(ranges: readonly ByteRange[]): ByteRange[] {
  const out: ByteRange[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/**
 * The ranges, each in one GET streamed to the file at its offset, one after the other on one
 * kept-alive connection: a plain client with no parallelism and no bookkeeping. Returns the bytes received.
 */
async function plainGets(url: string, ca: string, ranges: readonly ByteRange[], fileBytes: number, file: string): Promise<number> {
  const fd = openSync(file, 'w');
  ftruncateSync(fd, fileBytes);
  closeSync(fd);
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca });
  let received = 0;
  try {
    for (const range of ranges) {
      await new Promise<void>((resolve, reject) => {
        const req = request(new URL(url), { agent, headers: { 'x-ms-range': `bytes=${range.start}-${range.end}` } }, (res) => {
          res.on('data', (chunk: Buffer) => (received += chunk.length));
          pipeline(res, createWriteStream(file, { flags: 'r+', start: range.start })).then(resolve, reject);
        });
        req.on('error', reject);
        req.end();
      });
    }
  } finally {
    agent.destroy();
  }
  return received;
}
