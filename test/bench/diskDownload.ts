import { mkdtempSync, readFileSync, rmSync, createWriteStream } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as storage from '@azure/storage-blob';
import { downloadVhd } from '../../src/azure/download/downloadVhd';
import { demoCatalog, startEmulator } from '../../src/emulator';
import { computeClient } from '../emulator/sdkClients';

const GiB = 1024 ** 3;

/** A 32 GiB disk holding 1 GiB, downloaded by the extension's engine and, for comparison, in one plain GET. */
export interface DiskDownloadFigure {
  diskBytes: number;
  dataBytes: number;
  /** Bytes of every blob response body the engine received (page list and ranges). */
  transferredBytes: number;
  engineMBps: number;
  plainMBps: number;
}

/**
 * Downloads a 32 GiB managed disk with 1 GiB of data from the emulator with `downloadVhd` (what
 * Download VHD… runs), then fetches the same number of bytes from the same blob in one ranged GET,
 * written to a file the same way, in the same process: the ratio of the two is what the engine's
 * parallel ranges, state file and sparse writes cost or gain against the plainest possible transfer.
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

    emulator.controls.clearRequestLog();
    const started = performance.now();
    const result = await downloadVhd({ url: accessSAS!, file: join(dir, 'engine.vhd'), source: diskId, extraCertificates: [ca], storage });
    const engineSeconds = (performance.now() - started) / 1000;
    const blob = emulator.controls.blobOf(diskId)!;
    const transferredBytes = emulator.controls.requestLog
      .filter((e) => e.path.startsWith('/md-impexp-') && e.method === 'GET')
      .reduce((sum, e) => sum + (e.range ? rangeBytes(e.range) : 0), 0);

    const plainStarted = performance.now();
    await plainGet(accessSAS!, ca, result.dataBytes, join(dir, 'plain.bin'));
    const plainSeconds = (performance.now() - plainStarted) / 1000;
    return { diskBytes: blob.blobBytes - 512, dataBytes: result.dataBytes, transferredBytes, engineMBps: result.fetchedBytes / 2 ** 20 / engineSeconds, plainMBps: result.dataBytes / 2 ** 20 / plainSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await emulator.stop();
  }
}

const rangeBytes = (range: string): number => {
  const [, start, end] = /bytes=(\d+)-(\d+)/.exec(range) ?? [];
  return start === undefined ? 0 : Number(end) - Number(start) + 1;
};

/** One GET of the blob's first `bytes` bytes, streamed to a file. */
function plainGet(url: string, ca: string, bytes: number, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(url), { headers: { 'x-ms-range': `bytes=0-${bytes - 1}` }, ca }, (res) => {
      pipeline(res, createWriteStream(file)).then(resolve, reject);
    });
    req.on('error', reject);
    req.end();
  });
}
