import * as os from 'node:os';
import type { DiskDownloadFigure } from './diskDownload';
import type { ReplicationPollingFigure } from './replicationPolling';
import type { BenchResults } from './results';

/** Why figures stand where they do, and what would move them; kept with the code that measures them. */
const NOTES = [
  '## Reading the figures',
  '',
  '- **Floor**: the fewest sequential ARM round trips the REST API allows for the view, times the injected latency. It assumes unlimited parallel requests and no TLS or sign-in cost.',
  '- **Subscriptions** stay well above their floor: the first view pays for loading the Azure SDK part of the bundle (`dist/azure.js`), one token per tenant, and a TLS handshake per request. The credential shares the ARM clients\' HTTPS agent (`src/azure/httpsAgent.ts`), so a token request no longer rebuilds a certificate store.',
  '- **All VMs** counts the subscription-wide collection pages that the first page started in parallel and that finished during this step.',
  '- **Full expansion** is bounded by the cap of 6 requests in flight (`src/azure/clients.ts`): 300 collection Gets need at least 50 × 50 ms. A higher cap measured faster here but makes bursts against ARM\'s read throttling larger; and in our profile each request inside VS Code opened a new TLS connection (VS Code\'s proxy support takes over the agents).',
  '- **Memory**: the extension host already holds VS Code\'s own extensions before ours activates; our share is the difference, read after a full garbage collection both times (`test/bench/memory.ts`). Tree nodes keep trimmed models (`src/tree/model/trimmed.ts`: a restore point\'s full JSON carries its VM\'s whole model) and View Properties reads the full JSON from ARM when asked. The JS heap is what the extension holds, the Azure SDK included (its modules alone: about 10 MB of heap and 30 MB of RSS, measured in plain Node). RSS also counts the SDK\'s compiled code and pages V8 used during the expansion and has not returned to the system; it does not meet 25 MB, and the SDK\'s share alone is above it. Earlier results (RSS without a garbage collection first) read 82 MB; the same code measured as here gave heap +26.0 MB and RSS +41 MB, so trimming the models saved heap, and RSS readings vary by ±10 MB between runs on a shared machine.',
  '- **Download VHD**: measured in Node with the extension\'s engine (`src/azure/download/downloadVhd.ts`) against the emulator\'s blob endpoint, which computes the disk\'s bytes as it sends them (the same for both transfers). Only page ranges are fetched, so a disk\'s empty space costs nothing; the engine fetches 4 ranges of up to 4 MiB at once and records each finished one, the plain GET is one stream.',
  '- **Replication poller**: measured in Node with the extension\'s own poller (`watchReplication`) against the emulator on a manual clock, each wait moving the emulated clock, so the count is exact. ARM sends no Retry-After on a restore point GET, so the poller reads at its default interval; a Retry-After on the reads would set the interval instead (bounded to 1 s–5 min). The notification gets one report per change of percentage, fewer than the reads.',
];

type Row = (string | number)[];

export function format(r: BenchResults, sizes: { bundleKb: number; vsixKb: number }, polling: ReplicationPollingFigure | undefined, download: DiskDownloadFigure | undefined): string {
  const row = (cells: Row): string => `| ${cells.join(' | ')} |`;
  const met = (ok: boolean): string => (ok ? 'yes' : '**no**');
  const figures: Row[] = [
    ['activation (bundle load + activate(), after the workbench settled)', `${r.activationMs.toFixed(1)} ms`, '≤ 50 ms', met(r.activationMs <= 50)],
    ['bundle (dist/extension.js, production)', `${sizes.bundleKb.toFixed(0)} KB`, '', ''],
    ['.vsix', `${sizes.vsixKb.toFixed(0)} KB`, '≤ 1,536 KB', met(sizes.vsixKb <= 1536)],
    ...(polling ? pollingRows(polling, met) : []),
    ...(download ? downloadRows(download, met) : []),
    ...treeMemoryRows(r, met),
    ...fleetRows(r, met),
  ];
  const bucket = `${r.readBucket.size} + ${r.readBucket.refillPerSecond}/s`;
  const lines = [
    '# Benchmark results',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, VS Code ${r.vscodeVersion}; ${r.latencyMs} ms injected per ARM request; ARM's throttling on (reads: a bucket of ${bucket} per subscription).`,
    '',
    row(['figure', 'value', 'target', 'met']),
    row(['---', '---', '---', '---']),
    ...figures.map(row),
    '',
    ...(r.views.length === 0
      ? []
      : [
          row(['view', 'time', 'ARM requests', 'repeated', 'sign-in requests', 'TLS connections', `floor: round trips × latency, or reads beyond ${r.readBucket.size} ÷ ${r.readBucket.refillPerSecond}/s`, 'time / floor']),
          row(['---', '---', '---', '---', '---', '---', '---', '---']),
          ...r.views.map((v) =>
            row([
              v.view,
              `${v.ms.toFixed(0)} ms`,
              v.armRequests,
              v.repeatedRequests,
              v.signInRequests,
              v.tlsConnections,
              `${v.floorTrips} × ${r.latencyMs} = ${v.floorTrips * r.latencyMs} ms${v.rateFloorMs > 0 ? `; ${v.rateFloorMs.toFixed(0)} ms` : ''}`,
              v.floorMs > 0 ? `${(v.ms / v.floorMs).toFixed(2)}×` : '–',
            ]),
          ),
          '',
        ]),
    ...NOTES,
  ];
  return lines.join('\n');
}

function pollingRows(polling: ReplicationPollingFigure, met: (ok: boolean) => string): Row[] {
  return [
    [
      `replication poller over a ${(polling.emulatedSeconds / 60).toFixed(0)}-minute copy (test clock)`,
      `${polling.reads} reads, ${polling.reports} progress reports; ${polling.retryAfterSeconds === undefined ? 'no Retry-After from ARM' : `Retry-After ${polling.retryAfterSeconds} s`}, read every ${polling.intervalSeconds} s`,
      `≤ ${polling.impliedReads} reads (1 + ${polling.emulatedSeconds} s / ${polling.intervalSeconds} s)`,
      met(polling.reads <= polling.impliedReads),
    ],
  ];
}

function downloadRows(download: DiskDownloadFigure, met: (ok: boolean) => string): Row[] {
  return [
    [
      `Download VHD: bytes transferred for a ${(download.diskBytes / 2 ** 30).toFixed(0)} GiB disk holding ${(download.dataBytes / 2 ** 30).toFixed(2)} GiB`,
      `${(download.transferredBytes / 2 ** 30).toFixed(3)} GiB`,
      '≤ data + 1%',
      met(download.transferredBytes <= download.dataBytes * 1.01),
    ],
    [
      'Download VHD: throughput against one plain HTTPS GET of the same bytes (same run, same emulator)',
      `${download.engineMBps.toFixed(0)} / ${download.plainMBps.toFixed(0)} MiB/s = ${(download.engineMBps / download.plainMBps).toFixed(2)}`,
      '≥ 0.8',
      met(download.engineMBps / download.plainMBps >= 0.8),
    ],
  ];
}

function treeMemoryRows(r: BenchResults, met: (ok: boolean) => string): Row[] {
  if (r.heapMb === undefined || r.memoryMb === undefined) return [];
  const heapMb = r.heapMb - r.heapBeforeMb;
  const rssMb = r.memoryMb - r.rssBeforeMb;
  return [
    [
      `extension host JS heap above VS Code's own after the full expansion (${r.treeNodes} tree items; after a full garbage collection)`,
      `+${heapMb.toFixed(1)} MB (${r.heapBeforeMb.toFixed(0)} → ${r.heapMb.toFixed(0)} MB)`,
      '≤ 25 MB',
      met(heapMb <= 25),
    ],
    ['extension host RSS above VS Code\'s own, same moment', `+${rssMb.toFixed(0)} MB (${r.rssBeforeMb.toFixed(0)} → ${r.memoryMb.toFixed(0)} MB)`, '≤ 25 MB', met(rssMb <= 25)],
  ];
}

function fleetRows(r: BenchResults, met: (ok: boolean) => string): Row[] {
  const fleet = r.fleet;
  if (!fleet) return [];
  const rssMb = fleet.rssMb - r.rssBeforeMb;
  const heapMb = fleet.heapMb - r.heapBeforeMb;
  return [
    [
      `extension host RSS above VS Code's own at ${fleet.virtualMachines.toLocaleString('en-US')} VMs (the fleet's ${fleet.subscriptions} subscriptions expanded, every VM shown; after a full garbage collection)`,
      `+${rssMb.toFixed(0)} MB (${r.rssBeforeMb.toFixed(0)} → ${fleet.rssMb.toFixed(0)} MB); JS heap +${heapMb.toFixed(1)} MB`,
      '≤ 100 MB',
      met(rssMb <= 100),
    ],
    ['the fleet\'s tree: every VM of every subscription shown (throttling on)', `${(fleet.ms / 1000).toFixed(1)} s, ${fleet.armRequests} ARM requests, ${fleet.tlsConnections} TLS connections`, '', ''],
  ];
}
